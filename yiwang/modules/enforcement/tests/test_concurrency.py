"""Row locks on PostgreSQL: concurrent filings get distinct case numbers (the agency-year counter
row is locked), and one form sent twice at the same moment applies once (idempotency key)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections

from yiwang.kernel.people.models import Person
from yiwang.modules.enforcement import services
from yiwang.modules.enforcement.models import Case, IdempotencyKey

from .conftest import COMPANY, World

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _race(writers: int, work: Callable[[int], Any]) -> list[BaseException]:
    errors: list[BaseException] = []
    start = threading.Barrier(writers)

    def run(n: int) -> None:
        try:
            start.wait()
            work(n)
        except BaseException as exc:  # reported by the caller
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def _file(world: World, title: str, key: str | None = None) -> Case:
    actor = Person.objects.get(pk=world.officer.pk)
    return services.case_file(
        actor=actor,
        unit=world.tree.inspection,
        kind="penalty",
        title=title,
        party=COMPANY,
        violation_type=world.violation(),
        idempotency_key=key,
    )


def test_concurrent_filings_get_distinct_numbers(world: World) -> None:
    writers = 4 if connection.vendor == "postgresql" else 1
    per_writer = 3

    def work(n: int) -> None:
        for i in range(per_writer):
            _file(world, f"案{n}-{i}")

    assert _race(writers, work) == []
    numbers = list(Case.objects.values_list("number", flat=True))
    assert len(numbers) == len(set(numbers)) == writers * per_writer
    assert sorted(Case.objects.values_list("serial", flat=True)) == list(range(1, writers * per_writer + 1))


def test_one_form_sent_twice_at_once_applies_once(world: World) -> None:
    writers = 3 if connection.vendor == "postgresql" else 1
    results: list[int] = []

    def work(n: int) -> None:
        results.append(_file(world, "同一表单", key="form-same").pk)

    assert _race(writers, work) == []
    assert Case.objects.count() == 1 and len(set(results)) == 1 and len(results) == writers
    assert IdempotencyKey.objects.filter(key="form-same").count() == 1
