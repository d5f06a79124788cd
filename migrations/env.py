"""Alembic environment, shared by `alembic upgrade head` (alembic.ini) and `tracker db ...` (from code)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from tracker.config import resolve_database_url
from tracker.store.database import create_db_engine
from tracker.store.migrate import check_foreign_keys, migration_connection
from tracker.store.tables import metadata

config = context.config
target_metadata = metadata


def run_on(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things in place; batch mode copies the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
        # before the commit: a reference the table copies broke fails the whole move
        check_foreign_keys(connection)


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:  # tracker's own code passes one from migration_connection
        run_on(connection)
        return
    url = config.get_main_option("sqlalchemy.url") or resolve_database_url()
    engine = create_db_engine(url)
    try:
        with migration_connection(engine) as conn:
            run_on(conn)
    finally:
        engine.dispose()


if context.is_offline_mode():
    context.configure(
        url=config.get_main_option("sqlalchemy.url") or resolve_database_url(),
        target_metadata=target_metadata,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()
