"""A supervisor corrects an assignment after setting it: edit, close and reopen, delete (keeping answers unless told)."""

from datetime import UTC, datetime

import pytest
from apptest_helpers import answer, open_as, open_supervisor, texts, two_supervisors_world

from records.assignments import (
    AssignmentClosed,
    NotYours,
    assignments_of_cohort,
    create_assignment,
    delete_assignment,
    deletion_impact,
    hand_in,
    open_assessment_scenario_ids,
    sealed_scenario_ids,
    set_closed,
    start_submission,
    trainee_assignments,
    update_assignment,
)
from records.progress import attempts_of, start_attempt
from scenarios.load import load_library
from services.practice import store_answer


@pytest.fixture
def world():
    return two_supervisors_world()


def _answered(world, assignment_id: int, handed_in: bool = True) -> int:
    """Ana starts the assignment, answers the first step of its first scenario, and (by default) hands it in."""
    engine, ana = world["engine"], world["ana"]
    submission = start_submission(engine, ana.id, assignment_id)
    scenario = load_library().get("gift-from-a-work-trip")
    attempt = start_attempt(engine, ana.id, scenario.id, "hash", scenario.title, submission_id=submission.id)
    store_answer(engine, ana.id, attempt, scenario.steps[0], 0, "warm-decline", None)
    if handed_in:
        hand_in(engine, ana.id, submission.id)
    return submission.id


def test_editing_changes_what_trainees_see_and_refuses_fewer_attempts_than_used(world):
    engine, sup_a, made = world["engine"], world["sup_a"], world["assessment"]
    _answered(world, made.id)
    due = datetime(2031, 5, 1, 23, 59, 59, tzinfo=UTC)
    changed = update_assignment(engine, sup_a.id, made.id, title="  Week 5:  gifts ", due_at=due, attempts_allowed=3, confidence=False, reflection_required=True)
    assert (changed.title, changed.due_at, changed.attempts_allowed, changed.confidence, changed.reflection_required) == ("Week 5: gifts", due, 3, False, True)
    assert changed.scenario_ids == made.scenario_ids and changed.mode == made.mode
    (seen, _), = trainee_assignments(engine, world["ana"].id)
    assert seen.title == "Week 5: gifts"
    start_submission(engine, world["ana"].id, made.id)  # a second attempt
    with pytest.raises(ValueError, match="already used 2 attempts; allow at least 2"):
        update_assignment(engine, sup_a.id, made.id, title="x", due_at=None, attempts_allowed=1, confidence=True, reflection_required=False)
    with pytest.raises(NotYours):
        update_assignment(engine, world["sup_b"].id, made.id, title="taken", due_at=None, attempts_allowed=None, confidence=True, reflection_required=False)


def test_a_closed_assignment_cannot_be_started_or_handed_in_and_releases_its_scenarios(world):
    engine, sup_a, ana, made = world["engine"], world["sup_a"], world["ana"], world["assessment"]
    open_one = _answered(world, made.id, handed_in=False)
    assert "gift-from-a-work-trip" in open_assessment_scenario_ids(engine) and "gift-from-a-work-trip" in sealed_scenario_ids(engine, ana.id)
    assert set_closed(engine, sup_a.id, made.id, True).closed
    with pytest.raises(AssignmentClosed, match="can no longer be submitted"):
        hand_in(engine, ana.id, open_one)
    with pytest.raises(AssignmentClosed):
        start_submission(engine, ana.id, made.id)
    assert "gift-from-a-work-trip" not in open_assessment_scenario_ids(engine) | sealed_scenario_ids(engine, ana.id)
    with pytest.raises(NotYours):
        set_closed(engine, world["sup_b"].id, made.id, False)
    assert not set_closed(engine, sup_a.id, made.id, False).closed
    hand_in(engine, ana.id, open_one)  # reopened: the same submission can be handed in


