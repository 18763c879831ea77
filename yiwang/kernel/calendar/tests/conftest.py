from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from yiwang.kernel.calendar import services

from .samples import MISSING, SCHEDULE, SOURCE


@pytest.fixture
def keeper(make_person: Callable[..., Any]) -> Any:
    """A person holding calendar.manage_override system-wide (the calendar is platform-wide)."""
    return make_person("calendar.manage_override")


@pytest.fixture
def missing_year_entered(keeper: Any) -> Any:
    """The first year without packaged data, entered and declared complete by an administrator."""
    return services.calendar_year_import(actor=keeper, year=MISSING, schedule=SCHEDULE, **SOURCE)
