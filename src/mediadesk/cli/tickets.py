"""The press team's ticket commands: list, show, status, assign, note, categorise, reprocess."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone, tzinfo
from typing import TYPE_CHECKING, Optional

import typer

from mediadesk.cli import common
from mediadesk.cli.common import ExitCode, err, fail, out, print_json, print_rows
from mediadesk.storage.statuses import OPEN_STATUSES, TICKET_STATUSES
from mediadesk.vocabulary import CATEGORIES, LANGUAGE_CODES, PRIORITIES

if TYPE_CHECKING:  # imported inside the commands: start-up time (see cli/common.py)
    from sqlmodel import Session

    from mediadesk.storage.contacts import Contact, Outlet
    from mediadesk.storage.models import Ticket

# Each word of --search is one full-text query joined by INTERSECT; SQLite refuses more than 500
# in one statement. Fifty is more than anyone types and keeps the statement fast on PostgreSQL.
MAX_SEARCH_WORDS = 50

LIST_FIELDS = ("ref", "status", "priority", "category", "language", "subject", "requester", "requester_name",
               "assignee", "created_at", "due_at", "overdue", "deadline", "automated_kind", "category_confidence",
               "needs_review", "contact", "outlet")


def contact_brief(contact: Contact | None) -> dict | None:
    """A ticket's contact in `list --json`: who it is, not the whole card."""
    return None if contact is None else {"id": contact.id, "name": contact.name, "role": contact.role}


def outlet_brief(outlet: Outlet | None) -> dict | None:
    """A ticket's outlet in `list --json` and `show --json`."""
    return None if outlet is None else {"name": outlet.name, "kind": outlet.kind, "tier": outlet.tier,
                                        "country": outlet.country}


def list_order(t) -> tuple:
    """How `list` orders tickets (``t``: the Ticket entity or an alias of it): most urgent first."""
    return (t.priority_rank, t.due_at.is_(None), t.due_at, t.id)


def with_contacts(query, order=lambda t: (t.id,)):
    """The tickets of ``query`` (ordered and limited) with each one's contact and outlet, in one
    statement: the page of tickets is chosen first, in a subquery, and only its rows are joined
    (joined before the LIMIT, SQLite would join every open ticket before sorting: +50% on 100k
    tickets). ``order`` gives the same order on the subquery's alias."""
    from sqlalchemy.orm import aliased
    from sqlmodel import select

    from mediadesk.storage.contacts import Contact, Outlet
    from mediadesk.storage.models import Ticket

    page = aliased(Ticket, query.subquery("page"))
    return select(page, Contact, Outlet).outerjoin(Contact, Contact.id == page.contact_id) \
        .outerjoin(Outlet, Outlet.id == Contact.outlet_id).order_by(*order(page))


def ticket_summary(ticket: Ticket, now: datetime | None = None, *, contact: Contact | None = None,
                   outlet: Outlet | None = None) -> dict:
    """The JSON object for a ticket in `list --json` (fields documented in the README).

    ``overdue`` is computed from ``due_at`` and ``now`` (``repo.is_overdue``), as every reader does.
    """
    from mediadesk.storage.repo import is_overdue

    return {
        "ref": ticket.ref,
        "status": ticket.status,
        "priority": ticket.priority,
        "category": ticket.category,
        "category_confidence": ticket.category_confidence,
        "language": ticket.language,
        "automated_kind": ticket.automated_kind,
        "deadline": ticket.deadline,
        "subject": ticket.subject,
        "requester": ticket.requester_email,
        "requester_name": ticket.requester_name,
        "assignee": ticket.assignee,
        "mailbox": ticket.mailbox,
        "needs_review": ticket.needs_review,
        "overdue": is_overdue(ticket, now),
        "due_at": ticket.due_at,
        "created_at": ticket.created_at,
        "updated_at": ticket.updated_at,
        "contact": contact_brief(contact),
        "outlet": outlet_brief(outlet),
    }


