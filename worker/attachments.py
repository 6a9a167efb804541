"""Attachments on disk, addressed by content hash, with names that cannot escape or mislead."""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from pathlib import Path

_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}
MAX_NAME = 180


def sanitise_filename(name: str | None, *, default: str = "attachment") -> str:
    """A display name safe on any filesystem: no directories, control characters or reserved names."""
    if not name:
        return default
    name = unicodedata.normalize("NFC", str(name))
    name = re.split(r"[/\\]", name)[-1]  # drop any path, absolute or traversing
    # Control and format characters (bidi overrides included) and line/paragraph separators.
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C" and unicodedata.category(ch) not in ("Zl", "Zp"))
    name = re.sub(r'[<>:"|?*]', "_", name)
    while (trimmed := name.strip().strip(".")) != name:  # ". . ." has dots behind each space
        name = trimmed
    if not name:
        return default
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    if stem.split(".")[0].lower() in _WINDOWS_RESERVED:
        stem = "_" + stem
    ext = ext[:16]
    stem = stem[: MAX_NAME - len(ext) - 1]
    return f"{stem}.{ext}" if ext else stem


def store_blob(root: Path, data: bytes) -> tuple[str, Path]:
    """Write ``data`` under ``root/ab/abcdef…`` once (owner-only); return (sha256, path)."""
    digest = hashlib.sha256(data).hexdigest()
    folder = root / digest[:2]
    path = folder / digest
    if path.exists():
        return digest, path
    # Owner-only from the top: the data dir (when we create it), the store and each folder.
    root.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(root, 0o700)
    tmp = folder / f".{digest}.{os.getpid()}.tmp"
    fd = os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    os.replace(tmp, path)  # atomic: concurrent writers of the same blob are harmless
    return digest, path
