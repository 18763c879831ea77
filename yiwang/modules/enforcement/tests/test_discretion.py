"""Discretion assistance (ENF-112, seed 000 §7(3)1): standards by circumstance, cited rules, similar
past cases of the agency and the draft's place among their fines."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any, cast

import pytest

from yiwang.kernel.errors import DomainError, NotFound
from yiwang.kernel.organizations.models import Kind
from yiwang.kernel.organizations.services import organization_create
from yiwang.kernel.organizations.tests.trees import code
from yiwang.kernel.people.models import Person
from yiwang.kernel.testing.factories import PersonFactory, grant
from yiwang.modules.enforcement import discretion
from yiwang.modules.enforcement.history import PastFile, record_past_file
from yiwang.modules.enforcement.models import DiscretionStandard, ViolationType
from yiwang.modules.enforcement.selectors_discretion import discretion_panel_for, parse_base_amount

from .history_world import AIR_FACTS, ROLE, air_files, make_world

D = datetime.date
Y = Decimal


# ---------------------------------------------------------------- pure functions


def test_similar_facts_rank_first_by_character_bigrams__ENF_112() -> None:
    past = [
        discretion.PastCase(i, f"N{i}", "t", facts, Y(300000), "ordinary", D(2025, 1, 1 + i))
        for i, facts in enumerate(AIR_FACTS)
    ]
    draft = discretion.Draft(
        "你单位锅炉废气排放口颗粒物浓度超过锅炉大气污染物排放标准的排放限值。", Y(300000), "ordinary"
    )
    ranked = discretion.similar_cases(draft, past, limit=3)
    assert ranked[0].case.case_id == 0
    assert ranked[0].text > ranked[1].text
    assert len(ranked) == 3


def test_text_similarity_ignores_digits_and_full_width_forms__ENF_112() -> None:
    a = "颗粒物浓度为45mg，超标0.8倍"
    b = "颗粒物浓度为４６ｍｇ，超标1.2倍"
    assert discretion.normalize_text(a) == discretion.normalize_text(b)
    assert discretion.text_similarities(a, [b])[0] == pytest.approx(1.0)


def test_text_similarity_of_empty_facts_is_zero__ENF_112() -> None:
    assert discretion.text_similarities("", ["", "。"]) == [0.0, 0.0]
    assert discretion.text_similarities("任何", []) == []


def test_nearest_amount_and_circumstance_break_text_ties__ENF_112() -> None:
    same = "经查，你单位超标排放大气污染物。"
    past = [
        discretion.PastCase(1, "A", "t", same, Y(900000), "grave", D(2025, 1, 1)),
        discretion.PastCase(2, "B", "t", same, Y(150000), "ordinary", D(2025, 1, 1)),
    ]
    ranked = discretion.similar_cases(discretion.Draft(same, Y(160000), "ordinary"), past)
    assert [s.case.case_id for s in ranked] == [2, 1]
    assert ranked[0].amount > 0.9
    assert ranked[1].circumstance == 0.0


def test_amount_similarity_on_a_log_scale__ENF_112() -> None:
    assert discretion.amount_similarity(Y(100000), Y(100000)) == 1.0
    assert discretion.amount_similarity(Y(100000), Y(1000000)) == 0.0
    near = discretion.amount_similarity(Y(100000), Y(200000))
    assert near == pytest.approx(discretion.amount_similarity(Y(500000), Y(1000000)))
    assert discretion.amount_similarity(None, Y(1)) == 0.0
    assert discretion.circumstance_similarity("minor", "ordinary") == 0.5
    assert discretion.circumstance_similarity("minor", "grave") == 0.0


def test_distribution_places_the_draft_by_percentile__ENF_112() -> None:
    fines = [Y(x) for x in (100000, 150000, 300000, 450000, 800000)]
    d = discretion.distribution(fines, Y(300000))
    assert d is not None
    assert (d.count, d.minimum, d.median, d.maximum) == (5, Y(100000), Y(300000), Y(800000))
    assert d.percentile == 50  # 2 below, 1 equal (half) of 5
    assert d.position == "处于以往同类案件的中间区间"
    high = discretion.distribution(fines, Y(900000))
    assert high is not None and high.percentile == 100 and high.position == "高于以往同类案件的最高罚款"
    assert discretion.distribution([], Y(1)) is None
    one = discretion.distribution([Y(5)], None)
    assert one is not None and one.percentile is None and one.median == Y(5)


def test_strip_chart_lays_out_dots_box_band_and_draft__ENF_112() -> None:
    fines = [Y(x) for x in (100000, 200000, 300000)]
    d = discretion.distribution(fines, Y(250000))
    chart = discretion.strip_chart(fines, d, draft=Y(250000), band=(Y(190000), Y(370000)))
    assert chart is not None
    xs = [m.x for m in chart.dots]
    assert xs == sorted(xs) and xs[0] == discretion.PAD and max(xs) < chart.width
    assert chart.draft is not None and xs[1] < chart.draft.x < xs[2]
    assert chart.band is not None and chart.band[1] > 0
    assert chart.box is not None and chart.box[0] <= chart.median_x <= chart.box[1]  # type: ignore[operator]
    assert len(chart.ticks) == 3


# ---------------------------------------------------------------- standards (reference data)


@pytest.mark.django_db
def test_standards_seeded_for_common_violations__ENF_112() -> None:
    air = DiscretionStandard.objects.filter(violation_type__code="air_exceed", agency=None)
    assert {s.circumstance for s in air} == {"minor", "ordinary", "serious", "grave"}
    assert min(s.fine_min for s in air) == Y(100000) and max(s.fine_max for s in air) == Y(1000000)
    for vt_code in ("hazwaste_label", "hazwaste_transfer", "air_evade", "water_evade"):
        assert DiscretionStandard.objects.filter(violation_type__code=vt_code, agency=None).count() == 4
    grave = air.get(circumstance="grave")
    assert "《中华人民共和国环境保护法》第五十九条第一款" in [p.citation for p in grave.provisions.all()]
    assert grave.factors


@pytest.mark.django_db
def test_unapproved_construction_is_a_percentage_of_total_investment__ENF_112_eia_art31() -> None:
    bands = DiscretionStandard.objects.filter(violation_type__code="eia_unapproved", agency=None)
    assert sorted((s.percent_min, s.percent_max) for s in bands)[0][0] == Y(1)
    assert max(s.percent_max for s in bands) == Y(5)
    minor = bands.get(circumstance="minor")
    assert minor.is_percent and minor.base_label == "建设项目总投资额"
    assert minor.range_label == "建设项目总投资额的1%至1.5%"
    assert minor.bounds(Y(10_000_000)) == (Y(100000), Y(150000))
    assert minor.bounds(None) is None
    assert minor.covers(Y(120000), Y(10_000_000)) and not minor.covers(Y(200000), Y(10_000_000))


# ---------------------------------------------------------------- the panel selector


@pytest.mark.django_db
def test_panel_shows_matching_standard_cited_rules_and_similar_cases__ENF_112() -> None:
    w = make_world()
    past = air_files(w)
    case = w.draft(violation="air_exceed", facts=AIR_FACTS[0].replace("45", "52"), fine=Y(250000))
    panel = discretion_panel_for(actor=w.officer, case_id=case.pk)
    assert panel.matched is not None and panel.matched.circumstance == "ordinary"  # 19万–37万
    assert panel.matched_by == "amount" and panel.within is True
    citations = [r.citation for r in panel.cited]
    assert "《中华人民共和国大气污染防治法》第九十九条第二项" in citations
    assert "《中华人民共和国大气污染防治法》第十八条" in citations
    assert panel.similar[0].case.case_id == past[0].pk
    assert panel.considered == 5
    assert panel.distribution is not None and panel.distribution.percentile == 40
    assert panel.chart is not None and len(panel.chart.dots) == 5


@pytest.mark.django_db
def test_selected_standard_and_fine_outside_its_range__ENF_112() -> None:
    w = make_world()
    minor = DiscretionStandard.objects.get(
        violation_type__code="air_exceed", agency=None, circumstance="minor"
    )
    case = w.draft(violation="air_exceed", facts="超标排放", fine=Y(500000), standard=minor)
    panel = discretion_panel_for(actor=w.officer, case_id=case.pk)
    assert panel.matched == minor and panel.matched_by == "selected"
    assert panel.within is False
    assert panel.distribution is None and panel.similar == []


@pytest.mark.django_db
def test_agency_standard_wins_over_the_general_one__ENF_112() -> None:
    w = make_world()
    vt = ViolationType.objects.get(code="air_exceed")
    own = DiscretionStandard.objects.create(
        violation_type=vt,
        circumstance="ordinary",
        fine_min=Y(150000),
        fine_max=Y(250000),
        agency=w.tree.bureau,
        basis="鲁山县环境保护局裁量基准",
    )
    case = w.draft(violation="air_exceed", facts="超标排放", fine=Y(160000))  # general: 轻微
    panel = discretion_panel_for(actor=w.officer, case_id=case.pk)
    assert panel.standards == [own]
    assert panel.matched == own


@pytest.mark.django_db
def test_percentage_standard_needs_the_base__ENF_112_eia_art31() -> None:
    w = make_world()
    case = w.draft(violation="eia_unapproved", facts="未批先建", fine=Y(360000))
    panel = discretion_panel_for(actor=w.officer, case_id=case.pk)
    assert panel.needs_base and panel.matched is None
    panel = discretion_panel_for(actor=w.officer, case_id=case.pk, base_amount=Y(12_000_000))
    assert not panel.needs_base
    assert panel.matched is not None and panel.matched.circumstance == "serious"  # 3 %
    assert panel.bounds == (Y(300000), Y(480000))


@pytest.mark.parametrize("raw", ["-5", "0", "abc", "1e20", "NaN"])
def test_base_amount_must_be_a_positive_amount__ENF_112(raw: str) -> None:
    with pytest.raises(DomainError) as e:
        parse_base_amount(raw)
    assert e.value.code == "base_amount_invalid"


def test_base_amount_parsed__ENF_112() -> None:
    assert parse_base_amount(" 12,000,000 ") == Y("12000000.00")
    assert parse_base_amount("") is None


@pytest.mark.django_db
def test_panel_is_not_found_outside_the_actors_scope__ENF_112() -> None:
    w = make_world()
    case = w.draft(violation="air_exceed", facts="超标排放", fine=Y(160000))
    for actor in (w.outsider, None, PersonFactory()):
        with pytest.raises(NotFound):
            discretion_panel_for(actor=actor, case_id=case.pk)
    with pytest.raises(NotFound):
        discretion_panel_for(actor=w.officer, case_id="x")
    assert discretion_panel_for(actor=w.supervisor, case_id=case.pk).case == case


@pytest.mark.django_db
def test_past_cases_only_those_the_actor_may_view__ENF_112() -> None:
    w = make_world()
    air_files(w)
    w.past(
        PastFile(
            title="土壤股的超标排放案",
            violation="air_exceed",
            party_name="鲁山县某公司",
            identifier="91410423MA40K8XW5B",
            facts=AIR_FACTS[0],
            fine=Y(200000),
        ),
        unit=w.soil_unit,
    )
    case = w.draft(violation="air_exceed", facts=AIR_FACTS[0], fine=Y(160000))
    officer_view = discretion_panel_for(actor=w.officer, case_id=case.pk)
    head_view = discretion_panel_for(actor=w.head, case_id=case.pk)
    assert officer_view.considered == 5
    assert head_view.considered == 6


@pytest.mark.django_db
def test_only_the_same_agency_and_violation_type_count__ENF_112(django_assert_max_num_queries: Any) -> None:
    w = make_world()
    air_files(w)
    other = make_other_agency_case(w)
    assert other is not None
    case = w.draft(violation="dust_uncontrolled", facts=AIR_FACTS[0], fine=Y(30000))
    panel = discretion_panel_for(actor=w.head, case_id=case.pk)
    assert panel.considered == 0 and panel.similar == []
    with django_assert_max_num_queries(12):
        discretion_panel_for(actor=w.head, case_id=case.pk)


def make_other_agency_case(w: Any) -> Any:
    other = organization_create(
        actor=w.admin,
        parent=w.tree.county,
        name="鲁山县农业农村局",
        kind=Kind.DEPARTMENT,
        credit_code=code("hagri"),
    )
    boss = cast(Person, PersonFactory())
    grant(boss, ROLE["enforcement_head"], scope=other)
    return record_past_file(
        PastFile(
            title="他机关的案件",
            violation="dust_uncontrolled",
            party_name="某公司",
            identifier="91410423MA40K8XW5B",
            facts=AIR_FACTS[0],
            fine=Y(30000),
        ),
        actor=w.admin,
        agency=other,
        unit=other,
        certificates=w.certs[:2],
    )
