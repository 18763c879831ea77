"""Demo people, accounts, roles and certificates for `manage.py demo_seed`.

The names are invented (common Chinese names), not the officials named in the seed documents.
Passwords are fixed so the demo can be explored; they are printed by `demo_seed` and listed in
docs/modules/kernel-people.md. Never load demo data into a production database.

Certificates are dated relative to the day the demo is first loaded: one officer's certificate
expires within 30 days and one has expired (ENF-113), so both warnings show on the pages.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from yiwang.kernel.organizations.models import Organization
from yiwang.kernel.organizations.seeds import seed_demo as seed_organizations

from .models import EnforcementCertificate, Person, Position, Role, RoleAssignment
from .services import certificate_issue, person_create, position_assign, role_grant, system_admin_ensure

ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "Yiwang-admin-2026"  # noqa: S105 — documented demo password
DEMO_PASSWORD = "Yiwang-demo-2026"  # noqa: S105 — documented demo password


@dataclass(frozen=True)
class DemoCertificate:
    number: str
    domain: str
    issuing_authority: str
    starts_days_ago: int
    ends_in_days: int  # negative: already expired


@dataclass(frozen=True)
class DemoAccount:
    username: str
    name: str
    organization: str  # internal organization code
    title: str
    duty: str  # one line for the printed table
    is_head: bool = False
    roles: tuple[tuple[str, str | None], ...] = ()  # (role code, scope organization code; None = system)
    certificates: tuple[DemoCertificate, ...] = ()
    password: str = DEMO_PASSWORD


_HENAN = "河南省人民政府"
_TIANJIN = "天津市人民政府"

DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount(
        "hebei.sfj",
        "李秀英",
        "hebei-justice",
        "行政执法监督科科长",
        "区司法局：监督全区执法证",
        roles=(("certificate_supervisor", "hebei-gov"),),
    ),
    DemoAccount(
        "hebei.scjg",
        "陈静",
        "hebei-market",
        "执法人员",
        "区市场监管局执法人员（证件即将到期）",
        roles=(("officer", "hebei-market"),),
        certificates=(DemoCertificate("ZF-120105-0217", "market", _TIANJIN, 1080, 12),),
    ),
    DemoAccount(
        "lushan.head",
        "赵志刚",
        "lushan-epb",
        "局长",
        "鲁山县环境保护局负责人：单位管理员",
        is_head=True,
        roles=(("org_admin", "lushan-epb"),),
    ),
    DemoAccount(
        "lushan.fazhi",
        "孙丽娟",
        "lushan-epb-05",
        "法制股股长",
        "法制股：法制审核",
        is_head=True,
        roles=(("staff", "lushan-epb"), ("certificate_viewer", "lushan-epb")),
    ),
    DemoAccount(
        "lushan.jc1",
        "周海涛",
        "lushan-epb-04",
        "环境监察大队大队长",
        "环境监察大队：执法证有效",
        is_head=True,
        roles=(("officer", "lushan-epb-04"),),
        certificates=(DemoCertificate("ZF-410423-0101", "ecology", _HENAN, 400, 700),),
    ),
    DemoAccount(
        "lushan.jc2",
        "吴晓东",
        "lushan-epb-04",
        "执法队员",
        "环境监察大队：执法证20天后到期",
        roles=(("officer", "lushan-epb-04"),),
        certificates=(DemoCertificate("ZF-410423-0102", "ecology", _HENAN, 1075, 20),),
    ),
    DemoAccount(
        "lushan.jc3",
        "郑国强",
        "lushan-epb-04",
        "执法队员",
        "环境监察大队：执法证已过期",
        roles=(("officer", "lushan-epb-04"),),
        certificates=(DemoCertificate("ZF-410423-0087", "ecology", _HENAN, 1105, -10),),
    ),
    DemoAccount(
        "dsq.staff",
        "刘春梅",
        "dsq-service-center",
        "指挥调度员",
        "大石桥市党群服务中心：全市",
        roles=(("staff", "dsq-gov"),),
    ),
    DemoAccount(
        "dsq.fuli",
        "马丽",
        "dsq-gangdu-fuli",
        "网格员",
        "钢都街道富丽社区",
        roles=(("staff", "dsq-gangdu-fuli"),),
    ),
    DemoAccount(
        "dazhong.staff",
        "黄志明",
        "dafeng-dazhong",
        "党政办工作人员",
        "大丰区大中镇",
        roles=(("staff", "dafeng-dazhong"),),
    ),
    DemoAccount(
        "ndg.caiwu",
        "杨帆",
        "ndg-office-06",
        "财务科科长",
        "南大港产业园区管理处办公室财务科",
        is_head=True,
        roles=(("staff", "ndg-office"),),
    ),
)


@dataclass
class SeedReport:
    admin: Person
    organizations: dict[str, Organization] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)


def seed_demo(*, actor: Person | None = None) -> SeedReport:
    """Everything the kernel's demo needs, through the services (so all of it is in the ledger).

    Idempotent: rows are looked up by their natural keys (organization code, username, certificate
    number, open position, current assignment) and only what is missing is created.
    """
    admin, _created = system_admin_ensure(username=ADMIN_USERNAME, name="王建国", password=ADMIN_PASSWORD)
    acting = actor or admin
    orgs = seed_organizations(actor=acting)
    report = SeedReport(admin=admin, organizations=orgs)
    today = timezone.localdate()
    roles = {r.code: r for r in Role.objects.all()}
    for account in DEMO_ACCOUNTS:
        report.people[account.username] = _seed_account(acting, account, orgs, roles, today)
    return report


def _seed_account(
    actor: Person,
    account: DemoAccount,
    orgs: dict[str, Organization],
    roles: dict[str, Role],
    today: datetime.date,
) -> Person:
    unit = orgs[account.organization]
    person = Person.objects.filter(user__username=account.username).first()
    if person is None:
        person = person_create(
            actor=actor,
            name=account.name,
            organization=unit,
            username=account.username,
            password=account.password,
        )
    if not Position.objects.filter(person=person, organization=unit, title=account.title).exists():
        position_assign(
            actor=actor, person=person, organization=unit, title=account.title, is_head=account.is_head
        )
    for role_code, scope_code in account.roles:
        scope = orgs[scope_code] if scope_code else None
        role = roles[role_code]
        held = (
            RoleAssignment.objects.current(today)
            .filter(person=person, role=role, organization=scope)
            .exists()
        )
        if not held:
            role_grant(actor=actor, person=person, role=role, organization=scope)
    for cert in account.certificates:
        if not EnforcementCertificate.objects.filter(number=cert.number).exists():
            certificate_issue(
                actor=actor,
                holder=person,
                number=cert.number,
                issuing_authority=cert.issuing_authority,
                domain=cert.domain,
                valid_from=today - datetime.timedelta(days=cert.starts_days_ago),
                valid_to=today + datetime.timedelta(days=cert.ends_in_days),
            )
    return person
