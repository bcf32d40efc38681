"""Backing up and restoring the SQLite database with SQLite's online backup API.

The backup API copies a consistent snapshot while the app keeps writing (in WAL mode a reader
never blocks writers), so the app need not be stopped for a backup. PostgreSQL has its own
tools (pg_dump / pg_restore, see the README); these functions refuse it with a pointer there.
"""

import os
import re
import sqlite3
import tempfile
import time
from collections import Counter
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy import Engine
from sqlalchemy.engine import URL, make_url

from records.db import BUSY_TIMEOUT_MS, database_url, make_engine
from records.migrate import alembic_config, migrate

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_HINT = (
    'back it up with pg_dump --format=custom --file=practicum.dump "$URL" and restore with '
    'pg_restore --clean --if-exists --dbname="$URL" practicum.dump, where URL is the database URL without "+psycopg" (README, Backups)'
)


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why, and nothing was changed."""


class RestoreIncomplete(BackupError):
    """The backup was copied in but could not be migrated: unlike other BackupErrors, the data did change."""


@dataclass(frozen=True)
class Copy:
    """A checked SQLite file: where it is, its rows per table, its schema revision."""

    path: Path
    tables: dict[str, int]
    revision: str | None
    milliseconds: float = 0.0

    @property
    def rows(self) -> int:
        return sum(self.tables.values())

    def summary(self) -> str:
        return f"{self.rows:,} rows in {len(self.tables)} tables, integrity ok"


@dataclass(frozen=True)
class Restored:
    copy: Copy  # the live database after the restore (and any migrations)
    source_revision: str | None
    safety_copy: Path | None  # the data as it was before, or None if there was no database yet


def sqlite_path(database: Engine | str | None = None) -> Path:
    """The file behind an engine or URL (default: the app's own setting); refuses anything but a SQLite file."""
    try:
        url: URL = database.url if isinstance(database, Engine) else make_url(database or database_url())
    except Exception:  # the URL may carry a password: never repeat it
        raise BackupError("the database URL is not a valid SQLAlchemy URL") from None
    backend = url.get_backend_name()
    if backend != "sqlite":
        name = "PostgreSQL" if backend == "postgresql" else backend
        raise BackupError(f"the database is {name}, not SQLite: {PG_DUMP_HINT}")
    if not url.database or url.database == ":memory:":
        raise BackupError("an in-memory database has no file to back up or restore")
    return Path(url.database)


def backup(database: Engine | str | None, target: str | Path, *, force: bool = False, verify: bool = True) -> Copy:
    """Copy the live database to `target` (one self-contained file), check the copy, and report its rows.

    Safe while the app writes: the copy is one consistent snapshot, readable by its owner only. An existing `target` is
    replaced only with force=True, and only once the new copy has passed its check. With
    verify=False a copy that fails SQLite's integrity check is kept anyway (the safety copy
    before a restore, which may be replacing a damaged database).
    """
    live, target = sqlite_path(database), Path(target)
    if not live.is_file():
        raise BackupError(f"{live}: there is no database there yet, so nothing to back up")
    if target.exists() and _same_file(target, live):
        raise BackupError(f"{target} is the live database itself; choose another file for the backup")
    if target.is_dir():
        raise BackupError(f"{target} is a folder; give a file name for the backup")
    if target.exists() and not force:
        raise BackupError(f"{target} already exists; choose another name, or add --force to replace it")
    if not target.parent.is_dir():
        raise BackupError(f"{target.parent} does not exist; create the folder first")
    partial = target.with_name(f".{target.name}.partial-{os.getpid()}")
    partial.unlink(missing_ok=True)
    os.close(os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))  # names, emails, reflections: owner only
    started = time.perf_counter()
    try:
        with closing(_connect(live)) as source, closing(sqlite3.connect(partial, isolation_level=None)) as copy:
            source.backup(copy)  # all pages in one step: one read transaction, one snapshot
            elapsed = (time.perf_counter() - started) * 1000
            copy.execute("PRAGMA journal_mode=DELETE")  # a single file, with no -wal beside it
            checked = _check(copy, target, verify)
        os.replace(partial, target)
    except sqlite3.Error as error:
        raise BackupError(f"the copy to {target} failed ({error}); nothing was written there") from None
    finally:
        partial.unlink(missing_ok=True)
    return Copy(target, checked.tables, checked.revision, elapsed)


