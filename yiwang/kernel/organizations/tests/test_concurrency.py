"""Siblings created at the same time get distinct materialized paths (the parent row is locked)."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection, connections

from yiwang.kernel.organizations.models import Kind, Organization
from yiwang.kernel.organizations.services import organization_create
from yiwang.kernel.organizations.tests.trees import build_lushan
from yiwang.kernel.people.models import Person


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_children_of_one_parent_get_distinct_paths(manager: Any) -> None:
    tree = build_lushan(manager)
    writers = 4 if connection.vendor == "postgresql" else 1  # SQLite serializes writers by design
    per_writer = 5
    errors: list[BaseException] = []
    start = threading.Barrier(writers)

    def work(n: int) -> None:
        try:
            actor = Person.objects.select_related("user").get(pk=manager.pk)
            start.wait()
            for i in range(per_writer):
                organization_create(actor=actor, parent=tree.bureau, name=f"股{n}-{i}", kind=Kind.UNIT)
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(n,)) for n in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    children = Organization.objects.filter(path__startswith=tree.bureau.path, depth=tree.bureau.depth + 1)
    paths = list(children.values_list("path", flat=True))
    assert len(paths) == len(set(paths)) == 2 + writers * per_writer
    assert Organization.objects.get(pk=tree.bureau.pk).numchild == 2 + writers * per_writer
