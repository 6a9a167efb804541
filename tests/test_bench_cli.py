"""scripts/bench_cli.py keeps working: a tiny run seeds, reads back what it generated, times every command."""

from __future__ import annotations

import importlib.util
import sqlite3
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "bench_cli.py"


def _module():
    spec = importlib.util.spec_from_file_location("bench_cli", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generator_is_realistic():
    bench = _module()
    rows = bench.Generator(2000, datetime.now(timezone.utc)).chunk(1, 2000)
    tickets = rows["ticket"]
    assert [t["id"] for t in tickets] == list(range(1, 2001))
    per_ticket = {}
    for m in rows["message"]:
        per_ticket.setdefault(m["ticket_id"], []).append(m)
    assert {len(v) for v in per_ticket.values()} == {1, 2, 3}
    inbound = [m for m in rows["message"] if m["direction"] == "in"]
    sizes = [len(m["body_text"].encode()) for m in inbound]
    assert 900 <= min(sizes) and max(sizes) <= 6000  # 1-5 KB bodies (plus greeting and signature)
    assert {t["language"] for t in tickets if t["language"]} == {"ar", "en", "fr"}
    open_ = [t for t in tickets if t["status"] in ("new", "triaged", "acknowledged", "in_progress", "waiting")]
    assert 0.05 < len(open_) / len(tickets) < 0.2
    assert any(t["overdue"] for t in open_) and not all(t["overdue"] for t in open_)
    assert all(t["overdue"] is False for t in tickets if t["status"] == "ignored")


def test_tiny_run_on_sqlite(tmp_path):
    proc = subprocess.run([sys.executable, "-P", str(SCRIPT), "--db", "sqlite", "--tickets", "300", "--runs", "1",
                           "--subprocess-runs", "1", "--keep", str(tmp_path)],
                          cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    for label in ("list", "list --search Marrakech", "list --overdue", "show REF", "(start-up: import only)"):
        assert label in proc.stdout, label
    con = sqlite3.connect(tmp_path / "bench.db")
    assert con.execute("SELECT count(*) FROM ticket").fetchone() == (300,)
    inbound = con.execute("SELECT count(*) FROM message WHERE direction = 'in'").fetchone()[0]
    assert inbound >= 300
    assert con.execute("SELECT count(*) FROM message_fts").fetchone() == (inbound,)  # every inbound message
    assert con.execute("SELECT count(*) FROM message_fts WHERE message_fts MATCH '\"media\"*'").fetchone()[0] > 0
    con.close()