def parse_since(text: str | None, option: str = "--since", zone: tzinfo | None = None) -> datetime | None:
    """An ISO date or time (in ``zone``, by default MEDIADESK_TIMEZONE, unless it says its own) or an
    age: 24h, 7d, 2w, 30m."""
    if not text:
        return None
    text = text.strip()
    units = {"h": "hours", "d": "days", "w": "weeks", "m": "minutes"}
    if text[:-1].isdigit() and text[-1] in units:
        try:
            return datetime.now(timezone.utc) - timedelta(**{units[text[-1]]: int(text[:-1])})
        except OverflowError:  # 99999999d: before the first year there is
            fail(f"{option} {text!r}: that is longer ago than there are dates", ExitCode.USAGE)
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        fail(f"{option} {text!r}: use an ISO date (2026-11-01) or an age like 24h, 7d", ExitCode.USAGE)
    return value if value.tzinfo else value.replace(tzinfo=zone or common.display_zone())


def list_tickets(
    all_: bool = typer.Option(False, "--all", "-a", help="Every ticket, not only open ones."),
    status: Optional[list[str]] = typer.Option(None, "--status", "-s", metavar="STATUS",
                                              help="Only these statuses (repeatable): " + ", ".join(TICKET_STATUSES)
                                              + "; 'error' lists parked inbound mail."),
    category: Optional[str] = typer.Option(None, "--category", "-c", metavar="CATEGORY",
                                           help="Only this category: " + ", ".join(CATEGORIES) + "."),
    language: Optional[str] = typer.Option(None, "--language", "-l", metavar="CODE",
                                           help="Only this language, an ISO 639-1 code: ar, en, fr…"),
    priority: Optional[str] = typer.Option(None, "--priority", "-p", metavar="PRIORITY",
                                           help="Only this priority: " + ", ".join(PRIORITIES) + "."),
    assignee: Optional[str] = typer.Option(None, "--assignee", metavar="USER", help="Only tickets assigned to USER."),
    overdue: bool = typer.Option(False, "--overdue", help="Only tickets past their due time."),
    review: bool = typer.Option(False, "--review", help="Only tickets flagged for human review."),
    since: Optional[str] = typer.Option(None, "--since", metavar="WHEN", help="Created since an ISO date or an age (24h, 7d)."),
    search: Optional[str] = typer.Option(None, "--search", "-q", metavar="WORDS", help="Text in subject, body or sender."),
    story: Optional[str] = typer.Option(None, "--story", metavar="STORY", help="Only the tickets of this story (S-3; see `mediadesk story list`)."),
    limit: int = typer.Option(100, "--limit", "-n", metavar="N", min=1, max=1_000_000, help="At most N tickets (default 100)."),
    json_: bool = typer.Option(False, "--json", help="One JSON array of ticket objects."),
    pager: bool = typer.Option(True, "--pager/--no-pager",
                               help="On a terminal, page a list longer than the screen (MEDIADESK_PAGER, PAGER, less)."),
) -> None:
    """Open tickets by priority then due time: on a terminal one line each, as wide as the
    terminal; piped, tab-separated lines.

    \b
    Examples:
      mediadesk list
      mediadesk list --status new --language ar
      mediadesk list --all --search "press pass" --json
    """
    status = [common.one_of("--status", s, (*TICKET_STATUSES, "error")) for s in status or ()]
    category = common.one_of("--category", category, CATEGORIES)
    language = common.one_of("--language", language, LANGUAGE_CODES)
    priority = common.one_of("--priority", priority, PRIORITIES)
    words = len(re.findall(r"\w+", search or ""))  # as storage.search splits them
    if words > MAX_SEARCH_WORDS:
        fail(f"--search: at most {MAX_SEARCH_WORDS} words (got {words}); a few distinctive words find the ticket",
             ExitCode.USAGE)
    if status and "error" in status:
        common.configure_logs()
        return list_parked(json_=json_)
    if not search and not story:  # the fast path (cli/fastlist.py): SQLite read with sqlite3 alone
        from mediadesk.cli import fastlist

        at = fastlist.where()
        if at is not None:
            now = datetime.now(timezone.utc)
            found = fastlist.tickets(at, statuses=status, all_=all_, category=category, language=language,
                                     priority=priority, assignee=assignee, overdue=overdue, review=review,
                                     since=parse_since(since, zone=at.zone), limit=limit, now=now)
            if found is not None:
                return show_tickets(found, now, at.zone, json_=json_, pager=pager)
    common.configure_logs()
    from sqlmodel import select

    from mediadesk.storage.db import read_scope
    from mediadesk.storage.models import Ticket, utcnow

    engine = common.engine()
    with read_scope(engine) as session:  # no write lock: never waits for a worker
        query = select(Ticket).where(Ticket.merged_into_id.is_(None))
        if status:
            query = query.where(Ticket.status.in_(status))
        elif not all_:
            query = query.where(Ticket.status.in_(OPEN_STATUSES))
        for column, value in ((Ticket.category, category), (Ticket.language, language),
                              (Ticket.priority, priority), (Ticket.assignee, assignee)):
            if value:
                query = query.where(column == value)
        now = utcnow()
        if overdue:
            from mediadesk.storage.repo import overdue_clause

            query = query.where(overdue_clause(now))
        if review:
            query = query.where(Ticket.needs_review.is_(True))
        if story:
            from mediadesk.worker.services import NotFound, find_story

            try:
                query = query.where(Ticket.story_id == find_story(session, story).id)
            except NotFound as exc:
                fail(str(exc), ExitCode.NOT_FOUND)
        since_at = parse_since(since)
        if since_at:
            query = query.where(Ticket.created_at >= since_at)
        if search:
            from mediadesk.storage.search import matching_ticket_ids

            # A join, not `id IN (…)`: SQLite without statistics then walks the status index once
            # per match and status (0.3-0.4 s for a common word on 100k tickets); the join reads
            # the full-text matches first and looks each ticket up by its key (scripts/bench_cli.py).
            matches = matching_ticket_ids(session, search).subquery("matches")
            query = query.join(matches, matches.c.id == Ticket.id)
        query = query.order_by(*list_order(Ticket)).limit(limit)
        joined = session.execute(with_contacts(query, list_order)).all()  # rows of three: not exec's scalars
        session.expunge_all()  # keep the loaded values: read_scope's rollback would expire them
    show_tickets([ticket_summary(t, now, contact=c, outlet=o) for t, c, o in joined], now, common.display_zone(),
                 json_=json_, pager=pager)