def inspect_backup(source: str | Path) -> Copy:
    """Check that `source` is a sound backup of this app's database that this version can bring up to date."""
    source = Path(source)
    if not source.exists():
        raise BackupError(f"{source}: no such file")
    if not source.is_file():
        raise BackupError(f"{source} is not a file")
    with source.open("rb") as handle:
        if handle.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
            raise BackupError(f"{source} is not an SQLite database (a backup made by `python -m records backup` is)")
    try:
        with closing(_open_readonly(source)) as connection:
            checked = _check(connection, source)
    except sqlite3.Error as error:
        raise BackupError(f"{source} cannot be read as an SQLite database ({error})") from None
    known = {script.revision for script in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
    if checked.revision is None or "trainees" not in checked.tables:
        raise BackupError(f"{source} is an SQLite database, but not one of this app's (it has no practicum tables or schema version)")
    if checked.revision not in known:
        raise BackupError(f"{source} has schema revision {checked.revision!r}, which this version of the app does not know (made by a newer version?)")
    with closing(_open_readonly(source)) as connection:
        differences = schema_differences(_schema(connection), reference_schema(checked.revision))
    if differences:
        shown = "; ".join(differences[:6]) + (f"; and {len(differences) - 6} more" if len(differences) > 6 else "")
        raise BackupError(
            f"{source} is not laid out as this app's database at schema {checked.revision}: {shown}. "
            "A backup made by `python -m records backup` never differs like this; it was not restored, and the current data is kept"
        )
    return checked


# What one SQLite table looks like, in the terms the comparison uses: columns by name, then sorted foreign keys,
# indexes and the count of clauses (CHECK, COLLATE, GENERATED) that PRAGMA table_xinfo cannot show.
TableShape = tuple[dict[str, tuple[object, ...]], tuple[tuple[object, ...], ...], tuple[tuple[object, ...], ...], tuple[tuple[str, int], ...]]


@dataclass(frozen=True)
class Schema:
    tables: dict[str, TableShape]
    others: tuple[tuple[str, str], ...]  # (type, name) of every trigger and view


def _schema(connection: sqlite3.Connection) -> Schema:
    tables: dict[str, TableShape] = {}
    others = []
    for kind, name, sql in connection.execute("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name"):
        if kind == "table":
            tables[name] = _table_shape(connection, name, sql or "")
        elif kind != "index":  # indexes are compared with their table
            others.append((kind, name))
    return Schema(tables, tuple(others))


def _table_shape(connection: sqlite3.Connection, table: str, sql: str) -> TableShape:
    quoted = '"{}"'.format(table.replace('"', '""'))
    columns: dict[str, tuple[object, ...]] = {
        row[1]: (str(row[2]).upper(), row[3], row[4], row[5], row[6])  # type, not null, default, primary key position, hidden
        for row in connection.execute(f"PRAGMA table_xinfo({quoted})")
    }
    foreign_keys = tuple(sorted(tuple(row[2:7]) for row in connection.execute(f"PRAGMA foreign_key_list({quoted})")))
    indexes = []
    for _, index, unique, origin, partial in connection.execute(f"PRAGMA index_list({quoted})"):
        index_quoted = '"{}"'.format(index.replace('"', '""'))
        keys = tuple((row[2], row[4], row[5]) for row in connection.execute(f"PRAGMA index_xinfo({index_quoted})") if row[5])  # column, descending, collation
        named = "" if index.startswith("sqlite_autoindex_") else index  # SQLite numbers these by constraint order
        indexes.append((named, unique, origin, partial, keys))
    # A CHECK constraint, a collation or a generated column hides in the CREATE text, not in the PRAGMAs;
    # counted outside string literals and quoted names, so a different layout of the same text does not matter.
    bare = re.sub(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|`[^`]*`|\[[^\]]*\]", " ", sql).upper()
    clauses = Counter(word for word in re.findall(r"[A-Z_]+", bare) if word in ("CHECK", "COLLATE", "GENERATED", "AS"))
    return columns, foreign_keys, tuple(sorted(indexes, key=repr)), tuple(sorted(clauses.items()))


@cache
def reference_schema(revision: str) -> Schema:
    """The schema that migrating an empty SQLite database to `revision` builds: what a backup at that revision must have."""
    with tempfile.TemporaryDirectory(prefix="practicum-reference-") as folder:
        path = Path(folder) / "reference.db"
        engine = make_engine(live_url(path))
        try:
            migrate(engine, revision)
        finally:
            engine.dispose()
        with closing(sqlite3.connect(path)) as connection:
            return _schema(connection)


def schema_differences(found: Schema, expected: Schema) -> list[str]:
    """How `found` differs from `expected`, one phrase per difference, naming the table, column, trigger or view."""
    differences = [f"it has a {kind} '{name}' (this app's database has no triggers or views)" for kind, name in found.others]
    differences += [f"table '{name}' is missing" for name in expected.tables if name not in found.tables]
    differences += [f"it has a table '{name}' that this app does not make" for name in found.tables if name not in expected.tables]
    for name in [n for n in expected.tables if n in found.tables]:
        (columns, foreign_keys, indexes, clauses), (want_columns, want_keys, want_indexes, want_clauses) = found.tables[name], expected.tables[name]
        differences += [f"table '{name}' lacks column '{c}'" for c in want_columns if c not in columns]
        differences += [f"table '{name}' has an extra column '{c}'" for c in columns if c not in want_columns]
        differences += [f"column '{name}.{c}' is defined differently" for c in want_columns if c in columns and columns[c] != want_columns[c]]
        if foreign_keys != want_keys:
            differences.append(f"table '{name}' has different foreign keys")
        if indexes != want_indexes:
            differences.append(f"table '{name}' has different indexes or unique constraints")
        if clauses != want_clauses:
            differences.append(f"table '{name}' has CHECK, COLLATE or generated-column clauses this app does not make")
    return differences


def restore(source: str | Path, database: Engine | str | None = None, *, now: datetime | None = None) -> Restored:
    """Replace everything in the live database with the backup `source`, then migrate it to this version.

    The current data is first backed up next to the database as `<db>.before-restore-<time>`.
    A source that fails its checks changes nothing.
    """
    live, source = sqlite_path(database), Path(source)
    checked = inspect_backup(source)
    if live.exists() and _same_file(source, live):
        raise BackupError(f"{source} is the live database itself; nothing to restore")
    safety = None
    if live.is_file():
        stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
        safety = live.with_name(f"{live.name}.before-restore-{stamp}")
        n = 1
        while safety.exists():
            safety, n = live.with_name(f"{live.name}.before-restore-{stamp}-{n}"), n + 1
        try:
            backup(live_url(live), safety, verify=False)
        except BackupError as error:
            raise BackupError(f"could not first keep a copy of the current data ({error}); move {live} aside by hand, then restore again") from None
    live.parent.mkdir(parents=True, exist_ok=True)
    try:
        with closing(_open_readonly(source)) as backup_file:
            with closing(_connect(live)) as target:
                backup_file.backup(target)  # one write transaction on the live file: all or nothing
    except sqlite3.Error as error:
        kept = f"; the previous data is also in {safety}" if safety else ""
        raise BackupError(f"copying {source} into {live} failed ({error}); the live database is unchanged{kept}") from None
    engine = database if isinstance(database, Engine) else make_engine(live_url(live))
    try:
        migrate(engine)
    except Exception as error:  # the copy is in; its upgrade rolled back
        kept = f"; the data from before the restore is in {safety}" if safety else ""
        raise RestoreIncomplete(
            f"{source} was copied in, but bringing it up to date failed ({type(error).__name__}); the database now holds the backup "
            f"at schema {checked.revision}, which this version cannot serve{kept}"
        ) from None
    finally:
        if engine is not database:
            engine.dispose()
    with closing(_connect(live)) as connection:
        after = _check(connection, live)
    return Restored(after, checked.revision, safety)


def live_url(path: Path) -> str:
    return f"sqlite:///{path}"


def _connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    return connection


def _open_readonly(path: Path) -> sqlite3.Connection:
    """Open a file for reading only, leaving no -wal or -shm files beside it. A file with a journal
    or WAL next to it may be mid-transaction, so it is read through them instead."""
    pending = any(path.with_name(path.name + suffix).exists() for suffix in ("-wal", "-journal"))
    return sqlite3.connect(f"{path.resolve().as_uri()}?{'mode=ro' if pending else 'immutable=1'}", uri=True, isolation_level=None)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return False


def _check(connection: sqlite3.Connection, path: Path, verify: bool = True) -> Copy:
    problems = [row[0] for row in connection.execute("PRAGMA integrity_check")] if verify else ["ok"]
    if problems != ["ok"]:
        raise BackupError(f"{path} failed SQLite's integrity check: {'; '.join(problems[:3])}")
    names = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    tables = {name: connection.execute('SELECT COUNT(*) FROM "{}"'.format(name.replace('"', '""'))).fetchone()[0] for name in names}
    revision = None
    if "alembic_version" in tables:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        revision = row[0] if row else None
    return Copy(path, tables, revision)
