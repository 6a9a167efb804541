"""A press officer's workflow in-process over the real pipeline's tickets (test_cli's seed):
closing or merging withdraws a pending acknowledgement, a rejected draft is re-opened before it
is approved, a blank note is refused, attachments are saved safely, unsure triage is flagged for
review, and `draft approve` says when nothing will send what it approved."""

from __future__ import annotations

import hashlib
import json

from sqlmodel import Session, select

from mediadesk.cli.common import ExitCode
from mediadesk.storage.models import Attachment, Draft, Message, Ticket

from test_cli import PDF, desk, eml, template  # noqa: F401  (the seeded database, per test)


def drafts_pending(desk) -> set[str]:
    return {d["ref"] for d in desk.json("draft", "list")}


def test_closing_a_ticket_withdraws_its_pending_acknowledgement(desk):
    ref = desk.refs["french"]
    assert ref in drafts_pending(desk)
    result = desk.run("status", ref, "closed")
    assert result.exit_code == 0 and "1 pending draft(s) withdrawn" in result.stderr
    assert ref not in drafts_pending(desk)
    event = desk.events(ref)[-1]
    assert (event.kind, event.actor) == ("draft", "amal")
    assert event.note == "pending acknowledgement withdrawn: ticket closed"
    before = len(desk.events(ref))
    assert desk.run("status", ref, "closed").exit_code == 0  # safe to repeat: nothing more withdrawn
    assert len(desk.events(ref)) == before
    # Reopened, the team can bring the acknowledgement back on purpose.
    assert desk.run("status", ref, "in_progress").exit_code == 0
    assert desk.run("draft", "reopen", ref).exit_code == 0 and ref in drafts_pending(desk)


def test_merging_withdraws_the_merged_tickets_pending_acknowledgement(desk):
    source, target = desk.refs["french"], desk.refs["arabic"]
    result = desk.run("merge", source, target)
    assert result.exit_code == 0 and "1 pending draft(s) withdrawn" in result.stderr
    assert source not in drafts_pending(desk) and target in drafts_pending(desk)
    assert desk.events(source)[-1].note == f"pending acknowledgement withdrawn: merged into {target}"


def test_a_rejected_draft_is_reopened_before_it_is_approved(desk):
    ref = desk.refs["french"]
    assert desk.run("draft", "reject", ref, "--note", "wrong outlet").exit_code == 0
    refused = desk.run("draft", "approve", ref)
    assert refused.exit_code == ExitCode.CONFLICT and "re-open it first" in refused.stderr
    assert desk.json("draft", "show", ref)["status"] == "rejected"
    reopened = desk.run("draft", "reopen", ref)
    assert reopened.exit_code == 0 and "re-opened" in reopened.stderr
    assert desk.run("draft", "reopen", ref).exit_code == 0  # safe to repeat
    approved = desk.run("draft", "approve", ref)
    assert approved.exit_code == 0 and desk.json("draft", "show", ref)["status"] == "approved"
    notes = [e.note for e in desk.events(ref) if e.kind == "draft"]
    assert notes[-3:] == ["draft rejected: wrong outlet", "draft re-opened for review", "draft approved"]


def test_editing_a_rejected_draft_reopens_it(desk, monkeypatch):
    ref = desk.refs["french"]
    assert desk.run("draft", "reject", ref).exit_code == 0
    monkeypatch.setenv("EDITOR", "sed -i -e '1s/^/Bonjour, /'")
    assert desk.run("draft", "edit", ref).exit_code == 0
    assert desk.json("draft", "show", ref)["status"] == "pending"
    assert [e.note for e in desk.events(ref)][-1] == "draft edited; re-opened for review"


def test_a_blank_note_is_a_usage_error(desk):
    ref = desk.refs["arabic"]
    before = len(desk.events(ref))
    for blank in ("", "   ", "\n\t"):
        result = desk.run("note", ref, blank)
        assert result.exit_code == ExitCode.USAGE and "needs some text" in result.stderr
    assert len(desk.events(ref)) == before


