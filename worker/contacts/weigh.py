"""What the requester's outlet says about an inquiry (pure).

A newsroom the registry knows is more likely a genuine press request than an unknown sender:
a "general" letter from it is not left at low priority, and a letter triage took for spam is
flagged for a human instead of being ignored unseen. The office's tier for the outlet can raise
the priority further (``MEDIADESK_TIER_PRIORITY``: tier → the least priority it gets). Never
lowers a priority; never touches machines' mail. Each change comes with its reason, for the
ticket's explanation.
"""

from __future__ import annotations

from dataclasses import dataclass

RANK = {"urgent": 0, "high": 1, "normal": 2, "low": 3}


@dataclass(frozen=True)
class OutletView:
    """The outlet as the weighing needs it (a registry value or a database row will do)."""

    name: str
    kind: str
    tier: int


@dataclass(frozen=True)
class Weighed:
    priority: str
    reasons: tuple[str, ...] = ()
    review: str | None = None  # why a human should look (spam from a known outlet)


def weigh(*, category: str | None, priority: str | None, outlet: OutletView | None, via: str | None,
          tier_priority: dict[int, str]) -> Weighed:
    """The priority an inquiry gets once its outlet is known, and why.

    Args:
        category, priority: triage's decision for the ticket.
        outlet: the requester's contact's outlet, or None.
        via: how the outlet was found (``domain``, ``signature``, ``office``).
        tier_priority: tier → the least priority an inquiry from such an outlet gets (empty: off).
    """
    priority = priority or "normal"
    if outlet is None or category in (None, "automated"):
        return Weighed(priority)
    how = {"domain": "the sender's domain", "signature": "the signature", "office": "set by the office"}.get(via or "", via)
    reasons = [f"outlet: {outlet.name} ({outlet.kind}, tier {outlet.tier}, from {how}): a press request is likely"]
    if category == "spam":
        return Weighed(priority, tuple(reasons), review=f"triage took this for spam, but it comes from {outlet.name}")
    if category == "general" and RANK.get(priority, 2) > RANK["normal"]:
        reasons.append(f"priority: normal — a known outlet's letter is not left at {priority}")
        priority = "normal"
    floor = tier_priority.get(outlet.tier)
    if floor in RANK and RANK[floor] < RANK.get(priority, 2):
        reasons.append(f"priority: {floor} — tier {outlet.tier} outlet (MEDIADESK_TIER_PRIORITY; was {priority})")
        priority = floor
    return Weighed(priority, tuple(reasons))


__all__ = ["OutletView", "RANK", "Weighed", "weigh"]
