"""python -m records backup / restore: consistent copies while the app writes, a faithful restore, bad input refused."""

import os
import re
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest
from db_fixtures import fresh_engine
from sqlalchemy import insert, text
from test_erasure import dump, make_world

from records.backup import BackupError, backup, inspect_backup, restore
from records.db import writing
from records.migrate import current_revision, head_revision, migrate
from records.tables import answers, attempts, trainees
from records.trainees import add_trainee, list_trainees

ROOT = Path(__file__).resolve().parent.parent
JUDGED = {"prompt": "What do you say?", "option_text": "A warm refusal", "feedback": "Kind and clear.", "effects": {}, "at_stake": ["for_the_client"]}


def seed(engine, trainees_count: int = 40, attempts_each: int = 10, answers_each: int = 30) -> list[int]:
    """Bulk rows (trainees, attempts, answers); returns the attempt ids."""
    now = datetime.now(UTC)
    with engine.begin() as connection:
        connection.execute(insert(trainees), [{"name": f"Seeded {n}", "token_hash": f"{n:064x}", "created_at": now} for n in range(trainees_count)])
        trainee_ids = [r[0] for r in connection.execute(text("SELECT id FROM trainees WHERE name LIKE 'Seeded %' ORDER BY id"))]
        connection.execute(
            insert(attempts),
            [{"trainee_id": t, "scenario_id": f"s{n}", "scenario_hash": "h" * 64, "scenario_title": "Seeded", "started_at": now} for t in trainee_ids for n in range(attempts_each)],
        )
        attempt_ids = [r[0] for r in connection.execute(text("SELECT id FROM attempts WHERE scenario_title = 'Seeded' ORDER BY id"))]
        connection.execute(
            insert(answers),
            [{"attempt_id": a, "position": n, "step_id": f"step-{n}", "option_id": "o", "rating": "best", "credit": 1.0, "judged": JUDGED, "answered_at": now}
             for a in attempt_ids for n in range(answers_each)],
        )
    return attempt_ids


