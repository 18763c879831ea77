"""`module_activation_set`: permission at the organization, validation first, ledger entry, event."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from yiwang.kernel.errors import DomainError, Forbidden
from yiwang.kernel.ledger.models import LedgerEntry
from yiwang.kernel.modules.events import ModuleActivationChanged
from yiwang.kernel.modules.models import ModuleActivation
from yiwang.kernel.modules.services import module_activation_set
from yiwang.kernel.modules.settings import is_active, settings_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def bureau_admin(make_person: Callable[..., Any], org_tree: dict[str, Any]) -> Any:
    return make_person("modules.manage_activation", scope=org_tree["bureau"])


def test_activation_and_settings_are_written_with_a_ledger_entry(
    bureau_admin: Any, org_tree: dict[str, Any], ledger_size: Callable[[], int]
) -> None:
    before = ledger_size()
    row = module_activation_set(
        actor=bureau_admin,
        organization=org_tree["bureau"],
        module="sample",
        enabled=True,
        settings={"reply_days": 10},
    )
    assert is_active("sample", org_tree["unit"])
    assert settings_for("sample", org_tree["unit"]).reply_days == 10
    assert ledger_size() == before + 1
    entry = LedgerEntry.objects.order_by("-seq").first()
    assert entry is not None
    assert (entry.action, entry.subject_type, entry.subject_id) == (
        "modules.activation.changed",
        "modules.moduleactivation",
        str(row.pk),
    )


def test_settings_merge_and_inherit(bureau_admin: Any, org_tree: dict[str, Any]) -> None:
    bureau = org_tree["bureau"]
    module_activation_set(
        actor=bureau_admin, organization=bureau, module="sample", settings={"reply_days": 10}
    )
    module_activation_set(
        actor=bureau_admin, organization=bureau, module="sample", settings={"officer_titles": ["法制员"]}
    )
    row = ModuleActivation.objects.get(organization=bureau, module="sample")
    assert row.settings == {"reply_days": 10, "officer_titles": ["法制员"]}
    assert row.enabled is None  # settings alone do not switch the module on
    assert settings_for("sample", bureau).officer_titles == ("法制员",)
    module_activation_set(actor=bureau_admin, organization=bureau, module="sample", inherit=["reply_days"])
    row.refresh_from_db()
    assert row.settings == {"officer_titles": ["法制员"]}
    assert settings_for("sample", bureau).reply_days == 15


def test_a_grant_covers_the_subtree_not_the_neighbour(
    bureau_admin: Any, org_tree: dict[str, Any], ledger_size: Callable[[], int]
) -> None:
    module_activation_set(actor=bureau_admin, organization=org_tree["unit"], module="sample", enabled=True)
    before = (ModuleActivation.objects.count(), ledger_size())
    with pytest.raises(Forbidden):
        module_activation_set(
            actor=bureau_admin, organization=org_tree["neighbour"], module="sample", enabled=True
        )
    with pytest.raises(Forbidden):
        module_activation_set(
            actor=bureau_admin, organization=org_tree["county"], module="sample", enabled=True
        )
    assert (ModuleActivation.objects.count(), ledger_size()) == before


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"module": "no_such_module", "enabled": True}, "unknown_module"),
        ({"module": "calendar", "enabled": False}, "module_always_active"),
        ({"module": "sample", "enabled": "yes"}, "invalid_activation"),
        ({"module": "sample", "settings": {"reply_days": 0}}, "setting_out_of_range"),
        ({"module": "sample", "settings": {"channel": "广播"}}, "setting_not_allowed"),
        ({"module": "sample", "inherit": ["nope"]}, "setting_unknown"),
        ({"module": "sample", "settings": {"reply_days": 9}, "inherit": ["reply_days"]}, "setting_conflict"),
    ],
)
def test_bad_input_writes_nothing(
    bureau_admin: Any,
    org_tree: dict[str, Any],
    ledger_size: Callable[[], int],
    kwargs: dict[str, Any],
    code: str,
) -> None:
    before = (ModuleActivation.objects.count(), ledger_size())
    with pytest.raises(DomainError) as exc:
        module_activation_set(actor=bureau_admin, organization=org_tree["bureau"], **kwargs)
    assert exc.value.code == code
    assert (ModuleActivation.objects.count(), ledger_size()) == before


def test_without_permission_nothing_is_written(
    make_person: Callable[..., Any], org_tree: dict[str, Any], ledger_size: Callable[[], int]
) -> None:
    before = ledger_size()
    with pytest.raises(Forbidden):
        module_activation_set(
            actor=make_person(), organization=org_tree["bureau"], module="sample", enabled=True
        )
    assert ModuleActivation.objects.count() == 0
    assert ledger_size() == before


def test_change_is_announced_after_commit(
    bureau_admin: Any,
    org_tree: dict[str, Any],
    event_log: Callable[[type], list[Any]],
    django_capture_on_commit_callbacks: Any,
) -> None:
    received = event_log(ModuleActivationChanged)
    with django_capture_on_commit_callbacks(execute=True):
        module_activation_set(
            actor=bureau_admin, organization=org_tree["bureau"], module="sample", enabled=False
        )
        assert received == []
    assert received == [ModuleActivationChanged(module="sample", organization_id=org_tree["bureau"].pk)]
