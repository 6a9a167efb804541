"""The components import downward only (DESIGN, Layout): storage imports neither worker nor
mailbox, mailbox does not import worker, the CLI sits above them all, and no module imports
itself back through a cycle. Read from the source with ast, function-level imports included."""

from __future__ import annotations

import ast
from pathlib import Path

from harness import REPO_ROOT

COMPONENTS = {  # folder → package
    "storage": "mediadesk.storage",
    "mailbox": "mediadesk.mailbox",
    "worker": "mediadesk.worker",
    "src/mediadesk": "mediadesk",
}
FORBIDDEN = {  # a component must not import these
    "mediadesk.storage": ("mediadesk.worker", "mediadesk.mailbox", "mediadesk.cli"),
    "mediadesk.mailbox": ("mediadesk.worker", "mediadesk.cli"),
    "mediadesk.worker": ("mediadesk.mailbox", "mediadesk.cli"),
}


def _modules() -> dict[str, Path]:
    found = {}
    for folder, package in COMPONENTS.items():
        root = REPO_ROOT / folder
        for path in root.rglob("*.py"):
            parts = path.relative_to(root).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join((package, *parts))] = path
    return found


def _imports(module: str, path: Path) -> set[str]:
    names = set()
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            names.add(base)
            names.update(f"{base}.{a.name}" for a in node.names)
    return {n for n in names if n.startswith("mediadesk")}


def _owner(module: str) -> str:
    for package in ("mediadesk.storage", "mediadesk.mailbox", "mediadesk.worker", "mediadesk.cli"):
        if module == package or module.startswith(package + "."):
            return package
    return "mediadesk"


def test_components_import_downward_only():
    modules = _modules()
    wrong = []
    for module, path in modules.items():
        banned = FORBIDDEN.get(_owner(module), ())
        for name in _imports(module, path):
            if any(name == b or name.startswith(b + ".") for b in banned):
                wrong.append(f"{module} imports {name}")
    assert wrong == []


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Cycles found by a depth-first walk (each reported once, from where it closes)."""
    cycles, state = [], {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = "open"
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                cycles.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, stack + [nxt])
        state[node] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    return cycles


def test_no_import_cycles_between_modules():
    """Module-level imports only (a function-level import is how a cycle is broken on purpose)."""
    modules = _modules()
    graph: dict[str, set[str]] = {}
    for module, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        top = ast.Module(body=[n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))], type_ignores=[])
        names = set()
        for node in ast.walk(top):
            if isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module)
                names.update(f"{node.module}.{a.name}" for a in node.names)
            elif isinstance(node, ast.Import):
                names.update(a.name for a in node.names)
        graph[module] = {n for n in names if n in modules and n != module}
    cycles = find_cycles(graph)
    # A package's __init__ re-exporting its own submodules is not a cycle worth reporting.
    real = [c for c in cycles if len({m.rsplit(".", 1)[0] for m in c}) > 1 or len(c) > 3]
    assert real == []


def test_the_scan_sees_a_wrong_import(tmp_path):
    """The scan is not vacuous: a storage module importing the worker is caught."""
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from mediadesk.worker import pipeline\n", encoding="utf-8")
    assert "mediadesk.worker.pipeline" in _imports("mediadesk.storage.bad", bad)
    assert _owner("mediadesk.storage.bad") == "mediadesk.storage"
    assert find_cycles({"a.x": {"b.y"}, "b.y": {"c.z"}, "c.z": {"a.x"}}) == [["a.x", "b.y", "c.z", "a.x"]]
    assert find_cycles({"a.x": {"b.y"}, "b.y": set()}) == []