def show_tickets(tickets: list[dict], now: datetime, zone: tzinfo, *, json_: bool = False, pager: bool = True) -> None:
    """``ticket_summary`` objects as `list` prints them: JSON; piped, tab-separated lines
    (``tables.ticket_tsv``); on a terminal one line per ticket as wide as the terminal
    (``tables.ticket_lines``), through the pager when longer than the screen."""
    import sys

    from mediadesk.cli import tables

    if json_:
        print_json(tickets)
        return
    if not common.is_tty():
        lines = tables.ticket_tsv(tickets, lambda value: tables.local(value, zone))
        sys.stdout.write("".join(line + "\n" for line in lines))
        sys.stdout.flush()
        return
    if not tickets:
        err.print("no tickets")
        return
    lines = tables.ticket_lines(tickets, width=common.terminal_width(), now=now, color=common.colour())
    common.page("".join(line + "\n" for line in lines), enabled=pager)


def print_all_tickets() -> None:
    """Every ticket in creation order (what `demo` ends with)."""
    from sqlmodel import select

    from mediadesk.storage.db import read_scope
    from mediadesk.storage.models import Ticket, utcnow

    now = utcnow()
    with read_scope(common.engine()) as session:
        joined = session.execute(with_contacts(select(Ticket).order_by(Ticket.id))).all()
    show_tickets([ticket_summary(t, now, contact=c, outlet=o) for t, c, o in joined], now, common.display_zone(),
                 pager=False)


