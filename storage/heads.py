"""The head revisions of the migrations, read from their files.

Comparing them with a database's ``alembic_version`` needs no Alembic import (0.2 s of a
command's start-up): the console script's commands check for pending migrations on every run.
"""

from __future__ import annotations

import re
from pathlib import Path

_VERSIONS = Path(__file__).resolve().parent / "migrations" / "versions"


def schema_heads() -> set[str]:
    """The revisions no other migration names as its ``down_revision``."""
    revisions, parents = set(), set()
    for file in _VERSIONS.glob("*.py"):
        text = file.read_text(encoding="utf-8")
        revision = re.search(r"^revision\s*=\s*['\"]([^'\"]+)['\"]", text, re.M)
        down = re.search(r"^down_revision\s*=\s*(.+)$", text, re.M)
        if revision:
            revisions.add(revision.group(1))
        if down:
            parents.update(re.findall(r"['\"]([^'\"]+)['\"]", down.group(1)))
    return revisions - parents


__all__ = ["schema_heads"]
