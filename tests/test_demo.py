"""`mediadesk demo` on a fresh directory: nothing but Python, the bundled inbox, the real pipeline."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

MEDIADESK = Path(sys.executable).parent / "mediadesk"


def run(args, cwd, env):
    return subprocess.run([str(MEDIADESK), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def test_demo_in_a_fresh_directory_builds_the_ticket_table(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("MEDIADESK_")}
    # No Redis here: the demo must work without any server (rate limits fall back to the DB).
    env["MEDIADESK_REDIS_URL"] = "redis://127.0.0.1:9/0"
    demo = run(["demo"], tmp_path, env)
    assert demo.returncode == 0, demo.stderr
    assert (tmp_path / "mediadesk.db").exists()
    rows = [line.split("\t") for line in demo.stdout.splitlines() if line.startswith("MR-")]
    assert len(rows) == 30  # 32 messages: one threaded by In-Reply-To, one by its [MR-2] tag

    tickets = json.loads(run(["list", "--all", "--json"], tmp_path, env).stdout)
    by_ref = {t["ref"]: t for t in tickets}
    assert len(by_ref) == 30
    mr2 = json.loads(run(["show", "MR-2", "--json"], tmp_path, env).stdout)
    assert len(mr2["messages"]) == 2  # the follow-up tagged [MR-2] joined it
    automated = {t["ref"]: t["automated_kind"] for t in tickets if t["category"] == "automated"}
    assert sorted(automated.values()) == ["auto_reply", "auto_reply", "auto_reply", "bounce", "bulk"]
    assert all(by_ref[r]["status"] == "ignored" for r in automated)

    drafts = json.loads(run(["draft", "list", "--status", "all", "--json"], tmp_path, env).stdout)
    drafted = {d["ref"] for d in drafts}
    assert not drafted & set(automated), "a machine was drafted an acknowledgement"
    langs = {by_ref[d["ref"]]["language"]: d["language"] for d in drafts}
    assert langs.get("ar") == "ar" and langs.get("en") == "en" and langs.get("fr") == "fr"

    again = run(["demo"], tmp_path, env)  # re-running stores nothing twice
    assert again.returncode == 0 and "stored 0 new of 32" in again.stderr
    assert len(json.loads(run(["list", "--all", "--json"], tmp_path, env).stdout)) == 30


# Loaded by every Python process started with PYTHONPATH=<its folder>: records each socket
# connection the demo's processes make.
CONNECTIONS_HOOK = '''
import os, socket
_log = os.environ["MEDIADESK_TEST_CONNECT_LOG"]
_connect, _connect_ex = socket.socket.connect, socket.socket.connect_ex
def _record(address):
    with open(_log, "a") as fh:
        fh.write(repr(address) + "\\n")
def connect(self, address):
    _record(address)
    return _connect(self, address)
def connect_ex(self, address):
    _record(address)
    return _connect_ex(self, address)
socket.socket.connect, socket.socket.connect_ex = connect, connect_ex
'''


def test_the_demo_uses_nothing_outside_its_folder_and_drafts_every_time(tmp_path):
    """Run twice in two fresh folders with MEDIADESK_REDIS_URL unset (its default is the
    127.0.0.1:6379 where this machine's Redis answers) and a limit of one acknowledgement per
    sender: both runs draft the same acknowledgements, signed by the demo's office, and no
    process connects anywhere (the rate limit was counted in Redis, so a fourth demo of the day
    drafted nothing)."""
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(CONNECTIONS_HOOK, encoding="utf-8")
    log = tmp_path / "connections.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith("MEDIADESK_")}
    env |= {"PYTHONPATH": str(hook), "MEDIADESK_TEST_CONNECT_LOG": str(log), "MEDIADESK_ACK_RATE_LIMIT": "1"}
    counts = []
    for attempt in (1, 2):
        folder = tmp_path / f"run-{attempt}"
        folder.mkdir()
        demo = run(["demo"], folder, env)
        assert demo.returncode == 0, demo.stderr
        assert "to start over: delete" in " ".join(demo.stderr.split())
        drafts = json.loads(run(["draft", "list", "--json"], folder, env).stdout)
        assert drafts, f"run {attempt} drafted nothing"
        counts.append(len(drafts))
        for draft in drafts:
            text = draft["body_text"]
            assert "GIMS" in text and "Press Office\nPress Office" not in text, text
    assert counts[0] == counts[1]
    connections = log.read_text(encoding="utf-8") if log.exists() else ""
    assert connections == "", connections


ROOT = Path(__file__).resolve().parents[1]


def test_the_readmes_press_officer_day_runs_on_a_fresh_demo(tmp_path):
    """Every command of the README's walkthrough, in order, in a folder set up as scripts/demo.sh
    sets up demo-run/ (its .env), on a fresh demo: each exits 0 and does what the comment says."""
    import re
    import shlex

    script = (ROOT / "scripts" / "demo.sh").read_text(encoding="utf-8")
    settings = re.search(r"<<'SETTINGS'\n(.*?)\nSETTINGS\n", script, re.S).group(1)
    (tmp_path / ".env").write_text(settings + "\n", encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme[readme.index("<!-- walkthrough: begin -->"):readme.index("<!-- walkthrough: end -->")]
    commands = [shlex.split(line, comments=True)[1:] for line in block.splitlines() if line.startswith("mediadesk ")]
    assert 8 <= len(commands) <= 14
    env = {k: v for k, v in os.environ.items() if not k.startswith("MEDIADESK_")}
    assert run(["demo"], tmp_path, env).returncode == 0
    said = {}
    for args in commands:
        result = run(args, tmp_path, env)
        assert result.returncode == 0, (args, result.stderr)
        said[" ".join(args[:2])] = result.stdout + result.stderr
    assert not re.search(r"^MR-\d+\t", said["list --review"], re.M), said["list --review"]  # triage was sure of all
    assert "nothing sends it until a worker runs" in " ".join(said["draft approve"].split())
    assert "MR-22" in said["list --search"]
    assert (tmp_path / "applications" / "Yousef_Al-Karimi_CV.pdf").exists()
    assert "1 pending draft(s) withdrawn" in said["status MR-19"]
    mr22 = json.loads(run(["show", "MR-22", "--json"], tmp_path, env).stdout)
    assert (mr22["status"], mr22["assignee"], mr22["events"][-1]["note"]) == \
        ("in_progress", "amal", "Live slot confirmed for 07:40 tomorrow")
