"""`import mailbox` means the standard library however the project is run.

The top-level mailbox/, worker/ and storage/ folders map into `mediadesk.*` (DESIGN.md,
"Layout"); the standard library also has a `mailbox` module, so these tests pin down which
one each way of running the project gets.
"""

from __future__ import annotations

import ast
import json
import mailbox
import re
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from harness import REPO_ROOT, run_cli

STDLIB = Path(sysconfig.get_paths()["stdlib"]).resolve()
VENV_PYTHON = Path(sys.executable)

# mediadesk.mailbox may be a regular package (__file__) or, under a strict editable install,
# a namespace package of links into mailbox/: report the real files behind it either way.
PROBE = """
import json, mailbox, os, mediadesk.mailbox as ours
files = [os.path.realpath(os.path.join(d, f)) for d in ours.__path__ for f in os.listdir(d) if f.endswith(".py")]
print(json.dumps({"mailbox": mailbox.__file__, "has_mbox": hasattr(mailbox, "mbox"), "ours": files}))
"""


def test_pytest_process_gets_stdlib_mailbox():
    assert Path(mailbox.__file__).resolve().parent == STDLIB
    assert hasattr(mailbox, "mbox") and hasattr(mailbox, "Maildir")
    assert str(REPO_ROOT) not in [str(Path(p or ".").resolve()) for p in sys.path]


@pytest.mark.parametrize("where", ["repo_root", "temp_dir"])
def test_python_c_gets_stdlib_mailbox_and_our_component(where, tmp_path):
    cwd = REPO_ROOT if where == "repo_root" else tmp_path
    env = {"PATH": "/usr/bin:/bin"}  # no PYTHONPATH: exactly what a developer's shell would do
    proc = subprocess.run([str(VENV_PYTHON), "-c", PROBE], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    found = json.loads(proc.stdout)
    assert Path(found["mailbox"]).resolve().parent == STDLIB, f"from {where}: `import mailbox` gave {found['mailbox']}"
    assert found["has_mbox"]
    assert found["ours"], "mediadesk.mailbox has no modules"
    assert {Path(f).parent for f in found["ours"]} == {(REPO_ROOT / "mailbox").resolve()}


def test_console_script_runs_from_repo_root():
    proc = run_cli(["--help"], cwd=REPO_ROOT, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "mediadesk" in proc.stdout.lower() or "usage" in proc.stdout.lower()


# --------------------------------------------------------------------------- import scan

SCANNED = ["mailbox", "worker", "storage", "src", "tests"]
COMPONENT_IMPORT = re.compile(r"^\s*(from|import)\s+(worker|storage)\b", re.M)
STDLIB_MAILBOX_NAMES = set(dir(mailbox))


def _bad_mailbox_imports(path: Path) -> list[str]:
    """`import mailbox`/`from mailbox import` lines that cannot mean the standard library:
    a submodule (`mailbox.poller`), a name the stdlib module lacks, or an attribute used
    through `mailbox.` that only our package has."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    problems, imports_module = [], False
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("mailbox."):
                    problems.append(f"{path}:{node.lineno}: import {alias.name}")
                elif alias.name == "mailbox":
                    imports_module = imports_module or alias.asname in (None, "mailbox")
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module.startswith("mailbox."):
                problems.append(f"{path}:{node.lineno}: from {node.module} import …")
            elif node.module == "mailbox":
                missing = [a.name for a in node.names if a.name not in STDLIB_MAILBOX_NAMES]
                if missing:
                    problems.append(f"{path}:{node.lineno}: from mailbox import {missing} (not stdlib)")
    if imports_module:
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                    and node.value.id == "mailbox" and node.attr not in STDLIB_MAILBOX_NAMES):
                problems.append(f"{path}:{node.lineno}: mailbox.{node.attr} is not stdlib")
    return problems


def test_no_bare_imports_of_our_components():
    files = [p for d in SCANNED for p in (REPO_ROOT / d).rglob("*.py") if ".venv" not in p.parts]
    assert files, "nothing scanned"
    problems = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        for match in COMPONENT_IMPORT.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            problems.append(f"{path}:{line}: {match.group(0).strip()} (use mediadesk.{match.group(2)})")
        problems += _bad_mailbox_imports(path)
    assert not problems, "bare imports of our components:\n" + "\n".join(problems)


def test_scan_catches_the_mistakes(tmp_path):
    """The scanner itself: stdlib use passes, our component through the stdlib name does not."""
    good = tmp_path / "good.py"
    good.write_text("import mailbox\nbox = mailbox.Maildir('x')\nfrom mailbox import mbox\n")
    bad = tmp_path / "bad.py"
    bad.write_text("import mailbox.poller\nfrom mailbox import Poller\nimport mailbox\nmailbox.run_poller()\n")
    assert _bad_mailbox_imports(good) == []
    assert len(_bad_mailbox_imports(bad)) == 3
    assert COMPONENT_IMPORT.search("from storage.models import Ticket")
    assert COMPONENT_IMPORT.search("    import worker")
    assert not COMPONENT_IMPORT.search("from mediadesk.storage import models")
