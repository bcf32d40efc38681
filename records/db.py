"""Connecting: which database, how SQLite is tuned, and how writes take their lock."""

import os
import tomllib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Table, create_engine, event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import NullPool

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE = ROOT / "data" / "practicum.db"
URL_ENV = "PRACTICUM_DATABASE_URL"
SECRETS = ROOT / ".streamlit" / "secrets.toml"
BUSY_TIMEOUT_MS = 30_000
POOL_TIMEOUT_S = 10 * BUSY_TIMEOUT_MS / 1000


class ConfigError(Exception):
    """The database setting is present but unusable; the message says what to fix."""


def database_url(environ: Mapping[str, str] | None = None, secrets_path: Path = SECRETS) -> str:
    """The URL from PRACTICUM_DATABASE_URL, else [database] url in .streamlit/secrets.toml, else the SQLite file."""
    settings: Mapping[str, str] = os.environ if environ is None else environ
    if settings.get(URL_ENV):
        return settings[URL_ENV]
    if secrets_path.exists():
        try:
            secrets = tomllib.loads(secrets_path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            raise ConfigError(f"{secrets_path}: not valid TOML ({error}); fix it or remove it") from None
        url = secrets.get("database", {}).get("url")
        if url:
            return str(url)
    return f"sqlite:///{DEFAULT_SQLITE}"


def make_engine(url: str | None = None) -> Engine:
    url = url or database_url()
    try:
        parsed = make_url(url)
    except Exception:  # sqlalchemy raises ArgumentError with the URL (and any password) in it
        raise ConfigError(f"the database URL in {URL_ENV} or secrets.toml is not a valid SQLAlchemy URL") from None
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return create_engine(parsed, pool_pre_ping=True, pool_size=5, max_overflow=10)


def _sqlite_engine(url: URL) -> Engine:
    if url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    connect_args = {"timeout": BUSY_TIMEOUT_MS / 1000}
    if url.database in (None, "", ":memory:"):
        engine = create_engine(url, poolclass=NullPool, connect_args=connect_args)
    else:
        # SQLite lets one writer in at a time, so under load most waiting happens here, not in
        # the database. If the pool gave up first (SQLAlchemy's default is 30 s, the same as the
        # busy timeout) a writer would fail with "QueuePool limit ... timed out" while SQLite was
        # still willing to wait: the pool waits far longer, so the only refusal is SQLite's own.
        engine = create_engine(url, pool_size=5, max_overflow=15, pool_timeout=POOL_TIMEOUT_S, connect_args=connect_args)

    @event.listens_for(engine, "connect")
    def _tune(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves, below
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA secure_delete=ON")  # deleted rows are overwritten, not left in free pages
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        # A deferred transaction that reads and then writes cannot wait for the lock and fails
        # with "database is locked"; taking the write lock up front lets busy_timeout work.
        immediate = connection.get_execution_options().get("write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """A write transaction: BEGIN IMMEDIATE on SQLite, an ordinary transaction elsewhere."""
    with engine.connect() as connection:
        connection = connection.execution_options(write=True)
        with connection.begin():
            yield connection


@contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    with engine.connect() as connection:
        with connection.begin():
            yield connection


def aware(moment: datetime | None) -> datetime | None:
    """A stored time as UTC-aware: SQLite hands back naive datetimes, and every time stored here is UTC."""
    return moment.replace(tzinfo=UTC) if moment is not None and moment.tzinfo is None else moment


def insert_unless_taken(connection: Connection, table: Table, values: dict[str, Any], unique: list[str]) -> bool:
    """INSERT ... ON CONFLICT (unique) DO NOTHING: False, inserting nothing, when a row with the same `unique`
    values exists (another request made it first: the caller reads that one instead of failing)."""
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(table).values(**values).on_conflict_do_nothing(index_elements=unique).returning(*table.primary_key.columns)
    return connection.execute(statement).first() is not None
