"""`mediadesk story …` and `mediadesk statement …`: inquiries about one subject, across
languages, grouped; and the statements that answer them.

story list/show read; merge, split and remove correct the grouping; answer drafts one reply per
open ticket with a statement (`mediadesk draft approve --story S` approves them together).
statement add/list/show/approve/withdraw keep the register. The work is ``worker/services.py``'s.
"""

from __future__ import annotations

import typer

from pathlib import Path
from typing import Optional

from mediadesk.cli import common
from mediadesk.cli.common import ExitCode, err, fail, fmt_time, out, print_json, print_rows

story_app = typer.Typer(help="Stories: inquiries about the same subject, in any language.", no_args_is_help=True)
statement_app = typer.Typer(help="The statement register: approved answers, in language versions.",
                            no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(story_app, name="story")
    app.add_typer(statement_app, name="statement")


def _counts(counts: dict[str, int]) -> str:
    return " ".join(f"{k}:{v}" for k, v in counts.items())


@story_app.command("list")
def list_stories(json_: bool = typer.Option(False, "--json", help="One JSON array of story objects.")) -> None:
    """Stories with their tickets counted by language and outlet, newest activity first.

    \b
    Examples:
      mediadesk story list
      mediadesk story list --json
    """
    from mediadesk.worker import services

    stories = services.story_list(common.engine())
    if json_:
        print_json(stories)
        return
    print_rows("stories", ["story", "tickets", "open", "languages", "outlets", "last activity", "title"],
               [(s["ref"], s["tickets"], s["open"], _counts(s["languages"]), _counts(s["outlets"]),
                 fmt_time(s["last_activity_at"]), s["title"]) for s in stories])


@story_app.command()
def show(story: str = typer.Argument(..., help="S-3, s3 or 3."),
         json_: bool = typer.Option(False, "--json", help="One JSON object.")) -> None:
    """A story: what tied it, and its tickets."""
    from mediadesk.worker import services

    try:
        detail = services.story_detail(common.engine(), story)
    except services.NotFound as exc:
        fail(str(exc), ExitCode.NOT_FOUND)
    if json_:
        print_json(detail)
        return
    err.print(f"{detail['ref']}: {detail['title']}\n{detail['reason'] or ''}", highlight=False)
    print_rows(detail["ref"], ["ticket", "status", "language", "outlet", "requester", "created", "subject"],
               [(t["ref"], t["status"], t["language"], t["outlet"], t["requester"], fmt_time(t["created_at"]),
                 t["subject"]) for t in detail["tickets"]])


@story_app.command()
def merge(story: str = typer.Argument(..., help="The story whose tickets move."),
          into: str = typer.Argument(..., help="The story they join.")) -> None:
    """Merge one story into another (safe to repeat)."""
    from mediadesk.worker import services

    err.print(common.act(services.story_merge, story, into), highlight=False)


@story_app.command()
def split(story: str = typer.Argument(...),
          refs: list[str] = typer.Argument(..., help="Tickets to move to a new story.")) -> None:
    """Move some tickets of a story into a new story of their own."""
    from mediadesk.worker import services

    err.print(common.act(services.story_split, story, refs), highlight=False)


@story_app.command()
def remove(ref: str = typer.Argument(..., help="A ticket: MR-42, 42.")) -> None:
    """Take a ticket out of its story (safe to repeat)."""
    from mediadesk.worker import services

    err.print(common.act(services.story_remove, ref), highlight=False)


@story_app.command()
def answer(story: str = typer.Argument(...),
           statement: str = typer.Option(..., "--statement", metavar="ID", help="The approved statement to send (its id).")) -> None:
    """One reply draft per open ticket of the story, each in its ticket's language, to each
    requester alone; review them (`mediadesk draft list`) and approve them together
    (`mediadesk draft approve --story S`). Safe to repeat."""
    from mediadesk.worker import services

    err.print(common.act(services.story_answer, story, statement, common.settings()), highlight=False)


def _read(path: Path) -> str:
    if str(path) == "-":
        import sys

        return sys.stdin.read()
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        fail(f"cannot read {path}: {exc}", ExitCode.USAGE)


@statement_app.command("add")
def statement_add(file: Path = typer.Argument(..., help="The text (UTF-8), or - for stdin."),
                  lang: str = typer.Option(..., "--lang", metavar="CODE", help="Its language: ar, en, fr…"),
                  title: Optional[str] = typer.Option(None, "--title", metavar="TITLE", help="A new statement's title."),
                  to: Optional[str] = typer.Option(None, "--to", metavar="ID",
                                                   help="Add this language version to statement ID.")) -> None:
    """Register a statement, or a further language version of one (while it is a draft).

    \b
    Examples:
      mediadesk statement add --title "Derna dam" --lang en derna-en.txt
      mediadesk statement add --to 1 --lang ar derna-ar.txt
    """
    from mediadesk.worker import services

    if (title is None) == (to is None):
        fail("give --title for a new statement, or --to ID for a further version", ExitCode.USAGE)
    err.print(common.act(services.statement_add, lang, _read(file), title=title, statement=to), highlight=False)


@statement_app.command("list")
def statement_list(json_: bool = typer.Option(False, "--json", help="One JSON array.")) -> None:
    """The register, newest first: status, who approved, languages, replies sent."""
    from mediadesk.worker import services

    rows = services.statement_list(common.engine())
    if json_:
        print_json(rows)
        return
    print_rows("statements", ["id", "status", "approved by", "languages", "replies sent", "title"],
               [(r["id"], r["status"], r["approved_by"], ",".join(r["languages"]),
                 f"{r['replies']['sent']}/{r['replies']['total']}", r["title"]) for r in rows])


@statement_app.command("show")
def statement_show(ident: str = typer.Argument(..., help="The statement's id."),
                   json_: bool = typer.Option(False, "--json", help="One JSON object.")) -> None:
    """A statement: its versions, and to whom it went, in which language, when."""
    from mediadesk.worker import services

    try:
        d = services.statement_detail(common.engine(), ident)
    except services.NotFound as exc:
        fail(str(exc), ExitCode.NOT_FOUND)
    if json_:
        print_json(d)
        return
    approved = f", approved by {d['approved_by']} {fmt_time(d['approved_at'])}" if d["approved_by"] else ""
    out.print(f"statement {d['id']}: {d['title']} ({d['status']}{approved})", highlight=False, markup=False)
    for v in d["versions"]:
        out.print(f"\n[{v['language']}]\n{v['text']}", highlight=False, markup=False)
    print_rows("sent to", ["ticket", "to", "language", "status", "sent"],
               [(r["ref"], r["to"], r["language"], r["status"], fmt_time(r["sent_at"])) for r in d["sent_to"]])


@statement_app.command("approve")
def statement_approve(ident: str = typer.Argument(...)) -> None:
    """Approve a statement (you, MEDIADESK_USER, are recorded as approving it)."""
    from mediadesk.worker import services

    err.print(common.act(services.statement_approve, ident), highlight=False)


@statement_app.command("withdraw")
def statement_withdraw(ident: str = typer.Argument(...)) -> None:
    """Withdraw a statement: no new reply will carry it."""
    from mediadesk.worker import services

    err.print(common.act(services.statement_withdraw, ident), highlight=False)


__all__ = ["register", "statement_app", "story_app"]
