"""Demo data of seed 001's 鲁山县环境保护局, loaded by `manage.py demo_seed` (manifest ``demo_seed``).

Everything goes through the services, so every row is in the ledger. The bureau's 环境监察大队
handles penalty cases at every status of ENF-10 — among them ONE BLOCKED FOR LACK OF REVIEW: a
fine of 80,000 yuan on a company whose legal review was returned for correction; the head's attempt
to decide is refused (ENF-35) and nothing is written. A few inspection, coercion and permit cases,
a terminated, a transferred and a not-filed case complete the picture. The justice bureau's
supervisor (鲁山县司法局) sees overdue reviews, deliveries and payments on the supervision page.

Company and person names, credit codes and ID numbers are invented (valid check characters).
Idempotent: a case whose title exists at the bureau is not created again.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from stdnum.cn import ric

from yiwang.kernel.errors import DomainError
from yiwang.kernel.modules.models import ModuleActivation
from yiwang.kernel.modules.services import module_activation_set
from yiwang.kernel.organizations.models import Organization
from yiwang.kernel.organizations.seeds import fabricate_credit_code
from yiwang.kernel.organizations.services import organization_create
from yiwang.kernel.people.models import EnforcementCertificate, Person, Position, Role, RoleAssignment
from yiwang.kernel.people.services import (
    certificate_issue,
    person_create,
    position_assign,
    role_grant,
    role_sync_from_manifests,
)

from . import services
from .demo_other import other_kinds
from .demo_story import Cast, Scenario, Story, anchor_day
from .models import Case, ReviewCatalogueEntry
from .seeds_history import seed_history_demo
from .services import PartyInput

DEMO_PASSWORD = "Yiwang-demo-2026"  # noqa: S105 — the kernel's documented demo password
SUPERVISOR_USERNAME = "lushan.sfj"
D = Decimal


def _company(key: str, name: str, boss: str, address: str, category: str = "91") -> PartyInput:
    return PartyInput(
        party_type="organization",
        name=name,
        identifier=fabricate_credit_code("410423", key, category),
        legal_representative=boss,
        address=address,
        phone="1383750" + str(sum(map(ord, key)) % 10000).zfill(4),
    )


def _person(name: str, birth: str, seq: str, address: str) -> PartyInput:
    body = f"410423{birth}{seq}"
    return PartyInput(
        party_type="person", name=name, identifier=body + ric.calc_check_digit(body + "0"), address=address
    )


QINTAI = _company("qintai-jiancai", "鲁山县琴台建材有限公司", "陈志强", "鲁山县琴台街道建设路18号")
SCENARIOS: tuple[Scenario, ...] = (
    # ENF-35: the blocked case — 80,000 yuan on a company, review returned, the head may not decide
    Scenario(
        "鲁山县琴台建材有限公司未配套建设除尘设施致粉尘无组织排放案",
        "dust_uncontrolled",
        QINTAI,
        "reviewed",
        D("80000"),
        start=30,
        review="returned",
        facts="当事人石料破碎生产线未配套建设除尘设施，破碎、筛分工序粉尘无组织排放，厂区及周边道路可见明显积尘。",
    ),
    Scenario(
        "鲁山县顺达汽车维修有限公司未按规定设置危险废物识别标志案",
        "hazwaste_label",
        _company("shunda-qixiu", "鲁山县顺达汽车维修有限公司", "刘建军", "鲁山县露峰街道向阳路66号"),
        "filing_pending",
        start=1,
        facts="废机油、废铅蓄电池贮存场所未设置危险废物识别标志。",
    ),
    Scenario(
        "平顶山市鑫源铸造有限公司未批先建案",
        "eia_unapproved",
        _company("xinyuan-zhuzao", "平顶山市鑫源铸造有限公司", "孙国庆", "鲁山县产业集聚区纬二路9号"),
        "investigating",
        start=8,
        facts="年产2万吨铸件生产线环境影响报告表未经批准即开工建设，主体工程已基本建成。",
    ),
    Scenario(
        "鲁山县宏达石材加工厂未采取措施控制粉尘排放案",
        "dust_uncontrolled",
        _company("hongda-shicai", "鲁山县宏达石材加工厂", "王德发", "鲁山县张良镇张良村", "92"),
        "investigation_finished",
        D("30000"),
        start=14,
        facts="石材切割工序未采取洒水、围挡等措施，粉尘无组织排放。",
    ),
    Scenario(
        "鲁山县瓦屋镇兴业砖瓦厂超标排放大气污染物案",
        "air_exceed",
        _company("xingye-zhuanwa", "鲁山县瓦屋镇兴业砖瓦厂", "赵长河", "鲁山县瓦屋镇瓦屋村"),
        "case_review",
        D("150000"),
        start=16,
        facts="在线监测数据显示，隧道窑烟气二氧化硫排放浓度超过《砖瓦工业大气污染物排放标准》限值1.6倍。",
    ),
    Scenario(
        "鲁山县华康医疗器械有限公司擅自转移危险废物案",
        "hazwaste_transfer",
        _company("huakang-yiliao", "鲁山县华康医疗器械有限公司", "周丽", "鲁山县产业集聚区经三路12号"),
        "notified",
        D("150000"),
        start=12,
        facts="未填写、运行危险废物转移联单，将废有机溶剂2.3吨交由无经营许可证的个人运走。",
    ),
    Scenario(
        "鲁山县金鑫冶炼有限公司不正常运行大气污染防治设施案",
        "air_evade",
        _company("jinxin-yelian", "鲁山县金鑫冶炼有限公司", "马金山", "鲁山县辛集乡辛集村"),
        "rights_heard",
        D("300000"),
        start=22,
        statement="hearing",
        gaps={"rights_heard": 3},
        facts="夜间停运布袋除尘器，冶炼烟气未经处理直接排放。",
    ),
    Scenario(
        "鲁山县张官营镇安居工程项目部夜间施工噪声扰民案",
        "night_construction",
        _company("anju-xiangmu", "河南安居建设工程有限公司鲁山分公司", "钱进", "鲁山县张官营镇政府东侧"),
        "rights_heard",
        D("30000"),
        start=20,
        statement="defence",
        facts="未取得夜间施工证明，22时至次日2时在居民区附近进行混凝土浇筑作业。",
    ),
    Scenario(
        "鲁山县豫鲁化工有限公司超标排放水污染物案",
        "water_exceed",
        _company("yulu-huagong", "鲁山县豫鲁化工有限公司", "何振东", "鲁山县产业集聚区纬一路3号"),
        "reviewed",
        D("250000"),
        start=17,
        review="pending",
        gaps={"legal_review": 3},
        facts="废水总排口化学需氧量浓度为286mg/L，超过排放标准限值1.9倍。",
    ),
    # ENF-37: a review past its time limit
    Scenario(
        "鲁山县明远纸业有限公司不正常运行水污染防治设施案",
        "water_evade",
        _company("mingyuan-zhiye", "鲁山县明远纸业有限公司", "冯明远", "鲁山县董周乡董周村"),
        "reviewed",
        D("200000"),
        start=40,
        review="pending",
        facts="污水处理站曝气设备停运，废水未经处理经暗管排入沙河支流。",
    ),
    Scenario(
        "鲁山县天和再生资源回收站擅自转移危险废物案",
        "hazwaste_transfer",
        _company("tianhe-huishou", "鲁山县天和再生资源回收站", "杜天和", "鲁山县梁洼镇梁洼村", "92"),
        "reviewed",
        D("180000"),
        start=28,
        facts="将收集的废铅蓄电池1.5吨未经批准转移至省外无资质单位。",
    ),
    Scenario(
        "鲁山县新城热电有限公司超标排放大气污染物案",
        "air_exceed",
        _company("xincheng-redian", "鲁山县新城热电有限公司", "高建华", "鲁山县城区北环路1号"),
        "decision_pending",
        D("500000"),
        start=36,
        complex_case=True,
        facts="1号锅炉氮氧化物排放浓度连续5日超过排放标准限值，涉及脱硝设施改造和供热保障等多个法律关系。",
    ),
    Scenario(
        "鲁山县恒通物流有限公司未取得排污许可证排放污染物案",
        "no_discharge_permit",
        _company("hengtong-wuliu", "鲁山县恒通物流有限公司", "罗恒通", "鲁山县产业集聚区物流园"),
        "decision_pending",
        D("200000"),
        start=30,
        facts="洗车废水处理设施排放废水，未取得排污许可证。",
    ),
    Scenario(
        "鲁山县清源食品有限公司环保设施未经验收即投入生产案",
        "facility_unaccepted",
        _company("qingyuan-shipin", "鲁山县清源食品有限公司", "宋清源", "鲁山县马楼乡马楼村"),
        "decided",
        D("200000"),
        start=22,
        facts="配套建设的污水处理设施未经验收，主体工程即投入生产。",
    ),
    # ENF-14: a decision not delivered within 7 working days (overdue on the supervision page)
    Scenario(
        "鲁山县鑫磊洗砂场不正常运行水污染防治设施案",
        "water_evade",
        _company("xinlei-xisha", "鲁山县鑫磊洗砂场", "韩磊", "鲁山县仓头乡沙河滩", "92"),
        "decided",
        D("100000"),
        start=52,
        facts="沉淀池旁路阀门开启，洗砂废水未经沉淀直接排入沙河。",
    ),
    Scenario(
        "鲁山县绿源养殖专业合作社超标排放水污染物案",
        "water_exceed",
        _company("lvyuan-yangzhi", "鲁山县绿源养殖专业合作社", "邓绿源", "鲁山县熊背乡熊背村", "93"),
        "delivered",
        D("100000"),
        start=40,
        facts="养殖废水氨氮浓度超过排放标准限值2.1倍。",
    ),
    # ENF-15: payment period passed without payment
    Scenario(
        "鲁山县永盛机械加工厂未按规定设置危险废物识别标志案",
        "hazwaste_label",
        _company("yongsheng-jixie", "鲁山县永盛机械加工厂", "彭永盛", "鲁山县磙子营乡磙子营村", "92"),
        "delivered",
        D("100000"),
        start=80,
        facts="废切削液贮存桶未设置危险废物识别标志。",
    ),
    Scenario(
        "鲁山县宏远建材有限公司未采取措施控制粉尘排放案",
        "dust_uncontrolled",
        _company("hongyuan-jiancai", "鲁山县宏远建材有限公司", "潘宏远", "鲁山县背孜乡背孜村"),
        "executed",
        D("60000"),
        start=75,
        facts="水泥粉磨车间未密闭，物料露天堆放未遮盖。",
    ),
    Scenario(
        "鲁山县鸿福陶瓷有限公司超标排放大气污染物案",
        "air_exceed",
        _company("hongfu-taoci", "鲁山县鸿福陶瓷有限公司", "曹鸿福", "鲁山县段店乡段店村"),
        "closed",
        D("150000"),
        start=110,
        facts="辊道窑烟气颗粒物排放浓度超过排放标准限值。",
    ),
    Scenario(
        "鲁山县顺成机械制造有限公司擅自转移危险废物案",
        "hazwaste_transfer",
        _company("shuncheng-jixie", "鲁山县顺成机械制造有限公司", "袁顺成", "鲁山县产业集聚区纬三路8号"),
        "archived",
        D("120000"),
        start=150,
        facts="未运行危险废物转移联单，将废矿物油0.8吨交由无资质单位处置。",
    ),
    Scenario(
        "鲁山县露峰街道王记饭店餐饮油烟超标排放案",
        "fume_uncontrolled",
        _person("王桂芝", "19850512", "442", "鲁山县露峰街道人民路115号"),
        "executed",
        D("8000"),
        start=60,
        facts="未安装油烟净化设施，油烟直排，周边居民多次投诉。",
        source="complaint",
    ),
)


@dataclass
class SeedReport:
    cases: dict[str, Case] = field(default_factory=dict)
    refusals: list[str] = field(default_factory=list)


def _grant(actor: Person, person: Person, role_code: str, scope: Organization) -> None:
    role = Role.objects.get(code=role_code)
    if not RoleAssignment.objects.current().filter(person=person, role=role, organization=scope).exists():
        role_grant(actor=actor, person=person, role=role, organization=scope)


def _account(actor: Person, username: str, name: str, unit: Organization, title: str) -> Person:
    person = Person.objects.filter(user__username=username).first()
    if person is None:
        person = person_create(
            actor=actor, name=name, organization=unit, username=username, password=DEMO_PASSWORD
        )
    if not Position.objects.filter(person=person, organization=unit, title=title).exists():
        position_assign(actor=actor, person=person, organization=unit, title=title)
    return person


def _setup(actor: Person, orgs: dict[str, Organization], today: datetime.date) -> Cast | None:
    people = {
        p.user.username: p
        for p in Person.objects.filter(user__username__startswith="lushan.").select_related("user")
    }
    if not {"lushan.head", "lushan.fazhi", "lushan.jc1", "lushan.jc2"} <= set(people):
        return None
    role_sync_from_manifests(actor=actor)
    bureau, team, county = orgs["lushan-epb"], orgs["lushan-epb-04"], orgs["lushan-gov"]
    justice = Organization.objects.filter(code="lushan-justice").first() or organization_create(
        actor=actor, parent=county, name="鲁山县司法局", short_name="县司法局", kind="department",
        credit_code=fabricate_credit_code("410423", "lushan-justice"), code="lushan-justice",
    )  # fmt: skip
    supervisor = _account(actor, SUPERVISOR_USERNAME, "刘志华", justice, "行政执法协调监督股股长")
    newcomer = _account(actor, "lushan.jc4", "王磊", team, "执法队员")
    if not EnforcementCertificate.objects.filter(number="ZF-410423-0105").exists():
        certificate_issue(
            actor=actor, holder=newcomer, number="ZF-410423-0105", issuing_authority="河南省人民政府",
            domain="ecology", valid_from=today - datetime.timedelta(days=500), valid_to=today + datetime.timedelta(days=1300),
        )  # fmt: skip
    for username in ("lushan.jc1", "lushan.jc2", "lushan.jc3", "lushan.jc4"):
        if username in people or username == "lushan.jc4":
            _grant(actor, people.get(username) or newcomer, "enforcement_officer", team)
    _grant(actor, people["lushan.fazhi"], "enforcement_reviewer", bureau)
    _grant(actor, people["lushan.head"], "enforcement_head", bureau)
    _grant(actor, people["lushan.head"], "enforcement_archivist", bureau)
    _grant(actor, supervisor, "enforcement_supervisor", county)
    if not ModuleActivation.objects.filter(organization=bureau, module="enforcement").exists():
        module_activation_set(
            actor=actor, organization=bureau, module="enforcement", enabled=True,
            settings={"agency_address": "鲁山县行政服务中心三楼", "agency_phone": "0375-5051234"},
        )  # fmt: skip
    if not ReviewCatalogueEntry.objects.filter(agency=bureau).exists():
        services.catalogue_update(
            actor=people["lushan.fazhi"], agency=bureau,
            required_materials=["filing_approval", "inspection_record", "photos_evidence"],
        )  # fmt: skip
    officer = people["lushan.jc1"]
    certs = [
        EnforcementCertificate.objects.get(number="ZF-410423-0101"),
        EnforcementCertificate.objects.get(number="ZF-410423-0105"),
    ]
    return Cast(
        officer=officer, partner=newcomer, reviewer=people["lushan.fazhi"], head=people["lushan.head"],
        unit=team, certificates=certs,
    )  # fmt: skip


def seed_demo(*, actor: Person) -> SeedReport:
    """Load the bureau's demo cases (idempotent); returns the cases and the refusals shown."""
    report = SeedReport()
    codes = ("lushan-gov", "lushan-epb", "lushan-epb-04", "lushan-epb-05")
    orgs = {o.code: o for o in Organization.objects.filter(code__in=codes)}
    if len(orgs) < len(codes):
        return report
    anchor = anchor_day()
    cast = _setup(actor, orgs, anchor)
    if cast is None:
        return report
    existing = set(Case.objects.filter(agency=orgs["lushan-epb"]).values_list("title", flat=True))
    for scenario in SCENARIOS:
        if scenario.title in existing:
            continue
        report.cases[scenario.title] = Story(cast, scenario, anchor).run()
    blocked = Case.objects.filter(agency=orgs["lushan-epb"], title=SCENARIOS[0].title).first()
    if blocked is not None:
        try:
            services.case_decide(actor=cast.head, case=blocked)
        except DomainError as refused:  # ENF-35: the head's attempt is refused and writes nothing
            report.refusals.append(f"{blocked.number}：{refused.message}（{refused.code}）")
    other_kinds(cast, anchor, existing, report.cases)
    seed_history_demo(actor=actor)  # ENF-110, ENF-112: own discretion standards, a year of closed files
    return report


__all__ = ["SCENARIOS", "SeedReport", "seed_demo"]
