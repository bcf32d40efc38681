"""Two tabs starting the same thing at once get one submission and one attempt, never a duplicate or an error."""

import threading
from datetime import UTC, datetime

import pytest
from apptest_helpers import open_as, texts, two_supervisors_world
from db_fixtures import BACKENDS, fresh_engine
from sqlalchemy import func, select, text

import records.assignments
from records.assignments import create_assignment, start_submission, trainee_assignment
from records.cohorts import add_members, create_cohort
from records.migrate import migrate
from records.progress import attempts_of, start_attempt
from records.roster import check_row
from records.supervisors import add_supervisor
from records.tables import attempts, submissions

TAB_COUNT = 2


@pytest.fixture(params=BACKENDS)
def assigned(request, tmp_path):
    """A trainee with one practice assignment of two scenarios."""
    engine = fresh_engine(request.param, tmp_path)
    supervisor = add_supervisor(engine, "Dr. Race", "race@example.edu", "correct horse battery")
    cohort = create_cohort(engine, supervisor.id, "Racers")
    ((trainee, _),) = add_members(engine, supervisor.id, cohort.id, [check_row(1, "Rae Racer", "rae@uni.edu", "", set())])
    made = create_assignment(engine, supervisor.id, cohort.id, title="Twice", scenario_ids=["s1", "s2"], mode="practice")
    yield engine, trainee, made
    engine.dispose()


def at_once(action, count: int = TAB_COUNT) -> list:
    """Run `action` in `count` threads released together; return what each returned (or raised)."""
    gate, results = threading.Barrier(count), [None] * count

    def run(i: int) -> None:
        gate.wait()
        try:
            results[i] = action()
        except Exception as error:  # collected: the test asserts there are none
            results[i] = error

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def stale_reads(monkeypatch, count: int = TAB_COUNT) -> None:
    """Each tab read the assignment before any of them started it, as tabs drawn at the same moment do."""
    real, gate = trainee_assignment, threading.Barrier(count)

    def read_then_wait(engine, trainee_id, assignment_id):
        found = real(engine, trainee_id, assignment_id)
        gate.wait(timeout=10)
        return found

    monkeypatch.setattr(records.assignments, "trainee_assignment", read_then_wait)


def test_two_tabs_pressing_start_at_once_get_one_submission(assigned, monkeypatch):
    engine, trainee, made = assigned
    stale_reads(monkeypatch)
    results = at_once(lambda: start_submission(engine, trainee.id, made.id))
    assert not [r for r in results if isinstance(r, Exception)], results
    assert results[0].id == results[1].id and results[0].number == 1
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(submissions)).scalar() == 1


def test_two_tabs_pressing_next_scenario_at_once_get_one_attempt(assigned):
    engine, trainee, made = assigned
    submission = start_submission(engine, trainee.id, made.id)
    results = at_once(lambda: start_attempt(engine, trainee.id, "s2", "h" * 64, "Scenario two", submission_id=submission.id))
    assert not [r for r in results if isinstance(r, Exception)], results
    assert results[0] == results[1]
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(attempts)).scalar() == 1


def test_a_revised_scenario_still_starts_again_each_time_it_changes(assigned):
    engine, trainee, made = assigned
    submission = start_submission(engine, trainee.id, made.id).id
    first = start_attempt(engine, trainee.id, "s1", "a" * 64, "One", submission_id=submission)
    assert start_attempt(engine, trainee.id, "s1", "a" * 64, "One", submission_id=submission) == first, "the same version: the same attempt"
    revised = start_attempt(engine, trainee.id, "s1", "b" * 64, "One, revised", submission_id=submission)
    reverted = start_attempt(engine, trainee.id, "s1", "a" * 64, "One", submission_id=submission)
    assert len({first, revised, reverted}) == 3, "a change back is a change too"
    assert [a.id for a in attempts_of(engine, trainee.id, submission_id=submission)][0] == reverted, "the newest is the one worked on"
    free = [start_attempt(engine, trainee.id, "s1", "a" * 64, "One") for _ in range(2)]
    assert free[0] != free[1], "free practice starts a new attempt each time"


