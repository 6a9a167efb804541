"""Structured logs: one event per pipeline step, to stderr, JSON when not on a terminal.

Secrets are masked twice: any field whose name says password/secret/token/authorization, and
any known secret value (settings' SecretStr fields, passwords in URLs, OAuth2 tokens fetched)
wherever it appears in a logged string, e.g. inside an error message.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections import deque

import structlog

SECRET_KEYS = ("password", "secret", "token", "authorization")
MASK = "***"

_static: set[str] = set()
_dynamic: deque[str] = deque(maxlen=64)  # short-lived: OAuth2 access tokens
_lock = threading.Lock()


def add_secret(value: str | None, *, dynamic: bool = False) -> None:
    """Mask ``value`` wherever it appears in a log line (values under 4 characters are ignored)."""
    if not value or len(value) < 4:
        return
    with _lock:
        if dynamic:
            if value not in _dynamic:
                _dynamic.append(value)
        else:
            _static.add(value)


def add_secrets_from(settings) -> None:
    """Register every SecretStr of ``settings`` (nested ones too) and passwords inside URLs."""
    for value in secret_values(settings.model_dump()):
        add_secret(value)


def secret_values(value) -> list[str]:
    """The secret strings inside a settings dump: SecretStr values and URL passwords."""
    from pydantic import SecretStr

    found: list[str] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, SecretStr):
            found.append(item.get_secret_value())
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, (list, tuple, set)):
            stack.extend(item)
        elif isinstance(item, str) and "://" in item and "@" in item:
            from urllib.parse import unquote, urlsplit

            try:
                password = urlsplit(item).password
            except ValueError:
                password = None
            if password:
                found += [password, unquote(password)]
    return [v for v in found if v]


def mask(text: str) -> str:
    """``text`` with every known secret value replaced by ***."""
    with _lock:
        secrets = sorted({*_static, *_dynamic}, key=len, reverse=True)
    for secret in secrets:
        if secret in text:
            text = text.replace(secret, MASK)
    return text


def _mask_value(value):
    if isinstance(value, str):
        return mask(value)
    if isinstance(value, BaseException):
        return mask(f"{type(value).__name__}: {value}")
    if isinstance(value, (list, tuple)):
        return type(value)(_mask_value(v) for v in value)
    if isinstance(value, dict):
        return {k: _mask_value(v) for k, v in value.items()}
    return value


def _mask_secrets(_logger, _name, event: dict) -> dict:
    for key in list(event):
        if any(s in key.lower() for s in SECRET_KEYS):
            event[key] = MASK
        else:
            event[key] = _mask_value(event[key])
    return event


def _visible_values(_logger, _name, event: dict) -> dict:
    """For the human renderer on a terminal: a subject or error text from mail is shown, its
    escape sequences never obeyed (JSON escapes them itself)."""
    from mediadesk.safetext import visible

    return {k: visible(v) if isinstance(v, str) else v for k, v in event.items()}


class LineLogger:
    """Writes each event as one line in one ``write`` to the file descriptor: the pool processes
    of a worker share stderr, and a line written in pieces (text, then newline, by ``print``)
    could be interleaved with another process's line. Falls back to the stream's own ``write``
    when it has no descriptor (a test runner's capture)."""

    def __init__(self, file=None):
        self._file = file

    def msg(self, message: str) -> None:
        stream = self._file or sys.stderr  # looked up at each call: a runner may replace it
        line = message + "\n"
        try:
            fd = stream.fileno()
            stream.flush()
        except (AttributeError, OSError, ValueError):
            stream.write(line)
            stream.flush()
            return
        data = line.encode("utf-8", "backslashreplace")
        while data:
            data = data[os.write(fd, data):]

    log = debug = info = warn = warning = error = err = critical = fatal = exception = failure = msg


def configure(level: int | str = logging.WARNING, *, json: bool | None = None) -> None:
    """Configure structlog once per process; data on stdout stays clean.

    Each event is one line on stderr: JSON (``level`` and ``event`` keys, secrets masked) when
    stderr is not a terminal, as a log shipper reads it; a readable line on a terminal.
    """
    if isinstance(level, str):
        level = logging.getLevelName(level.upper())
    json = (not sys.stderr.isatty()) if json is None else json
    renderer = structlog.processors.JSONRenderer() if json else structlog.dev.ConsoleRenderer(colors=False)
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            structlog.processors.format_exc_info,
            _mask_secrets,
            *(() if json else (_visible_values,)),
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(level),
        logger_factory=lambda *_: LineLogger(),
        cache_logger_on_first_use=False,
    )


def bind(**ids) -> None:
    """Start a fresh log context (a task, a pipeline step) bound to these ids: every event
    logged until the next ``bind`` carries them."""
    structlog.contextvars.clear_contextvars()
    structlog.contextvars.bind_contextvars(**{k: v for k, v in ids.items() if v is not None})
