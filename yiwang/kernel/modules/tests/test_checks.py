"""System checks over the manifests (issue 2, item 8)."""

from __future__ import annotations

from dataclasses import dataclass

from django.core import checks

from yiwang.kernel.modules.checks import check_manifest_list
from yiwang.kernel.modules.manifest import ModuleManifest, NavItem, PermissionSpec, RoleSpec, Subscription
from yiwang.kernel.modules.registry import all_nav, manifest_for, manifests


@dataclass(frozen=True)
class GoodSettings:
    days: int = 15


@dataclass
class MutableSettings:
    days: int = 15


@dataclass(frozen=True)
class NoDefaultSettings:
    days: int


def ids(found: list[ModuleManifest]) -> list[str]:
    return [str(e.id) for e in check_manifest_list(found)]


def test_the_installed_manifests_pass() -> None:
    assert check_manifest_list(manifests()) == []
    assert [m for m in checks.run_checks(tags=["yiwang"])] == []


def test_a_clean_manifest_passes() -> None:
    good = ModuleManifest(
        name="demo",
        verbose_name="示例",
        permissions=(PermissionSpec("demo.view_case", "查看案件"),),
        roles=(RoleSpec("demo_viewer", "查看员", ("demo.view_case",)),),
        nav=(NavItem("示例", "ui:home", permission="demo.view_case"),),
        subscriptions=(Subscription("x.Y", "yiwang.kernel.testing.sample.handlers.remember"),),
        settings=GoodSettings,
    )
    assert ids([good]) == []


def test_each_problem_has_its_id() -> None:
    assert ids([ModuleManifest("demo", "示例"), ModuleManifest("demo", "示例")]) == ["yiwang.E001"]
    bad_perms = ModuleManifest(
        "demo",
        "示例",
        permissions=(
            PermissionSpec("other.view_case", "别的模块"),
            PermissionSpec("demo.ViewCase", "大写"),
            PermissionSpec("demo.view", "没有实体"),
        ),
    )
    assert ids([bad_perms]) == ["yiwang.E002"] * 3
    assert ids([ModuleManifest("demo", "示例", subscriptions=(Subscription("x.Y", "no.such.handler"),))]) == [
        "yiwang.E003"
    ]
    assert ids([ModuleManifest("demo", "示例", roles=(RoleSpec("r", "角色", ("demo.view_ghost",)),))]) == [
        "yiwang.E004"
    ]
    assert ids([ModuleManifest("demo", "示例", settings=MutableSettings)]) == ["yiwang.E005"]
    assert ids([ModuleManifest("demo", "示例", settings=NoDefaultSettings)]) == ["yiwang.E005"]
    assert ids([ModuleManifest("demo", "示例", settings=dict)]) == ["yiwang.E005"]
    assert ids(
        [ModuleManifest("demo", "示例", nav=(NavItem("示例", "ui:home", permission="demo.view_ghost"),))]
    ) == ["yiwang.E006"]


def test_registry_lookups() -> None:
    assert manifest_for("calendar").verbose_name == "工作日历"
    try:
        manifest_for("no_such_module")
        raise AssertionError("expected LookupError")
    except LookupError as exc:
        assert "no_such_module" in str(exc)
    orders = [(i.order, i.label) for i in all_nav()]
    assert orders == sorted(orders)


def test_settings_defaults_come_from_the_dataclass() -> None:
    assert ModuleManifest("demo", "示例", settings=GoodSettings).settings_defaults() == {"days": 15}
    assert ModuleManifest("demo", "示例").settings_defaults() == {}
