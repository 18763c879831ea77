"""Project-wide pytest plugins. Fixtures live in `yiwang.kernel.testing.fixtures`; add new shared
fixture modules to the list below rather than defining fixtures here."""

from __future__ import annotations

import pytest

pytest_plugins = ["yiwang.kernel.testing.fixtures"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every transactional test restores the database it found (serialized rollback).

    A transactional test empties the tables afterwards. Without serialized rollback that also removes
    the rows data migrations wrote, and Django re-creates content types under new ids; a later test
    that restores the serialized database then collides with them (a duplicate content type), and
    one that needs the data-migration rows finds none. With serialized rollback everywhere, each
    transactional test starts from the migrated database, on SQLite and PostgreSQL, with or
    without ``-n``.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker is not None:
            kwargs = dict(marker.kwargs)
            if not kwargs.get("transaction") or kwargs.get("serialized_rollback"):
                continue
        elif "transactional_db" in getattr(item, "fixturenames", ()):
            kwargs = {"transaction": True}
        else:
            continue
        kwargs["serialized_rollback"] = True
        item.add_marker(pytest.mark.django_db(*(marker.args if marker else ()), **kwargs), append=False)
