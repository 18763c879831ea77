"""`manage.py demo_seed`: idempotent, complete, and everything through the services (ledger)."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from stdnum.cn import uscc

from yiwang.kernel.ledger.models import LedgerEntry
from yiwang.kernel.organizations.models import Kind, Organization
from yiwang.kernel.people import rules
from yiwang.kernel.people.models import EnforcementCertificate, Person, Position, Role, RoleAssignment
from yiwang.kernel.people.seeds import ADMIN_PASSWORD, DEMO_ACCOUNTS, DEMO_PASSWORD

pytestmark = pytest.mark.django_db
MODELS = (
    Organization,
    Person,
    Position,
    Role,
    RoleAssignment,
    EnforcementCertificate,
    get_user_model(),
    LedgerEntry,
)


def counts() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in MODELS}


def run() -> str:
    out = io.StringIO()
    call_command("demo_seed", stdout=out)
    return out.getvalue()


def test_demo_seed_twice_duplicates_nothing() -> None:
    first_output = run()
    first = counts()
    second_output = run()
    assert counts() == first
    assert "台账新增 0 条记录" in second_output
    assert "admin" in first_output and ADMIN_PASSWORD in first_output and DEMO_PASSWORD in second_output


def test_demo_seed_builds_the_trees_of_the_seed_documents__DIS_03() -> None:
    run()
    names = set(Organization.objects.values_list("name", flat=True))
    assert {
        "天津市河北区司法局",
        "天津市河北区市场监督管理局",
        "天津市河北区财政局",
        "天津市河北区人力资源和社会保障局",
        "天津市河北区医疗保障局",
        "天津市河北区政务服务办公室",
        "鲁山县环境保护局",
        "开发股",
        "土壤股",
        "危废与辐射股",
        "环境监察大队",
        "法制股",
        "监察室",
        "大石桥市钢都街道办事处",
        "富丽社区居民委员会",
        "大石桥市镁都街道办事处",
        "石桥社区居民委员会",
        "盐城市大丰区大中镇人民政府",
        "南大港产业园区管理处办公室",
    } <= names
    office = Organization.objects.get(code="ndg-office")
    assert Organization.objects.subtree_of(office).filter(kind=Kind.UNIT).count() == 14
    epb = Organization.objects.get(code="lushan-epb")
    assert list(
        Organization.objects.filter(path__startswith=epb.path, depth=epb.depth + 1).values_list(
            "name", flat=True
        )
    ) == ["开发股", "土壤股", "危废与辐射股", "环境监察大队", "法制股", "监察室"]
    assert Organization.objects.get(code="dsq-gangdu-fuli").level == "village"
    for org in Organization.objects.exclude(kind=Kind.UNIT):
        assert org.credit_code and uscc.is_valid(org.credit_code)


def test_demo_seed_writes_through_the_services() -> None:
    run()
    actions = set(LedgerEntry.objects.values_list("action", flat=True))
    assert {
        "organizations.organization.created",
        "people.person.created",
        "people.position.assigned",
        "people.role.granted",
        "people.certificate.issued",
    } <= actions
    assert (
        LedgerEntry.objects.filter(action="organizations.organization.created").count()
        == Organization.objects.count()
    )
    assert (
        LedgerEntry.objects.filter(action="people.certificate.issued").count()
        == EnforcementCertificate.objects.count()
    )


def test_demo_certificates_show_both_warnings__ENF_113() -> None:
    run()
    today = timezone.localdate()
    levels = {
        c.number: rules.certificate_warning_level(c, today) for c in EnforcementCertificate.objects.all()
    }
    assert rules.WarningLevel.EXPIRING in levels.values()
    assert rules.WarningLevel.EXPIRED in levels.values()
    assert rules.WarningLevel.NONE in levels.values()


def signed_in(username: str) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def test_demo_accounts_can_sign_in_and_see_their_pages() -> None:
    run()
    for username, password in [("admin", ADMIN_PASSWORD)] + [(a.username, a.password) for a in DEMO_ACCOUNTS]:
        client = Client()
        response = client.post("/accounts/login/", {"username": username, "password": password})
        assert response.status_code == 302, username
        assert client.get("/people/me/").status_code == 200
    head = signed_in("lushan.head")
    rows = head.get("/people/certificates/").context["rows"]
    assert {r.certificate.holder.name for r in rows} == {"吴晓东", "郑国强"}
    sfj = signed_in("hebei.sfj")
    assert [r.certificate.holder.name for r in sfj.get("/people/certificates/").context["rows"]] == ["陈静"]


def test_demo_passwords_are_long_enough() -> None:
    assert len(ADMIN_PASSWORD) >= 10 and len(DEMO_PASSWORD) >= 10
    assert all(len(a.password) >= 10 for a in DEMO_ACCOUNTS)


def test_other_parts_seed_functions_are_found_and_called_with_the_admin() -> None:
    from yiwang.kernel.people.management.commands.demo_seed import call_seeder, other_seeders

    run()
    admin = Person.objects.get(user__username="admin")
    seen: list[Any] = []

    def with_actor(*, actor: Any) -> None:
        seen.append(actor)

    def without_actor() -> None:
        seen.append("none")

    call_seeder(with_actor, admin)
    call_seeder(without_actor, admin)
    assert seen == [admin, "none"]
    for label, seeder in other_seeders():
        assert callable(seeder) and label
        assert seeder.__module__.startswith("yiwang.") and seeder.__module__.endswith(".seeds")
        assert not seeder.__module__.startswith(("yiwang.kernel.people", "yiwang.kernel.organizations"))


def test_sync_roles_and_create_system_admin_commands(monkeypatch: Any, ledger_size: Any) -> None:
    out = io.StringIO()
    call_command("sync_roles", stdout=out)
    assert "新增或更新" in out.getvalue()
    monkeypatch.setenv("YIWANG_ADMIN_PASSWORD", "Yiwang-first-admin-1")
    out = io.StringIO()
    call_command("create_system_admin", "--username", "root1", "--name", "张管理", stdout=out)
    assert "已创建系统管理员 root1" in out.getvalue()
    person = Person.objects.get(user__username="root1")
    assert person.user is not None and person.user.check_password("Yiwang-first-admin-1")
    assert RoleAssignment.objects.filter(person=person, role__code="system_admin", organization=None).exists()
    entries = ledger_size()
    out = io.StringIO()
    call_command("create_system_admin", "--username", "root1", "--name", "张管理", stdout=out)
    assert "已存在" in out.getvalue() and ledger_size() == entries
    monkeypatch.setenv("YIWANG_ADMIN_PASSWORD", "123")
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="密码不符合要求"):
        call_command("create_system_admin", "--username", "root2", "--name", "李", stdout=io.StringIO())
    assert not Person.objects.filter(user__username="root2").exists()
