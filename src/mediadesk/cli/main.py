"""The `mediadesk` command: noun → verb, each noun in its own module.

Start-up is kept short (README, "Start-up"): the command modules import their heavy
dependencies inside the commands, and help is plain text (Rich's help renderer pulls in a
Markdown parser and Pygments, a third of a second before anything is printed).
"""

from __future__ import annotations

import typer
import typer.core

from mediadesk.cli import contacts_cmd, doctor, draft_cmd, ops, report_cmd, stats, story_cmd, tickets, triage_cmd

if not hasattr(typer.core, "HAS_RICH") and getattr(typer.core, "rich", None) is not None:
    # Typer before 0.17 escapes "[default: 2]" for Rich markup even in plain help ("\\[default: 2]")
    # whenever Rich is installed; its module-level `rich` is used for nothing else in plain mode.
    typer.core.rich = None

app = typer.Typer(
    name="mediadesk",
    help="Inquiries to the media address, as triaged tickets with drafted acknowledgements.",
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"max_content_width": 120},  # wider terminals show whole lines of help
    pretty_exceptions_enable=False,
)

ops.register(app)
doctor.register(app)
tickets.register(app)
stats.register(app)
draft_cmd.register(app)
triage_cmd.register(app)
contacts_cmd.register(app)
story_cmd.register(app)
report_cmd.register(app)

# Commands that configure logging only if they need it (the fast read path logs nothing, and
# structlog costs a quarter of a second to import); every other command configures it first.
_LOGS_ON_DEMAND = {"list"}


def _print_version(value: bool) -> None:
    if value:
        from mediadesk import __version__

        typer.echo(f"mediadesk {__version__}")
        raise typer.Exit()


@app.callback()
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
    try:
        app()
    except Exception as exc:  # a database that cannot be read or written: a message, exit 5
        from mediadesk.cli import common

        try:
            common.database_failure(exc)
        except typer.Exit as stop:  # outside Typer's own handling here
            raise SystemExit(stop.exit_code) from None
        raise
