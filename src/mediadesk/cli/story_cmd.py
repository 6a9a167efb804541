"""`mediadesk story …`: inquiries about one subject, across languages, grouped.

list and show read; merge, split and remove correct the grouping (``worker/services.py``);
`mediadesk list --story S` lists a story's tickets as any others.
"""

from __future__ import annotations

import typer

from mediadesk.cli import common
from mediadesk.cli.common import ExitCode, err, fail, fmt_time, print_json, print_rows

story_app = typer.Typer(help="Stories: inquiries about the same subject, in any language.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(story_app, name="story")


def _counts(counts: dict[str, int]) -> str:
    return " ".join(f"{k}:{v}" for k, v in counts.items())


@story_app.command("list")
def list_stories(json_: bool = typer.Option(False, "--json", help="One JSON array of story objects.")) -> None:
    """Stories with their tickets counted by language and outlet, newest activity first.

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
         json_: bool = typer.Option(False, "--json")) -> None:
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
def split(story: str = typer.Argument(...), refs: list[str] = typer.Argument(..., help="Tickets to move to a new story.")) -> None:
    """Move some tickets of a story into a new story of their own."""
    from mediadesk.worker import services

    err.print(common.act(services.story_split, story, refs), highlight=False)


@story_app.command()
def remove(ref: str = typer.Argument(..., help="A ticket: MR-42, 42.")) -> None:
    """Take a ticket out of its story (safe to repeat)."""
    from mediadesk.worker import services

    err.print(common.act(services.story_remove, ref), highlight=False)


__all__ = ["register", "story_app"]
