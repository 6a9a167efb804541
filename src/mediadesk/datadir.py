"""Can this process write in MEDIADESK_DATA_DIR? Asked by `mediadesk doctor` and by a worker
at start-up, so a directory this user cannot write (a root-owned volume under a container that
runs as uid 10001) is named before the first attachment fails to be stored.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def problem(data_dir: Path) -> str | None:
    """Why ``data_dir`` cannot hold attachments and models, or None when it can.

    An existing directory is tried with a real file (created and removed at once): permission
    bits, ACLs, a read-only mount and root squashing all answer truthfully. A missing one must
    be creatable: its nearest existing parent is checked, and nothing is created.
    """
    path = Path(data_dir)
    if path.exists():
        if not path.is_dir():
            return f"{path} is not a directory"
        try:
            fd, name = tempfile.mkstemp(prefix=".mediadesk-write-check-", dir=path)
        except OSError as exc:
            return f"{path} is not writable by uid {os.getuid()} ({exc.strerror or exc}){_owner(path)}"
        os.close(fd)
        os.unlink(name)
        return None
    parent = path.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not os.access(parent, os.W_OK | os.X_OK):
        return f"{path} does not exist and uid {os.getuid()} cannot create it in {parent}{_owner(parent)}"
    return None


def hint(data_dir: Path) -> str:
    return (f"make {data_dir} writable by uid {os.getuid()} (chown), or set MEDIADESK_DATA_DIR to a "
            "directory it can write")


def _owner(path: Path) -> str:
    try:
        st = path.stat()
    except OSError:
        return ""
    return f" (owned by uid {st.st_uid}, mode {st.st_mode & 0o777:o})"
