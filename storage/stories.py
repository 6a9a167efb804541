"""Stories: inquiries about the same subject, grouped (``ticket.story_id``); and the statements
that answer them.

A ``Story`` is founded when a second inquiry ties with a first one (worker/stories.py decides,
the story step stores it); ``reason`` says what tied them. A story merged into another keeps
its row (``merged_into_id``) so that a reference to it still resolves. The terms of each
inquiry are kept on the ticket (``ticket.story_terms``, JSON) for later inquiries to be compared
with, within the window (``MEDIADESK_STORY_WINDOW_HOURS``).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from mediadesk.storage.models import utcnow


class Story(SQLModel, table=True):
    """Inquiries about one subject, in any language."""

    __tablename__ = "story"
    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    reason: str | None = Field(default=None, sa_column=Column(Text))  # what tied its first two inquiries
    created_by: str = Field(default="system", max_length=120)
    merged_into_id: int | None = Field(default=None, foreign_key="story.id")
    created_at: datetime = Field(default_factory=utcnow)
    last_activity_at: datetime = Field(default_factory=utcnow, index=True)


class Statement(SQLModel, table=True):
    """An approved answer the office gives to everyone who asks (``status``: storage/statuses.py,
    ``draft → approved → withdrawn``). Its text is in its language versions; the replies that
    carried it are drafts with ``statement_id`` (who got it, in which language, when)."""

    __tablename__ = "statement"
    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(sa_column=Column(Text, nullable=False))
    status: str = Field(default="draft", max_length=16, index=True)
    created_by: str = Field(default="system", max_length=120)
    created_at: datetime = Field(default_factory=utcnow)
    approved_by: str | None = Field(default=None, max_length=120)
    approved_at: datetime | None = None
    withdrawn_by: str | None = Field(default=None, max_length=120)
    withdrawn_at: datetime | None = None


class StatementVersion(SQLModel, table=True):
    """One language version of a statement (one per language; a new text replaces it while the
    statement is a draft)."""

    __tablename__ = "statement_version"
    __table_args__ = (UniqueConstraint("statement_id", "language", name="uq_statement_version_language"),)
    id: int | None = Field(default=None, primary_key=True)
    statement_id: int = Field(foreign_key="statement.id", index=True)
    language: str = Field(max_length=8)
    body_text: str = Field(sa_column=Column(Text, nullable=False))
    created_by: str = Field(default="system", max_length=120)
    created_at: datetime = Field(default_factory=utcnow)


def story_ref(story_id: int) -> str:
    return f"S-{story_id}"


__all__ = ["Statement", "StatementVersion", "Story", "story_ref"]
