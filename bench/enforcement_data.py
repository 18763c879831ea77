"""Demo-like enforcement data at scale for `bench/enforcement_load.py`: a county with ten agencies
(鲁山县环境保护局 and nine other law-enforcement bureaus, each with its units), ``n`` cases over five
years written with PostgreSQL ``COPY``, their deadlines (satisfied for finished cases, open and
partly overdue for running ones) and a supervisor of the justice bureau (司法局) granted at the
county, who sees every case (ENF-111).

Distributions: kinds 70 % penalty, 18 % inspection, 5 % coercion, 5 % permit, 2 % levy; filing
days grow towards the present; a case filed more than a year ago is almost always closed or
archived, a recent one is spread over its kind's statuses; about 80 % of an agency's cases are
handled by its investigating unit. Deterministic for a given seed.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

AGENCIES = [
    # (name, number prefix, domain code, units; the first unit investigates)
    (
        "鲁山县环境保护局",
        "鲁环",
        "ecology",
        ["环境监察大队", "法制股", "开发股", "土壤股", "危废与辐射股", "监察室"],
    ),
    ("鲁山县市场监督管理局", "鲁市监", "market", ["综合执法大队", "法规股", "食品安全股", "特种设备股"]),
    ("鲁山县城市管理局", "鲁城管", "urban", ["城市管理执法大队", "法制股", "市容股"]),
    ("鲁山县交通运输局", "鲁交", "transport", ["交通运输执法大队", "法制股", "运输股"]),
    ("鲁山县农业农村局", "鲁农", "agriculture", ["农业综合执法大队", "法规股", "种植业股"]),
    ("鲁山县自然资源局", "鲁自然资源", "natural_resources", ["执法监察大队", "法规股", "耕保股"]),
    ("鲁山县水利局", "鲁水", "water", ["水政监察大队", "法制股"]),
    ("鲁山县卫生健康委员会", "鲁卫", "health", ["卫生监督所", "法规股"]),
    ("鲁山县文化广电和旅游局", "鲁文旅", "culture", ["文化市场综合执法大队", "法规股"]),
    ("鲁山县应急管理局", "鲁应急", "emergency", ["应急管理综合执法大队", "法规股"]),
]
AGENCY_WEIGHTS = [30, 20, 14, 9, 7, 6, 4, 4, 3, 3]
KINDS = [("penalty", 70), ("inspection", 18), ("coercion", 5), ("permit", 5), ("levy", 2)]
KIND_CHAR = {"penalty": "罚", "inspection": "查", "coercion": "强", "permit": "许", "levy": "征"}
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐"
PLACES = ["琴台", "露峰", "汇源", "鲁阳", "张官营", "张良", "尧山", "下汤", "赵村", "磙子营", "辛集", "马楼"]
TRADES = ["建材", "石料", "铸造", "化工", "食品", "运输", "餐饮", "砖瓦", "陶瓷", "机械", "纺织", "养殖"]
TITLES = {
    "ecology": ["超标排放大气污染物案", "未批先建案", "危险废物未按规定贮存案", "不正常运行污染防治设施案"],
    "market": ["销售不合格产品案", "虚假宣传案", "未经许可从事食品经营案"],
    "urban": ["违法建设案", "占道经营案", "擅自设置户外广告案"],
    "transport": ["未取得道路运输经营许可案", "超限运输案"],
    "agriculture": ["销售假农药案", "违规使用兽药案"],
    "natural_resources": ["非法占用耕地案", "未经批准采矿案"],
    "water": ["非法取水案", "河道内违法采砂案"],
    "health": ["无证行医案", "公共场所卫生不合格案"],
    "culture": ["未经许可经营网吧案", "违规经营歌舞娱乐场所案"],
    "emergency": ["安全生产违法行为案", "未按规定开展安全培训案"],
}
FINAL = ("closed", "archived")
OPEN_KINDS = {
    # status → deadline kinds open while a case waits there
    "legal_review": ["review"],
    "decided": ["delivery"],
    "delivered": ["payment", "court_application"],
    "court_enforcement": ["court_application"],
    "measure_in_force": ["seizure"],
}


@dataclass
class World:
    county: Any
    agencies: list[tuple[Any, list[Any], str, str]]  # (agency, units, prefix, domain code)
    supervisor: Any


def build_world() -> World:
    """The county, its agencies and units, and the justice bureau's supervisor."""
    from django.contrib.auth import get_user_model

    from yiwang.kernel.organizations.models import Kind
    from yiwang.kernel.organizations.seeds import fabricate_credit_code
    from yiwang.kernel.organizations.services import organization_create
    from yiwang.kernel.people.models import Person, Role, RoleAssignment
    from yiwang.modules.enforcement.apps import ROLES

    root = get_user_model().objects.create_superuser("bench.admin", password=None)
    admin = Person.objects.create(name="基准测试管理员", user=root)
    code = iter(range(1, 10_000))

    def org(parent: Any, name: str, kind: str) -> Any:
        credit = None if kind == Kind.UNIT else fabricate_credit_code("410423", f"bench{next(code)}")
        return organization_create(actor=admin, parent=parent, name=name, kind=kind, credit_code=credit)

    county = org(None, "鲁山县人民政府", Kind.GOVERNMENT)
    agencies = []
    for name, prefix, domain, unit_names in AGENCIES:
        agency = org(county, name, Kind.DEPARTMENT)
        units = [org(agency, u, Kind.UNIT) for u in unit_names]
        agencies.append((agency, units, prefix, domain))
    justice = org(county, "鲁山县司法局", Kind.DEPARTMENT)
    perms = next(r.permissions for r in ROLES if r.code == "enforcement_supervisor")
    role = Role.objects.create(
        code="bench-enforcement-supervisor",
        label="执法监督（基准测试）",
        permissions=sorted(perms),
        source="system",
    )
    user = get_user_model().objects.create_user("bench.supervisor", password=None)
    supervisor = Person.objects.create(name="李秀英", user=user, organization=justice)
    RoleAssignment.objects.create(person=supervisor, role=role, organization=county)
    return World(county, agencies, supervisor)