def test_deleting_keeps_the_answers_as_practice_unless_told_otherwise(world):
    engine, sup_a, ana = world["engine"], world["sup_a"], world["ana"]
    _answered(world, world["assessment"].id)
    assert deletion_impact(engine, sup_a.id, world["assessment"].id) == (1, 1, 1, 1)
    assert delete_assignment(engine, sup_a.id, world["assessment"].id) == (1, 1, 1, 1)
    assert trainee_assignments(engine, ana.id) == []
    (kept,) = attempts_of(engine, ana.id, free_practice_only=True)
    assert kept.scenario_id == "gift-from-a-work-trip" and [a.option_id for a in kept.answers] == ["warm-decline"]

    again = create_assignment(engine, sup_a.id, world["alpha"].id, title="Second", scenario_ids=["gift-from-a-work-trip"], mode="practice")
    _answered(world, again.id)
    with pytest.raises(NotYours):
        delete_assignment(engine, world["sup_b"].id, again.id)
    delete_assignment(engine, sup_a.id, again.id, keep_answers=False)
    assert len(attempts_of(engine, ana.id)) == 1, "only the answers kept from the first deletion remain"


def test_a_supervisor_edits_closes_and_deletes_a_duplicate_from_the_assignments_page(world):
    engine, sup_a, alpha = world["engine"], world["sup_a"], world["alpha"]
    twin = create_assignment(engine, sup_a.id, alpha.id, title="Week 3", scenario_ids=["the-poodle-photo"], mode="practice")
    at = open_supervisor(world["token_a"], "views/pages/assign.py")
    at.selectbox(key="manage_pick").set_value(twin.id).run()
    at.text_input(key=f"edit_{twin.id}_title").input("Week 3 (copy)")
    at = next(b for b in at.button if b.label == "Save changes").click().run()
    assert "Saved the changes to “Week 3 (copy)”" in texts(at)
    listed = next(f.value for f in at.dataframe if "title" in f.value.columns)
    assert "Week 3 (copy)" in listed["title"].tolist(), "the table above shows the change at once"

    at = at.button(key=f"manage_close_{twin.id}").click().run()
    assert "is closed" in texts(at)
    listed = next(f.value for f in at.dataframe if "title" in f.value.columns)
    assert listed.set_index("title").loc["Week 3 (copy)", "open"] == "closed"
    trainee = open_as(world["ana_token"], "views/pages/my_assignments.py")
    trainee.selectbox(key="assignments_pick").set_value(twin.id).run()
    trainee = trainee.button(key="assignments_open").click().run()
    assert "closed this assignment" in texts(trainee) and not any(b.key == "assignment_start" for b in trainee.button)

    at = at.button(key=f"manage_delete_{twin.id}").click().run()
    assert "Delete “Week 3 (copy)”? It is set for 1 trainee(s), who have 0 submission(s)" in texts(at)
    at = at.button(key=f"manage_delete_yes_{twin.id}").click().run()
    assert "Deleted “Week 3 (copy)”" in texts(at)
    assert [a.title for a in assignments_of_cohort(engine, sup_a.id, alpha.id)] == ["Alpha assessment"]
    listed = next(f.value for f in at.dataframe if "title" in f.value.columns)
    assert listed["title"].tolist() == ["Alpha assessment"]


def test_a_new_assignment_is_listed_at_once(world):
    at = open_supervisor(world["token_a"], "views/pages/assign.py")
    at = at.multiselect(key="assign_chosen").set_value(["the-poodle-photo"]).run()
    at.text_input(key="assign_title").input("Week 6")
    at = next(b for b in at.button if b.label == "Create assignment").click().run()
    listed = next(f.value for f in at.dataframe if "title" in f.value.columns)
    assert listed["title"].tolist() == ["Alpha assessment", "Week 6"]


def test_a_trainee_whose_assignment_is_closed_mid_work_is_told_and_nothing_breaks(world):
    at = open_as(world["ana_token"], "views/pages/my_assignments.py").button(key="assignments_open").click().run()
    at = at.button(key="assignment_start").click().run()
    at = answer(at, "Laugh and say")
    set_closed(world["engine"], world["sup_a"].id, world["assessment"].id, True)
    at = at.run()
    assert "closed this assignment" in texts(at) and not at.exception
