"""SQLite writers queue for the write lock: a waiting writer proceeds once the holder commits,
and one that waits too long gets the OperationalError the tasks retry on."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import exc, text

from mediadesk.storage import db


@pytest.fixture
def engines(tmp_path):
    url = f"sqlite:///{tmp_path / 'lock.db'}"
    first, second = db.make_engine(url), db.make_engine(url)
    with first.begin() as conn:
        conn.execute(text("CREATE TABLE t (x INTEGER)"))
    yield first, second
    first.dispose()
    second.dispose()


def test_a_waiting_writer_goes_on_when_the_holder_commits(engines):
    first, second = engines
    holder = first.connect()
    tx = holder.begin()
    holder.execute(text("INSERT INTO t VALUES (1)"))
    timer = threading.Timer(0.3, tx.commit)
    timer.start()
    with second.begin() as conn:  # blocks until the commit above
        conn.execute(text("INSERT INTO t VALUES (2)"))
        assert conn.execute(text("SELECT count(*) FROM t")).scalar() == 2
    timer.join()
    holder.close()


def test_a_writer_that_waits_too_long_gets_an_operational_error(engines, monkeypatch):
    monkeypatch.setattr(db, "WRITE_WAIT_SECONDS", 0.3)
    first, second = engines
    holder = first.connect()
    holder.begin()
    holder.execute(text("INSERT INTO t VALUES (1)"))
    with pytest.raises(exc.OperationalError, match="locked"):
        with second.begin() as conn:
            conn.execute(text("INSERT INTO t VALUES (2)"))
    holder.rollback()
    holder.close()
    with second.begin() as conn:  # the lock is free again and the connection still usable
        conn.execute(text("INSERT INTO t VALUES (3)"))
