"""The CLI as a daily tool (issue 18): options say what they take, wrong values are usage errors
that list the right ones, help reads as words, and the command starts without the heavy imports.

In-process through Typer's CliRunner over an empty, migrated SQLite database, except the start-up
checks, which look at ``sys.modules`` of a fresh interpreter.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from mediadesk import __version__
from mediadesk.cli.common import ExitCode
from mediadesk.cli.main import app
from mediadesk.settings import CATEGORIES, LANGUAGE_CODES, PRIORITIES, SettingsError, load_settings, reset_settings_cache
from mediadesk.storage.db import upgrade
from mediadesk.storage.statuses import TICKET_STATUSES

runner = CliRunner()


@pytest.fixture
def env(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'md.db'}"
    upgrade(url)
    values = {"MEDIADESK_DATABASE_URL": url, "MEDIADESK_DATA_DIR": str(tmp_path / "data"),
              "MEDIADESK_REDIS_URL": "redis://127.0.0.1:1/0", "MEDIADESK_USER": "officer", "COLUMNS": "200"}
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(tmp_path)  # no stray .env
    reset_settings_cache()
    yield values
    reset_settings_cache()


def run(*args: str):
    return runner.invoke(app, list(args))


# --------------------------------------------------------------------------- help


def _commands(command, path=()):
    yield path, command
    for name, sub in getattr(command, "commands", {}).items():
        yield from _commands(sub, (*path, name))


EVERY_COMMAND = list(_commands(get_command(app)))
# Python or click type names as metavars: what help must not read like.
TYPE_WORDS = re.compile(r"<[a-z][\w\[\], |]*>|\b(TEXT|INTEGER|FLOAT|BOOLEAN|UUID|FILENAME|DIRECTORY)\b|INTEGER RANGE")


def test_every_command_is_walked():
    names = {" ".join(path) for path, _ in EVERY_COMMAND}
    assert {"list", "show", "stats", "draft approve", "story answer", "outlet import", "db upgrade"} <= names


@pytest.mark.parametrize("path,command", EVERY_COMMAND, ids=[" ".join(p) or "mediadesk" for p, _ in EVERY_COMMAND])
def test_help_reads_as_words(path, command):
    result = runner.invoke(app, [*path, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    text = result.output
    assert not TYPE_WORDS.search(text), f"`mediadesk {' '.join(path)} --help` shows a type as a metavar:\n{text}"
    assert "\\[" not in text, text  # Rich markup escapes in plain help
    for param in command.params:
        if param.param_type_name != "option" or param.name in ("help", "install_completion", "show_completion"):
            continue
        assert param.help, f"`mediadesk {' '.join(path)}` {param.opts[0]} has no help text"
        if not param.is_flag:
            assert param.metavar and re.fullmatch(r"[A-Za-z][A-Za-z_|.-]*", param.metavar), \
                f"`mediadesk {' '.join(path)}` {param.opts[0]}: metavar {param.metavar!r} is not a word"


def test_list_help_names_the_valid_values():
    text = run("list", "--help").output
    for value in (*CATEGORIES, *PRIORITIES, *TICKET_STATUSES):
        assert value in text.replace("\n", " ").replace("  ", " "), value
    assert "ISO 639-1" in text


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and result.output.strip() == f"mediadesk {__version__}"


# --------------------------------------------------------------------------- validation


@pytest.mark.parametrize("option,value,valid", [
    ("--category", "bogus", CATEGORIES),
    ("--priority", "URGENTLY", PRIORITIES),
    ("--language", "xx", ("ar", "en", "fr")),
    ("--status", "done", TICKET_STATUSES),
])
def test_list_refuses_unknown_values_and_lists_the_valid_ones(env, option, value, valid):
    result = run("list", option, value)
    assert result.exit_code == ExitCode.USAGE, result.output
    assert f"{option} {value!r}" in result.stderr
    for word in valid:
        assert word in result.stderr, (word, result.stderr)


@pytest.mark.parametrize("option,value", [("--category", "Interview_Request"), ("--priority", "URGENT"),
                                          ("--language", "AR"), ("--status", "New")])
def test_list_accepts_valid_values_in_any_case(env, option, value):
    result = run("list", option, value, "--json")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "[]"


def test_stats_since_takes_an_age_as_list_does(env):
    for since in ("7d", "24h", "2026-11-01"):
        assert run("stats", "--since", since, "--json").exit_code == 0, since
        assert run("list", "--since", since, "--json").exit_code == 0, since
    bad = run("stats", "--since", "whenever")
    assert bad.exit_code == ExitCode.USAGE and "24h, 7d" in bad.stderr


def test_status_and_categorise_refuse_unknown_values(env):
    assert run("status", "MR-1", "done").exit_code == ExitCode.USAGE
    result = run("categorise", "MR-1", "bogus")
    assert result.exit_code == ExitCode.USAGE and "interview_request" in result.stderr


# --------------------------------------------------------------------------- settings


@pytest.mark.parametrize("variable,value,says", [
    ("MEDIADESK_LANGUAGES", "xx,en", "unknown language code(s) xx"),
    ("MEDIADESK_LANGUAGES", '["xx"]', "unknown language code(s) xx"),
    ("MEDIADESK_LANGUAGES", "[ar,", "not a JSON list"),
    ("MEDIADESK_AUTO_SEND_CATEGORIES", "bogus", "unknown category bogus"),
    ("MEDIADESK_AUTO_SEND_CATEGORIES", "media_assets,nonsense", "unknown category nonsense"),
    ("MEDIADESK_SLA_HOURS", "not json", "cannot be read"),
])
def test_a_setting_with_an_unknown_value_is_named(env, monkeypatch, variable, value, says):
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError, match=variable) as caught:
        load_settings(_env_file=None)
    assert says in str(caught.value)
    for args in (("list",), ("show", "MR-1"), ("stats",), ("doctor", "--only", "settings"), ("draft", "list")):
        reset_settings_cache()
        result = run(*args)
        assert result.exit_code == ExitCode.USAGE, (args, result.output)
        assert variable in result.stderr + result.stdout and "Traceback" not in result.output, result.output


def test_settings_lists_read_comma_separated_or_json(env, monkeypatch):
    monkeypatch.setenv("MEDIADESK_LANGUAGES", " AR, en ,fr")
    monkeypatch.setenv("MEDIADESK_AUTO_SEND_CATEGORIES", '["media_assets", "event_accreditation"]')
    settings = load_settings(_env_file=None)
    assert settings.languages == ["ar", "en", "fr"]
    assert settings.auto_send_categories == ["media_assets", "event_accreditation"]


def test_language_codes_are_lingua_s():
    from lingua import Language

    assert set(LANGUAGE_CODES) == {lang.iso_code_639_1.name.lower() for lang in Language.all()}


# --------------------------------------------------------------------------- start-up

HEAVY = ("sqlalchemy", "sqlmodel", "pydantic", "pydantic_settings", "celery", "alembic", "structlog", "redis",
         "mediadesk.settings", "mediadesk.storage.models", "mediadesk.worker", "lingua")


def _imported_after(code: str) -> set[str]:
    probe = f"import sys\n{code}\nprint(' '.join(sorted(sys.modules)))"
    proc = subprocess.run([sys.executable, "-P", "-c", probe], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return set(proc.stdout.split())


def test_importing_the_cli_imports_no_orm_settings_queue_or_models():
    loaded = _imported_after("import mediadesk.cli.main")
    assert not {m for m in HEAVY if m in loaded}, sorted(m for m in HEAVY if m in loaded)


def test_the_console_script_builds_the_module_of_its_command():
    from mediadesk.cli import main

    full = {name for name in get_command(main.build()).commands}
    assert full == set(main.COMMAND_MODULES)
    for module in main.MODULES:
        built = set(get_command(main.build((module,))).commands)
        assert built == {c for c, m in main.COMMAND_MODULES.items() if m == module}, module


def test_help_and_version_run_without_the_heavy_imports():
    for args in (["--help"], ["--version"], ["list", "--help"]):
        code = ("import sys\nfrom mediadesk.cli.main import app\n"
                f"try:\n    app({args!r})\nexcept SystemExit:\n    pass")
        loaded = _imported_after(code)
        assert not {m for m in HEAVY if m in loaded}, (args, sorted(m for m in HEAVY if m in loaded))


# --------------------------------------------------------------------------- table cells


def test_cells_are_cut_with_an_ellipsis_at_their_width_in_terminal_cells():
    from mediadesk.cli.tables import cell_width, fit

    assert fit("Interview request", 10) == "Interview…" and cell_width(fit("Interview request", 10)) == 10
    assert fit("short", 8) == "short   "
    assert cell_width("採訪請求") == 8 and cell_width(fit("採訪請求についての質問", 9)) == 9  # wide: two cells each
    assert cell_width("مُقابَلة") == 6  # Arabic harakat take no cell
    assert fit("line\nbreak\tand tab", 40).rstrip() == "line break and tab"  # never a second line
    assert fit("\x1b]52;c;x\x07", 20).startswith("\x1b")  # fit() lays out; ticket_lines makes text visible


def test_ticket_lines_make_sender_text_visible():
    from datetime import datetime, timezone

    from mediadesk.cli.tables import ticket_lines

    now = datetime(2026, 12, 2, 12, tzinfo=timezone.utc)
    ticket = {"ref": "MR-1", "status": "new", "priority": "urgent", "category": "interview_request",
              "language": "en", "requester": "x@example.org", "requester_name": "Rana \u202edaddaH",
              "subject": "Hello \x1b]52;c;Y3VybA==\x07 world", "due_at": None, "created_at": now,
              "overdue": False, "assignee": None, "outlet": None}
    [header, line] = ticket_lines([ticket], width=200, now=now, color=True)
    assert "\x1b]" not in line and "\u202e" not in line and "␛]52" in line


def test_list_takes_the_fast_path_only_when_it_can_check_every_setting_set(env, monkeypatch, tmp_path):
    from mediadesk.cli import fastlist

    assert fastlist.where() is not None  # database, data dir, user, Redis without credentials
    monkeypatch.setenv("MEDIADESK_IMAP_PORT", "99999")
    assert fastlist.where() is None
    assert run("list").exit_code == ExitCode.USAGE  # the full settings refuse it, as every command does
    monkeypatch.delenv("MEDIADESK_IMAP_PORT")
    (tmp_path / ".env").write_text("MEDIADESK_SMTP_HOST=smtp.example.org\n")
    assert fastlist.where() is None
    (tmp_path / ".env").write_text("MEDIADESK_TIMEZONE=Europe/Paris\n")
    assert str(fastlist.where().zone) == "Europe/Paris"
    monkeypatch.setenv("MEDIADESK_REDIS_URL", "redis://user:secret@127.0.0.1:1/0")
    assert fastlist.where() is None
