"""`mediadesk draft …`: review acknowledgement drafts: list, show, edit, approve, reject, reopen, resolve."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Optional

import typer

from mediadesk.cli.common import ExitCode, err, fail, fmt_time, out, print_json, print_rows, settings
from mediadesk.storage.statuses import DRAFT_STATUSES

if TYPE_CHECKING:  # imported inside the commands: start-up time (see cli/common.py)
    from sqlmodel import Session

    from mediadesk.storage.models import Draft, Ticket

draft_app = typer.Typer(help="Review acknowledgement drafts before they are sent.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(draft_app, name="draft")


def _engine():
    from mediadesk.cli import common

    return common.engine()


def _load(session: Session, ref: str) -> tuple[Ticket, Draft]:
    from mediadesk.worker.drafting import draft_for_ticket, find_ticket

    ticket = find_ticket(session, ref)
    if ticket is None:
        fail(f"no ticket {ref!r}", ExitCode.NOT_FOUND)
    draft = draft_for_ticket(session, ticket.id)
    if draft is None:
        fail(f"{ticket.ref} has no acknowledgement draft", ExitCode.NOT_FOUND)
    return ticket, draft


def _as_dict(ticket: Ticket, draft: Draft) -> dict:
    data = draft.model_dump()
    data["ref"] = ticket.ref
    return data


NOBODY_SENDS = ("nothing sends it until a worker runs: start one with `mediadesk worker` (or the `worker` service "
                "of docker compose), or send it from here with `mediadesk draft approve {ref} --now`")


@lru_cache(maxsize=2)
def _workers(url: str) -> int | None:
    """Asked once per command (a story's replies are many drafts)."""
    from mediadesk.worker.services import workers_answering

    return workers_answering(url)


def _enqueue_or_send(draft_id: int, now: bool, ref: str = "REF") -> None:
    """Queue the ``send`` task and say whether a worker will run it; with --now send in this
    process. Without a broker the draft stays approved: the outbox sweep queues it once a worker
    (with beat) runs."""
    if not now:
        url = settings().redis_url
        workers = _workers(url)
        if workers is None:
            from mediadesk.settings import mask_url

            if url:
                err.print(f"approved, but not queued: the broker ({mask_url(url)}, MEDIADESK_REDIS_URL) does not "
                          "answer; " + NOBODY_SENDS.format(ref=ref) + " (the outbox sweep queues approved drafts)",
                          highlight=False)
            else:
                err.print("approved, but not queued: no broker is configured (MEDIADESK_REDIS_URL is empty, as in "
                          "the demo), so nothing sends it until a worker runs: set MEDIADESK_REDIS_URL and start "
                          f"`mediadesk worker`, or send it from here with `mediadesk draft approve {ref} --now` "
                          "(with MEDIADESK_SMTP_* set)", highlight=False)
            return
        from mediadesk.worker.tasks import send

        send.delay(draft_id)
        if workers:
            err.print("queued for sending", highlight=False)
        else:
            err.print("approved and queued, but no worker answered: " + NOBODY_SENDS.format(ref=ref),
                      highlight=False)
        return
    from mediadesk.worker.sending import TransientSendError, send_draft

    try:
        outcome = send_draft(_engine(), draft_id, settings())
    except TransientSendError as exc:
        fail(f"the mail server is unavailable, the draft stays approved: {exc}", ExitCode.UNAVAILABLE)
    if outcome in ("sent", "already_sent"):
        err.print(outcome.replace("_", " "))
        return
    if outcome == "sending":
        err.print("being sent by another process: it records the outcome")
        return
    fail(f"not sent: {outcome}", ExitCode.CONFLICT if outcome in ("uncertain", "not_approved") else ExitCode.ERROR)


@draft_app.command("list")
def list_drafts(
    status: str = typer.Option("pending", "--status", "-s", metavar="STATUS", help=f"one of {', '.join(DRAFT_STATUSES)}, or all"),
    as_json: bool = typer.Option(False, "--json", help="one JSON array on stdout"),
) -> None:
    """List drafts (pending review by default)."""
    if status != "all" and status not in DRAFT_STATUSES:
        fail(f"unknown status {status!r}; choose from {', '.join(DRAFT_STATUSES)} or all", ExitCode.USAGE)
    from sqlmodel import select

    from mediadesk.storage.db import read_scope
    from mediadesk.storage.models import Draft, Ticket

    query = select(Draft, Ticket).join(Ticket, Ticket.id == Draft.ticket_id).order_by(Draft.created_at)
    if status != "all":
        query = query.where(Draft.status == status)
    with read_scope(_engine()) as session:
        rows = session.exec(query).all()
    if as_json:
        print_json([_as_dict(ticket, draft) for draft, ticket in rows])
        return
    print_rows(f"Drafts ({status})", ["REF", "STATUS", "LANG", "TO", "SUBJECT", "CREATED"],
               [(t.ref, d.status, d.language, d.to_email, d.subject, fmt_time(d.created_at)) for d, t in rows])


@draft_app.command("show")
def show(ref: str = typer.Argument(..., help="ticket reference: MR-42 or 42"),
         as_json: bool = typer.Option(False, "--json", help="the draft as JSON")) -> None:
    """Show a ticket's acknowledgement draft: headers and text."""
    from mediadesk.storage.db import read_scope

    with read_scope(_engine()) as session:
        ticket, draft = _load(session, ref)
    if as_json:
        print_json(_as_dict(ticket, draft))
        return
    lines = [
        f"Ticket:   {ticket.ref}  ({ticket.status}, {ticket.category or '-'}, {ticket.language or '-'})",
        f"Status:   {draft.status}" + (f"  — {draft.error}" if draft.error else ""),
        f"To:       {draft.to_name + ' ' if draft.to_name else ''}<{draft.to_email}>",
        f"Subject:  {draft.subject}",
        f"Language: {draft.language}",
    ]
    if draft.approved_by:
        lines.append(f"Approved: {draft.approved_by} {fmt_time(draft.approved_at)}")
    if draft.edited_by:
        lines.append(f"Edited:   {draft.edited_by}")
    if draft.status == "sending":
        from mediadesk.worker.sending import lease_end

        lines.append(f"Attempt:  {draft.send_attempts}, started {fmt_time(draft.send_started_at)}, "
                     f"holds the draft until {fmt_time(lease_end(draft))}")
    if draft.sent_at:
        lines.append(f"Sent:     {fmt_time(draft.sent_at)}")
    out.print("\n".join(lines), highlight=False, markup=False)
    out.print("", markup=False)
    out.print(draft.body_text, highlight=False, markup=False)


@draft_app.command("edit")
def edit(ref: str = typer.Argument(..., help="ticket reference")) -> None:
    """Edit the draft's text in $EDITOR; the HTML version is regenerated from it."""
    import click

    from mediadesk.storage.db import read_scope, session_scope
    from mediadesk.worker.drafting import DraftStateError, edit_draft

    engine = _engine()
    with read_scope(engine) as session:
        _, draft = _load(session, ref)
        original = draft.body_text
    try:
        edited = click.edit(original, extension=".txt", require_save=True)
    except click.ClickException as exc:  # the editor is missing, or exited non-zero
        fail(f"{exc.format_message()}: the draft is unchanged; set EDITOR (or VISUAL) to an editor that "
             "works, e.g. EDITOR=nano", ExitCode.ERROR)
    if edited is None or edited.strip() == original.strip():
        err.print("no changes")
        return
    if not edited.strip():
        fail("the edited text is empty: draft left unchanged", ExitCode.USAGE)
    with session_scope(engine) as session:
        _, draft = _load(session, ref)
        if draft.body_text != original:
            fail("the draft changed while you were editing it; run edit again", ExitCode.CONFLICT)
        try:
            changed = edit_draft(session, draft, edited, settings().actor)
        except DraftStateError as exc:
            fail(str(exc), ExitCode.CONFLICT)
    err.print("draft saved" + ("; it needs approval again" if changed and draft.status == "pending" else ""))


@draft_app.command("approve")
def approve(ref: Optional[str] = typer.Argument(None, help="ticket reference"),
            now: bool = typer.Option(False, "--now", help="send in this process instead of queueing"),
            resend: bool = typer.Option(False, "--resend", help="send again a failed or uncertain draft"),
            story: Optional[str] = typer.Option(None, "--story", metavar="STORY", help="approve the story's pending replies together"),
            yes: bool = typer.Option(False, "--yes", "-y", help="with --story: do not ask")) -> None:
    """Approve the draft and queue it for sending (safe to repeat: queued once)."""
    from mediadesk.cli import common
    from mediadesk.worker import services

    if (ref is None) == (story is None):
        fail("give a ticket reference, or --story S", ExitCode.USAGE)
    if story is not None:
        return _approve_story(story, now=now, yes=yes)

    done = common.act(services.approve, ref, resend=resend)
    if done.status == "sent":
        err.print(f"{done.ref}: already sent {fmt_time(done.sent_at)}")
        return
    if done.status == "sending":
        err.print(f"{done.ref}: being sent now")
        return
    if done.changed:
        err.print(f"{done.ref}: approved")
        _enqueue_or_send(done.draft_id, now, done.ref)
    elif now:  # a human asks for it now: the send claims the draft, so it cannot go out twice
        err.print(f"{done.ref}: already approved")
        _enqueue_or_send(done.draft_id, now, done.ref)
    else:
        err.print(f"{done.ref}: already approved, not queued again (the outbox sweep re-queues a lost send; "
                  "--now sends it from here)")


def _approve_story(story: str, *, now: bool, yes: bool) -> None:
    """Show how many replies will go and to whom, then approve exactly those together."""
    from mediadesk.cli import common
    from mediadesk.worker import services

    try:
        pending = services.story_pending_replies(_engine(), story)
    except services.NotFound as exc:
        fail(str(exc), ExitCode.NOT_FOUND)
    if not pending:
        err.print(f"{story}: no reply waiting for approval")
        return
    counts: dict[str, int] = {}
    for p in pending:
        counts[p["language"]] = counts.get(p["language"], 0) + 1
    err.print(f"{len(pending)} replies will go, each to its requester alone ("
              + ", ".join(f"{lang} {n}" for lang, n in sorted(counts.items())) + "):", highlight=False)
    for p in pending:
        err.print(f"  {p['ref']}  {p['language']}  {p['to']}  (statement {p['statement_id']})", highlight=False,
                  markup=False)
    if not yes and not typer.confirm("Approve them?", err=True):
        fail("nothing approved", ExitCode.ERROR)
    done = common.act(services.approve_story, story, [p["draft_id"] for p in pending])
    for action in done:
        if action.changed:
            _enqueue_or_send(action.draft_id, now, action.ref)
    err.print(f"{sum(a.changed for a in done)} approved", highlight=False)


@draft_app.command("reject")
def reject(ref: str = typer.Argument(..., help="ticket reference"),
           note: Optional[str] = typer.Option(None, "--note", "-n", metavar="NOTE", help="why, for the audit trail")) -> None:
    """Reject the draft: it will not be sent."""
    from mediadesk.cli import common
    from mediadesk.worker import services

    done = common.act(services.reject, ref, note=note)
    err.print(f"{done.ref}: rejected" if done.changed else f"{done.ref}: already rejected")


@draft_app.command("reopen")
def reopen(ref: str = typer.Argument(..., help="ticket reference")) -> None:
    """Put a rejected draft back under review (pending), to read and approve it again."""
    from mediadesk.cli import common
    from mediadesk.worker import services

    done = common.act(services.reopen, ref)
    err.print(f"{done.ref}: re-opened for review (pending)" if done.changed else f"{done.ref}: already pending")


@draft_app.command("resolve")
def resolve(ref: str = typer.Argument(..., help="ticket reference"),
            sent: bool = typer.Option(False, "--sent", help="it was delivered: record it as sent"),
            resend: bool = typer.Option(False, "--resend", help="it was not delivered: send it again"),
            now: bool = typer.Option(False, "--now", help="with --resend, send in this process")) -> None:
    """Decide an uncertain send: record it as delivered (--sent) or send it again (--resend).

    Refused while the draft is being sent: that attempt records what the server said."""
    from mediadesk.storage.db import read_scope
    from mediadesk.worker.sending import resolve_uncertain

    if sent == resend:
        fail("say either --sent or --resend", ExitCode.USAGE)
    engine = _engine()
    with read_scope(engine) as session:
        ticket, draft = _load(session, ref)
        draft_id = draft.id
    try:
        result = resolve_uncertain(engine, draft_id, settings(), delivered=sent, actor=settings().actor)
    except ValueError as exc:
        fail(f"{ticket.ref}: {exc}", ExitCode.CONFLICT)
    if result == "sent":
        err.print(f"{ticket.ref}: recorded as sent")
        return
    err.print(f"{ticket.ref}: approved for sending again")
    _enqueue_or_send(draft_id, now, ticket.ref)
