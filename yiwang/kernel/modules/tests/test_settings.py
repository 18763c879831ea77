"""Per-organization activation and typed settings, inherited down the organization tree (issue 2, item 8)."""

from __future__ import annotations

from typing import Any

import pytest

from yiwang.kernel.errors import DomainError
from yiwang.kernel.modules.models import ModuleActivation
from yiwang.kernel.modules.registry import manifest_for
from yiwang.kernel.modules.settings import is_active, settings_for, validate_settings
from yiwang.kernel.testing.sample.apps import SampleSettings

pytestmark = pytest.mark.django_db


def store(org: Any, enabled: bool | None = None, **values: Any) -> None:
    ModuleActivation.objects.update_or_create(
        organization=org, module="sample", defaults={"enabled": enabled, "settings": values}
    )


def test_defaults_apply_without_any_row(org_tree: dict[str, Any]) -> None:
    assert settings_for("sample", org_tree["unit"]) == SampleSettings()
    assert isinstance(settings_for("sample", org_tree["unit"]), SampleSettings)


def test_settings_inherit_down_the_tree_nearest_wins(org_tree: dict[str, Any]) -> None:
    store(org_tree["county"], reply_days=20, channel="公告栏")
    store(org_tree["bureau"], reply_days=10)
    unit = settings_for("sample", org_tree["unit"])
    assert (unit.reply_days, unit.channel) == (10, "公告栏")
    assert settings_for("sample", org_tree["bureau"]).reply_days == 10
    neighbour = settings_for("sample", org_tree["neighbour"])
    assert (neighbour.reply_days, neighbour.channel) == (20, "公告栏")
    assert settings_for("sample", org_tree["county"]).review_threshold_yuan == 5000


def test_stale_or_invalid_stored_values_fall_back(org_tree: dict[str, Any]) -> None:
    store(org_tree["county"], reply_days=20)
    store(org_tree["bureau"], reply_days="十", renamed_long_ago=True, channel="广播")
    s = settings_for("sample", org_tree["bureau"])
    assert (s.reply_days, s.channel) == (20, "网站")


def test_activation_nearest_decision_wins(org_tree: dict[str, Any]) -> None:
    assert not is_active("sample", org_tree["unit"])
    store(org_tree["county"], enabled=True)
    assert is_active("sample", org_tree["unit"])
    store(org_tree["bureau"], enabled=False)
    assert not is_active("sample", org_tree["unit"])
    assert is_active("sample", org_tree["neighbour"])
    store(org_tree["bureau"], enabled=None, reply_days=5)  # holds settings only: inherits the decision
    assert is_active("sample", org_tree["unit"])


def test_kernel_parts_are_always_active(org_tree: dict[str, Any]) -> None:
    assert is_active("calendar", org_tree["unit"])
    assert settings_for("calendar", org_tree["unit"]) is None


@pytest.mark.parametrize(
    ("values", "code", "field"),
    [
        ({"no_such_setting": 1}, "setting_unknown", "no_such_setting"),
        ({"reply_days": "15"}, "setting_wrong_type", "reply_days"),
        ({"reply_days": 1.5}, "setting_wrong_type", "reply_days"),
        ({"reply_days": True}, "setting_wrong_type", "reply_days"),
        ({"reply_days": 0}, "setting_out_of_range", "reply_days"),
        ({"reply_days": 61}, "setting_out_of_range", "reply_days"),
        ({"fee_rate": 1.5}, "setting_out_of_range", "fee_rate"),
        ({"notify_public": "是"}, "setting_wrong_type", "notify_public"),
        ({"channel": "广播"}, "setting_not_allowed", "channel"),
        ({"channel": 3}, "setting_wrong_type", "channel"),
        ({"officer_titles": "执法队员"}, "setting_wrong_type", "officer_titles"),
        ({"officer_titles": ["执法队员", 7]}, "setting_wrong_type", "officer_titles"),
        ({"contact": 12}, "setting_wrong_type", "contact"),
    ],
)
def test_invalid_settings_are_refused_with_codes(values: dict[str, Any], code: str, field: str) -> None:
    with pytest.raises(DomainError) as exc:
        validate_settings(manifest_for("sample"), values)
    assert (exc.value.code, exc.value.field) == (code, field)
    assert "设置项" in exc.value.message


def test_valid_settings_are_cleaned() -> None:
    cleaned = validate_settings(
        manifest_for("sample"),
        {"reply_days": 30.0, "officer_titles": ["执法队员", "法制员"], "contact": None, "fee_rate": 1},
    )
    assert cleaned == {
        "reply_days": 30,
        "officer_titles": ("执法队员", "法制员"),
        "contact": None,
        "fee_rate": 1.0,
    }
    assert isinstance(cleaned["reply_days"], int) and isinstance(cleaned["fee_rate"], float)


def test_a_module_without_settings_accepts_none() -> None:
    assert validate_settings(manifest_for("calendar"), {}) == {}
    with pytest.raises(DomainError) as exc:
        validate_settings(manifest_for("calendar"), {"x": 1})
    assert exc.value.code == "module_without_settings"
