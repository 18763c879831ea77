"""Flow charts drawn from the transition tables (ENF-01, ENF-50 flow charts, seed 001 annex 8/9)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from yiwang.modules.enforcement import flowchart
from yiwang.modules.enforcement.workflow import (
    REVIEW_TRANSITIONS,
    STATUSES,
    TRANSITIONS,
    Kind,
    ReviewStatus,
    Transition,
)

SVG = "{http://www.w3.org/2000/svg}"
DOCS = Path(__file__).resolve().parents[4] / "docs" / "modules" / "enforcement"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg.encode("utf-8"))  # noqa: S314 — our own output


def texts(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter(f"{SVG}text")]


@pytest.mark.parametrize("kind", list(Kind))
def test_chart_is_svg_with_every_status_and_action__ENF_01(kind):
    svg = flowchart.flow_chart_svg(kind)
    root = parse(svg)
    assert root.tag == f"{SVG}svg"
    found = texts(root)
    for label in STATUSES[kind].labels:
        assert str(label) in found
    statuses = [g.get("data-status") for g in root.iter(f"{SVG}g") if g.get("class") == "node"]
    assert statuses == list(TRANSITIONS[kind])
    edge_titles = " ".join(t.text or "" for t in root.iter(f"{SVG}title"))
    for ts in TRANSITIONS[kind].values():
        for t in ts:
            assert t.label in edge_titles
    assert f"{kind.label}流程图" in found


@pytest.mark.parametrize("kind", list(Kind))
def test_chart_is_offline_and_csp_clean__ENF_50(kind):
    svg = flowchart.flow_chart_svg(kind)
    lowered = svg.lower()
    for forbidden in ("<script", "style=", "<style", "@import", "@font-face", "xlink:href", 'href="http'):
        assert forbidden not in lowered
    # only the SVG namespace itself is a URL
    assert lowered.count("http") == 1


def test_chart_is_deterministic__ENF_50():
    assert flowchart.flow_chart_svg(Kind.PENALTY) == flowchart.flow_chart_svg(Kind.PENALTY)


def test_chart_changes_when_the_table_changes__ENF_50():
    base = flowchart.chart_for(Kind.INSPECTION)
    original = flowchart.render(base)
    table = dict(base.table)
    table["recorded"] = (
        *table["recorded"],
        Transition("planned", "recheck", "重新检查", "enforcement.inspect_case"),
    )
    changed = flowchart.render(flowchart.Chart(base.title, table, base.start, base.labels, base.ends))
    assert changed != original
    assert "重新检查" in changed and "重新检查" not in original
    relabelled = flowchart.render(
        flowchart.Chart(
            base.title, base.table, base.start, {**base.labels, "planned": "年度检查计划"}, base.ends
        )
    )
    assert "年度检查计划" in relabelled and relabelled != original


def test_back_edges_are_drawn_dashed__ENF_10():
    root = parse(flowchart.flow_chart_svg(Kind.PENALTY))
    dashed = [p for p in root.iter(f"{SVG}path") if p.get("stroke-dasharray")]
    titles = {title.text for p in dashed if (title := p.find(f"{SVG}title")) is not None}
    assert titles == {"退回补充调查"}


def test_review_chart_has_every_review_status__ENF_33_ENF_34():
    root = parse(flowchart.review_flow_chart_svg())
    found = texts(root)
    for label in ReviewStatus.labels:
        assert str(label) in found
    assert len([g for g in root.iter(f"{SVG}g") if g.get("class") == "node"]) == len(REVIEW_TRANSITIONS)


def test_hostile_labels_are_escaped():
    base = flowchart.chart_for(Kind.LEVY)
    labels = {**base.labels, "initiated": "<script>alert(1)</script>&\"'"}
    svg = flowchart.render(flowchart.Chart("<b>", base.table, base.start, labels, base.ends))
    root = parse(svg)
    assert "<script>alert(1)</script>&\"'" in texts(root)
    assert "<script" not in svg


def test_published_charts_in_docs_are_up_to_date__ENF_50():
    """docs/modules/enforcement/*.svg are generated: `python -m yiwang.modules.enforcement.flowchart`."""
    for name, svg in flowchart.all_charts().items():
        path = DOCS / name
        assert path.exists(), f"{path} missing: regenerate the charts"
        assert path.read_text(encoding="utf-8") == svg, f"{path} is stale: regenerate the charts"


def test_module_doc_lists_every_permission_and_chart():
    doc = (DOCS.parent / "enforcement.md").read_text(encoding="utf-8")
    from yiwang.modules.enforcement.permissions import PERMISSION_LABELS

    for codename, label in PERMISSION_LABELS.items():
        assert f"| `{codename}` | {label} |" in doc
    for name in flowchart.all_charts():
        assert f"enforcement/{name}" in doc
    for rule in ("ENF-11", "ENF-12", "ENF-13", "ENF-14", "ENF-15", "ENF-30", "ENF-35", "ENF-37", "ENF-113"):
        assert f"| {rule} |" in doc