def _filed_day(rng: random.Random, today: dt.date, years: int) -> dt.date:
    # more cases in recent years: the square root bends the uniform draw towards today
    back = int((years * 365) * (1 - rng.random() ** 0.7))
    return today - dt.timedelta(days=back)


def _status(rng: random.Random, kind: str, statuses: list[str], age_days: int) -> str:
    if age_days > 365:
        r = rng.random()
        if r < 0.88:
            return "archived"
        if r < 0.95:
            return "closed"
    running = [s for s in statuses if s not in FINAL]
    if age_days > 120 and rng.random() < 0.6:
        return rng.choice(FINAL)
    return rng.choice(running)


def generate(n: int, world: World, *, seed: int = 20261121, today: dt.date | None = None) -> dict[str, int]:
    """Write `n` cases and their deadlines with COPY; returns row counts."""
    from django.db import connection

    from yiwang.modules.enforcement.models import Case, CaseDeadline
    from yiwang.modules.enforcement.workflow import STATUSES

    rng = random.Random(seed)
    today = today or dt.date.today()
    tz = dt.timezone(dt.timedelta(hours=8))
    from yiwang.kernel.people.models import EnforcementDomain

    domains = dict(EnforcementDomain.objects.values_list("code", "id"))
    statuses = {str(k): [str(s) for s in enum.values] for k, enum in STATUSES.items()}
    kinds, kind_w = zip(*KINDS, strict=True)
    serials: dict[tuple[int, str, int], int] = defaultdict(int)
    case_cols = [f.column for f in Case._meta.concrete_fields]
    dl_cols = [f.column for f in CaseDeadline._meta.concrete_fields if f.column != "id"]
    with connection.cursor() as cur:
        cur.execute("SELECT COALESCE(MAX(id), 0) FROM enforcement_case")
        first_id = cur.fetchone()[0] + 1
    deadlines: list[dict[str, Any]] = []

    def cases() -> Iterator[tuple[Any, ...]]:
        for i in range(n):
            a = rng.choices(range(len(world.agencies)), AGENCY_WEIGHTS)[0]
            agency, units, prefix, domain = world.agencies[a]
            unit = units[0] if rng.random() < 0.8 else rng.choice(units)
            kind = rng.choices(kinds, kind_w)[0]
            filed = _filed_day(rng, today, 5)
            age = (today - filed).days
            status = _status(rng, kind, statuses[kind], age)
            serials[(agency.pk, kind, filed.year)] += 1
            serial = serials[(agency.pk, kind, filed.year)]
            party = (
                f"鲁山县{rng.choice(PLACES)}{rng.choice(TRADES)}有限公司"
                if rng.random() < 0.7
                else (
                    rng.choice(SURNAMES) + rng.choice("志秀国建海丽春明桂") + rng.choice("强英华军东娟平涛兰")
                )
            )
            filed_at = dt.datetime(
                filed.year, filed.month, filed.day, 9 + rng.randrange(8), rng.randrange(60), tzinfo=tz
            )
            final = status in FINAL
            decided = (
                filed + dt.timedelta(days=rng.randrange(20, 80)) if final or status in OPEN_KINDS else None
            )
            closed = (decided or filed) + dt.timedelta(days=rng.randrange(15, 60)) if final else None
            if closed is not None and closed > today:
                closed = today
            fine = (
                rng.choice([2000, 5000, 10000, 20000, 50000, 100000, 200000, 500000])
                if kind == "penalty"
                else None
            )
            case_id = first_id + i
            values = {
                "id": case_id,
                "agency_id": agency.pk,
                "unit_id": unit.pk,
                "kind": kind,
                "status": status,
                "number": f"{prefix}{KIND_CHAR[kind]}〔{filed.year}〕{serial}号",
                "year": filed.year,
                "serial": serial,
                "title": rng.choice(TITLES[domain]),
                "source": rng.choice(["inspection", "complaint", "referral", "assigned"]),
                "violation_type_id": None,
                "domain_id": domains[domain],
                "place": f"鲁山县{rng.choice(PLACES)}",
                "occurred_at": filed_at - dt.timedelta(days=3),
                "found_on": filed,
                "summary": "",
                "legal_basis": "",
                "party_name": party,
                "investigation_report": "",
                "closing_report": "处罚决定已执行完毕，予以结案。" if final else "",
                "reasons": "",
                "major_public_interest": False,
                "major_social_risk": False,
                "major_rights": False,
                "complex_case": False,
                "hearing_held": False,
                "ordinary_procedure": True,
                "proposed_fine": fine,
                "decided_fine": fine if decided else None,
                "filed_at": filed_at,
                "filed_on": filed,
                "decided_on": decided,
                "delivered_on": decided + dt.timedelta(days=2)
                if decided and (final or status == "delivered")
                else None,
                "closed_on": closed,
                "archived_on": closed if status == "archived" else None,
                "archive_number": f"{filed.year}-{serial:05d}" if status == "archived" else "",
                "status_changed_at": filed_at,
                "created_by_id": None,
                "version": 0,
            }
            start = decided or filed
            for dk in OPEN_KINDS.get(status, []):
                due = start + dt.timedelta(days=rng.choice([7, 15, 30, 90]))
                deadlines.append(_deadline(case_id, agency.pk, unit.pk, dk, start, due, None))
            if final and kind == "penalty":
                for dk in ("delivery", "payment"):
                    due = start + dt.timedelta(days=7 if dk == "delivery" else 15)
                    deadlines.append(_deadline(case_id, agency.pk, unit.pk, dk, start, due, min(due, today)))
            yield tuple(values[c] for c in case_cols)

    with connection.cursor() as cur:
        with cur.copy(f"COPY enforcement_case ({', '.join(case_cols)}) FROM STDIN") as copy:
            for row in cases():
                copy.write_row(row)
        with cur.copy(f"COPY enforcement_casedeadline ({', '.join(dl_cols)}) FROM STDIN") as copy:
            for d in deadlines:
                copy.write_row(tuple(d.get(c) for c in dl_cols))
        cur.execute(
            "SELECT setval(pg_get_serial_sequence('enforcement_case', 'id'), (SELECT MAX(id) FROM enforcement_case))"
        )
        # what autovacuum does soon after a bulk load: statistics, and the visibility map that
        # lets the overdue count read its covering index alone
        cur.execute("VACUUM (ANALYZE) enforcement_case")
        cur.execute("VACUUM (ANALYZE) enforcement_casedeadline")
        cur.execute("SELECT COUNT(*) FROM enforcement_case")
        total = cur.fetchone()[0]
        cur.execute(
            "SELECT COUNT(*) FROM enforcement_casedeadline WHERE satisfied_on IS NULL AND cancelled_at IS NULL AND due < %s",
            [today],
        )
        overdue = cur.fetchone()[0]
    return {"cases": total, "deadlines": len(deadlines), "overdue": overdue}


