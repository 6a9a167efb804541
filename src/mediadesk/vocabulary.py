"""The words tickets are described in: categories, priorities, language codes.

Kept apart from ``mediadesk.settings`` (which re-exports them) so that the CLI can check an
option such as ``list --category`` without importing pydantic.
"""

from __future__ import annotations

CATEGORIES = (
    "interview_request",
    "information_request",
    "media_assets",
    "event_accreditation",
    "correction_complaint",
    "partnership_speaking",
    "general",
    "spam",
    "automated",
)
PRIORITIES = ("urgent", "high", "normal", "low")
# ISO 639-1 codes of the languages triage can detect (lingua's; tests/test_cli_validation.py
# checks this list against lingua): what MEDIADESK_LANGUAGES and `list --language` take.
LANGUAGE_CODES = tuple("af ar az be bg bn bs ca cs cy da de el en eo es et eu fa fi fr ga gu he hi hr hu hy id is it "
                       "ja ka kk ko la lg lt lv mi mk mn mr ms nb nl nn pa pl pt ro ru sk sl sn so sq sr st sv sw ta "
                       "te th tl tn tr ts uk ur vi xh yo zh zu".split())

__all__ = ["CATEGORIES", "LANGUAGE_CODES", "PRIORITIES"]
