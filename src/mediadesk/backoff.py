"""Jittered exponential backoff, one pure function for every retry loop."""

from __future__ import annotations

import random


def backoff(attempt: int, *, base: float = 1.0, cap: float = 60.0, rng: random.Random | None = None) -> float:
    """Seconds to wait before retry number ``attempt`` (0-based): full jitter, capped.

    Full jitter spreads reconnecting pollers and workers so they do not stampede a server
    that has just come back.
    """
    ceiling = min(cap, base * (2 ** max(0, attempt)))
    return (rng or random).uniform(ceiling / 2, ceiling)