def rows_of(path: Path) -> dict[str, Counter]:
    with sqlite3.connect(path) as connection:
        names = [r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        return {name: Counter(connection.execute(f'SELECT * FROM "{name}"')) for name in names}


def test_backups_taken_while_four_writers_run_are_consistent_snapshots(tmp_path, capsys):
    engine = fresh_engine("sqlite", tmp_path)
    live = Path(engine.url.database)
    writer_attempts = seed(engine)[:4]
    stop, errors, written = threading.Event(), [], Counter()

    def write(attempt_id: int) -> None:  # each transaction adds a pair of answers: a torn copy would hold half a pair
        try:
            n = 0
            while not stop.is_set():
                with writing(engine) as connection:
                    connection.execute(insert(answers), [
                        {"attempt_id": attempt_id, "position": 100 + 2 * n + i, "step_id": f"w{n:06d}{half}", "option_id": "o", "rating": "best",
                         "credit": 1.0, "judged": JUDGED, "answered_at": datetime.now(UTC)}
                        for i, half in enumerate("ab")
                    ])
                n += 1
                written[attempt_id] = n
        except BaseException as error:  # collected and asserted below
            errors.append(error)

    writers = [threading.Thread(target=write, args=(a,)) for a in writer_attempts]
    for writer in writers:
        writer.start()
    copies, during, slowest = [], 0, 0.0
    try:
        while sum(written.values()) < 20:
            time.sleep(0.01)
        for i in range(5):
            before = sum(written.values())
            copy = backup(engine, tmp_path / f"copy-{i}.db")
            during += sum(written.values()) - before
            slowest = max(slowest, copy.milliseconds)
            copies.append(copy)
            time.sleep(0.05)
    finally:
        stop.set()
        for writer in writers:
            writer.join()
    assert errors == [], [repr(e) for e in errors[:3]]
    assert during > 0, "the writers kept committing while the copies were taken"

    final = rows_of(live)
    for copy in copies:
        found = rows_of(copy.path)
        assert {name: sum(c.values()) for name, c in found.items()} == copy.tables, "the reported counts are the file's"
        assert os.name != "posix" or copy.path.stat().st_mode & 0o777 == 0o600, "personal data: readable by its owner only"
        assert all(not found[name] - final[name] for name in found), "every row in the copy is in the live database, unchanged"
        with sqlite3.connect(copy.path) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
            assert connection.execute("PRAGMA journal_mode").fetchone() == ("delete",), "a single self-contained file"
            for attempt_id in writer_attempts:
                steps = [r[0] for r in connection.execute("SELECT step_id FROM answers WHERE attempt_id = ? AND step_id LIKE 'w%' ORDER BY step_id", (attempt_id,))]
                pairs = len(steps) // 2
                assert steps == [f"w{n:06d}{half}" for n in range(pairs) for half in "ab"], "whole transactions, in order, nothing torn"
    quiet = backup(engine, tmp_path / "quiet.db")  # writers stopped: the copy equals the live database
    assert rows_of(quiet.path) == final
    largest = max(copies, key=lambda c: c.rows)
    with capsys.disabled():
        print(f"\nbackup: {largest.rows:,} rows in {len(largest.tables)} tables copied in {slowest:.0f} ms (slowest of {len(copies)}) "
              f"while 4 writers ran ({sum(written.values())} write transactions, {during} of them during the copies); "
              "every copy a whole snapshot, integrity ok; with writers stopped the copy is identical")
    engine.dispose()


def test_restore_brings_back_exactly_what_was_backed_up(tmp_path, capsys):
    engine = fresh_engine("sqlite", tmp_path)
    world = make_world(engine)
    seed(engine, trainees_count=10)
    saved = dump(engine)
    copy = backup(engine, tmp_path / "saved.db")

    add_trainee(engine, "Written After")  # more work after the backup, through the same engine the app would hold
    later = add_trainee(engine, "Also After")[0]
    with writing(engine) as connection:
        connection.execute(text("DELETE FROM answers WHERE id % 3 = 0"))
    changed = dump(engine)
    assert changed != saved

    started = time.perf_counter()
    done = restore(copy.path, engine)
    elapsed = (time.perf_counter() - started) * 1000
    assert dump(engine) == saved, "the open engine sees exactly the backed-up rows"
    assert done.copy.tables == copy.tables and done.source_revision == head_revision() == done.copy.revision
    assert done.safety_copy.name.startswith("practicum.db.before-restore-") and done.safety_copy.parent == Path(engine.url.database).parent
    assert rows_of(done.safety_copy)["trainees"] != rows_of(copy.path)["trainees"], "the data from before the restore is kept"
    assert {t.name for t, _ in list_trainees(engine)} >= {world["ana"].name} and later.id not in {t.id for t, _ in list_trainees(engine)}
    add_trainee(engine, "Written After The Restore")  # the database stays writable
    with capsys.disabled():
        print(f"\nrestore: {copy.rows:,} rows in {len(copy.tables)} tables restored in {elapsed:.0f} ms after later writes and deletions; "
              f"every row identical to the backup; the replaced data kept in {done.safety_copy.name}")
    engine.dispose()


def test_restoring_an_older_backup_brings_it_up_to_date(tmp_path):
    (tmp_path / "old").mkdir()
    old = fresh_engine("sqlite", tmp_path / "old", migrated=False)
    migrate(old, "0001")
    with old.begin() as connection:
        connection.execute(text("INSERT INTO trainees (id, name, token_hash, created_at) VALUES (1, 'Old Trainee', :h, :t)"), {"h": "a" * 64, "t": datetime.now(UTC)})
    copy = backup(old, tmp_path / "old-backup.db")
    assert copy.revision == "0001"
    engine = fresh_engine("sqlite", tmp_path)
    add_trainee(engine, "Newer")
    done = restore(copy.path, engine)
    assert current_revision(engine) == head_revision() == done.copy.revision and done.source_revision == "0001"
    assert [t.name for t, _ in list_trainees(engine)] == ["Old Trainee"]
    old.dispose()
    engine.dispose()


def test_bad_backups_and_targets_are_refused_and_change_nothing(tmp_path):
    engine = fresh_engine("sqlite", tmp_path)
    add_trainee(engine, "Ana")
    live = Path(engine.url.database)
    before = dump(engine)
    text_file = tmp_path / "notes.txt"
    text_file.write_text("not a database\n")
    foreign = tmp_path / "foreign.db"
    with sqlite3.connect(foreign) as connection:
        connection.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)")
    future = tmp_path / "future.db"
    backup(engine, future)
    with sqlite3.connect(future) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    empty = tmp_path / "empty.db"
    empty.touch()
    cases = {
        tmp_path / "missing.db": "no such file",
        tmp_path: "not a file",
        text_file: "not an SQLite database",
        empty: "not an SQLite database",
        foreign: "not one of this app's",
        future: "revision '9999'",
        live: "the live database itself",
    }
    for source, message in cases.items():
        with pytest.raises(BackupError, match=message):
            restore(source, engine)
    assert dump(engine) == before
    assert not list(tmp_path.glob("*before-restore*")), "refused before anything was copied"

    secret_url = "postgresql+psycopg://practicum:s3cret-pw@db.example.org/practicum"
    for action in (lambda: backup(secret_url, tmp_path / "pg.db"), lambda: restore(future, secret_url)):
        with pytest.raises(BackupError, match="pg_dump") as refused:
            action()
        assert "s3cret-pw" not in str(refused.value)
    assert not (tmp_path / "pg.db").exists()

    target = tmp_path / "taken.db"
    target.write_bytes(b"keep me")
    with pytest.raises(BackupError, match="already exists"):
        backup(engine, target)
    assert target.read_bytes() == b"keep me"
    assert backup(engine, target, force=True).tables["trainees"] == 1 and inspect_backup(target).revision == head_revision()
    with pytest.raises(BackupError, match="live database itself"):
        backup(engine, live, force=True)
    with pytest.raises(BackupError, match="does not exist"):
        backup(engine, tmp_path / "no-such-folder" / "copy.db")
    assert dump(engine) == before
    engine.dispose()