def test_the_migration_numbers_existing_duplicate_attempts_and_keeps_their_answers(tmp_path):
    engine = fresh_engine("sqlite", tmp_path, migrated=False)
    migrate(engine, "0005")
    now = datetime.now(UTC)
    with engine.begin() as c:  # what the race left behind: two attempts at s1 in one submission, each with an answer to the same step
        c.execute(text("INSERT INTO supervisors (id, name, email, password_hash, failed_logins, created_at) VALUES (1, 'S', 's@x.edu', 'x', 0, :t)"), {"t": now})
        c.execute(text("INSERT INTO cohorts (id, supervisor_id, title, created_at) VALUES (1, 1, 'C', :t)"), {"t": now})
        c.execute(text("INSERT INTO trainees (id, name, token_hash, created_at, cohort_id) VALUES (1, 'T', :h, :t, 1)"), {"h": "a" * 64, "t": now})
        c.execute(
            text("INSERT INTO assignments (id, cohort_id, title, mode, counts, confidence, reflection_required, scenario_ids, created_at) "
                 "VALUES (1, 1, 'A', 'practice', 'best', 0, 0, '[\"s1\"]', :t)"), {"t": now},
        )
        c.execute(text("INSERT INTO submissions (id, assignment_id, trainee_id, number, started_at) VALUES (1, 1, 1, 1, :t)"), {"t": now})
        for attempt_id in (7, 8):
            c.execute(
                text("INSERT INTO attempts (id, trainee_id, scenario_id, scenario_hash, scenario_title, started_at, submission_id) VALUES (:a, 1, 's1', :h, 'S', :t, 1)"),
                {"a": attempt_id, "h": "h" * 64, "t": now},
            )
            c.execute(
                text("INSERT INTO answers (attempt_id, position, step_id, option_id, rating, credit, judged, answered_at) VALUES (:a, 0, 'step', 'o', 'best', 1.0, '{}', :t)"),
                {"a": attempt_id, "t": now},
            )
        c.execute(text("INSERT INTO attempts (id, trainee_id, scenario_id, scenario_hash, scenario_title, started_at) VALUES (9, 1, 's1', :h, 'S', :t)"), {"h": "h" * 64, "t": now})
    migrate(engine)
    with engine.connect() as c:
        assert c.execute(text("SELECT id, try_number FROM attempts ORDER BY id")).all() == [(7, 1), (8, 2), (9, None)]
        assert c.execute(text("SELECT COUNT(*) FROM answers")).scalar() == 2
    assert start_attempt(engine, 1, "s1", "h" * 64, "S", submission_id=1) == 8, "the newest of them is the one carried on"
    engine.dispose()


def test_a_second_tab_pressing_start_after_the_first_sees_no_database_error(monkeypatch):
    world = two_supervisors_world()
    engine, ana, made = world["engine"], world["ana"], world["assessment"]
    first = open_as(world["ana_token"], "views/pages/my_assignments.py").button(key="assignments_open").click().run()
    second = open_as(world["ana_token"], "views/pages/my_assignments.py").button(key="assignments_open").click().run()
    first = first.button(key="assignment_start").click().run()
    real = trainee_assignment
    # The second tab pressed Start at the moment the first did: it read the assignment before the first tab's submission existed.
    monkeypatch.setattr(records.assignments, "trainee_assignment", lambda *args: (real(*args)[0], []))
    second = second.button(key="assignment_start").click().run()
    assert not second.error and not second.exception, [e.value for e in second.error]
    assert "could not be saved" not in texts(second)
    assert "Scenario 1 of 2" in texts(second), "the second tab simply carries on with the same attempt"
    (_, subs), = [pair for pair in records.assignments.trainee_assignments(engine, ana.id) if pair[0].id == made.id]
    assert len(subs) == 1


def test_a_step_answered_in_another_tab_is_said_so_and_the_first_answer_stands():
    from apptest_helpers import answer

    world = two_supervisors_world()
    engine, ana = world["engine"], world["ana"]
    first = open_as(world["ana_token"], "views/pages/my_assignments.py").button(key="assignments_open").click().run()
    first = first.button(key="assignment_start").click().run()
    second = open_as(world["ana_token"], "views/pages/my_assignments.py").button(key="assignments_open").click().run()
    assert "Scenario 1 of 2" in texts(first) and "Scenario 1 of 2" in texts(second)
    first = answer(first, "Smile and say")
    second = answer(second, "Laugh and say")
    assert any("already answered in another window" in i.value for i in second.info), texts(second)[:400]
    (attempt,) = attempts_of(engine, ana.id, submission_id=records.assignments.trainee_assignments(engine, ana.id)[0][1][0].id)
    assert len(attempt.answers) == 1 and attempt.answers[0].rating != "" and "Laugh" not in attempt.answers[0].judged.option_text
