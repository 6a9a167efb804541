"""Triage uses the outlet: a known newsroom's letter is a likely press request and its tier can
raise the priority (MEDIADESK_TIER_PRIORITY), explained, with the SLA following; the pure rule,
then through the real pipeline on SQLite (as tests/test_threading.py runs it)."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlmodel import Session, select

from harness.threading_cases import eml
from mediadesk.settings import SettingsError, load_settings
from mediadesk.storage import repo
from mediadesk.storage.db import make_engine, session_scope, upgrade
from mediadesk.storage.models import Ticket, TicketEvent
from mediadesk.worker import pipeline, services
from mediadesk.worker.contacts.weigh import OutletView, weigh

REUTERS = OutletView("Reuters", "agency", 1)
GULF = OutletView("Gulf News", "newspaper", 2)
ASK = "We would like to interview your spokesperson about the annual report."


# --------------------------------------------------------------------------- the pure rule


def test_the_tier_sets_a_floor_and_never_lowers():
    raised = weigh(category="interview_request", priority="normal", outlet=REUTERS, via="domain", tier_priority={1: "high"})
    assert raised.priority == "high" and raised.review is None
    assert raised.reasons[0].startswith("outlet: Reuters (agency, tier 1, from the sender's domain)")
    assert "tier 1 outlet" in raised.reasons[1] and "was normal" in raised.reasons[1]
    kept = weigh(category="interview_request", priority="urgent", outlet=REUTERS, via="domain", tier_priority={1: "high"})
    assert kept.priority == "urgent" and len(kept.reasons) == 1  # named, not lowered
    off = weigh(category="interview_request", priority="normal", outlet=REUTERS, via="signature", tier_priority={})
    assert off.priority == "normal" and "from the signature" in off.reasons[0]


def test_a_known_outlets_general_letter_is_not_low_and_its_spam_goes_to_a_human():
    general = weigh(category="general", priority="low", outlet=GULF, via="domain", tier_priority={1: "high"})
    assert general.priority == "normal" and "not left at low" in general.reasons[1]
    spam = weigh(category="spam", priority="low", outlet=GULF, via="domain", tier_priority={2: "urgent"})
    assert spam.priority == "low" and "Gulf News" in spam.review


def test_no_outlet_or_a_machine_changes_nothing():
    assert weigh(category="general", priority="low", outlet=None, via=None, tier_priority={1: "urgent"}).reasons == ()
    machine = weigh(category="automated", priority="low", outlet=REUTERS, via="domain", tier_priority={1: "urgent"})
    assert machine.priority == "low" and machine.reasons == ()


@pytest.mark.parametrize("value", ['{"4": "high"}', '{"1": "asap"}', '{"x": "high"}'])
def test_a_bad_tier_priority_is_a_settings_error_naming_the_variable(value, monkeypatch):
    monkeypatch.setenv("MEDIADESK_TIER_PRIORITY", value)
    with pytest.raises(SettingsError, match="MEDIADESK_TIER_PRIORITY"):
        load_settings(_env_file=None)


# --------------------------------------------------------------------------- through the pipeline


@pytest.fixture
def env(tmp_path):
    url = f"sqlite:///{tmp_path / 't.db'}"
    upgrade(url)
    engine = make_engine(url)
    settings = load_settings(_env_file=None, database_url=url, data_dir=tmp_path / "data", ack_rate_limit=1_000_000,
                             media_address="media@imctc.org", redis_url="redis://127.0.0.1:1/0")
    yield settings, engine
    engine.dispose()


def run(settings, engine, *raws: bytes) -> dict[str, Ticket]:
    with session_scope(engine) as session:
        ids = repo.store_inbound(session, items=[repo.RawItem(raw=r) for r in raws], mailbox="t", source="test")
    pipeline.process_batch(engine, ids, settings)
    with Session(engine) as session:
        return {t.requester_email: t for t in session.exec(select(Ticket)).all()}


def mail(n: int, sender: str, body: str = ASK, subject: str = "Interview request") -> bytes:
    return eml(f"<m{n}@x.example>", sender, subject, body)


def test_a_tier_one_outlet_raises_priority_and_sla_and_says_why(env):
    settings, engine = env
    tickets = run(settings, engine, mail(1, "Dana Levi <dana.levi@reuters.com>"),
                  mail(2, "Ann Lee <ann@unknown-paper.example>"))
    dana, ann = tickets["dana.levi@reuters.com"], tickets["ann@unknown-paper.example"]
    assert ann.priority == "normal" and not any("outlet" in r for r in json.loads(ann.explanation))
    assert dana.priority == "high" and dana.priority_rank == 1
    explanation = json.loads(dana.explanation)
    assert any(r.startswith("outlet: Reuters (agency, tier 1") for r in explanation)
    assert any("priority: high — tier 1 outlet" in r for r in explanation)
    hours = settings.sla_hours["high"]
    assert dana.first_response_due_at == dana.created_at + timedelta(hours=hours["first_response"])
    assert dana.due_at == dana.created_at + timedelta(hours=hours["resolution"])
    with Session(engine) as session:
        notes = [e.note for e in session.exec(select(TicketEvent).where(TicketEvent.ticket_id == dana.id))]
    assert "priority normal → high: outlet Reuters (tier 1)" in notes


def test_the_mapping_is_configurable_and_can_be_off(env):
    settings, engine = env
    gulf = run(settings.model_copy(update={"tier_priority": {2: "urgent"}}), engine,
               mail(1, "Omar <omar@gulfnews.com>"))["omar@gulfnews.com"]
    assert gulf.priority == "urgent"
    assert gulf.due_at == gulf.created_at + timedelta(hours=settings.sla_hours["urgent"]["resolution"])
    reuters = run(settings.model_copy(update={"tier_priority": {}}), engine,
                  mail(2, "Dana Levi <dana.levi@reuters.com>"))["dana.levi@reuters.com"]
    assert reuters.priority == "normal"
    assert any(r.startswith("outlet: Reuters") for r in json.loads(reuters.explanation))  # still explained


def test_an_outlet_read_from_the_signature_counts_and_reprocess_keeps_it(env):
    settings, engine = env
    body = ASK + "\n\nBest regards,\nSara Karim\nCorrespondent | Al Jazeera\n"
    sara = run(settings, engine, mail(1, "Sara Karim <sara.karim.press@gmail.com>", body))["sara.karim.press@gmail.com"]
    assert sara.priority == "high"
    assert any("from the signature" in r for r in json.loads(sara.explanation))
    services.reprocess(engine, sara.ref, settings, actor="amal")  # triage again: the outlet weighs again
    with Session(engine) as session:
        again = session.get(Ticket, sara.id)
        assert again.priority == "high" and sum("outlet: Al Jazeera" in r for r in json.loads(again.explanation)) == 1


def test_a_known_outlets_general_letter_gets_normal_priority(env):
    settings, engine = env
    note = mail(1, "Claire <claire@gulfnews.com>", "Hello, greetings from the newsroom.", subject="Hello")
    other = mail(2, "Claire <claire@elsewhere.example>", "Hello, greetings from the newsroom.", subject="Hello")
    tickets = run(settings.model_copy(update={"tier_priority": {}}), engine, note, other)
    known, unknown = tickets["claire@gulfnews.com"], tickets["claire@elsewhere.example"]
    assert unknown.category == known.category == "general" and unknown.priority == "low"
    assert known.priority == "normal"


def test_a_programme_named_after_an_outlet_is_not_the_outlet(env):
    """The demo's radio producer of « Le Monde en direct » (Radio Horizon, unknown) was read as
    Le Monde, and so got Le Monde's tier: a name inside a quoted title is not the sender's outlet."""
    settings, engine = env
    body = ASK + "\n\nBien cordialement,\n\nClaire Vasseur\nProductrice - « Le Monde en direct »\nRadio Horizon\n"
    claire = run(settings, engine, mail(1, "Claire Vasseur <claire@radiohorizon.example>", body))
    ticket = claire["claire@radiohorizon.example"]
    assert ticket.priority == "normal" and not any("outlet" in r for r in json.loads(ticket.explanation))
    quoted = ASK + "\n\nBien cordialement,\n\nMarie Dupont\nJournaliste, « Le Monde »\n"
    marie = run(settings, engine, mail(2, "Marie Dupont <marie.dupont.press@gmail.com>", quoted))
    assert marie["marie.dupont.press@gmail.com"].priority == "high"  # the quoted name alone still counts
