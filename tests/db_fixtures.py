"""The same records tests run on SQLite and on a real PostgreSQL server."""

import os

import pytest
from sqlalchemy import text

from records.db import make_engine
from records.migrate import migrate
from records.tables import metadata

POSTGRES_ENV = "PRACTICUM_TEST_POSTGRES_URL"
BACKENDS = ["sqlite", "postgresql"]


def fresh_engine(backend: str, tmp_path, migrated: bool = True):
    if backend == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'practicum.db'}")
    else:
        url = os.environ.get(POSTGRES_ENV)
        if not url:
            pytest.skip(f"PostgreSQL tests need {POSTGRES_ENV} (.ci/run starts a server and sets it; locally: eval \"$(bash .ci/postgres.sh)\")")
        engine = make_engine(url)
        with engine.begin() as connection:  # start every test from an empty database
            metadata.drop_all(connection)
            connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
    if migrated:
        migrate(engine)
    return engine