def list_parked(json_: bool = False) -> None:
    """Inbound mail that failed repeatedly and waits for `mediadesk reprocess`."""
    from sqlmodel import select

    from mediadesk.storage.db import read_scope
    from mediadesk.storage.models import InboundMessage

    engine = common.engine()
    with read_scope(engine) as session:  # no write lock: never waits for a worker
        rows = session.exec(select(InboundMessage).where(InboundMessage.state == "parked").order_by(InboundMessage.id)).all()
        data = [{"inbound_id": r.id, "state": r.state, "attempts": r.attempts, "error": r.error,
                 "message_id": r.message_id, "received_at": r.received_at, "mailbox": r.mailbox} for r in rows]
    if json_:
        print_json(data)
        return
    print_rows(f"{len(data)} parked message(s)", ["inbound", "attempts", "received", "error"],
               [(f"#{d['inbound_id']}", d["attempts"], common.fmt_time(d["received_at"]), (d["error"] or "")[:90]) for d in data])


def _get_ticket(session: Session, ref: str) -> Ticket:
    from mediadesk.storage import repo

    ticket = repo.ticket_by_ref(session, ref)
    if ticket is None:
        fail(f"no ticket {ref}", ExitCode.NOT_FOUND)
    return ticket


def ticket_detail(session: Session, ticket: Ticket) -> dict:
    from sqlmodel import select

    from mediadesk.storage.contacts import Contact, Outlet
    from mediadesk.storage.models import Attachment, Draft, Message, TicketEvent

    messages = session.exec(select(Message).where(Message.ticket_id == ticket.id).order_by(Message.id)).all()
    events = session.exec(select(TicketEvent).where(TicketEvent.ticket_id == ticket.id).order_by(TicketEvent.id)).all()
    drafts = session.exec(select(Draft).where(Draft.ticket_id == ticket.id).order_by(Draft.id)).all()
    draft = next((d for d in drafts if d.kind == "ack"), None)
    contact = session.get(Contact, ticket.contact_id) if ticket.contact_id else None
    outlet = session.get(Outlet, contact.outlet_id) if contact is not None and contact.outlet_id else None
    detail = ticket_summary(ticket, contact=contact, outlet=outlet)
    detail["contact"] = contact_card(session, contact, ticket)
    detail.update({
        "language_confidence": ticket.language_confidence,
        "explanation": json.loads(ticket.explanation) if ticket.explanation else [],
        "review_reason": ticket.review_reason,
        "first_response_due_at": ticket.first_response_due_at,
        "acknowledged_at": ticket.acknowledged_at,
        "resolved_at": ticket.resolved_at,
        "closed_at": ticket.closed_at,
        "messages": [],
        "draft": None,
        "events": [{"at": e.at, "actor": e.actor, "kind": e.kind, "from": e.from_status, "to": e.to_status,
                    "note": e.note} for e in events],
        "related": related_tickets(session, ticket),
        "story": f"S-{ticket.story_id}" if ticket.story_id else None,
        "statements": [{"statement_id": d.statement_id, "to": d.to_email, "language": d.language, "status": d.status,
                        "approved_by": d.approved_by, "sent_at": d.sent_at} for d in drafts if d.kind == "reply"],
    })
    number = 0  # attachments numbered across the ticket, as `attachment save REF N` counts them
    for m in messages:
        atts = session.exec(select(Attachment).where(Attachment.message_id == m.id).order_by(Attachment.id)).all()
        detail["messages"].append({
            "direction": m.direction, "message_id": m.message_id, "from": m.from_email, "from_name": m.from_name,
            "to": m.to, "subject": m.subject, "date": m.date, "body": m.body_text, "inbound_id": m.inbound_id,
            "attachments": [{"number": (number := number + 1), "filename": a.filename,
                             "content_type": a.content_type, "size": a.size, "sha256": a.sha256,
                             "skipped_reason": a.skipped_reason} for a in atts],
        })
    if draft is not None:
        detail["draft"] = {"status": draft.status, "language": draft.language, "to": draft.to_email,
                           "subject": draft.subject, "body": draft.body_text, "approved_by": draft.approved_by,
                           "sent_at": draft.sent_at, "error": draft.error}
    return detail


