"""Bringing any database up to the current schema, at start-up, without losing rows."""

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_LOCK_ID = 727274  # any constant; serialises replicas that start at the same moment on PostgreSQL


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def migrate(engine: Engine, revision: str = "head") -> None:
    """Upgrade to `revision` in one transaction (under an advisory lock on PostgreSQL)."""
    config = alembic_config()
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as connection:
        connection = connection.execution_options(write=True)
        if sqlite:
            # SQLite alters a table by copying it and dropping the original; with foreign keys on,
            # that drop would cascade and delete every dependent row. The pragma only takes effect
            # outside a transaction, so it goes straight to the driver.
            _driver(connection).execute("PRAGMA foreign_keys=OFF")
        try:
            with connection.begin():
                if engine.dialect.name == "postgresql":
                    connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_LOCK_ID})")
                config.attributes["connection"] = connection
                command.upgrade(config, revision)
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
                    if broken:
                        raise RuntimeError(f"migration left {len(broken)} rows with dangling references; rolled back")
        finally:
            if sqlite:
                _driver(connection).execute("PRAGMA foreign_keys=ON")


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:
        raise RuntimeError("records/migrations has no revisions")
    return head


def _driver(connection: Connection) -> Any:
    """The DB-API connection under SQLAlchemy's, for statements that must bypass its transactions."""
    driver = connection.connection.driver_connection
    if driver is None:
        raise RuntimeError("the database connection is closed")
    return driver
