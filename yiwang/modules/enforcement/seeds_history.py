"""Demo data for discretion assistance (ENF-112) and case-file evaluation (ENF-110) at seed 001's
鲁山县环境保护局: the bureau's own discretion standards for its common violations, and a year of
closed penalty files of its 环境监察大队 to compare a draft with and to evaluate.

The standards copy the general demonstration bands (migrations 0002 and 0004) as the bureau's own
(``鲁山县环境保护局环境行政处罚裁量基准（演示数据）``) for 超标排放 (大气污染防治法 art. 99),
未批先建 (环境影响评价法 art. 31, 1 %–5 % of the total investment), 危险废物 (固体废物污染环境防治法
art. 112) and 不正常运行污染防治设施 (大气污染防治法 art. 99(3), 水污染防治法 art. 83(3)). They
are demonstration data, not the bureau's published standards.

The files are dated within the last year so that the demo officers' certificates were valid when
they investigated; a few carry the defects evaluation must find (a missing advance notice, a
decision above the notice, a late delivery, a file not yet archived). Idempotent: a file whose
title exists at the bureau is not recorded again. Call `seed_history_demo(actor=...)` after the
kernel's seeds (it needs the organizations and the officers' certificates).
"""

from __future__ import annotations

import datetime
from dataclasses import replace
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from yiwang.kernel.organizations.models import Organization
from yiwang.kernel.people.models import EnforcementCertificate

from .history import PastFile, record_past_file
from .models import Case, DiscretionStandard

AGENCY_CODE = "lushan-epb"
UNIT_CODE = "lushan-epb-04"  # 环境监察大队
BASIS = "鲁山县环境保护局环境行政处罚裁量基准（演示数据）"
OWN_STANDARDS = (
    "air_exceed",
    "air_evade",
    "water_evade",
    "eia_unapproved",
    "hazwaste_label",
    "hazwaste_transfer",
)
Y = Decimal


def _file(
    title: str, violation: str, party: str, facts: str, fine: str, circumstance: str, **kw: Any
) -> PastFile:
    return PastFile(
        title=title,
        violation=violation,
        party_name=party,
        identifier="91410423MA40K8XW5B",
        facts=facts,
        fine=Y(fine),
        circumstance=circumstance,
        place=f"鲁山县{party[3:5]}",
        reviewed=Y(fine) >= 50000,
        **kw,
    )


