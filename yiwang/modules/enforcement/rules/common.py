"""What every rule returns when it finds something wrong: a `Problem` (code, Chinese message, field)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from yiwang.kernel.errors import DomainError


@dataclass(frozen=True)
class Problem:
    """One finding of a rule. `code` is stable snake_case; `message` says what and why, in Chinese."""

    code: str
    message: str
    field: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        return {"code": self.code, "message": self.message, "field": self.field}

    def error(self) -> DomainError:
        return DomainError(self.code, self.message, self.field)


def raise_problems(problems: Sequence[Problem]) -> None:
    """Raise the first problem as a DomainError; the others travel in ``details["problems"]``."""
    if not problems:
        return
    first = problems[0]
    details = {"problems": [p.as_dict() for p in problems]} if len(problems) > 1 else None
    raise DomainError(first.code, first.message, first.field, details=details)


def cn_date(d: date) -> str:
    """2026-03-01 → "2026年3月1日" (how dates are written in Chinese official documents)."""
    return f"{d.year}年{d.month}月{d.day}日"