def outcome(ticket: Ticket, answered: bool) -> str:
    """What came of a ticket, in a word: ``resolved``, ``closed``, ``ignored`` (a machine or spam),
    ``merged``, else, while open, ``answered`` (the team replied), ``acknowledged`` or ``open``."""
    if ticket.merged_into_id:
        return "merged"
    if ticket.status in ("resolved", "closed", "ignored"):
        return ticket.status
    if answered:
        return "answered"
    return "acknowledged" if ticket.acknowledged_at else "open"


def contact_card(session: Session, contact: Contact | None, ticket: Ticket, *, previous: int = 3) -> dict | None:
    """The contact of ``show``: who is asking, and their last ``previous`` other tickets with
    subjects and outcomes (two queries: the tickets, and which of them the team answered)."""
    from sqlalchemy import func
    from sqlmodel import select

    from mediadesk.storage.models import Message, Ticket

    if contact is None:
        return None
    from mediadesk.storage.contacts import addresses_of

    count = session.exec(select(func.count(Ticket.id)).where(Ticket.contact_id == contact.id)).one()
    earlier = session.exec(select(Ticket).where(Ticket.contact_id == contact.id, Ticket.id != ticket.id)
                           .order_by(Ticket.created_at.desc(), Ticket.id.desc()).limit(previous)).all()
    answered = set(session.exec(select(Message.ticket_id).where(
        Message.ticket_id.in_([t.id for t in earlier]), Message.direction == "out", Message.inbound_id.is_not(None)
    )).all()) if earlier else set()
    return {
        **contact_brief(contact),
        "addresses": addresses_of(session, contact.id),
        "phone": contact.phone,
        "languages": [code for code in contact.languages.split(",") if code],
        "outlet_via": contact.outlet_via,
        "first_seen": contact.first_seen,
        "last_seen": contact.last_seen,
        "ticket_count": count,
        "previous_tickets": [{"ref": t.ref, "subject": t.subject, "status": t.status, "category": t.category,
                              "created_at": t.created_at, "outcome": outcome(t, t.id in answered)} for t in earlier],
    }


def related_tickets(session: Session, ticket: Ticket) -> list[dict]:
    """The ticket this one was opened from, and those opened from it (a reply from outside a
    conversation gets a ticket of its own that names the conversation it answered)."""
    from sqlmodel import select

    from mediadesk.storage.models import Ticket

    from sqlalchemy import or_

    clause = Ticket.related_ticket_id == ticket.id
    if ticket.related_ticket_id:
        clause = or_(clause, Ticket.id == ticket.related_ticket_id)
    rows = session.exec(select(Ticket).where(clause, Ticket.id != ticket.id).order_by(Ticket.id)).all()
    return [{"ref": t.ref, "requester": t.requester_email, "subject": t.subject, "status": t.status,
             "relation": "opened from" if t.id == ticket.related_ticket_id else "opened by a reply here"} for t in rows]


def show(
    ref: str = typer.Argument(..., help="Ticket reference, e.g. MR-42 or 42."),
    json_: bool = typer.Option(False, "--json", help="One JSON object (fields in the README)."),
    raw: bool = typer.Option(False, "--raw", help="Print the original bytes of the first message."),
    pager: bool = typer.Option(True, "--pager/--no-pager",
                               help="On a terminal, page a ticket longer than the screen (MEDIADESK_PAGER, PAGER, less)."),
) -> None:
    """The whole ticket: thread, triage and its explanation, draft, history, attachments (boxes on
    a terminal; piped, plain text with the history tab-separated).

    \b
    Examples:
      mediadesk show MR-42
      mediadesk show 42 --json | jq .explanation
    """
    from sqlmodel import select

    from mediadesk.storage.db import read_scope
    from mediadesk.storage.models import InboundMessage, Message

    engine = common.engine()
    with read_scope(engine) as session:  # no write lock: never waits for a worker
        ticket = _get_ticket(session, ref)
        if raw:
            message = session.exec(select(Message).where(Message.ticket_id == ticket.id, Message.inbound_id.is_not(None))
                                   .order_by(Message.id)).first()
            inbound = session.get(InboundMessage, message.inbound_id) if message else None
            if inbound is None:
                fail(f"{ticket.ref} has no stored original", ExitCode.NOT_FOUND)
            common.write_raw(inbound.raw)
            return
        detail = ticket_detail(session, ticket)
    if json_:
        print_json(detail)
        return
    if not common.is_tty():
        return _render_detail(detail)
    with out.capture() as captured:  # styles kept: the console is a terminal
        _render_detail(detail)
    common.page(captured.get(), enabled=pager)


