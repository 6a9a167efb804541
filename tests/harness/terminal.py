"""The CLI on a real pseudo-terminal, as a press officer's terminal runs it."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import termios
import time
from pathlib import Path

from harness.servers import cli_path


def on_terminal(args: list[str], env: dict[str, str], cwd: Path, *, cols: int = 80, rows: int = 50,
                timeout: float = 60, errors: str = "replace") -> tuple[int, str]:
    """Run `mediadesk ARGS` on a ``cols`` × ``rows`` pseudo-terminal (stdin, stdout and stderr);
    return its exit code and everything it wrote to the terminal (decoded with ``errors``,
    \\r\\n → \\n)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    proc = subprocess.Popen([cli_path(), *args], env={**env, "COLUMNS": str(cols), "LINES": str(rows)}, cwd=cwd,
                            stdin=slave, stdout=slave, stderr=slave, close_fds=True)
    os.close(slave)
    chunks, deadline = [], time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 1)
            if not ready:
                if proc.poll() is not None:
                    break
                continue
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the last writer closed the terminal
                break
            if not data:
                break
            chunks.append(data)
    finally:
        os.close(master)
        if proc.poll() is None:
            proc.kill()
        proc.wait(10)
    return proc.returncode, b"".join(chunks).decode("utf-8", errors).replace("\r\n", "\n")
