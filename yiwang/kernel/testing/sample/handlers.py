"""Subscribers declared in the sample manifest. They remember what they saw, in order."""

from __future__ import annotations

from typing import Any

RECEIVED: list[tuple[str, Any]] = []


def remember(event: Any) -> None:
    RECEIVED.append(("remember", event))


def explode(event: Any) -> None:
    RECEIVED.append(("explode", event))
    raise RuntimeError("this subscriber always fails")


def remember_too(event: Any) -> None:
    RECEIVED.append(("remember_too", event))


def write_then_fail(event: Any) -> None:
    """Writes a row, then fails: its write must be rolled back without touching anyone else's."""
    from django.contrib.auth.models import Group

    Group.objects.create(name=f"written-by-failing-handler:{event.note}"[:150])
    raise RuntimeError("fails after writing")


def write(event: Any) -> None:
    from django.contrib.auth.models import Group

    Group.objects.create(name=f"written-by-handler:{event.note}"[:150])
