"""Stories: inquiries about the same subject, grouped (``ticket.story_id``).

A ``Story`` is founded when a second inquiry ties with a first one (worker/stories.py decides,
the story step stores it); ``reason`` says what tied them. A story merged into another keeps
its row (``merged_into_id``) so that a reference to it still resolves. The terms of each
inquiry are kept on the ticket (``ticket.story_terms``, JSON) for later inquiries to be compared
with, within the window (``MEDIADESK_STORY_WINDOW_HOURS``).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Text
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


def story_ref(story_id: int) -> str:
    return f"S-{story_id}"


__all__ = ["Story", "story_ref"]
