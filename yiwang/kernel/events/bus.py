"""Publish events after commit; deliver to the subscribers declared in manifests.

An event is a dataclass instance. Its type name is ``module.ClassName`` (e.g.
``yiwang.contracts.enforcement.DecisionIssued``). Handlers are dotted paths to callables taking
the event. Delivery happens only if the surrounding transaction commits: a rolled-back change
never announces itself. Each handler runs in its own transaction; a failing handler is logged,
its writes are rolled back, and it does not affect other handlers or the committed change.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils.module_loading import import_string

from yiwang.kernel.modules.registry import all_subscriptions

log = logging.getLogger(__name__)

_extra_handlers: dict[str, list[Callable[[Any], None]]] = {}


def event_type_name(cls: type) -> str:
    """The name subscriptions use for events of class `cls`: ``module.ClassName``."""
    return f"{cls.__module__}.{cls.__qualname__}"


def event_type(event: Any) -> str:
    return event_type_name(type(event))


def handlers_for(name: str) -> list[Callable[[Any], None]]:
    found: list[Callable[[Any], None]] = [
        import_string(s.handler) for s in all_subscriptions() if s.event == name
    ]
    return found + _extra_handlers.get(name, [])


def deliver(event: Any) -> int:
    """Call every subscriber now, each in its own transaction; returns how many succeeded.

    A subscriber that raises has its own database writes rolled back and is logged; the others
    still run, and the change that published the event stays committed.
    """
    ok = 0
    for handler in handlers_for(event_type(event)):
        try:
            with transaction.atomic():
                handler(event)
            ok += 1
        except Exception:  # one subscriber must not break another, nor the committed change
            log.exception("event handler %r failed for %s", handler, event_type(event))
    return ok


def publish_on_commit(event: Any, *, using: str | None = None) -> None:
    if not dataclasses.is_dataclass(event) or isinstance(event, type):
        raise TypeError("events are dataclass instances")
    transaction.on_commit(lambda: deliver(event), using=using)


def subscribe(name: str, handler: Callable[[Any], None]) -> Callable[[], None]:
    """Register a handler at run time (tests, plugins). Returns an unsubscribe function."""
    _extra_handlers.setdefault(name, []).append(handler)

    def unsubscribe() -> None:
        _extra_handlers[name].remove(handler)

    return unsubscribe
