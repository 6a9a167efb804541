"""The `mediadesk` command: noun → verb, each noun in its own module.

Start-up is kept short (README, "Start-up"): the command modules import their heavy
dependencies inside the commands; help is plain text (Rich's help renderer pulls in a
Markdown parser and Pygments, a third of a second before anything is printed); and the
console script builds only the module of the command it runs (`mediadesk list` neither
imports nor builds doctor's, ops' or the report's commands: Typer inspects every command's
signature to build it).
"""

from __future__ import annotations

import importlib
import sys

import typer
import typer.core

if not hasattr(typer.core, "HAS_RICH") and getattr(typer.core, "rich", None) is not None:
    # Typer before 0.17 escapes "[default: 2]" for Rich markup even in plain help ("\\[default: 2]")
    # whenever Rich is installed; its module-level `rich` is used for nothing else in plain mode.
    typer.core.rich = None

# The modules of mediadesk.cli that register commands, in the order help lists them.
MODULES = ("ops", "doctor", "tickets", "stats", "draft_cmd", "triage_cmd", "contacts_cmd", "story_cmd", "report_cmd", "attachment_cmd")
# Which module registers each top-level command (tests/test_cli_validation.py keeps it true).
COMMAND_MODULES = {
    "db": "ops", "poll": "ops", "worker": "ops", "run": "ops", "sweep": "ops", "demo": "ops", "import-mbox": "ops",
    "doctor": "doctor", "metrics": "doctor",
    "list": "tickets", "show": "tickets", "status": "tickets", "assign": "tickets", "note": "tickets",
    "categorise": "tickets", "reprocess": "tickets",
    "stats": "stats", "merge": "stats",
    "draft": "draft_cmd",
    "triage": "triage_cmd", "triage-train": "triage_cmd",
    "contact": "contacts_cmd", "outlet": "contacts_cmd",
    "story": "story_cmd", "statement": "story_cmd",
    "report": "report_cmd",
    "attachment": "attachment_cmd",
}


def build(modules: tuple[str, ...] = MODULES) -> typer.Typer:
    """The `mediadesk` application with the commands of ``modules``."""
    cli = typer.Typer(
        name="mediadesk",
        help="Inquiries to the media address, as triaged tickets with drafted acknowledgements.",
        no_args_is_help=True,
        rich_markup_mode=None,
        context_settings={"max_content_width": 120},  # wider terminals show whole lines of help
        pretty_exceptions_enable=False,
    )
    for name in modules:
        importlib.import_module(f"mediadesk.cli.{name}").register(cli)
    cli.callback()(_root)
    return cli


def __getattr__(name: str):
    if name == "app":  # every command (tests, scripts): built on first use
        globals()["app"] = build()
        return globals()["app"]
    raise AttributeError(name)


# Commands that configure logging only if they need it (the fast read path logs nothing, and
# structlog costs a quarter of a second to import); every other command configures it first.
_LOGS_ON_DEMAND = {"list"}


def _print_version(value: bool) -> None:
    if value:
        from mediadesk import __version__

        typer.echo(f"mediadesk {__version__}")
        raise typer.Exit()


def _root(
    ctx: typer.Context,
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log each pipeline step to stderr."),
    version: bool = typer.Option(False, "--version", callback=_print_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    import os
    import sys

    from mediadesk.cli import common

    common.refuse_undecodable_input(sys.argv[1:], dict(os.environ))
    common.log_level = "INFO" if verbose else os.environ.get("MEDIADESK_LOG_LEVEL", "WARNING")
    if verbose or ctx.invoked_subcommand not in _LOGS_ON_DEMAND:
        common.configure_logs()


def main() -> None:
    # The first word that is not an option names the command (the root's options take no value);
    # an unknown word, or none, gets every command (help, suggestions, completion).
    word = next((arg for arg in sys.argv[1:] if not arg.startswith("-")), None)
    if word in COMMAND_MODULES:
        cli = build((COMMAND_MODULES[word],))
    else:
        cli = build(()) if word is None and "--version" in sys.argv[1:] else __getattr__("app")
    try:
        cli()
    except Exception as exc:  # a database that cannot be read or written: a message, exit 5
        from mediadesk.cli import common

        try:
            common.database_failure(exc)
        except typer.Exit as stop:  # outside Typer's own handling here
            raise SystemExit(stop.exit_code) from None
        raise
