"""Triage: automated-mail detection, language, category, deadline and priority — explained.

``triage(parsed_message)`` is pure (no database, no network): the worker's task and the
``mediadesk triage`` command call the same function.
"""

from mediadesk.worker.triage.core import TriageDecision, message_text, triage

__all__ = ["TriageDecision", "message_text", "triage"]
