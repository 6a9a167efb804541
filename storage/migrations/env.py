"""Alembic environment: runs migrations against the URL given in the config."""

from alembic import context
from sqlmodel import SQLModel

from mediadesk.storage import models  # noqa: F401  (registers the tables)
from mediadesk.storage.db import make_engine

config = context.config
target_metadata = SQLModel.metadata


def run_offline() -> None:
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata,
                      literal_binds=True, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    engine = make_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
