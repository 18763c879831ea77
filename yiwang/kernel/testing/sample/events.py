from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SampleHappened:
    """A past-tense event, as modules publish them."""

    note: str


@dataclass(frozen=True)
class NobodyListens:
    note: str
