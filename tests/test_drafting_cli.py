"""`mediadesk draft …` against a real database and a real SMTP sink (a local Typer app)."""

from __future__ import annotations

import json
import sys

import pytest
import typer
from sqlmodel import Session
from typer.testing import CliRunner

from mediadesk.cli import draft_cmd
from mediadesk.cli.common import ExitCode
from mediadesk.settings import get_settings, reset_settings_cache
from mediadesk.storage.db import engine_for, upgrade
from mediadesk.storage.models import Draft, Ticket
from mediadesk.worker.drafting import create_draft
from mediadesk.worker.drafting.testing import inquiry_bytes, stand_in_from_bytes

app = typer.Typer()
draft_cmd.register(app)
runner = CliRunner()


@pytest.fixture
def env(tmp_path, monkeypatch, smtp_server):
    values = {
        "MEDIADESK_DATABASE_URL": f"sqlite:///{tmp_path / 'md.db'}",
        "MEDIADESK_MEDIA_ADDRESS": "media@imctc.example",
        "MEDIADESK_ORGANISATION": "IMCTC Media Centre",
        "MEDIADESK_USER": "amal",
        **smtp_server.env(),
    }
    for key, value in values.items():
        monkeypatch.setenv(key, value)
    monkeypatch.chdir(tmp_path)  # no stray .env
    reset_settings_cache()
    upgrade(values["MEDIADESK_DATABASE_URL"])
    yield values
    reset_settings_cache()


@pytest.fixture
def ticket_ref(env) -> str:
    settings = get_settings()
    with Session(engine_for(settings.database_url), expire_on_commit=False) as session:
        ticket, message, parsed = stand_in_from_bytes(session, inquiry_bytes(), language="fr",
                                                      category="media_assets")
        draft, reason = create_draft(session, ticket, message, parsed, settings)
        assert draft is not None, reason
        session.commit()
    return ticket.ref


def run(*args: str):
    return runner.invoke(app, ["draft", *args], catch_exceptions=False)


def draft_of(ref: str) -> Draft:
    settings = get_settings()
    with Session(engine_for(settings.database_url)) as session:
        from mediadesk.worker.drafting import draft_for_ticket, find_ticket

        return draft_for_ticket(session, find_ticket(session, ref).id)


def test_list_and_show(ticket_ref):
    result = run("list", "--json")
    assert result.exit_code == 0
    [item] = json.loads(result.stdout)
    assert item["ref"] == ticket_ref and item["status"] == "pending" and item["language"] == "fr"
    assert json.loads(run("list", "--status", "sent", "--json").stdout) == []
    assert run("list", "--status", "bogus").exit_code == ExitCode.USAGE
    number = ticket_ref.split("-")[1]
    for ref in (ticket_ref, ticket_ref.lower(), number):
        shown = run("show", ref)
        assert shown.exit_code == 0 and f"Re: Interview request [{ticket_ref}]" in shown.stdout
        assert "Nous vous remercions" in shown.stdout
    data = json.loads(run("show", ticket_ref, "--json").stdout)
    assert data["to_email"] == "lama@asharq.example" and data["ref"] == ticket_ref
    assert run("show", "MR-9999").exit_code == ExitCode.NOT_FOUND


def test_edit_keeps_the_text_and_regenerates_html(ticket_ref, tmp_path, monkeypatch):
    script = tmp_path / "editor.py"
    script.write_text("import sys\np = sys.argv[1]\ntext = open(p, encoding='utf-8').read()\n"
                      "open(p, 'w', encoding='utf-8').write(text.replace('Bien cordialement', 'Très cordialement'))\n")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    monkeypatch.delenv("VISUAL", raising=False)
    result = run("edit", ticket_ref)
    assert result.exit_code == 0, result.output
    draft = draft_of(ticket_ref)
    assert "Très cordialement" in draft.body_text and "Très cordialement" in draft.body_html
    assert draft.edited_by == "amal" and 'dir="ltr"' in draft.body_html


def test_approve_now_sends_once(ticket_ref, smtp_server):
    result = run("approve", ticket_ref, "--now")
    assert result.exit_code == 0, result.output
    [mail] = smtp_server.wait_for(1)
    assert mail.rcpt_tos == ["lama@asharq.example"]
    draft = draft_of(ticket_ref)
    assert draft.status == "sent" and draft.approved_by == "amal"
    again = run("approve", ticket_ref, "--now")
    assert again.exit_code == 0 and "already sent" in again.output
    assert len(smtp_server.messages) == 1
    assert run("reject", ticket_ref).exit_code == ExitCode.CONFLICT


def test_reject_and_uncertain_resolution(ticket_ref, smtp_server):
    assert run("reject", ticket_ref, "--note", "wrong person").exit_code == 0
    assert draft_of(ticket_ref).status == "rejected"
    assert run("reject", ticket_ref).exit_code == 0  # safe to repeat
    settings = get_settings()
    engine = engine_for(settings.database_url)
    with Session(engine) as session:  # as if a worker died mid-send
        draft = session.get(Draft, draft_of(ticket_ref).id)
        draft.status = "uncertain"
        session.add(draft)
        session.commit()
    assert run("approve", ticket_ref, "--now").exit_code == ExitCode.CONFLICT
    assert run("resolve", ticket_ref).exit_code == ExitCode.USAGE
    result = run("resolve", ticket_ref, "--sent")
    assert result.exit_code == 0 and "recorded as sent" in result.output
    assert smtp_server.messages == []
    with Session(engine) as session:
        ticket = session.get(Ticket, draft_of(ticket_ref).ticket_id)
        assert ticket.status == "acknowledged"


def test_approve_queues_the_send_task(ticket_ref, redis_server, monkeypatch):
    monkeypatch.setenv("MEDIADESK_REDIS_URL", redis_server.url)
    reset_settings_cache()
    from mediadesk.worker.app import QUEUE, app as celery_app

    if celery_app.conf.broker_url != redis_server.url:
        pytest.skip("the Celery app was configured by an earlier test with another broker")
    result = run("approve", ticket_ref)
    assert result.exit_code == 0 and "queued" in result.output
    # No worker runs in this test: the person is told that nothing will send it yet.
    said = " ".join(result.output.split())
    assert "no worker answered" in said and "nothing sends it until a worker runs" in said, said
    assert draft_of(ticket_ref).status == "approved"
    assert redis_server.client().llen(QUEUE) == 1
