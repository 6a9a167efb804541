"""The story step through the real pipeline (SQLite and PostgreSQL): inquiries about one subject in three
languages join one story, and the triage explanation says so; a release answered by two
journalists ties them; machines and unrelated mail stay out; the story services and views."""

from __future__ import annotations

import json

import pytest
from sqlmodel import Session, select

from mediadesk.settings import load_settings
from mediadesk.storage import repo
from mediadesk.storage.db import engine_for, session_scope, upgrade
from mediadesk.storage.models import Ticket, TicketEvent
from mediadesk.storage.stories import Story
from mediadesk.worker import pipeline, services


def eml(sender, subject, body, *, msgid=None, in_reply_to=None, extra=""):
    lines = [f"From: {sender}", "To: media@gims.example", f"Subject: {subject}", "Date: Tue, 24 Nov 2026 10:00:00 +0300"]
    if msgid:
        lines.append(f"Message-ID: {msgid}")
    if in_reply_to:
        lines += [f"In-Reply-To: {in_reply_to}", f"References: {in_reply_to}"]
    if extra:
        lines.append(extra)
    lines += ["MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "", body]
    return "\r\n".join(lines).encode()


@pytest.fixture(params=["sqlite", "postgresql"])
def env(request, tmp_path):
    url = f"sqlite:///{tmp_path / 'md.db'}" if request.param == "sqlite" else request.getfixturevalue("pg_url")
    upgrade(url)
    settings = load_settings(database_url=url, data_dir=tmp_path / "data", media_address="media@gims.example")
    return settings, engine_for(url)


def run(engine, settings, *raws, batch=False):
    with session_scope(engine) as session:
        ids = repo.store_inbound(session, items=[repo.RawItem(raw=r) for r in raws], mailbox="t", source="test")
    if batch:
        pipeline.process_batch(engine, ids, settings)
    else:
        for i in ids:
            pipeline.process_inbound(engine, i, settings)


def tickets(engine):
    with Session(engine) as session:
        return session.exec(select(Ticket).order_by(Ticket.id)).all()


DERNA = [
    ("Sam Reed <sam@reuters.com>", "Derna dam collapse",
     "Hello, can you confirm that 27 people were killed when the Derna dam collapsed after the floods?"),
    ("Claire Martin <claire@lemonde.fr>", "Barrage de Derna",
     "Bonjour, pouvez-vous confirmer le bilan de 27 morts après la rupture du barrage de Derna et les inondations ?"),
    ("Omar Saleh <omar@aljazeera.net>", "انهيار سد درنة",
     "السلام عليكم، هل يمكنكم تأكيد مقتل ٢٧ شخصا بعد انهيار سد درنة بسبب الفيضانات؟"),
]
UNRELATED = ("Nina Berg <nina@ft.com>", "Accreditation for the forum",
             "Hi, how do I get accredited for the investment forum in Riyadh next month? I need a badge.")


@pytest.mark.parametrize("batch", [False, True])
def test_inquiries_in_three_languages_join_one_story_and_triage_says_so(env, batch):
    settings, engine = env
    run(engine, settings, *[eml(s, subj, body) for s, subj, body in [*DERNA, UNRELATED]], batch=batch)
    rows = tickets(engine)
    assert [t.story_id is not None for t in rows] == [True, True, True, False]
    assert len({t.story_id for t in rows[:3]}) == 1
    explanation = json.loads(rows[2].explanation)
    assert any("joined an active story" in line and "derna" in line for line in explanation), explanation
    assert any("founded with MR-1" in line for line in json.loads(rows[1].explanation))
    with Session(engine) as session:
        story = session.exec(select(Story)).one()
        assert "MR-1 and MR-2" in story.reason and "derna" in story.reason
        kinds = session.exec(select(TicketEvent.ticket_id).where(TicketEvent.kind == "story")).all()
        assert sorted(kinds) == [1, 2, 3]


def test_replies_to_one_release_are_one_story_and_machines_stay_out(env):
    settings, engine = env
    release = "<release-41@gims.example>"
    run(engine, settings,
        eml("Sam Reed <sam@reuters.com>", "Re: Annual figures", "Thanks, when is the briefing?", in_reply_to=release),
        eml("Lea Roy <lea@afp.com>", "RE: Annual figures", "Merci, une version PDF ?", in_reply_to=release),
        eml("Auto <noreply@bulk.example>", "Re: Annual figures", "I am out of the office until Monday.",
            in_reply_to=release, extra="Auto-Submitted: auto-replied"))
    a, b, machine = tickets(engine)
    assert a.story_id == b.story_id is not None and machine.story_id is None
    assert machine.story_terms is None
    assert any("replies to the same release <release-41@gims.example>" in line for line in json.loads(b.explanation))


def test_story_services_merge_split_remove_and_the_views(env):
    settings, engine = env
    run(engine, settings, *[eml(s, subj, body) for s, subj, body in DERNA],
        eml("Ana Ruiz <ana@bbc.co.uk>", "Khartoum airport drone strike",
            "Was the drone that hit Khartoum airport on Sunday intercepted? Reports say 4 soldiers were wounded."),
        eml("Jean Dupuis <jean@rfi.fr>", "Drone sur l'aéroport de Khartoum",
            "Le drone qui a frappé l'aéroport de Khartoum a-t-il été intercepté ? 4 soldats blessés ?"))
    rows = tickets(engine)
    derna, khartoum = rows[0].story_id, rows[3].story_id
    assert derna and khartoum and derna != khartoum and rows[4].story_id == khartoum
    views = services.story_list(engine)
    assert [v["ref"] for v in views] == [f"S-{khartoum}", f"S-{derna}"]  # newest activity first
    assert views[1]["tickets"] == 3 and views[1]["languages"] == {"en": 1, "fr": 1, "ar": 1}
    assert "Reuters" in views[1]["outlets"]
    assert "merged" in services.story_merge(engine, f"S-{khartoum}", f"S-{derna}", actor="ed")
    assert {t.story_id for t in tickets(engine)} == {derna}
    assert "already" in services.story_merge(engine, f"S-{khartoum}", f"S-{derna}", actor="ed")
    said = services.story_split(engine, f"S-{derna}", ["MR-4", "MR-5"], actor="ed")
    new = [t.story_id for t in tickets(engine)]
    assert new[3] == new[4] != derna and new[:3] == [derna] * 3, said
    assert "removed" in services.story_remove(engine, "MR-3", actor="ed")
    assert tickets(engine)[2].story_id is None
    assert "is in no story" in services.story_remove(engine, "MR-3", actor="ed")
    shown = services.story_detail(engine, f"S-{derna}")
    assert [t["ref"] for t in shown["tickets"]] == ["MR-1", "MR-2"]
    with pytest.raises(services.NotFound):
        services.story_detail(engine, "S-999")
    services.merge(engine, "MR-2", "MR-1", actor="ed")  # a ticket merged into another is not counted twice
    assert [t["ref"] for t in services.story_detail(engine, f"S-{derna}")["tickets"]] == ["MR-1"]


def test_founding_a_story_yields_to_one_founded_meanwhile(env):
    """Two workers tying new inquiries to the same stored one: the second to write finds the
    stored ticket in a story already (a conditional update) and joins it instead."""
    from sqlalchemy import update

    from mediadesk.storage.db import session_scope
    from mediadesk.worker.batch import Batch
    from mediadesk.worker.steps import story as step

    settings, engine = env
    run(engine, settings, eml(*DERNA[0]))
    with session_scope(engine) as session:
        other = session.get(Ticket, 1)
        assert other.story_id is None
        theirs = Story(title="theirs")
        session.add(theirs)
        session.flush()
        # ... what another transaction committed after this one read the ticket:
        session.execute(update(Ticket).where(Ticket.id == 1).values(story_id=theirs.id)
                        .execution_options(synchronize_session=False))
        mine = Story(title="mine")
        session.add(mine)
        session.flush()
        assert step._found(Batch(session, settings), other, mine.id) is False
        assert other.story_id == theirs.id
