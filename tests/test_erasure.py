"""A supervisor exports and deletes a trainee's data: everything goes, nothing of anyone else's does."""

import json
from collections import Counter
from pathlib import Path

import pytest
from db_fixtures import BACKENDS, fresh_engine
from sqlalchemy import create_engine, select

from records.assignments import add_comment, create_assignment, hand_in, start_submission
from records.cohorts import NotYours, add_members, create_cohort
from records.erasure import delete_trainee, export_trainee, trainee_row_counts
from records.progress import finish_attempt, save_answer, save_reflection, start_attempt
from records.roster import check_row
from records.supervisors import add_supervisor
from records.tables import metadata, trainees
from scenarios.judged import Judged

PASSWORD = "correct horse battery"


def give_work(engine, supervisor_id: int, trainee, assignment_ids: list[int], free_practice: int = 4, steps: int = 3) -> None:
    """A trainee's history: each assignment handed in, free practice, reflections, and a comment on every attempt."""
    marker = trainee.name.split()[0]

    def attempt(submission_id, scenario_id):
        attempt_id = start_attempt(engine, trainee.id, scenario_id, "h" * 64, f"Scenario {scenario_id}", submission_id)
        for n in range(steps):
            judged = Judged(prompt=f"Step {n}?", option_text=f"{marker} chose option {n}", feedback=f"Feedback for {marker}")
            save_answer(engine, trainee.id, attempt_id, position=n, step_id=f"step-{n}", option_id=f"opt-{n}", rating="best", credit=1.0, judged=judged, confidence="high")
        save_reflection(engine, trainee.id, attempt_id, f"{marker}'s reflection on {scenario_id}")
        finish_attempt(engine, trainee.id, attempt_id)
        add_comment(engine, supervisor_id, attempt_id, f"Comment for {marker} on {scenario_id}")

    for assignment_id in assignment_ids:
        submission = start_submission(engine, trainee.id, assignment_id)
        for scenario_id in ("gift-from-a-work-trip", "the-poodle-photo"):
            attempt(submission.id, scenario_id)
        hand_in(engine, trainee.id, submission.id)
    for n in range(free_practice):
        attempt(None, f"free-{n}")


def make_world(engine) -> dict:
    """Supervisor A's cohort with Ana and Ben (sharing two assignments); supervisor B's cohort with Cara."""
    sup_a = add_supervisor(engine, "Dr. Alpha", "alpha@example.edu", PASSWORD)
    sup_b = add_supervisor(engine, "Dr. Beta", "beta@example.edu", PASSWORD)
    alpha, beta = create_cohort(engine, sup_a.id, "Alpha"), create_cohort(engine, sup_b.id, "Beta")
    (ana, _), (ben, _) = add_members(engine, sup_a.id, alpha.id, [check_row(1, "Ana Alphason", "ana@alpha.edu", "A1", set()), check_row(2, "Ben Betts", "ben@alpha.edu", "", set())])
    (cara, _), = add_members(engine, sup_b.id, beta.id, [check_row(1, "Cara Cole", "cara@beta.edu", "", set())])
    shared = [create_assignment(engine, sup_a.id, alpha.id, title=f"Set {n}", scenario_ids=["gift-from-a-work-trip", "the-poodle-photo"]).id for n in (1, 2)]
    theirs = create_assignment(engine, sup_b.id, beta.id, title="Beta set", scenario_ids=["gift-from-a-work-trip", "the-poodle-photo"]).id
    give_work(engine, sup_a.id, ana, shared)
    give_work(engine, sup_a.id, ben, shared, free_practice=3)
    give_work(engine, sup_b.id, cara, [theirs], free_practice=2)
    return dict(sup_a=sup_a, sup_b=sup_b, ana=ana, ben=ben, cara=cara)


def dump(engine) -> dict[str, Counter]:
    """Every row of every table, as comparable text."""
    with engine.connect() as connection:
        return {t.name: Counter(repr(sorted(r._mapping.items())) for r in connection.execute(select(t))) for t in metadata.sorted_tables}


def about(engine, trainee_id: int) -> dict[str, Counter]:
    """Rows that mention the trainee, found by column names alone (independently of records.erasure):
    the trainee by id, any trainee_id, and any attempt_id or submission_id of theirs."""
    with engine.connect() as connection:
        rows = {t.name: [r._mapping for r in connection.execute(select(t))] for t in metadata.sorted_tables}
    ids = {
        "trainee_id": {trainee_id},
        "submission_id": {r["id"] for r in rows["submissions"] if r["trainee_id"] == trainee_id},
        "attempt_id": {r["id"] for r in rows["attempts"] if r["trainee_id"] == trainee_id},
    }
    own = {"trainees": "trainee_id", "submissions": "submission_id", "attempts": "attempt_id"}

    def mentions(table, row):
        return (table in own and row["id"] in ids[own[table]]) or any(row.get(column) in found for column, found in ids.items())

    return {t: Counter(repr(sorted(r.items())) for r in found if mentions(t, r)) for t, found in rows.items()}


@pytest.fixture(params=BACKENDS)
def engine(request, tmp_path):
    engine = fresh_engine(request.param, tmp_path)
    yield engine
    engine.dispose()