def counts(today: dt.date | None = None) -> dict[str, int]:
    """Row counts of an existing benchmark database."""
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SELECT COUNT(*) FROM enforcement_case")
        cases = cur.fetchone()[0]
        cur.execute("SELECT COUNT(*) FROM enforcement_casedeadline")
        deadlines = cur.fetchone()[0]
        cur.execute(
            "SELECT COUNT(*) FROM enforcement_casedeadline"
            " WHERE satisfied_on IS NULL AND cancelled_at IS NULL AND due < %s",
            [today or dt.date.today()],
        )
        overdue = cur.fetchone()[0]
    return {"cases": cases, "deadlines": deadlines, "overdue": overdue}


def _deadline(
    case_id: int,
    agency_id: int,
    unit_id: int,
    kind: str,
    start: dt.date,
    due: dt.date,
    done: dt.date | None,
) -> dict[str, Any]:
    rule = {
        "review": "ENF-37",
        "delivery": "ENF-14",
        "payment": "ENF-15",
        "court_application": "ENF-15",
        "seizure": "ENF-15",
    }
    return {
        "case_id": case_id,
        "agency_id": agency_id,
        "unit_id": unit_id,
        "kind": kind,
        "rule": rule.get(kind, "ENF-15"),
        "start": start,
        "due": due,
        "basis": "working_days" if kind in ("review", "delivery") else "calendar_days",
        "days": (due - start).days,
        "months": 0,
        "source": "基准测试数据",
        "alert_on": None,
        "label": "",
        "officer_id": None,
        "review_id": None,
        "satisfied_on": done,
        "cancelled_at": None,
        "created_at": dt.datetime.combine(start, dt.time(9), tzinfo=dt.UTC),
    }
