"""Events published by the organizations part (delivered after commit)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OrganizationCreated:
    organization_id: int
    parent_id: int | None
    name: str
    kind: str
    level: str


@dataclass(frozen=True)
class OrganizationUpdated:
    organization_id: int
    changed: tuple[str, ...]
