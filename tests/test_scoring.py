"""Judging answers and walking a branching scenario."""

import pytest

from scenarios.load import load_library
from scoring.judge import CREDIT, judge
from scoring.run import Run, current_step, is_finished, judgements, part_outcomes, proceed, progress, submit, total_credit


@pytest.fixture(scope="module")
def gift():
    return load_library().get("gift-from-a-work-trip")


def test_credit_per_rating():
    assert CREDIT == {"best": 1.0, "acceptable": 0.5, "poor": 0.0, "harmful": 0.0}


def test_a_weak_answer_is_explained_and_shown_the_strongest(gift):
    judgement = judge(gift.step("offer"), "surprise-me")
    assert judgement.rating == "poor" and judgement.credit == 0 and not judgement.flagged
    assert judgement.strip() == {
        "professional": "not at stake",
        "personal": "not at stake",
        "relationship": "upheld",
        "necessary_help": "not at stake",
        "for_the_client": "undermined",
    }
    assert [(line.part.key, line.verdict) for line in judgement.lines] == [("relationship", "upholds"), ("for_the_client", "undermines")]
    assert judgement.strongest.id == "warm-decline"
    assert {line.part.key for line in judgement.strongest_lines} == {"for_the_client", "relationship"}
    assert "For the client" in str(judgement.lines[1])


def test_the_strongest_answer_has_no_strongest_to_show(gift):
    judgement = judge(gift.step("offer"), "warm-decline")
    assert judgement.credit == 1 and judgement.strongest is None and judgement.strongest_lines == ()


def test_a_run_follows_next_and_ends(gift):
    run = Run(gift.id)
    assert current_step(gift, run).id == "offer" and progress(gift, run) == (0, 2)
    run = submit(gift, run, "explain-policy")
    assert run.reviewing and progress(gift, run) == (1, 2)
    assert submit(gift, run, "warm-decline") is run, "a second submit while reviewing must not add an answer"
    run = proceed(run)
    assert current_step(gift, run).id == "he-insists"
    run = proceed(submit(gift, run, "smile-and-decline-again"))
    assert is_finished(gift, run) and current_step(gift, run) is None
    assert total_credit(judgements(gift, run)) == (1.5, 2)


def test_part_outcomes_count_each_step(gift):
    run = Run(gift.id)
    for option in ("surprise-me", "give-in"):
        run = proceed(submit(gift, run, option))
    table = part_outcomes(judgements(gift, run)).set_index(["part", "outcome"])["steps"]
    assert table[("For the client", "undermined")] == 2
    assert table[("Relationship", "upheld")] == 1
    assert table[("Relationship", "missed")] == 1, "the strongest response upholds it and give-in does not touch it"
    assert table.groupby(level="part").sum().eq(2).all()


def test_an_option_from_another_step_is_refused(gift):
    with pytest.raises(StopIteration):
        submit(gift, Run(gift.id), "give-in")


def test_options_are_shown_shuffled_but_stably(gift):
    from scoring.run import presentation_order

    step = gift.step("offer")
    orders = {tuple(o.id for o in presentation_order(step, f"{gift.id}:{n}")) for n in range(20)}
    assert len(orders) > 1, "the order must vary between runs"
    assert presentation_order(step, "x") == presentation_order(step, "x")
    assert sorted(o.id for o in presentation_order(step, "x")) == sorted(o.id for o in step.options)
