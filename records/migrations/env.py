"""Alembic environment: always run with a connection handed over by records.migrate."""

from alembic import context

from records.tables import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True, compare_type=True)
with context.begin_transaction():
    context.run_migrations()
