"""The Celery application: Redis broker, late acks, one queue.

Start a worker with ``mediadesk worker`` or ``celery -A mediadesk.worker.app worker -Q mediadesk``.
"""

from __future__ import annotations

import gc
import os

import structlog
from celery import Celery
from celery.signals import task_postrun, worker_init, worker_process_init

from mediadesk import logs
from mediadesk.settings import get_settings
from mediadesk.worker.broker import transport_for

QUEUE = "mediadesk"
GC_THRESHOLDS = (10_000, 20, 20)  # the defaults are (700, 10, 10)

settings = get_settings()
app = Celery("mediadesk", include=["mediadesk.worker.tasks"])
app.conf.update(
    broker_url=settings.redis_url,
    broker_transport=transport_for(settings.redis_url),
    broker_connection_retry_on_startup=True,
    # A task is acknowledged only after it ran, and requeued when its worker dies mid-task:
    # together with idempotent tasks this gives an exactly-once effect.
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    task_default_queue=QUEUE,
    task_ignore_result=True,
    task_serializer="json",
    accept_content=["json"],
    worker_prefetch_multiplier=4,
    # A pool process that grew past this (a huge message parsed) is replaced after its task, so
    # one message's peak does not stay with the worker (MEDIADESK_WORKER_MAX_MEMORY_MB).
    worker_max_memory_per_child=settings.worker_max_memory_mb * 1024 if settings.worker_max_memory_mb else None,
    worker_hijack_root_logger=False,
    # Our events are structlog JSON lines on stderr. Celery's default redirects the pool's
    # stdout/stderr into its own logger, which wrapped each line as
    # "[… WARNING/ForkPoolWorker-3] {"event": …}": no longer JSON, and every event a warning.
    worker_redirect_stdouts=False,
    # Unacknowledged messages of a killed worker come back after this; the outbox sweep
    # catches anything sooner.
    broker_transport_options={"visibility_timeout": 3600},
    beat_schedule={
        "outbox-sweep": {"task": "mediadesk.sweep", "schedule": settings.sweep_interval},
        "sla-sweep": {"task": "mediadesk.sla_sweep", "schedule": max(60.0, settings.sweep_interval)},
    },
    timezone="UTC",
)


@worker_process_init.connect
def _start_process(**_):
    logs.configure(os.environ.get("MEDIADESK_LOG_LEVEL", "INFO"))
    # Engines must not cross fork(): each worker process opens its own connections.
    from mediadesk.storage.db import engine_for

    engine_for.cache_clear()
    # A batch allocates tens of thousands of short-lived objects (parsed mail, ORM rows): collect
    # the youngest generation less often (7 % of a worker's CPU went to the collector).
    gc.set_threshold(*GC_THRESHOLDS)


@worker_init.connect
def _check_data_dir(**_):
    """Refuse to start when MEDIADESK_DATA_DIR cannot be written: every attachment would fail
    (a root-owned volume under a container running as uid 10001), one message at a time."""
    from mediadesk import datadir

    settings = get_settings()
    problem = datadir.problem(settings.data_dir)
    if problem:
        structlog.get_logger("mediadesk.worker").error("data_dir_not_writable", problem=problem,
                                                       hint=datadir.hint(settings.data_dir))
        raise SystemExit(f"mediadesk worker: {problem}; {datadir.hint(settings.data_dir)}")


@worker_init.connect
def _warm_up(**_):
    """Load the language models and date parser once, in the parent: the pool's processes
    inherit them by fork instead of each spending seconds on its first message."""
    from mediadesk.worker.pipeline import warm_up

    warm_up(get_settings())
    # What the worker loaded (rules, models, mappings) lives as long as it does: kept out of the
    # collector's reach, so the pool's processes neither scan it nor copy its pages after fork.
    gc.collect()
    gc.freeze()


@task_postrun.connect
def _return_freed_memory(**_):
    """Give freed heap back to the system after each task: glibc keeps it otherwise, and a
    worker's RSS would creep up with every large message it has parsed."""
    from mediadesk.worker.triage.language import trim_heap

    trim_heap()
