"""The `mediadesk` command: noun → verb, each noun in its own module."""

from __future__ import annotations

import typer

from mediadesk.cli import (attachment_cmd, contacts_cmd, doctor, draft_cmd, ops, report_cmd, stats, story_cmd, tickets,
                           triage_cmd)

app = typer.Typer(
    name="mediadesk",
    help="Inquiries to the media address, as triaged tickets with drafted acknowledgements.",
    no_args_is_help=True,
    rich_markup_mode="rich",
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
attachment_cmd.register(app)


@app.callback()
def _root(verbose: bool = typer.Option(False, "--verbose", "-v", help="Log each pipeline step to stderr.")) -> None:
    import os
    import sys

    from mediadesk import logs
    from mediadesk.cli.common import refuse_undecodable_input

    refuse_undecodable_input(sys.argv[1:], dict(os.environ))

    level = "INFO" if verbose else os.environ.get("MEDIADESK_LOG_LEVEL", "WARNING")
    logs.configure(level)


def main() -> None:
    app()
