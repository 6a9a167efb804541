"""`mediadesk attachment …`: the files a ticket's mail carried: list them, save them."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from mediadesk.cli import common
from mediadesk.cli.common import ExitCode, err, fail, print_json, print_rows

attachment_app = typer.Typer(help="The files a ticket's mail carried.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(attachment_app, name="attachment")


@attachment_app.command("list")
def list_attachments(ref: str = typer.Argument(..., help="ticket reference: MR-42 or 42"),
                     as_json: bool = typer.Option(False, "--json", help="one JSON array on stdout")) -> None:
    """The ticket's attachments, numbered as `show` lists them."""
    from mediadesk.storage.db import read_scope
    from mediadesk.worker import services

    with read_scope(common.engine()) as session:
        try:
            t = services.ticket(session, ref)
        except services.NotFound as exc:
            fail(str(exc), ExitCode.NOT_FOUND)
        rows = [{"number": n, "filename": a.filename, "content_type": a.content_type, "size": a.size,
                 "sha256": a.sha256, "skipped_reason": a.skipped_reason}
                for n, a in services.ticket_attachments(session, t)]
    if as_json:
        print_json(rows)
        return
    print_rows(f"{len(rows)} attachment(s)", ["#", "file", "type", "bytes", "note"],
               [(r["number"], r["filename"], r["content_type"], r["size"], r["skipped_reason"]) for r in rows])


@attachment_app.command("save")
def save(ref: str = typer.Argument(..., help="ticket reference: MR-42 or 42"),
         number: Optional[int] = typer.Argument(None, metavar="[N]", min=1,
                                                help="only attachment N, as `show` numbers them (default: all)"),
         output: Path = typer.Option(Path("."), "--output", "-o", metavar="DIR", file_okay=False,
                                     help="the folder to save into (made if missing; default: here)"),
         force: bool = typer.Option(False, "--force", help="replace files of the same name")) -> None:
    """Save a ticket's attachments into a folder, under their (sanitised) names.

    A name never leaves the folder, and an existing file is kept unless --force.

    Examples:
      mediadesk attachment save MR-14
      mediadesk attachment save MR-14 1 -o ~/Downloads
    """
    from mediadesk.worker import services

    outcomes = common.act(services.save_attachments, ref, common.settings(), output, number=number, force=force)
    for o in outcomes:
        if o.path is not None:
            err.print(f"{o.number}. saved {o.path}", highlight=False)
        else:
            err.print(f"{o.number}. {o.filename}: not saved: {o.refused}", highlight=False)
    if any(o.path is None for o in outcomes):
        raise typer.Exit(ExitCode.ERROR)
