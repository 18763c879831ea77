"""pytest fixtures for every part of Yiwang; the root ``conftest.py`` registers this module.

    def test_something(make_person, client_for, ledger_size): ...

- `make_person(*permissions, scope=None, superuser=False)`: a person with a login account.
- `person` / `manager`: a plain person; a system administrator (superuser account).
- `client_for(person)`, `api_client_for(person)`: Django / DRF clients signed in by session.
- `api_client`: an anonymous DRF client.
- `ledger_size()`: the ledger's current size, for "nothing was written" assertions.
- `org_tree`: a county → bureau → unit tree plus a neighbouring bureau (names are hostile strings).
- `hostile`: the hostile strings by kind.
- `event_log(event_class)`: a list that receives every event of that class delivered after commit.
- (automatic) the cache is emptied before every test, so nothing one test cached leaks into the next.

Parts add their own fixtures to their tests' ``conftest.py``; fixtures every module needs go here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client
from rest_framework.test import APIClient

from .hostile import HOSTILE


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield


@pytest.fixture
def make_person(db: Any) -> Callable[..., Any]:
    from .factories import PersonFactory

    def make(*permissions: str, scope: Any = None, superuser: bool = False, **fields: Any) -> Any:
        kwargs: dict[str, Any] = {"superuser": superuser, **fields}
        if permissions:
            kwargs["permissions"] = list(permissions)
            kwargs["permissions__scope"] = scope
        return PersonFactory(**kwargs)

    return make


@pytest.fixture
def person(make_person: Callable[..., Any]) -> Any:
    return make_person()


@pytest.fixture
def manager(make_person: Callable[..., Any]) -> Any:
    """A system administrator: a superuser account, may do everything everywhere."""
    return make_person(superuser=True)


@pytest.fixture
def client_for(db: Any) -> Callable[[Any], Client]:
    def make(person: Any) -> Client:
        c = Client()
        c.force_login(person.user)
        return c

    return make


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


@pytest.fixture
def api_client_for(db: Any) -> Callable[[Any], APIClient]:
    def make(person: Any) -> APIClient:
        c = APIClient()
        c.force_login(person.user)
        return c

    return make


@pytest.fixture
def ledger_size(db: Any) -> Callable[[], int]:
    from yiwang.kernel.ledger import size

    return size


@pytest.fixture
def org_tree(db: Any) -> dict[str, Any]:
    from yiwang.kernel.organizations.models import Kind, Level

    from .factories import OrganizationFactory

    county = OrganizationFactory(level=Level.COUNTY, kind=Kind.GOVERNMENT)
    bureau = OrganizationFactory(parent=county)
    unit = OrganizationFactory(parent=bureau, kind=Kind.UNIT)
    neighbour = OrganizationFactory(parent=county)
    return {"county": county, "bureau": bureau, "unit": unit, "neighbour": neighbour}


@pytest.fixture
def hostile() -> dict[str, str]:
    return dict(HOSTILE)


@pytest.fixture
def event_log() -> Iterator[Callable[[type], list[Any]]]:
    from yiwang.kernel.events.bus import event_type_name, subscribe

    unsubscribers: list[Callable[[], None]] = []

    def listen(event_class: type) -> list[Any]:
        received: list[Any] = []
        unsubscribers.append(subscribe(event_type_name(event_class), received.append))
        return received

    yield listen
    for unsubscribe in unsubscribers:
        unsubscribe()
