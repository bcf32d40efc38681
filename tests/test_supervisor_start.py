"""After sign-in a supervisor lands on what needs attention, and a new account on its next step."""

from datetime import UTC, datetime, timedelta

from apptest_helpers import new_supervisor, open_supervisor, texts, two_supervisors_world

from records.assignments import add_comment, create_assignment, hand_in, set_closed, start_submission
from records.attention import attention
from records.progress import save_reflection, start_attempt
from scenarios.load import load_library
from services.practice import store_answer


def _hand_in(engine, trainee, assignment_id, option: str, reflection: str | None = None) -> int:
    submission = start_submission(engine, trainee.id, assignment_id)
    scenario = load_library().get("gift-from-a-work-trip")
    attempt = start_attempt(engine, trainee.id, scenario.id, "h", scenario.title, submission_id=submission.id)
    store_answer(engine, trainee.id, attempt, scenario.steps[0], 0, option, None)
    if reflection:
        save_reflection(engine, trainee.id, attempt, reflection)
    hand_in(engine, trainee.id, submission.id)
    return attempt


def test_a_new_account_is_shown_its_next_step():
    _, token = new_supervisor("Dr. Newcomer")
    page = texts(open_supervisor(token))
    assert "Welcome, Dr. Newcomer" in page and "Getting started" in page
    assert "○ 1. Create a cohort" in page and "○ 3. Set an assignment" in page
    assert "Nothing right now" in page


def test_attention_counts_submissions_harm_waiting_reflections_and_overdue_for_this_supervisor_only():
    world = two_supervisors_world()
    engine, sup_a, ana = world["engine"], world["sup_a"], world["ana"]
    attempt = _hand_in(engine, ana, world["assessment"].id, "surprise-me", reflection="I wanted to be liked.")
    past = datetime.now(UTC) - timedelta(days=2)
    create_assignment(engine, sup_a.id, world["alpha"].id, title="Week 2 (late)", scenario_ids=["the-poodle-photo"], due_at=past)
    closed = create_assignment(engine, sup_a.id, world["alpha"].id, title="Closed and late", scenario_ids=["the-poodle-photo"], due_at=past)
    set_closed(engine, sup_a.id, closed.id, True)

    found = attention(engine, sup_a.id)
    assert (found.cohorts, found.trainees, found.assignments) == (1, 1, 3)
    assert [(i.trainee, i.what) for i in found.submitted] == [("Ana Alphason", "Alpha assessment")]
    assert found.harmful_count == 0, "'Surprise me' is poor, not harmful"
    assert [(i.trainee, i.what) for i in found.reflections] == [("Ana Alphason", "A souvenir from the islands")]
    assert [(i.trainee, i.what) for i in found.overdue] == [("Ana Alphason", "Week 2 (late)")], "closed work is not overdue"
    assert attention(engine, world["sup_b"].id).calm, "B sees nothing of A's cohort"

    add_comment(engine, sup_a.id, attempt, "Let's look at that wish to be liked.")
    assert attention(engine, sup_a.id).reflections_count == 0, "a commented reflection no longer waits"

    dean = create_assignment(engine, sup_a.id, world["alpha"].id, title="The dean", scenario_ids=["athlete-sent-by-the-dean"])
    submission = start_submission(engine, ana.id, dean.id)
    scenario = load_library().get("athlete-sent-by-the-dean")
    harmful = start_attempt(engine, ana.id, scenario.id, "h", scenario.title, submission_id=submission.id)
    store_answer(engine, ana.id, harmful, scenario.step("dean-emails"), 0, "share-the-context", None)
    assert attention(engine, sup_a.id).harmful_count == 0, "not yet handed in"
    hand_in(engine, ana.id, submission.id)
    assert [(i.trainee, i.what) for i in attention(engine, sup_a.id).harmful] == [("Ana Alphason", scenario.title)]


def test_the_start_page_lists_what_needs_attention():
    world = two_supervisors_world()
    _hand_in(world["engine"], world["ana"], world["assessment"].id, "warm-decline", reflection="Short and kind.")
    page = texts(open_supervisor(world["token_a"]))
    assert "Welcome, Dr. Alpha" in page and "Getting started" not in page
    assert "Handed in this week: 1" in page and "Ana Alphason handed in “Alpha assessment”" in page
    assert "Reflections waiting for your comment: 1" in page
