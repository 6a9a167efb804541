"""The machine's process table, from /proc: what tests check is left running."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Proc:
    pid: int
    ppid: int
    pgid: int
    cwd: str | None
    cmdline: str


def process_table() -> list[Proc]:
    """Every process this user may inspect (processes that exit meanwhile are left out)."""
    table = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
        except OSError:
            continue
        try:
            cwd = os.readlink(entry / "cwd")
        except OSError:
            cwd = None
        table.append(Proc(int(entry.name), int(fields[1]), int(fields[2]), cwd, cmdline))
    return table


def running_in(directory: Path) -> list[Proc]:
    """Processes (other than this one) whose working directory is ``directory`` or below it."""
    prefix = str(directory)
    return [p for p in process_table() if p.pid != os.getpid() and p.cwd is not None
            and (p.cwd == prefix or p.cwd.startswith(prefix + os.sep))]


def children(pid: int) -> list[int]:
    return [p.pid for p in process_table() if p.ppid == pid]


def group(pgid: int) -> list[int]:
    return [p.pid for p in process_table() if p.pgid == pgid]
