"""Demo cases beyond the main penalty path: court enforcement (ENF-15), termination, transfer to
judicial organs, a case not filed, and the other kinds (inspection, coercion, permit; ENF-01)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from yiwang.kernel.organizations.seeds import fabricate_credit_code

from . import services
from .demo_story import TZ, Cast, Scenario, Story
from .models import Case, CaseOfficer
from .rules import CHECKLIST, Finding
from .services import PartyInput


def _company(key: str, name: str, boss: str, address: str) -> PartyInput:
    return PartyInput(
        party_type="organization",
        name=name,
        identifier=fabricate_credit_code("410423", key, "91"),
        legal_representative=boss,
        address=address,
    )


def _day(anchor: datetime.date, days_before: int) -> datetime.date:
    return anchor - datetime.timedelta(days=days_before)


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=TZ)


def _file(cast: Cast, kind: str, title: str, party: PartyInput, day: datetime.date) -> Case:
    return services.case_file(
        actor=cast.officer, unit=cast.unit, kind=kind, title=title, party=party, domain="ecology", on=day
    )


def _officers(cast: Cast, case: Case, day: datetime.date) -> list[CaseOfficer]:
    return services.case_assign_officers(
        actor=cast.officer, case=case, certificates=cast.certificates, lead=cast.certificates[0], on=day
    )


def _inspect(cast: Cast, case: Case, officers: list[CaseOfficer], day: datetime.date, findings: str) -> None:
    services.inspection_record(
        actor=cast.officer, case=case, started_at=_at(day, 9), ended_at=_at(day, 11), place=case.parties.get().address,
        inspectors=officers, recorder=cast.partner.name, present_person=case.parties.get().legal_representative,
        findings=findings, evidence_taken=["现场拍照", "执法记录仪录像"],
    )  # fmt: skip


def other_kinds(cast: Cast, anchor: datetime.date, existing: set[str], created: dict[str, Case]) -> None:
    """Create each demo case below unless a case of that title exists."""
    for title, make in _MAKERS:
        if title not in existing:
            created[title] = make(cast, anchor, title)


def _court(cast: Cast, anchor: datetime.date, title: str) -> Case:
    scenario = Scenario(
        title, "dust_uncontrolled",
        _company("xingwang-shiliao", "鲁山县兴旺石料厂", "石兴旺", "鲁山县四棵树乡四棵树村"), "delivered",
        Decimal("50000"), start=215, paid=False, facts="破碎机、传送带未密闭，物料堆场未覆盖，扬尘污染严重。",
    )  # fmt: skip
    case = Story(cast, scenario, anchor).run()
    services.court_application_record(
        actor=cast.officer, case=case, applied_on=_day(anchor, 3), court="鲁山县人民法院",
        reminder_on=_day(anchor, 24), reference="（2026）豫0423行审字第31号",
    )  # fmt: skip
    return case


def _terminated(cast: Cast, anchor: datetime.date, title: str) -> Case:
    party = _company("jiahe-shaokao", "鲁山县嘉禾餐饮管理有限公司", "任嘉禾", "鲁山县露峰街道文化路20号")
    case = _file(cast, "penalty", title, party, _day(anchor, 45))
    services.case_approve_filing(
        actor=cast.head, case=case, approve=True, opinion="同意立案。", on=_day(anchor, 44)
    )
    services.case_terminate(
        actor=cast.head, case=case, action="withdraw_filing", on=_day(anchor, 30),
        reasons="经监测，油烟排放浓度符合《餐饮业油烟排放标准》，违法事实不能成立，撤销立案。",
    )  # fmt: skip
    services.document_generate(actor=cast.officer, case=case, kind="filing_approval", fmt="pdf")
    services.case_close(
        actor=cast.officer, case=case, report="撤销立案，结案。", approved_by=cast.head, on=_day(anchor, 29)
    )
    return case


def _transferred(cast: Cast, anchor: datetime.date, title: str) -> Case:
    party = _company("fuyuan-huagong", "鲁山县富源化工有限公司", "牛富源", "鲁山县下汤镇下汤村")
    case = _file(cast, "penalty", title, party, _day(anchor, 50))
    services.case_approve_filing(
        actor=cast.head, case=case, approve=True, opinion="同意立案。", on=_day(anchor, 49)
    )
    officers = _officers(cast, case, _day(anchor, 49))
    services.case_transition(actor=cast.officer, case=case, action="start_investigation", on=_day(anchor, 49))
    _inspect(
        cast, case, officers, _day(anchor, 48), "厂区东侧渗坑内倾倒含重金属废液约12吨，经监测总铬浓度超标。"
    )
    services.case_transfer_judicial(
        actor=cast.head, case=case, organ="鲁山县公安局", on=_day(anchor, 45),
        reasons="非法倾倒含重金属危险废物三吨以上，涉嫌污染环境罪（刑法第三百三十八条），依法移送。",
    )  # fmt: skip
    services.transfer_receipt_record(
        actor=cast.head, case=case, receipt_on=_day(anchor, 43), receipt_number="鲁公（刑）受字〔2026〕118号"
    )
    return case


def _not_filed(cast: Cast, anchor: datetime.date, title: str) -> Case:
    party = _company("ankang-yangzhi", "鲁山县安康养殖有限公司", "汪安康", "鲁山县尧山镇尧山村")
    case = _file(cast, "penalty", title, party, _day(anchor, 9))
    services.case_approve_filing(
        actor=cast.head, case=case, approve=False, on=_day(anchor, 8),
        opinion="经核查，异味来源为周边农田施肥，养殖场粪污处理设施运行正常，不予立案。",
    )  # fmt: skip
    return case


def _inspection(cast: Cast, anchor: datetime.date, title: str) -> Case:
    party = _company("qintai-jiancai", "鲁山县琴台建材有限公司", "陈志强", "鲁山县琴台街道建设路18号")
    case = _file(cast, "inspection", title, party, _day(anchor, 20))
    officers = _officers(cast, case, _day(anchor, 20))
    services.case_transition(actor=cast.officer, case=case, action="start_inspection", on=_day(anchor, 19))
    _inspect(cast, case, officers, _day(anchor, 19), "厂区物料堆场部分未覆盖，雨水收集池有积泥。")
    services.case_transition(actor=cast.officer, case=case, action="record_findings", on=_day(anchor, 19))
    services.case_transition(
        actor=cast.officer, case=case, action="order_correction", on=_day(anchor, 18),
        reasons="责令十五日内完成物料堆场全覆盖、清理雨水收集池。",
    )  # fmt: skip
    return case


def _planned(cast: Cast, anchor: datetime.date, title: str) -> Case:
    party = _company("yulu-huagong", "鲁山县豫鲁化工有限公司", "何振东", "鲁山县产业集聚区纬一路3号")
    return _file(cast, "inspection", title, party, _day(anchor, 2))


def _coercion(cast: Cast, anchor: datetime.date, title: str) -> Case:
    party = _company("jinxin-yelian", "鲁山县金鑫冶炼有限公司", "马金山", "鲁山县辛集乡辛集村")
    case = _file(cast, "coercion", title, party, _day(anchor, 12))
    officers = _officers(cast, case, _day(anchor, 12))
    _inspect(cast, case, officers, _day(anchor, 12), "2号冶炼炉除尘设施拆除后仍在生产，烟尘直排。")
    services.evidence_add(
        actor=cast.officer,
        case=case,
        kind="audio_video",
        title="执法记录仪录像一段",
        collected_on=_day(anchor, 12),
    )
    services.decision_draft(
        actor=cast.officer,
        case=case,
        kind="seizure",
        facts="2号冶炼炉在无除尘设施情况下生产，造成严重大气污染，拟依法查封。",
    )
    review = services.review_submit(
        actor=cast.officer,
        case=case,
        materials=["filing_approval", "inspection_record", "photos_evidence"],
        on=_day(anchor, 11),
    )
    services.review_answer(
        actor=cast.reviewer, review=review, outcome="passed", findings=[Finding(p.code, True) for p in CHECKLIST],
        opinion="符合《中华人民共和国大气污染防治法》第三十条规定的查封条件，同意查封。", on=_day(anchor, 10),
    )  # fmt: skip
    services.case_decide(actor=cast.head, case=case, action="impose_measure", on=_day(anchor, 10))
    services.delivery_record(
        actor=cast.officer, case=case, delivered_on=_day(anchor, 10), method="direct", on_spot=True,
        recipient=party.name, place=party.address, officers=officers, receipt_signer=party.legal_representative,
    )  # fmt: skip
    return case


def _permit(cast: Cast, anchor: datetime.date, title: str) -> Case:
    party = _company("qingyuan-shipin", "鲁山县清源食品有限公司", "宋清源", "鲁山县马楼乡马楼村")
    case = _file(cast, "permit", title, party, _day(anchor, 6))
    services.case_transition(
        actor=cast.officer, case=case, action="accept", materials_complete=True, on=_day(anchor, 5)
    )
    return case


_MAKERS = (
    ("鲁山县兴旺石料厂未采取措施控制粉尘排放案", _court),
    ("鲁山县嘉禾餐饮管理有限公司油烟扰民投诉案", _terminated),
    ("鲁山县富源化工有限公司非法倾倒含重金属废液案", _transferred),
    ("鲁山县安康养殖有限公司异味扰民举报案", _not_filed),
    ("2026年双随机抽查：鲁山县琴台建材有限公司", _inspection),
    ("2026年双随机抽查：鲁山县豫鲁化工有限公司", _planned),
    ("查封鲁山县金鑫冶炼有限公司2号冶炼炉", _coercion),
    ("鲁山县清源食品有限公司排污许可证申请", _permit),
)
