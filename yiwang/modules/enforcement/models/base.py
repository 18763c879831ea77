"""Shared pieces of the enforcement models: scoped querysets, money fields, status choices.

A case belongs to an agency (the body, e.g. 鲁山县环境保护局) and is handled by one of its units
(e.g. 环境监察大队), which sits below the agency in the organization tree. Access follows the
handling unit's materialized path: a role granted at the agency covers every unit's cases, a role
granted at a unit covers that unit's cases, and the justice bureau's supervisor, granted at the
county government, covers every body under it (ENF-111). Rows that hang off a case are scoped
through the case.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from yiwang.kernel.access.scoping import ScopedQuerySet

from ..workflow import STATUSES


def _status_choices() -> list[tuple[str, str]]:
    """Every status value of every kind, with the first label met (labels differ between kinds;
    `workflow.status_label(kind, status)` gives the kind's own)."""
    seen: dict[str, str] = {}
    for enum in STATUSES.values():
        for value, label in enum.choices:
            seen.setdefault(str(value), str(label))
    return list(seen.items())


STATUS_CHOICES = _status_choices()
STATUS_MAX = 32


class AgencyScopedQuerySet(ScopedQuerySet):
    """Rows that belong to an agency as a whole (its review catalogue, its discretion standards)."""

    scope_path_field = "agency__path"


class CaseScopedQuerySet(ScopedQuerySet):
    """Rows scoped by the handling unit of their case."""

    scope_path_field = "case__unit__path"


# Amounts are yuan with two decimals (fen): DecimalField(max_digits=MONEY_DIGITS, decimal_places=2).
MONEY_DIGITS = 14


class CaseChild(models.Model):
    """Abstract: a row of a case's file; access follows the case."""

    objects = CaseScopedQuerySet.as_manager()

    class Meta:
        abstract = True

    def access_organization(self) -> Any:
        case = self.case  # type: ignore[attr-defined]
        return case.access_organization()
