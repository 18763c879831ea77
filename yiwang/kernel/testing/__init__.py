"""Test helpers every module uses (kernel part ``testing``).

- `hostile`: hostile strings and factory_boy declarations (`hostile_text`, `HostileSequence`, `HostileFuzzer`).
- `factories`: users, persons with permissions, organizations.
- `fixtures`: pytest fixtures, registered for the whole project by the root ``conftest.py``.
- `contract`: `ModuleContract`, the test base class every module's tests inherit.

Import `contract` and `factories` explicitly; this package itself stays importable without a database.
"""

from .hostile import (
    HOSTILE,
    SCRIPT,
    SCRIPT_ESCAPED,
    HostileFuzzer,
    HostileSequence,
    all_hostile,
    hostile_text,
)

__all__ = [
    "HOSTILE",
    "SCRIPT",
    "SCRIPT_ESCAPED",
    "HostileFuzzer",
    "HostileSequence",
    "all_hostile",
    "hostile_text",
]
