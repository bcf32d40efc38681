"""Persistence on both databases: schema, links, answers that are kept once and only for their owner."""

import threading
import time
from datetime import UTC, datetime

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from db_fixtures import BACKENDS, fresh_engine
from sqlalchemy import func, select, text

from records.db import database_url
from records.migrate import current_revision, head_revision, migrate
from records.progress import (
    MAX_REFLECTION,
    NotYours,
    attempts_of,
    finish_attempt,
    latest_attempt,
    save_answer,
    save_reflection,
    start_attempt,
    tried_scenarios,
)
from records.tables import answers, metadata, trainees
from records.trainees import add_trainee, find_by_token, reissue, revoke
from scenarios.judged import Judged


@pytest.fixture(params=BACKENDS)
def engine(request, tmp_path):
    engine = fresh_engine(request.param, tmp_path)
    yield engine
    engine.dispose()


def answer(engine, trainee, attempt, step="offer", option="warm-decline", **extra):
    values = dict(position=0, step_id=step, option_id=option, rating="best", credit=1.0, judged=Judged(at_stake=("for_the_client",)))
    return save_answer(engine, trainee.id, attempt, **(values | extra))


def test_migrations_build_exactly_the_declared_tables(engine):
    assert current_revision(engine) == head_revision()
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), metadata) == []


def test_migrating_again_keeps_every_row(engine):
    trainee, _ = add_trainee(engine, "Ana Lima")
    attempt = start_attempt(engine, trainee.id, "gift-from-a-work-trip", "h" * 64, "A souvenir")
    answer(engine, trainee, attempt)
    migrate(engine)
    migrate(engine)
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(answers)).scalar() == 1
        assert connection.execute(select(trainees.c.name)).scalar() == "Ana Lima"


@pytest.mark.parametrize("backend", BACKENDS)
def test_upgrading_a_first_version_database_loses_nothing(backend, tmp_path):
    engine = fresh_engine(backend, tmp_path, migrated=False)
    migrate(engine, "0001")
    now = datetime.now(UTC)
    with engine.begin() as connection:  # rows as version 0001 wrote them
        connection.execute(text("INSERT INTO trainees (id, name, token_hash, created_at) VALUES (1, 'Old Trainee', :h, :t)"), {"h": "a" * 64, "t": now})
        connection.execute(
            text("INSERT INTO attempts (id, trainee_id, scenario_id, scenario_hash, scenario_title, started_at, reflection) VALUES (1, 1, 's', :h, 'S', :t, 'kept')"),
            {"h": "b" * 64, "t": now},
        )
        connection.execute(
            text("INSERT INTO answers (attempt_id, position, step_id, option_id, rating, credit, judged, answered_at) VALUES (1, 0, 'a', 'b', 'best', 1.0, :j, :t)"),
            {"j": '{"at_stake": ["professional"]}', "t": now},
        )
    migrate(engine)
    assert current_revision(engine) == head_revision()
    (attempt,) = attempts_of(engine, 1)
    assert attempt.reflection == "kept" and attempt.answers[0].judged == Judged(version=1, at_stake=("professional",))
    with engine.connect() as connection:
        assert connection.execute(select(trainees.c.name, trainees.c.cohort_id)).one() == ("Old Trainee", None)
    engine.dispose()


def test_a_link_token_is_stored_only_as_a_hash(engine):
    trainee, token = add_trainee(engine, "  Ana   Lima ")
    assert trainee.name == "Ana Lima" and len(token) >= 32
    with engine.connect() as connection:
        stored = connection.execute(select(trainees)).one()
    assert token not in [str(v) for v in stored]
    assert find_by_token(engine, token) == trainee


def test_unknown_revoked_and_reissued_links(engine):
    trainee, token = add_trainee(engine, "Ben")
    assert find_by_token(engine, "not-a-token") is None and find_by_token(engine, "") is None
    revoke(engine, trainee.id)
    assert find_by_token(engine, token) is None
    fresh = reissue(engine, trainee.id)
    assert find_by_token(engine, fresh) == trainee and find_by_token(engine, token) is None


def test_a_double_submit_stores_one_answer(engine):
    trainee, _ = add_trainee(engine, "Ana")
    attempt = start_attempt(engine, trainee.id, "s", "h" * 64, "S")
    assert answer(engine, trainee, attempt) is True
    assert answer(engine, trainee, attempt, option="surprise-me") is False
    (only,) = attempts_of(engine, trainee.id)[0].answers
    assert only.option_id == "warm-decline"


