"""Events the calendar publishes after commit (subscribe in a manifest to recompute deadlines)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class CalendarChanged:
    """Days from `first` to `last` may have changed between working day and day off (CAL-03)."""

    first: date
    last: date
    change: str  # "override_created" | "override_withdrawn" | "year_declared" | "year_withdrawn"
