"""Triage: automated-mail detection, language, category, deadline and priority — explained.

``triage(parsed_message)`` is pure (no database, no network): the worker's task and the
``mediadesk triage`` command call the same function. A worker calls ``warm_up()`` once at
start-up so the first message does not pay for building the language detector.
"""

from mediadesk.worker.triage.core import TriageDecision, message_text, triage


def warm_up(settings=None) -> None:
    """Compile the rules and build the language detector now rather than on the first message."""
    from mediadesk.settings import get_settings
    from mediadesk.worker.triage import language
    from mediadesk.worker.triage.rules import load_rules

    settings = settings or get_settings()
    load_rules(settings.rules_file)
    language.warm_up(tuple(settings.languages))


__all__ = ["TriageDecision", "message_text", "triage", "warm_up"]
