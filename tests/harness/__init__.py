"""Test harness: real Dovecot, Redis, Celery worker, SMTP sink and PostgreSQL on 127.0.0.1."""

from .servers import *  # noqa: F401,F403
from .servers import __all__  # noqa: F401