def test_deleting_a_trainee_removes_every_row_about_them_and_nothing_else(engine, capsys):
    world = make_world(engine)
    ana, others = world["ana"], (world["ben"], world["cara"])
    before, ana_rows = dump(engine), about(engine, ana.id)
    others_before = [about(engine, t.id) for t in others]
    assert trainee_row_counts(engine, world["sup_a"].id, ana.id) == {t: sum(c.values()) for t, c in ana_rows.items() if c}

    exported = export_trainee(engine, world["sup_a"].id, ana.id)
    deleted = delete_trainee(engine, world["sup_a"].id, ana.id)

    after = dump(engine)
    remaining = about(engine, ana.id)
    assert all(not found for found in remaining.values()), {t: len(c) for t, c in remaining.items() if c}
    assert deleted == exported["rows"] == {t: sum(c.values()) for t, c in ana_rows.items() if c}
    assert all(after[t] == before[t] - ana_rows[t] for t in before), "every row not about Ana is exactly as it was"
    text = json.dumps({t: list(c) for t, c in after.items()})
    assert "Ana" not in text and "ana@alpha.edu" not in text, "no trace of her name, email, reflections or answers"
    assert [about(engine, t.id) for t in others] == others_before
    with engine.connect() as connection:
        assert connection.execute(select(trainees.c.id).where(trainees.c.id == ana.id)).first() is None
    if engine.dialect.name == "sqlite":  # nor in the file's bytes: freed pages and the write-ahead log are overwritten
        database = Path(engine.url.database)
        stored = b"".join(path.read_bytes() for path in database.parent.glob(database.name + "*"))
        assert b"ana@alpha.edu" not in stored and b"Ana Alphason" not in stored

    removed, kept = sum(deleted.values()), sum(sum(c.values()) for found in others_before for c in found.values())
    with capsys.disabled():
        print(f"\nerasure ({engine.dialect.name}): trainee {ana.name}: {sum(exported['rows'].values())} rows exported, {removed} deleted, "
              f"0 rows remain in {len(metadata.tables)} tables, the other trainees' {kept} rows untouched")


def test_the_export_holds_everything_about_the_trainee_and_no_link_hash(engine):
    world = make_world(engine)
    ana = world["ana"]
    with engine.connect() as connection:
        token_hash = connection.execute(select(trainees.c.token_hash).where(trainees.c.id == ana.id)).scalar_one()
    exported = json.loads(json.dumps(export_trainee(engine, world["sup_a"].id, ana.id)))  # JSON-serialisable as it is
    text = json.dumps(exported)

    assert exported["trainee"]["name"] == "Ana Alphason" and exported["trainee"]["email"] == "ana@alpha.edu"
    assert "token_hash" not in text and token_hash not in text
    assert exported["cohort"]["title"] == "Alpha" and [a["title"] for a in exported["assignments"]] == ["Set 1", "Set 2"]
    assert len(exported["submissions"]) == 2 and all(s["submitted_at"] for s in exported["submissions"])
    attempts = exported["attempts"]
    assert len(attempts) == 2 * 2 + 4
    first = next(a for a in attempts if a["scenario_id"] == "free-0")
    assert first["reflection"] == "Ana's reflection on free-0"
    assert [a["option_id"] for a in first["answers"]] == ["opt-0", "opt-1", "opt-2"]
    assert first["answers"][0]["judged"]["option_text"] == "Ana chose option 0" and first["answers"][0]["confidence"] == "high"
    assert first["comments"] == [{"id": first["comments"][0]["id"], "text": "Comment for Ana on free-0", "created_at": first["comments"][0]["created_at"], "supervisor": "Dr. Alpha"}]
    assert "Ben" not in text and "Cara" not in text, "nothing of the other trainees"
    assert exported["rows"] == {"trainees": 1, "assignment_trainees": 2, "submissions": 2, "attempts": 8, "answers": 24, "comments": 8}


def test_only_the_trainees_own_supervisor_may_export_or_delete(engine):
    world = make_world(engine)
    before = dump(engine)
    for action in (export_trainee, delete_trainee, trainee_row_counts):
        with pytest.raises(NotYours):
            action(engine, world["sup_b"].id, world["ana"].id)  # Ana is in supervisor A's cohort
        with pytest.raises(NotYours):
            action(engine, world["sup_a"].id, world["cara"].id)
        with pytest.raises(NotYours):
            action(engine, world["sup_a"].id, 999_999)
    assert dump(engine) == before


def test_deletion_does_not_lean_on_cascades(tmp_path):
    """SQLite ignores ON DELETE CASCADE unless foreign keys are switched on: the deletion must not depend on it."""
    engine = fresh_engine("sqlite", tmp_path)
    world = make_world(engine)
    bare = create_engine(engine.url)  # no tuning: foreign keys off, as in a plain sqlite3 session
    with bare.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 0
    delete_trainee(bare, world["sup_a"].id, world["ana"].id)
    assert all(not found for found in about(engine, world["ana"].id).values())
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_key_check").all() == []
    bare.dispose()
    engine.dispose()
