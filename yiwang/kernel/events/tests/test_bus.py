"""Domain events: delivered after commit to the subscribers declared in manifests (issue 2, item 8)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.db import transaction

from yiwang.kernel.events import bus
from yiwang.kernel.modules.registry import all_subscriptions
from yiwang.kernel.testing.sample import handlers
from yiwang.kernel.testing.sample.events import NobodyListens, SampleHappened

EVENT = "yiwang.kernel.testing.sample.events.SampleHappened"


@pytest.fixture(autouse=True)
def fresh_handlers() -> Iterator[list[tuple[str, Any]]]:
    handlers.RECEIVED.clear()
    yield handlers.RECEIVED
    handlers.RECEIVED.clear()


def names(received: list[tuple[str, Any]]) -> list[str]:
    return [name for name, _ in received]


def test_subscriptions_come_from_the_manifests() -> None:
    declared = [s.handler.rsplit(".", 1)[1] for s in all_subscriptions() if s.event == EVENT]
    assert declared == ["remember", "explode", "write_then_fail", "write", "remember_too"]
    assert bus.event_type(SampleHappened("x")) == EVENT
    assert bus.event_type_name(SampleHappened) == EVENT


@pytest.mark.django_db
def test_delivered_after_commit_not_before(django_capture_on_commit_callbacks: Any) -> None:
    event = SampleHappened("立案")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            bus.publish_on_commit(event)
        assert handlers.RECEIVED == []
    assert len(callbacks) == 1
    assert ("remember", event) in handlers.RECEIVED
    assert ("remember_too", event) in handlers.RECEIVED


@pytest.mark.django_db
def test_not_delivered_when_the_transaction_rolls_back(django_capture_on_commit_callbacks: Any) -> None:
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        bus.publish_on_commit(SampleHappened("回滚"))
        raise RuntimeError("the change fails")
    assert callbacks == []
    assert handlers.RECEIVED == []


@pytest.mark.django_db
def test_a_failing_handler_does_not_affect_the_others(
    django_capture_on_commit_callbacks: Any, caplog: pytest.LogCaptureFixture
) -> None:
    event = SampleHappened("部分失败")
    with django_capture_on_commit_callbacks(execute=True):
        bus.publish_on_commit(event)
    # Every subscriber ran, in manifest order, including those after the failing ones.
    assert names(handlers.RECEIVED) == ["remember", "explode", "remember_too"]
    # The failing subscriber's write was rolled back; the next subscriber's write stayed.
    assert not Group.objects.filter(name__startswith="written-by-failing-handler").exists()
    assert Group.objects.filter(name="written-by-handler:部分失败").exists()
    failures = [r for r in caplog.records if r.name == "yiwang.kernel.events.bus" and r.levelname == "ERROR"]
    assert len(failures) == 2
    assert "explode" in failures[0].getMessage()


@pytest.mark.django_db
def test_deliver_counts_successful_handlers() -> None:
    assert bus.deliver(SampleHappened("直接投递")) == 3
    assert bus.deliver(NobodyListens("无人订阅")) == 0


@pytest.mark.django_db(transaction=True)
def test_a_real_commit_delivers_and_a_real_rollback_does_not() -> None:
    with transaction.atomic():
        bus.publish_on_commit(SampleHappened("提交"))
        assert handlers.RECEIVED == []
    assert names(handlers.RECEIVED) == ["remember", "explode", "remember_too"]
    handlers.RECEIVED.clear()
    with pytest.raises(RuntimeError), transaction.atomic():
        bus.publish_on_commit(SampleHappened("回滚"))
        raise RuntimeError("fails")
    assert handlers.RECEIVED == []


def test_only_dataclass_instances_are_events() -> None:
    with pytest.raises(TypeError):
        bus.publish_on_commit({"note": "字典不是事件"})
    with pytest.raises(TypeError):
        bus.publish_on_commit(SampleHappened)


@pytest.mark.django_db
def test_runtime_subscribers_can_unsubscribe(event_log: Callable[[type], list[Any]]) -> None:
    seen: list[Any] = []
    unsubscribe = bus.subscribe(bus.event_type_name(NobodyListens), seen.append)
    assert bus.deliver(NobodyListens("一")) == 1
    unsubscribe()
    assert bus.deliver(NobodyListens("二")) == 0
    assert seen == [NobodyListens("一")]
    logged = event_log(NobodyListens)
    bus.deliver(NobodyListens("三"))
    assert logged == [NobodyListens("三")]
