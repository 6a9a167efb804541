"""Structured logs: one event per pipeline step, to stderr, JSON when not on a terminal."""

from __future__ import annotations

import logging
import sys

import structlog

SECRET_KEYS = ("password", "secret", "token", "authorization")


def _mask_secrets(_logger, _name, event: dict) -> dict:
    for key in list(event):
        if any(s in key.lower() for s in SECRET_KEYS):
            event[key] = "***"
    return event


def configure(level: int | str = logging.WARNING, *, json: bool | None = None) -> None:
    """Configure structlog once per process; data on stdout stays clean."""
    if isinstance(level, str):
        level = logging.getLevelName(level.upper())
    json = (not sys.stderr.isatty()) if json is None else json
    renderer = structlog.processors.JSONRenderer() if json else structlog.dev.ConsoleRenderer(colors=False)
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            _mask_secrets,
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(level),
        logger_factory=structlog.PrintLoggerFactory(file=sys.stderr),
        cache_logger_on_first_use=False,
    )
