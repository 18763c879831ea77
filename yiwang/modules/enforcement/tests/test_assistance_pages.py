"""Pages and API of discretion assistance (ENF-112) and case-file evaluation (ENF-110)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from yiwang.kernel import ledger
from yiwang.kernel.testing.hostile import SCRIPT, SCRIPT_ESCAPED
from yiwang.modules.enforcement.history import PastFile
from yiwang.modules.enforcement.models import EvaluationRun

from .history_world import AIR_FACTS, HistoryWorld, air_files, make_world

Y = Decimal


@pytest.fixture
def w(db: Any) -> HistoryWorld:
    return make_world()


def web(person: Any) -> Client:
    c = Client()
    c.force_login(person.user)
    return c


def api(person: Any) -> APIClient:
    c = APIClient()
    c.force_login(person.user)
    return c


# ---------------------------------------------------------------- discretion panel


def test_discretion_panel_partial_for_htmx__ENF_112(w: HistoryWorld) -> None:
    air_files(w)
    case = w.draft(violation="air_exceed", facts=AIR_FACTS[0], fine=Y(250000))
    url = reverse("enforcement:discretion_panel", args=[case.pk])
    assert url == f"/enforcement/cases/{case.pk}/discretion/"
    r = web(w.officer).get(url, headers={"HX-Request": "true"})
    assert r.status_code == 200
    html = r.content.decode()
    assert html.lstrip().startswith("<section") and "<html" not in html
    assert 'data-testid="discretion-panel"' in html
    assert "《中华人民共和国大气污染防治法》第九十九条第二项" in html
    assert 'data-testid="strip-chart"' in html and 'data-testid="strip-draft"' in html
    assert "第 <strong>40</strong> 百分位" in html
    assert "超标排放大气污染物案（1）" in html


def test_discretion_panel_as_a_page_and_base_amount_form__ENF_112(w: HistoryWorld) -> None:
    case = w.draft(violation="eia_unapproved", facts="未批先建", fine=Y(360000))
    url = reverse("enforcement:discretion_panel", args=[case.pk])
    page = web(w.officer).get(url)
    assert page.status_code == 200 and "<html" in page.content.decode()
    assert "请填写计罚基数" in page.content.decode()
    r = web(w.officer).get(url, {"base_amount": "12000000"}, headers={"HX-Request": "true"})
    assert "（即30万元至48万元）" in r.content.decode()
    bad = web(w.officer).get(url, {"base_amount": SCRIPT}, headers={"HX-Request": "true"})
    body = bad.content.decode()
    assert bad.status_code == 200 and 'data-testid="base-error"' in body
    assert SCRIPT not in body


def test_discretion_panel_not_found_outside_scope__ENF_112(w: HistoryWorld) -> None:
    case = w.draft(violation="air_exceed", facts="超标排放", fine=Y(250000))
    url = reverse("enforcement:discretion_panel", args=[case.pk])
    assert web(w.outsider).get(url).status_code == 404
    assert Client().get(url).status_code == 302  # to the login page


def test_discretion_panel_escapes_case_text__ENF_112(w: HistoryWorld) -> None:
    w.past(
        PastFile(
            title=SCRIPT,
            violation="air_exceed",
            party_name="某公司",
            identifier="91410423MA40K8XW5B",
            facts=AIR_FACTS[0],
            fine=Y(200000),
        )
    )
    case = w.draft(violation="air_exceed", facts=AIR_FACTS[0], fine=Y(250000))
    html = web(w.officer).get(reverse("enforcement:discretion_panel", args=[case.pk])).content.decode()
    assert SCRIPT not in html and SCRIPT_ESCAPED in html


def test_discretion_api__ENF_112(w: HistoryWorld) -> None:
    past = air_files(w)
    case = w.draft(violation="air_exceed", facts=AIR_FACTS[0], fine=Y(250000))
    r = api(w.officer).get(f"/api/enforcement/cases/{case.pk}/discretion/")
    assert r.status_code == 200
    data = r.json()
    assert data["matched"]["circumstance"] == "ordinary" and data["within"] is True
    assert data["similar"][0]["case_id"] == past[0].pk
    assert data["distribution"]["percentile"] == 40 and data["considered"] == 5
    assert {c["role"] for c in data["cited"]} >= {"违反的规定", "处罚依据", "裁量依据"}
    bad = api(w.officer).get(f"/api/enforcement/cases/{case.pk}/discretion/", {"base_amount": "-1"})
    assert bad.status_code == 400 and bad.json()["code"] == "base_amount_invalid"
    assert api(w.outsider).get(f"/api/enforcement/cases/{case.pk}/discretion/").status_code == 404


# ---------------------------------------------------------------- evaluation pages and API


def _files(w: HistoryWorld) -> None:
    w.past(
        PastFile(
            title="超标排放大气污染物案",
            violation="air_exceed",
            party_name="鲁山县琴台建材有限公司",
            identifier="91410423MA40K8XW5B",
            facts=AIR_FACTS[0],
            fine=Y(120000),
            reviewed=True,
        )
    )
    w.past(
        PastFile(
            title="超标排放案（告知金额不一致）",
            violation="air_exceed",
            party_name="鲁山县露峰陶瓷有限公司",
            identifier="91410423MA40K8XW5B",
            facts=AIR_FACTS[1],
            fine=Y(150000),
            notice_fine=Y(100000),
            reviewed=True,
        ),
        unit=w.soil_unit,
    )


def test_evaluation_run_from_the_page_shows_the_report__ENF_110(w: HistoryWorld) -> None:
    _files(w)
    c = web(w.reviewer)
    page = c.get(reverse("enforcement:evaluation-list"))
    assert page.status_code == 200 and 'data-testid="evaluation-form"' in page.content.decode()
    r = c.post(reverse("enforcement:evaluation-list"), {"scope": w.tree.bureau.pk})
    run = EvaluationRun.objects.get()
    assert r.status_code == 302 and r["Location"] == reverse("enforcement:evaluation-report", args=[run.pk])
    html = c.get(r["Location"]).content.decode()
    assert 'data-testid="evaluation-units"' in html
    assert "土壤股" in html and "环境监察大队" in html
    assert "事先告知与处罚决定的罚款金额一致（1件）" in html
    assert "高于事先告知的100000.00元" in html


def test_evaluation_page_refusals__ENF_110(w: HistoryWorld) -> None:
    before = ledger.size()
    r = web(w.reviewer).post(reverse("enforcement:evaluation-list"), {"scope": w.tree.bureau.pk})
    assert r.status_code == 200 and "没有已结案或已归档的行政处罚案卷" in r.content.decode()
    assert web(w.officer).get(reverse("enforcement:evaluation-list")).status_code == 403
    r = web(w.reviewer).post(reverse("enforcement:evaluation-list"), {"scope": w.tree.county.pk})
    assert r.status_code == 200 and EvaluationRun.objects.count() == 0  # county not among the choices
    assert ledger.size() == before


def test_evaluation_report_not_found_for_others__ENF_110(w: HistoryWorld) -> None:
    _files(w)
    c = web(w.supervisor)
    c.post(reverse("enforcement:evaluation-list"), {"scope": w.tree.county.pk})
    run = EvaluationRun.objects.get()
    assert web(w.officer).get(reverse("enforcement:evaluation-report", args=[run.pk])).status_code == 404
    assert c.get(reverse("enforcement:evaluation-report", args=[run.pk])).status_code == 200


def test_evaluation_api__ENF_110(w: HistoryWorld) -> None:
    _files(w)
    client = api(w.supervisor)
    r = client.post("/api/enforcement/evaluations/", {"scope": w.tree.county.pk}, format="json")
    assert r.status_code == 201, r.content
    data = r.json()
    assert data["run"]["file_count"] == 2 and len(data["files"]) == 2
    assert {u["unit"] for u in data["units"]} == {"环境监察大队", "土壤股"}
    assert data["weak_points"][0]["code"] == "amounts_consistent"
    listed = client.get("/api/enforcement/evaluations/").json()
    assert [x["id"] for x in listed] == [data["run"]["id"]]
    assert client.get(f"/api/enforcement/evaluations/{data['run']['id']}/").status_code == 200
    refused = api(w.reviewer).post(
        "/api/enforcement/evaluations/", {"scope": w.tree.county.pk}, format="json"
    )
    assert refused.status_code == 404
    assert EvaluationRun.objects.count() == 1


def test_evaluation_report_escapes_case_text__ENF_110(w: HistoryWorld) -> None:
    w.past(
        PastFile(
            title=SCRIPT,
            violation="air_exceed",
            party_name=SCRIPT,
            identifier="91410423MA40K8XW5B",
            facts=AIR_FACTS[0],
            fine=Y(120000),
            omit=("notice",),
        )
    )
    c = web(w.reviewer)
    r = c.post(reverse("enforcement:evaluation-list"), {"scope": w.tree.bureau.pk})
    html = c.get(r["Location"]).content.decode()
    assert SCRIPT not in html and SCRIPT_ESCAPED in html
    assert "缺少行政处罚事先告知书" in html