FILES: tuple[PastFile, ...] = (
    _file(
        "鲁山县琴台陶瓷有限公司超标排放大气污染物案",
        "air_exceed",
        "鲁山县琴台陶瓷有限公司",
        "经查，你单位辊道窑废气排放口二氧化硫排放浓度超过《工业炉窑大气污染物排放标准》规定限值0.6倍，属超标排放大气污染物。",
        "150000",
        "minor",
    ),
    _file(
        "鲁山县露峰建材有限公司超标排放大气污染物案",
        "air_exceed",
        "鲁山县露峰建材有限公司",
        "经查，你单位燃煤锅炉颗粒物排放浓度超过《锅炉大气污染物排放标准》规定的排放限值，属超标排放大气污染物。",
        "250000",
        "ordinary",
    ),
    _file(
        "鲁山县汇源石灰厂超标排放大气污染物案",
        "air_exceed",
        "鲁山县汇源石灰厂",
        "经查，你单位石灰窑氮氧化物排放浓度超过排放标准限值1.2倍，且在线监测数据显示超标持续三日。",
        "300000",
        "ordinary",
        notice_fine=Y("250000"),  # decided above the notice: evaluation flags it
    ),
    _file(
        "鲁山县鲁阳铸造有限公司超标排放大气污染物案",
        "air_exceed",
        "鲁山县鲁阳铸造有限公司",
        "经查，你单位冲天炉烟尘排放浓度超过排放标准限值，被责令改正后仍未改正，周边群众多次投诉。",
        "450000",
        "serious",
    ),
    _file(
        "鲁山县张良化工有限公司不正常运行大气污染防治设施案",
        "air_evade",
        "鲁山县张良化工有限公司",
        "经查，你单位在生产期间关闭活性炭吸附装置风机，挥发性有机物未经处理直接排放，属不正常运行大气污染防治设施逃避监管排放。",
        "200000",
        "ordinary",
        delivered_after_days=15,  # late delivery: evaluation flags it
    ),
    _file(
        "鲁山县尧山食品有限公司不正常运行水污染防治设施案",
        "water_evade",
        "鲁山县尧山食品有限公司",
        "经查，你单位污水处理站曝气设备停运，生产废水未经处理经雨水管网排入沙河支流，属不正常运行水污染防治设施逃避监管排放。",
        "180000",
        "minor",
        omit=("notice",),  # no advance notice on file: evaluation flags it
    ),
    _file(
        "鲁山县顺通汽车维修有限公司未按规定设置危险废物识别标志案",
        "hazwaste_label",
        "鲁山县顺通汽车维修有限公司",
        "经查，你单位废机油、废铅蓄电池贮存场所未按照规定设置危险废物识别标志。",
        "100000",
        "minor",
    ),
    _file(
        "鲁山县下汤金属制品有限公司擅自转移危险废物案",
        "hazwaste_transfer",
        "鲁山县下汤金属制品有限公司",
        "经查，你单位未填写危险废物转移联单，将电镀污泥3.2吨交由无经营许可证的个人运输处置。",
        "600000",
        "grave",
        status="closed",  # not archived yet
    ),
    _file(
        "鲁山县辛集新型建材有限公司未批先建案",
        "eia_unapproved",
        "鲁山县辛集新型建材有限公司",
        "经查，你单位年产10万立方米加气混凝土砌块项目环境影响报告表未经审批，主体厂房已建成，建设项目总投资额1200万元。",
        "240000",
        "ordinary",
    ),
)


@transaction.atomic
def seed_standards(agency: Organization) -> int:
    """The bureau's own copy of the demonstration bands for its common violations."""
    made = 0
    general = DiscretionStandard.objects.filter(
        agency__isnull=True, violation_type__code__in=OWN_STANDARDS, active=True
    ).prefetch_related("provisions")
    for g in general:
        own, created = DiscretionStandard.objects.update_or_create(
            violation_type_id=g.violation_type_id,
            circumstance=g.circumstance,
            agency=agency,
            defaults={
                "description": g.description,
                "method": g.method,
                "fine_min": g.fine_min,
                "fine_max": g.fine_max,
                "percent_min": g.percent_min,
                "percent_max": g.percent_max,
                "base_label": g.base_label,
                "factors": g.factors,
                "basis": BASIS,
            },
        )
        own.provisions.set(g.provisions.all())
        made += int(created)
    return made


def seed_history_demo(*, actor: Any) -> dict[str, int]:
    """Standards and closed files for the demo bureau; returns what was created."""
    agency = Organization.objects.filter(code=AGENCY_CODE).first()
    unit = Organization.objects.filter(code=UNIT_CODE).first()
    if agency is None or unit is None:
        return {"standards": 0, "files": 0}
    today = timezone.localdate()
    standards = seed_standards(agency)
    files = 0
    for i, f in enumerate(FILES):
        if Case.objects.filter(agency=agency, title=f.title).exists():
            continue
        filed_on = today - datetime.timedelta(days=340 - 28 * i)
        certs = list(
            EnforcementCertificate.objects.filter(
                organization=unit, valid_from__lte=filed_on, valid_to__gte=filed_on
            ).select_related("holder", "domain")[:2]
        )
        if len(certs) < 2:
            continue
        record_past_file(
            replace(f, filed_on=filed_on), actor=actor, agency=agency, unit=unit, certificates=certs
        )
        files += 1
    return {"standards": standards, "files": files}
