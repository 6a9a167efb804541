"""`mediadesk contact …` and `mediadesk outlet …`: who is asking, and for which outlet.

contact list/show/merge/edit over the contacts that ingest links to tickets; outlet
list/import/export over the office's registry (shipped with mediadesk, editable as CSV), and
outlet unknown: the requester domains nobody has classified yet.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Optional

import typer

from mediadesk.cli import common
from mediadesk.cli.common import ExitCode, err, fail, fmt_time, out, print_json, print_rows

contact_app = typer.Typer(help="The people who write to the media address.", no_args_is_help=True)
outlet_app = typer.Typer(help="The outlet registry: which newsroom a domain or a signature stands for.",
                         no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(contact_app, name="contact")
    app.add_typer(outlet_app, name="outlet")


def _outlet_or_fail(session, name: str):
    from mediadesk.worker.contacts.service import outlet_row

    row = outlet_row(session, name)
    if row is None:
        fail(f"no outlet {name!r} in the registry (see `mediadesk outlet list`; add it with `mediadesk outlet import`)",
             ExitCode.NOT_FOUND)
    return row


def _contact_or_fail(session, key: str):
    from mediadesk.worker.contacts.service import find_contact

    contact = find_contact(session, key)
    if contact is None:
        fail(f"no contact {key!r} (give an id or one of its addresses)", ExitCode.NOT_FOUND)
    return contact


# --------------------------------------------------------------------------- contact


@contact_app.command("list")
def list_contacts(
    outlet: Optional[str] = typer.Option(None, "--outlet", "-o", metavar="OUTLET", help="only this outlet's contacts (name or alias)"),
    limit: int = typer.Option(200, "--limit", "-n", metavar="N", min=1, max=1_000_000, help="at most this many, most recently seen first"),
    as_json: bool = typer.Option(False, "--json", help="one JSON array on stdout"),
) -> None:
    """Contacts, most recently seen first.

    \b
    Examples:
      mediadesk contact list --outlet Reuters
      mediadesk contact list --outlet العربية --json
    """
    from mediadesk.storage.db import read_scope
    from mediadesk.worker.contacts.service import contact_list

    with read_scope(common.engine()) as session:
        outlet_id = _outlet_or_fail(session, outlet).id if outlet else None
        rows = contact_list(session, outlet_id=outlet_id, limit=limit)
    if as_json:
        print_json(rows)
        return
    print_rows("Contacts", ["ID", "NAME", "ADDRESS", "OUTLET", "ROLE", "LANGS", "TICKETS", "LAST SEEN"],
               [(r["id"], r["name"], r["addresses"][0] if r["addresses"] else "", r["outlet"], r["role"],
                 ",".join(r["languages"]), r["ticket_count"], fmt_time(r["last_seen"])) for r in rows])


@contact_app.command("show")
def show_contact(
    key: str = typer.Argument(..., metavar="EMAIL|ID", help="an address of the contact, or its id"),
    as_json: bool = typer.Option(False, "--json", help="the contact card as JSON"),
) -> None:
    """A contact card: addresses, outlet, role, phone, languages and the last three tickets."""
    from rich.text import Text

    from mediadesk.storage.db import read_scope
    from mediadesk.worker.contacts.service import contact_card

    with read_scope(common.engine()) as session:
        card = contact_card(session, _contact_or_fail(session, key))
    if as_json:
        print_json(card)
        return
    outlet = card["outlet"]
    lines = [
        f"Contact:   {card['id']}  {card['name'] or ''}",
        f"Addresses: {', '.join(card['addresses'])}",
        "Outlet:    " + (f"{outlet['name']} ({outlet['kind']}, {outlet['country'] or '-'}, tier {outlet['tier']}; "
                         f"from the {card['outlet_via']})" if outlet else "-"),
        f"Role:      {card['role'] or '-'}",
        f"Phone:     {card['phone'] or '-'}",
        f"Languages: {', '.join(card['languages']) or '-'}",
        f"Seen:      {fmt_time(card['first_seen'])} … {fmt_time(card['last_seen'])}, {card['ticket_count']} ticket(s)",
    ]
    out.print(Text("\n".join(lines)), soft_wrap=True)
    if card["tickets"]:
        print_rows("Latest tickets", ["REF", "STATUS", "CATEGORY", "CREATED", "SUBJECT"],
                   [(t["ref"], t["status"], t["category"], fmt_time(t["created_at"]), t["subject"])
                    for t in card["tickets"]])


@contact_app.command("merge")
def merge(
    keep: str = typer.Argument(..., metavar="A", help="the contact to keep (id or address)"),
    other: str = typer.Argument(..., metavar="B", help="the contact folded into A (id or address)"),
) -> None:
    """Make B's addresses and tickets A's, and delete B (one journalist, two addresses).

    Example: mediadesk contact merge sara@aljazeera.net sara.k@gmail.com
    """
    from mediadesk.storage.db import session_scope
    from mediadesk.worker.contacts.service import merge_contacts

    with session_scope(common.engine()) as session:
        a, b = _contact_or_fail(session, keep), _contact_or_fail(session, other)
        if a.id == b.id:
            err.print(f"{keep} and {other} are already one contact ({a.id})")
            return
        merge_contacts(session, a, b)
        kept = a.id
    err.print(f"merged contact {other} into {kept}")


@contact_app.command("edit")
def edit(
    key: str = typer.Argument(..., metavar="ID", help="the contact's id (or an address)"),
    name: Optional[str] = typer.Option(None, "--name", metavar="NAME", help="The contact's name."),
    outlet: Optional[str] = typer.Option(None, "--outlet", metavar="OUTLET", help="an outlet name or alias; '-' for none"),
    role: Optional[str] = typer.Option(None, "--role", metavar="ROLE", help="Their role, e.g. 'Gulf correspondent'."),
    phone: Optional[str] = typer.Option(None, "--phone", metavar="PHONE", help="Their phone number."),
) -> None:
    """Correct a contact. An outlet set here stays: automatic linking never changes it.

    Example: mediadesk contact edit 12 --outlet "Asharq Al-Awsat" --role "Gulf correspondent"
    """
    from mediadesk.storage.db import session_scope
    from mediadesk.worker.contacts.service import OFFICE

    if name is None and outlet is None and role is None and phone is None:
        fail("nothing to change: give --name, --outlet, --role or --phone", ExitCode.USAGE)
    with session_scope(common.engine()) as session:
        contact = _contact_or_fail(session, key)
        if outlet is not None:
            contact.outlet_id = None if outlet.strip() in ("", "-") else _outlet_or_fail(session, outlet).id
            contact.outlet_via = OFFICE
        for field, value in (("name", name), ("role", role), ("phone", phone)):
            if value is not None:
                setattr(contact, field, value.strip() or None)
        session.add(contact)
        contact_id = contact.id
    err.print(f"contact {contact_id} updated")


# --------------------------------------------------------------------------- outlet


@outlet_app.command("list")
def list_outlets(
    kind: Optional[str] = typer.Option(None, "--kind", metavar="KIND", help="agency, newspaper, tv, radio, online, freelance, other"),
    country: Optional[str] = typer.Option(None, "--country", metavar="CODE", help="ISO country code, e.g. AE"),
    as_json: bool = typer.Option(False, "--json", help="one JSON array on stdout"),
) -> None:
    """The outlets the registry knows, with their domains and how many contacts each has."""
    from mediadesk.storage.db import read_scope
    from mediadesk.worker.contacts.outlets import KINDS
    from mediadesk.worker.contacts.service import outlet_list

    if kind is not None and kind not in KINDS:
        fail(f"unknown kind {kind!r}; choose from {', '.join(KINDS)}", ExitCode.USAGE)
    with read_scope(common.engine()) as session:
        rows = outlet_list(session)
    rows = [r for r in rows if (kind is None or r["kind"] == kind)
            and (country is None or (r["country"] or "").upper() == country.upper())]
    if as_json:
        print_json(rows)
        return
    print_rows("Outlets", ["NAME", "KIND", "COUNTRY", "TIER", "DOMAINS", "CONTACTS", "SOURCE"],
               [(r["name"], r["kind"], r["country"], r["tier"], " ".join(r["domains"]), r["contacts"], r["source"])
                for r in rows])


@outlet_app.command("import")
def import_csv(file: Path = typer.Argument(..., exists=True, dir_okay=False, readable=True, metavar="FILE.csv",
                                           help="columns domains,name,aliases,country,kind,tier")) -> None:
    """Add or update outlets from a CSV (the format `outlet export` writes). Outlets are matched
    by name; each one's domains become those in the file. Safe to repeat.
    """
    from mediadesk.storage.db import session_scope
    from mediadesk.worker.contacts.outlets import RegistryError, read_csv
    from mediadesk.worker.contacts.service import import_outlets

    try:
        with file.open(encoding="utf-8-sig", newline="") as stream:
            outlets = read_csv(stream)
    except (RegistryError, UnicodeDecodeError) as exc:
        fail(f"{file}: {exc}", ExitCode.USAGE)
    with session_scope(common.engine()) as session:
        added, updated = import_outlets(session, outlets)
    err.print(f"{added} outlet(s) added, {updated} updated")


@outlet_app.command("export")
def export_csv(file: Optional[Path] = typer.Argument(None, metavar="[FILE]", help="default: stdout")) -> None:
    """Write the registry as CSV (edit it, then `outlet import` it)."""
    from mediadesk.storage.db import read_scope
    from mediadesk.worker.contacts.outlets import write_csv
    from mediadesk.worker.contacts.service import outlet_values

    with read_scope(common.engine()) as session:
        outlets = outlet_values(session)
    buffer = io.StringIO()
    write_csv(outlets, buffer)
    if file is None:
        sys.stdout.write(buffer.getvalue())
        sys.stdout.flush()
        return
    try:
        file.write_text(buffer.getvalue(), encoding="utf-8")
    except OSError as exc:
        fail(f"cannot write {file}: {exc.strerror}", ExitCode.ERROR)
    err.print(f"{len(outlets)} outlets written to {file}")


@outlet_app.command("unknown")
def unknown(
    limit: int = typer.Option(50, "--limit", "-n", metavar="N", min=1, max=1_000_000, help="At most N domains (default 50)."),
    as_json: bool = typer.Option(False, "--json", help="one JSON array on stdout"),
) -> None:
    """Requester domains that are neither free-mail nor in the registry, most frequent first:
    classify them with `outlet import`."""
    from mediadesk.storage.db import read_scope
    from mediadesk.worker.contacts.service import unknown_domains

    with read_scope(common.engine()) as session:
        rows = unknown_domains(session, common.settings(), limit=limit)
    if as_json:
        print_json(rows)
        return
    print_rows("Unknown domains", ["DOMAIN", "TICKETS", "SENDERS"], [(r["domain"], r["tickets"], r["senders"]) for r in rows])


@outlet_app.command("evaluate")
def evaluate(
    folder: Path = typer.Argument(..., exists=True, file_okay=False, metavar="DIR",
                                  help="labelled .eml files with labels.json (see tests/data/outlets/)"),
    as_json: bool = typer.Option(False, "--json", help="the scores as one JSON object"),
) -> None:
    """Score outlet recognition (the shipped registry) on a labelled folder: precision, recall,
    outlets invented for free-mail senders, and the misses. Needs no database."""
    from rich.text import Text

    from mediadesk.worker.contacts.evaluate import evaluate_dir

    if not (folder / "labels.json").is_file():
        fail(f"{folder} has no labels.json", ExitCode.USAGE)
    score = evaluate_dir(folder)
    if as_json:
        print_json(score.as_dict())
        return
    out.print(Text(f"{score.total} messages, {score.expected} with an outlet: precision {score.precision:.3f} "
                   f"({score.correct}/{score.predicted}), recall {score.recall:.3f} ({score.correct}/{score.expected}), "
                   f"outlets invented for free-mail senders: {score.invented_free_mail}"), soft_wrap=True)
    print_rows("By group", ["GROUP", "MESSAGES", "RIGHT"],
               [(g, n, score.right_by_group[g]) for g, n in sorted(score.by_group.items())])
    if score.misses:
        print_rows("Misses", ["FILE", "EXPECTED", "GOT", "WHY"],
                   [(m["file"], m["expected"], m["got"], m["reason"]) for m in score.misses])
