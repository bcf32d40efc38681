"""Feedback that teaches more: every option with its reasons, a line for a confident miss, a chart of what
the answers did (not of what was never at stake), and credit explained."""

from apptest_helpers import open_app, option_ids, start_scenario, texts, value_labelled

from scenarios.load import load_library
from scoring.judge import every_option, judge
from scoring.run import Answer, Run, part_outcomes
from views.parts.feedback import outcome_chart


def _answer(at, option_text: str, confidence: str | None):
    choice, sure = at.radio[0], at.radio[1]
    choice.set_value(value_labelled(choice, option_text, option_ids()))
    if confidence:
        sure.set_value(confidence)
    return next(b for b in at.button if b.label == "Submit answer").click().run()


def test_a_confident_miss_gets_a_line_of_its_own_and_an_unsure_one_does_not():
    at = _answer(start_scenario(open_app("views/pages/practice.py"), "gift-from-a-work-trip"), "Laugh and say", "high")
    assert "You were sure of this one, and it was not the strongest response." in texts(at)
    at = _answer(start_scenario(open_app("views/pages/practice.py"), "gift-from-a-work-trip"), "Laugh and say", "low")
    assert "You were sure" not in texts(at)
    at = _answer(start_scenario(open_app("views/pages/practice.py"), "gift-from-a-work-trip"), "Smile and say", "high")
    assert "You were sure" not in texts(at), "sure and right is no miss"


def test_see_every_option_lists_each_response_strongest_first_with_its_reasons():
    at = _answer(start_scenario(open_app("views/pages/practice.py"), "gift-from-a-work-trip"), "Laugh and say", None)
    (every,) = [e for e in at.expander if e.label == "See every option"]
    shown = "\n".join(m.value for m in every.markdown)
    assert shown.index("Strongest response: full credit**: Smile and say") < shown.index("Acceptable: half credit**: Sit back down")
    assert "Weak response: no credit** (your choice): Laugh and say" in shown
    assert shown.count("credit**") == 4
    assert "Why it tempts: It matches his friendliness" in "\n".join(c.value for c in every.caption)


def test_every_option_orders_by_rating_and_keeps_file_order_within_one():
    step = load_library().get("gift-from-a-work-trip").steps[0]
    assert [o.rating for o in every_option(step.options)] == ["best", "acceptable", "acceptable", "poor"]
    assert [o.id for o in every_option(step.options)][1:3] == ["explain-policy", "explore-now"]


def test_the_end_chart_draws_what_the_answers_did_and_leaves_out_parts_never_at_stake():
    scenario = load_library().get("gift-from-a-work-trip")
    found = [judge(scenario.steps[0], "warm-decline"), judge(scenario.step("he-insists"), "smile-and-decline-again")]
    values = outcome_chart(part_outcomes(found)).to_dict()["datasets"]
    rows = [row for data in values.values() for row in data]
    assert rows and {row["outcome"] for row in rows} <= {"upheld", "undermined"}
    assert {row["part"] for row in rows} == {"For the client", "Relationship"}


def test_the_summary_says_how_credit_is_given():
    at = start_scenario(open_app("views/pages/practice.py"), "gift-from-a-work-trip")
    for option in ("Smile and say", "Smile again"):
        at = _answer(at, option, None).button(key="practice_continue").click().run()
    assert "1 for the strongest response, ½ for an acceptable one, and 0 for a weak or harmful one" in texts(at)


def test_a_run_keeps_the_confidence_given():
    scenario = load_library().get("gift-from-a-work-trip")
    from scoring.run import judgements, submit

    run = submit(scenario, Run(scenario.id), "surprise-me", "high")
    assert run.answers == (Answer("offer", "surprise-me", "high"),) and judgements(scenario, run)[0].confident_miss