def cli(tmp_path, *args: str, stdin: str = "", url: str | None = None) -> subprocess.CompletedProcess:
    env = {"PRACTICUM_DATABASE_URL": url or f"sqlite:///{tmp_path / 'data' / 'practicum.db'}", "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    return subprocess.run([sys.executable, "-m", "records", *args], cwd=ROOT, env=env, input=stdin, capture_output=True, text=True, timeout=60)


@pytest.mark.slow
def test_the_command_line_backs_up_and_restores_with_clear_messages(tmp_path):
    assert cli(tmp_path, "add-trainee", "Ana Lima").returncode == 0
    made = cli(tmp_path, "backup", str(tmp_path / "monday.db"))
    assert made.returncode == 0 and "Backed up" in made.stdout and "integrity ok" in made.stdout, made.stderr
    again = cli(tmp_path, "backup", str(tmp_path / "monday.db"))
    assert again.returncode == 2 and "already exists" in again.stderr and "--force" in again.stderr
    assert cli(tmp_path, "backup", str(tmp_path / "monday.db"), "--force").returncode == 0

    assert cli(tmp_path, "add-trainee", "Ben Cole").returncode == 0
    declined = cli(tmp_path, "restore", str(tmp_path / "monday.db"), stdin="no\n")
    assert declined.returncode == 1 and "replaces ALL data" in declined.stdout and "nothing was changed" in declined.stdout
    assert "Ben Cole" in cli(tmp_path, "list-trainees").stdout
    done = cli(tmp_path, "restore", str(tmp_path / "monday.db"), stdin="yes\n")
    assert done.returncode == 0 and "Restored" in done.stdout and "before-restore-" in done.stdout, done.stderr
    listed = cli(tmp_path, "list-trainees").stdout
    assert "Ana Lima" in listed and "Ben Cole" not in listed

    for path, message in ((tmp_path / "nope.db", "no such file"), (ROOT / "README.md", "not an SQLite database")):
        refused = cli(tmp_path, "restore", str(path), "--yes")
        assert refused.returncode == 2 and message in refused.stderr and "Nothing was changed" in refused.stderr
    pg = cli(tmp_path, "backup", str(tmp_path / "pg.db"), url="postgresql+psycopg://practicum:s3cret-pw@db.example.org/practicum")
    assert pg.returncode == 2 and "pg_dump" in pg.stderr and "s3cret-pw" not in pg.stdout + pg.stderr
    everything = made.stdout + again.stderr + declined.stdout + done.stdout + refused.stderr + pg.stderr
    assert "Traceback" not in everything


def test_the_readmes_pg_dump_and_pg_restore_commands_bring_back_every_row(tmp_path, capsys):
    engine = fresh_engine("postgresql", tmp_path)  # skips without a PostgreSQL server
    if not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        pytest.skip("pg_dump and pg_restore are not installed")
    commands = re.findall(r"^(pg_(?:dump|restore) .*)$", (ROOT / "docs" / "operations.md").read_text(encoding="utf-8"), re.MULTILINE)
    assert [c.split()[0] for c in commands] == ["pg_dump", "pg_restore"], commands
    make_world(engine)
    saved = dump(engine)
    url = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    env = os.environ | {"URL": url}

    def run(command: str) -> None:
        done = subprocess.run(["bash", "-c", command], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr

    run(commands[0])
    add_trainee(engine, "Written After The Dump")
    engine.dispose()
    run(commands[1])
    assert dump(engine) == saved
    rows = sum(sum(c.values()) for c in saved.values())
    with capsys.disabled():
        print(f"\npg_dump/pg_restore as docs/operations.md says: {rows} rows in {len(saved)} tables restored identical")
    engine.dispose()


TAMPERINGS = {
    "missing table": ("DROP TABLE comments", "table 'comments' is missing"),
    "extra trigger": (
        "CREATE TRIGGER every_answer_best AFTER INSERT ON answers BEGIN UPDATE answers SET rating = 'best', credit = 1.0 WHERE id = NEW.id; END",
        "it has a trigger 'every_answer_best'",
    ),
    "view": ("CREATE VIEW all_links AS SELECT name, token_hash FROM trainees", "it has a view 'all_links'"),
    "unknown table": ("CREATE TABLE exfiltrate (id INTEGER PRIMARY KEY, payload TEXT)", "a table 'exfiltrate' that this app does not make"),
    "extra column": ("ALTER TABLE answers ADD COLUMN note TEXT", "table 'answers' has an extra column 'note'"),
    "extra unique index": ("CREATE UNIQUE INDEX extra_unique ON trainees (name, token_hash)", "table 'trainees' has different indexes"),
    "check constraint": (
        "DROP TABLE supervisor_invites; CREATE TABLE supervisor_invites (id INTEGER NOT NULL, token_hash VARCHAR(64) NOT NULL, email VARCHAR(320) NOT NULL, "
        "invited_by INTEGER NOT NULL, created_at DATETIME NOT NULL, expires_at DATETIME NOT NULL, used_at DATETIME, "
        "CONSTRAINT pk_supervisor_invites PRIMARY KEY (id), CONSTRAINT uq_supervisor_invites_token_hash UNIQUE (token_hash), "
        "FOREIGN KEY(invited_by) REFERENCES supervisors (id) ON DELETE CASCADE, CHECK (email LIKE '%@attacker.example'))",
        "table 'supervisor_invites' has CHECK",
    ),
}


@pytest.mark.parametrize("tampering", TAMPERINGS)
def test_a_backup_whose_schema_was_tampered_with_is_refused_and_changes_nothing(tmp_path, tampering):
    engine = fresh_engine("sqlite", tmp_path)
    make_world(engine)
    before = dump(engine)
    source = tmp_path / "tampered.db"
    backup(engine, source)
    statement, message = TAMPERINGS[tampering]
    with sqlite3.connect(source) as connection:
        connection.executescript(statement)
    with pytest.raises(BackupError, match=re.escape(message)) as refused:
        restore(source, engine)
    assert "not restored, and the current data is kept" in str(refused.value)
    assert dump(engine) == before
    assert not list(tmp_path.glob("*before-restore*")), "refused before anything was copied"
    engine.dispose()


def test_a_good_backup_at_every_known_revision_passes_the_schema_check(tmp_path):
    for revision in ("0001", "0003", head_revision()):
        folder = tmp_path / revision
        folder.mkdir()
        old = fresh_engine("sqlite", folder, migrated=False)
        migrate(old, revision)
        assert inspect_backup(backup(old, folder / "copy.db").path).revision == revision
        old.dispose()
    engine = fresh_engine("sqlite", tmp_path)
    saved = dump(engine)
    assert restore(tmp_path / "0001" / "copy.db", engine).copy.revision == head_revision()
    assert dump(engine) == saved
    engine.dispose()


def test_the_command_line_names_what_is_wrong_with_a_tampered_backup(tmp_path, monkeypatch, capsys):
    from records.__main__ import main

    engine = fresh_engine("sqlite", tmp_path)
    add_trainee(engine, "Ana")
    source = tmp_path / "tampered.db"
    backup(engine, source)
    with sqlite3.connect(source) as connection:
        connection.executescript(TAMPERINGS["extra trigger"][0])
    monkeypatch.setenv("PRACTICUM_DATABASE_URL", str(engine.url))
    assert main(["restore", str(source), "--yes"]) == 2
    said = capsys.readouterr()
    assert "trigger 'every_answer_best'" in said.err and "Nothing was changed." in said.err and "Traceback" not in said.err + said.out
    assert [t.name for t, _ in list_trainees(engine)] == ["Ana"]
    engine.dispose()