def test_attachment_save_writes_the_files_show_lists(desk, tmp_path):
    ref = desk.refs["assets"]
    [listed] = desk.json("show", ref)["messages"][0]["attachments"]
    assert listed["number"] == 1 and f"📎 1. {listed['filename']}" in desk.run("show", ref).stdout
    out = tmp_path / "saved"
    result = desk.run("attachment", "save", ref, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    saved = out / "picture-desk-brief.pdf"
    assert saved.read_bytes() == PDF and saved.stat().st_mode & 0o077 == 0
    again = desk.run("attachment", "save", ref, "1", "-o", str(out))  # no overwrite without --force
    assert again.exit_code == ExitCode.ERROR and "--force" in again.stderr
    saved.write_bytes(b"changed")
    assert desk.run("attachment", "save", ref, "1", "-o", str(out), "--force").exit_code == 0
    assert saved.read_bytes() == PDF
    assert desk.run("attachment", "save", ref, "2", "-o", str(out)).exit_code == ExitCode.NOT_FOUND
    assert desk.run("attachment", "save", desk.refs["arabic"], "-o", str(out)).exit_code == ExitCode.NOT_FOUND
    assert desk.json("attachment", "list", ref)[0]["filename"] == "picture-desk-brief.pdf"


def test_attachment_names_from_the_sender_never_leave_the_folder(desk, tmp_path):
    """Stored names are sanitised at ingest; saving sanitises again (a database edited by hand,
    an older version) and never writes through a link or outside the folder."""
    ref = desk.refs["assets"]
    with Session(desk.engine) as session:
        ticket = session.exec(select(Ticket).where(Ticket.ref == ref)).one()
        message = session.exec(select(Message).where(Message.ticket_id == ticket.id)).first()
        original = session.exec(select(Attachment).where(Attachment.message_id == message.id)).one()
        digest, stored = original.sha256, original.stored_path
        for name in ("../../escape.pdf", "/etc/passwd", "..", "picture-desk-brief.pdf"):
            session.add(Attachment(message_id=message.id, filename=name, content_type="application/pdf",
                                   size=len(PDF), sha256=digest, stored_path=stored))
        session.commit()
    out = tmp_path / "inbox-files"
    out.mkdir()
    (tmp_path / "target").write_bytes(b"keep")
    (out / "passwd").symlink_to(tmp_path / "target")  # a link waiting under a name the sender chose
    result = desk.run("attachment", "save", ref, "-o", str(out))
    assert result.exit_code == ExitCode.ERROR  # the link is not written through
    assert (tmp_path / "target").read_bytes() == b"keep"
    assert not (tmp_path / "escape.pdf").exists() and not (out.parent.parent / "escape.pdf").exists()
    names = sorted(p.name for p in out.iterdir())
    assert names == ["attachment-4", "escape.pdf", "passwd", "picture-desk-brief (2).pdf", "picture-desk-brief.pdf"]
    assert all(hashlib.sha256((out / n).read_bytes()).hexdigest() == digest
               for n in names if n != "passwd")


def test_unsure_triage_flags_the_ticket_for_review(desk, monkeypatch):
    """An inquiry whose words fit two categories about equally: `list --review` shows it, with
    why; one triage is sure of is not flagged."""
    from mediadesk.settings import reset_settings_cache

    [result] = desk.process(eml(subject="Question", sender="Ana Ruiz <ana@diario-sur.example>",
                                msgid="<unsure-1@diario-sur.example>",
                                body="Hello, could you send me photos of the event and the figures, and maybe an "
                                     "interview? Thanks.\n"))
    unsure = desk.ticket(f"MR-{result.ticket_id}")
    assert unsure.category_confidence < 0.40
    review = desk.list_refs("--review")
    assert unsure.ref in review and desk.refs["interview"] not in review
    shown = desk.json("show", unsure.ref)
    assert shown["needs_review"] and "triage unsure: category" in shown["review_reason"]
    assert "MEDIADESK_REVIEW_CONFIDENCE 0.40" in shown["review_reason"]
    monkeypatch.setenv("MEDIADESK_REVIEW_CONFIDENCE", "0")  # 0 turns it off
    reset_settings_cache()
    [other] = desk.process(eml(subject="Question", sender="Ana Ruiz <ana@otro-diario.example>",
                               msgid="<unsure-2@otro-diario.example>",
                               body="Hello, could you send me photos of the event and the figures, and maybe an "
                                    "interview? Thanks.\n"))
    assert not desk.ticket(f"MR-{other.ticket_id}").needs_review


def test_approve_without_a_broker_says_nothing_will_send_it(desk):
    """The desk's MEDIADESK_REDIS_URL points at a closed port: approved, not queued, and the
    person is told what sends it."""
    ref = desk.refs["french"]
    result = desk.run("draft", "approve", ref)
    assert result.exit_code == 0, result.stderr
    said = " ".join(result.stderr.split())
    assert "approved" in said and "does not answer" in said
    assert "nothing sends it until a worker runs" in said and "mediadesk worker" in said
    assert f"mediadesk draft approve {ref} --now" in said
    assert desk.json("draft", "show", ref)["status"] == "approved"


def test_no_broker_configured_is_said_plainly(desk, monkeypatch):
    """An empty MEDIADESK_REDIS_URL (the demo's setting) means no broker: approve says what
    would send, doctor says what needs one, and a worker refuses to start."""
    from mediadesk.settings import reset_settings_cache

    monkeypatch.setenv("MEDIADESK_REDIS_URL", "")
    reset_settings_cache()
    approved = desk.run("draft", "approve", desk.refs["french"])
    assert approved.exit_code == 0 and "no broker is configured" in " ".join(approved.stderr.split())
    doctor = desk.run("doctor", "--only", "redis")
    assert doctor.exit_code == 1 and "no broker configured (MEDIADESK_REDIS_URL is empty)" in doctor.stdout
    worker = desk.run("worker")
    assert worker.exit_code == ExitCode.USAGE and "MEDIADESK_REDIS_URL is empty" in worker.stderr