def _section(title: str, body) -> None:
    """One part of `show`: a box on a terminal; piped, a ``# title`` line, then the text as is
    (never wrapped at 80 columns as Rich would), every control character visible."""
    if common.is_tty():
        from rich.panel import Panel

        out.print(Panel(body, title=title, expand=False))
        return
    import sys

    from mediadesk.safetext import visible

    sys.stdout.write(f"# {title}\n{visible(body.plain).rstrip()}\n\n")


def _render_detail(d: dict) -> None:
    from rich.text import Text

    head = Text()
    head.append(f"{d['ref']}  ", style="bold")
    head.append(f"{d['status']}", style="cyan")
    if d["overdue"]:
        head.append("  OVERDUE", style="bold red")
    if d["needs_review"]:
        head.append("  NEEDS REVIEW", style="bold yellow")
    head.append(f"\n{d['subject']}\nfrom {d['requester_name'] or ''} <{d['requester'] or '?'}>")
    head.append(f"\ncreated {common.fmt_time(d['created_at'])}  due {common.fmt_time(d['due_at'])}"
                f"  assignee {d['assignee'] or '-'}")
    _section("ticket", head)
    if d["contact"]:
        _render_contact(d["contact"], d["outlet"])
    triage = Text(f"category {d['category']} ({d['category_confidence']})  language {d['language']} "
                  f"({d['language_confidence']})  priority {d['priority']}  deadline {common.fmt_time(d['deadline']) or '-'}"
                  f"  automated {d['automated_kind'] or 'no'}")
    for reason in d["explanation"]:
        triage.append(f"\n  • {reason}")
    if d.get("story"):
        triage.append(f"\nstory {d['story']} (mediadesk story show {d['story']})")
    for r in d.get("statements") or ():
        when = f"sent {common.fmt_time(r['sent_at'])}" if r["sent_at"] else r["status"]
        triage.append(f"\nstatement {r['statement_id']} ({r['language']}) to {r['to']}: {when}")
    if d["review_reason"]:
        triage.append(f"\nreview: {d['review_reason']}", style="yellow")
    _section("triage", triage)
    if d.get("related"):
        _section("related tickets", Text("\n".join(f"{r['ref']}  {r['relation']}  {r['requester'] or '?'}  "
                                                   f"{r['status']}  {r['subject']}" for r in d["related"])))
    for m in d["messages"]:
        arrow = "←" if m["direction"] == "in" else "→"
        body = Text(f"{arrow} {m['from'] or ''}  {common.fmt_time(m['date'])}\n", style="bold")
        body.append(f"{m['subject']}\n\n", style="bold")
        body.append((m["body"] or "")[:4000])
        for a in m["attachments"]:
            body.append(f"\n📎 {a['number']}. {a['filename']} ({a['content_type']}, {a['size']} bytes)"
                        + (f" — {a['skipped_reason']}" if a["skipped_reason"] else ""))
        who = "team reply" if m["direction"] == "out" and m["inbound_id"] else m["direction"]
        _section(f"message ({who})", body)
    if d["draft"]:
        dr = d["draft"]
        _section("acknowledgement draft", Text(f"[{dr['status']}] to {dr['to']}\n{dr['subject']}\n\n{dr['body']}"))
    if not common.is_tty():
        import sys

        sys.stdout.write("# history\n")
    print_rows("history", ["at", "actor", "what", "from", "to", "note"],
               [(common.fmt_time(e["at"]), e["actor"], e["kind"], e["from"], e["to"], e["note"]) for e in d["events"]])