def test_one_trainee_never_reads_or_writes_anothers_attempts(engine):
    ana, _ = add_trainee(engine, "Ana")
    ben, _ = add_trainee(engine, "Ben")
    anas = start_attempt(engine, ana.id, "s", "h" * 64, "S")
    answer(engine, ana, anas)
    with pytest.raises(NotYours):
        answer(engine, ben, anas, step="second")
    with pytest.raises(NotYours):
        save_reflection(engine, ben.id, anas, "mine now")
    with pytest.raises(NotYours):
        finish_attempt(engine, ben.id, anas)
    assert attempts_of(engine, ben.id) == [] and latest_attempt(engine, ben.id) is None
    assert [a.id for a in attempts_of(engine, ana.id)] == [anas]


def test_an_answer_keeps_what_it_was_judged_against(engine):
    trainee, _ = add_trainee(engine, "Ana")
    attempt = start_attempt(engine, trainee.id, "gone-scenario", "a" * 64, "A scenario since deleted")
    judged = Judged(prompt="What now?", option_text="Say no kindly", effects={"for_the_client": ("upholds", "owes nothing")}, at_stake=("for_the_client",))
    answer(engine, trainee, attempt, judged=judged, confidence="high")
    finish_attempt(engine, trainee.id, attempt)
    (stored,) = attempts_of(engine, trainee.id)
    assert stored.scenario_title == "A scenario since deleted" and stored.scenario_hash == "a" * 64
    assert stored.answers[0].judged == judged and stored.answers[0].confidence == "high"
    assert tried_scenarios(engine, trainee.id) == {"gone-scenario"}


def test_reflections_have_a_stated_limit(engine):
    trainee, _ = add_trainee(engine, "Ana")
    attempt = start_attempt(engine, trainee.id, "s", "h" * 64, "S")
    save_reflection(engine, trainee.id, attempt, "I would say: thank you, and no.")
    with pytest.raises(ValueError, match=f"at most {MAX_REFLECTION}"):
        save_reflection(engine, trainee.id, attempt, "x" * (MAX_REFLECTION + 1))
    assert attempts_of(engine, trainee.id)[0].reflection == "I would say: thank you, and no."


def test_confidence_must_be_a_known_level(engine):
    trainee, _ = add_trainee(engine, "Ana")
    attempt = start_attempt(engine, trainee.id, "s", "h" * 64, "S")
    with pytest.raises(ValueError):
        answer(engine, trainee, attempt, confidence="certain")


def test_sqlite_is_tuned_for_safe_concurrent_writes(tmp_path):
    engine = fresh_engine("sqlite", tmp_path)
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_the_url_comes_from_the_environment_then_secrets_then_the_default(tmp_path):
    secrets = tmp_path / "secrets.toml"
    assert database_url({}, secrets).startswith("sqlite:///") and database_url({}, secrets).endswith("data/practicum.db")
    secrets.write_text('[database]\nurl = "postgresql+psycopg://u:p@db/practicum"\n')
    assert database_url({}, secrets) == "postgresql+psycopg://u:p@db/practicum"
    assert database_url({"PRACTICUM_DATABASE_URL": "sqlite:///x.db"}, secrets) == "sqlite:///x.db"


@pytest.mark.slow
def test_fifty_threads_write_ten_thousand_answers_to_one_sqlite_file(tmp_path):
    engine = fresh_engine("sqlite", tmp_path)
    threads_count, per_thread = 50, 200
    errors: list[BaseException] = []
    trainee, _ = add_trainee(engine, "Load")
    attempts = [start_attempt(engine, trainee.id, f"s{i}", "h" * 64, "S") for i in range(threads_count)]

    def work(attempt_id: int) -> None:
        try:
            for n in range(per_thread):
                assert save_answer(engine, trainee.id, attempt_id, position=n, step_id=f"step-{n}", option_id="o", rating="best", credit=1.0, judged=Judged())
        except BaseException as error:  # collected and asserted below
            errors.append(error)

    started = time.perf_counter()
    workers = [threading.Thread(target=work, args=(a,)) for a in attempts]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - started
    with engine.connect() as connection:
        rows = connection.execute(select(func.count()).select_from(answers)).scalar()
        integrity = connection.execute(text("PRAGMA integrity_check")).scalar()
    print(f"\nconcurrency: {threads_count} threads x {per_thread} answers -> {rows} rows in {elapsed:.1f} s "
          f"({rows / elapsed:.0f} answers/s), {len(errors)} errors, integrity {integrity}")
    assert errors == [], [repr(e) for e in errors[:3]]
    assert rows == threads_count * per_thread
    assert integrity == "ok"


def test_sqlite_pool_waits_longer_than_sqlite_itself(tmp_path):
    """A writer must never be refused by the connection pool while SQLite would still wait for its lock."""
    from records.db import BUSY_TIMEOUT_MS

    engine = fresh_engine("sqlite", tmp_path)
    assert engine.pool.timeout() > BUSY_TIMEOUT_MS / 1000
