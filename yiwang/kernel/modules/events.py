"""Events the module machinery publishes after commit."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ModuleActivationChanged:
    """A module was switched or re-configured at an organization (and, by inheritance, below it)."""

    module: str
    organization_id: int