def _render_contact(c: dict, outlet: dict | None) -> None:
    from rich.text import Text

    card = Text()
    card.append(f"{c['name'] or '(no name)'}", style="bold")
    card.append(f"  {c['role'] or ''}".rstrip())
    card.append(f"\noutlet {outlet['name']} ({outlet['kind']}, tier {outlet['tier']}, via {c['outlet_via']})"
                if outlet else "\noutlet -")
    card.append(f"\nphone {c['phone'] or '-'}  languages {', '.join(c['languages']) or '-'}")
    card.append(f"\nfirst contact {common.fmt_time(c['first_seen'])}  last {common.fmt_time(c['last_seen'])}"
                f"  tickets {c['ticket_count']}")
    for t in c["previous_tickets"]:
        card.append(f"\n  {t['ref']}  {common.fmt_time(t['created_at'])}  {t['outcome']}  {(t['subject'] or '')[:70]}")
    _section(f"contact #{c['id']}", card)


def status(
    ref: str = typer.Argument(...),
    new_status: str = typer.Argument(..., metavar="STATUS", help=", ".join(TICKET_STATUSES)),
    note: Optional[str] = typer.Option(None, "--note", "-m", metavar="NOTE", help="Why, for the ticket's history."),
) -> None:
    """Move a ticket to another status (safe to repeat).

    Example: mediadesk status MR-42 resolved --note "statement sent"
    """
    from mediadesk.worker import services

    if new_status.strip().lower() not in TICKET_STATUSES:
        fail(f"unknown status {new_status!r}; statuses are: {', '.join(TICKET_STATUSES)}", ExitCode.USAGE)
    new_status = new_status.strip().lower()
    err.print(common.act(services.set_status, ref, new_status, note=note))


def assign(ref: str = typer.Argument(...), user: str = typer.Argument(..., help="Who takes it; '-' to unassign.")) -> None:
    """Assign a ticket to a member of the press team."""
    from mediadesk.worker import services

    err.print(common.act(services.assign, ref, None if user == "-" else user))


def note(ref: str = typer.Argument(..., help="Ticket reference, e.g. MR-42 or 42."),
         text: str = typer.Argument(..., metavar="NOTE", help="The note, for the team (never sent).")) -> None:
    """Add an internal note to a ticket's history."""
    from mediadesk.worker import services

    if not text.strip():
        fail("a note needs some text", ExitCode.USAGE)
    err.print(common.act(services.add_note, ref, text))


def categorise(ref: str = typer.Argument(..., help="Ticket reference, e.g. MR-42 or 42."),
               category: str = typer.Argument(..., help=", ".join(CATEGORIES))) -> None:
    """Correct a ticket's category; the correction becomes a training example for triage."""
    from mediadesk.worker import services

    if category.strip().lower() not in CATEGORIES:
        fail(f"unknown category {category!r}; choose from {', '.join(CATEGORIES)}", ExitCode.USAGE)
    category = category.strip().lower()
    err.print(common.act(services.categorise, ref, category))


def reprocess(ref: str = typer.Argument(..., help="A ticket ref to re-triage, or 'parked' to re-drive parked mail.")) -> None:
    """Re-run triage and drafting for a ticket, or re-drive parked inbound mail."""
    from sqlmodel import select

    from mediadesk.storage.db import read_scope
    from mediadesk.storage.models import InboundMessage
    from mediadesk.worker import pipeline, services

    settings = common.settings()
    engine = common.engine()
    if ref.lower() in ("parked", "error", "errors"):
        with read_scope(engine) as session:
            ids = list(session.exec(select(InboundMessage.id).where(InboundMessage.state == "parked")).all())
        ids = pipeline.redrive(engine, ids)
        common.process_inline(engine, ids, settings, label="re-driving parked mail")
        err.print(f"re-drove {len(ids)} parked message(s)")
        return
    err.print(common.act(services.reprocess, ref, settings))


def register(app: typer.Typer) -> None:
    app.command("list")(list_tickets)
    app.command()(show)
    app.command()(status)
    app.command()(assign)
    app.command()(note)
    app.command()(categorise)
    app.command()(reprocess)
