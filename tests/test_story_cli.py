"""`mediadesk story …` and `list --story` in-process (CliRunner) over tickets the real pipeline
grouped (SQLite)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mediadesk import logs
from mediadesk.cli.common import ExitCode
from mediadesk.cli.main import app
from mediadesk.settings import get_settings, reset_settings_cache
from mediadesk.storage import repo
from mediadesk.storage.db import engine_for, session_scope, upgrade
from mediadesk.worker import pipeline

sys.path.insert(0, str(Path(__file__).parent))
from test_stories_pipeline import DERNA, UNRELATED, eml  # noqa: E402

runner = CliRunner()
KHARTOUM = [("Ana Ruiz <ana@bbc.co.uk>", "Khartoum airport drone strike",
             "Was the drone that hit Khartoum airport on Sunday intercepted? Reports say 4 soldiers were wounded."),
            ("Jean Dupuis <jean@rfi.fr>", "Drone sur l'aéroport de Khartoum",
             "Le drone qui a frappé l'aéroport de Khartoum a-t-il été intercepté ? 4 soldats blessés ?")]


@pytest.fixture
def desk(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'x.db'}"
    upgrade(url)
    for name, value in (("MEDIADESK_DATABASE_URL", url), ("MEDIADESK_DATA_DIR", str(tmp_path / "data")),
                        ("MEDIADESK_USER", "amal"), ("MEDIADESK_REDIS_URL", "redis://127.0.0.1:1/0"),
                        ("MEDIADESK_MEDIA_ADDRESS", "media@gims.example")):
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(tmp_path)
    reset_settings_cache()
    engine = engine_for(url)
    with session_scope(engine) as session:
        ids = repo.store_inbound(session, items=[repo.RawItem(raw=eml(*m)) for m in [*DERNA, UNRELATED, *KHARTOUM]],
                                 mailbox="t", source="test")
    for i in ids:
        pipeline.process_inbound(engine, i, get_settings())
    yield engine
    engine.dispose()
    reset_settings_cache()


def cli(*args):
    try:
        return runner.invoke(app, list(args), catch_exceptions=False)
    finally:
        logs.configure("WARNING")


def test_story_list_show_and_list_by_story(desk):
    result = cli("story", "list", "--json")
    assert result.exit_code == 0, result.stderr
    stories = json.loads(result.stdout)
    assert [(s["ref"], s["tickets"]) for s in stories] == [("S-2", 2), ("S-1", 3)]  # newest activity first
    assert stories[1]["languages"] == {"ar": 1, "en": 1, "fr": 1}
    assert set(stories[1]["outlets"]) >= {"Reuters", "Le Monde"}
    plain = cli("story", "list")
    assert plain.stdout.splitlines()[1].startswith("S-1\t3\t3\t")
    shown = cli("story", "show", "S-1", "--json")
    assert [t["ref"] for t in json.loads(shown.stdout)["tickets"]] == ["MR-1", "MR-2", "MR-3"]
    listed = json.loads(cli("list", "--story", "s1", "--json").stdout)
    assert sorted(t["ref"] for t in listed) == ["MR-1", "MR-2", "MR-3"]
    assert cli("list", "--story", "S-9").exit_code == ExitCode.NOT_FOUND
    assert cli("story", "show", "9").exit_code == ExitCode.NOT_FOUND
    detail = json.loads(cli("show", "MR-3", "--json").stdout)
    assert detail["story"] == "S-1"
    assert any("joined an active story" in line for line in detail["explanation"])


def test_story_merge_split_remove(desk):
    result = cli("story", "merge", "S-2", "S-1")
    assert result.exit_code == 0 and "S-2 merged into S-1 (2 tickets moved)" in result.stderr
    assert "already" in cli("story", "merge", "S-2", "S-1").stderr
    assert [s["ref"] for s in json.loads(cli("story", "list", "--json").stdout)] == ["S-1"]
    assert json.loads(cli("story", "show", "S-2", "--json").stdout)["ref"] == "S-1"  # a merged story names its target
    result = cli("story", "split", "S-1", "MR-5", "MR-6")
    assert result.exit_code == 0 and "into S-3" in result.stderr
    assert cli("story", "split", "S-1", "MR-4").exit_code == ExitCode.CONFLICT  # MR-4 is in no story
    assert "removed from S-1" in cli("story", "remove", "MR-2").stderr
    assert "in no story" in cli("story", "remove", "MR-2").stderr
    history = [e["note"] for e in json.loads(cli("show", "MR-2", "--json").stdout)["events"] if e["kind"] == "story"]
    assert history[-1] == "removed from story S-1"
