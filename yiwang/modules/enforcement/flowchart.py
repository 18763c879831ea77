"""Flow charts (执法流程图) drawn from the transition tables, as self-contained SVG.

The chart is the table: every status is a box, every transition an arrow labelled with its action,
so the published flow chart (ENF-50) cannot drift from what the services enforce.

Layout, pure Python and deterministic (same table, same bytes):

1. a depth-first walk from the start status marks *back edges* (returns to an earlier step, such
   as 退回补充调查); the rest is a DAG;
2. longest-path layering of the DAG: a status sits one row below its lowest predecessor;
3. edges spanning several rows get invisible waypoints, one per row; rows are ordered by a few
   barycentre sweeps and placed by averaging neighbours, then pushed apart so boxes never overlap;
4. forward edges are smooth curves through their waypoints; back edges run dashed along a lane
   outside the chart, left or right, whichever side crosses fewer boxes.

No script, no external font or URL, no ``style`` attributes (the pages' Content-Security-Policy
forbids inline styles): presentation attributes only. Fonts are named, never fetched.
"""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from .workflow import (
    ARCHIVED,
    REVIEW_FINAL,
    REVIEW_START,
    REVIEW_TRANSITIONS,
    SIDE_EXITS,
    START,
    STATUSES,
    TRANSITIONS,
    Kind,
    ReviewStatus,
    Transition,
)

FONT = (
    "'Noto Sans CJK SC','Source Han Sans SC','WenQuanYi Micro Hei','Microsoft YaHei','PingFang SC',sans-serif"
)
FONT_SIZE = 14
LABEL_SIZE = 11
NODE_H = 34
ROW_GAP = 74
COL_GAP = 28
DUMMY_W = 16
MARGIN = 24
LANE_GAP = 12
TITLE_H = 40
LEGEND_H = 56
LONG_SPAN = 2  # forward edges spanning more rows than this run along the right-hand lanes
STUB_GAP = 16

COLORS = {
    "start": ("#e0ecff", "#1d4ed8"),
    "end": ("#dcfce7", "#15803d"),
    "exit": ("#fef3c7", "#b45309"),
    "step": ("#ffffff", "#334155"),
}
EDGE = "#475569"
BACK = "#b45309"


def text_width(text: str, size: float) -> float:
    """Approximate advance width: full-width (CJK) characters one em, others about half."""
    return sum(size if unicodedata.east_asian_width(ch) in "WF" else size * 0.56 for ch in text)


@dataclass
class _Node:
    key: str
    label: str
    kind: str  # start / end / exit / step / dummy
    width: float
    layer: int = 0
    x: float = 0.0  # centre

    @property
    def dummy(self) -> bool:
        return self.kind == "dummy"


@dataclass
class _Edge:
    source: str
    target: str
    labels: list[str] = field(default_factory=list)
    back: bool = False
    route: str = "chain"  # chain (through waypoints), or a lane outside the chart: "left" / "right"
    path: list[str] = field(default_factory=list)  # node keys including waypoints


def _back_edges(table: Mapping[str, Sequence[Transition]], start: str) -> set[tuple[str, str]]:
    """Edges closing a cycle in a depth-first walk from `start` (iterative, in table order)."""
    state: dict[str, int] = {}  # 1 on stack, 2 done
    back: set[tuple[str, str]] = set()
    roots = [start, *[k for k in table if k != start]]
    for root in roots:
        if root in state:
            continue
        state[root] = 1
        stack = [(root, iter([t.target for t in table.get(root, ())]))]
        while stack:
            node, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                state[node] = 2
                stack.pop()
            elif state.get(nxt) == 1:
                back.add((node, nxt))
            elif nxt not in state:
                state[nxt] = 1
                stack.append((nxt, iter([t.target for t in table.get(nxt, ())])))
    return back


def _layers(order: list[str], edges: list[_Edge]) -> dict[str, int]:
    """Longest-path layering of the forward (acyclic) edges."""
    preds: dict[str, list[str]] = {k: [] for k in order}
    for e in edges:
        if not e.back:
            preds[e.target].append(e.source)
    layer: dict[str, int] = {}

    def depth(k: str, seen: frozenset[str] = frozenset()) -> int:
        if k not in layer:
            ps = [p for p in preds[k] if p not in seen]
            layer[k] = 1 + max((depth(p, seen | {k}) for p in ps), default=-1)
        return layer[k]

    for k in order:
        depth(k)
    return layer


@dataclass(frozen=True)
class Chart:
    title: str
    table: Mapping[str, Sequence[Transition]]
    start: str
    labels: Mapping[str, str]
    ends: frozenset[str]


def _build(chart: Chart) -> tuple[dict[str, _Node], list[list[str]], list[_Edge]]:
    order = list(chart.table)
    back = _back_edges(chart.table, chart.start)
    merged: dict[tuple[str, str], _Edge] = {}
    for s in order:
        for t in chart.table[s]:
            e = merged.setdefault((s, t.target), _Edge(s, str(t.target), back=(s, t.target) in back))
            if t.label not in e.labels:
                e.labels.append(t.label)
    edges = list(merged.values())
    layer = _layers(order, edges)
    nodes: dict[str, _Node] = {}
    for k in order:
        if k == chart.start:
            kind = "start"
        elif k in chart.ends:
            kind = "end"
        elif k in SIDE_EXITS:
            kind = "exit"
        else:
            kind = "step"
        label = chart.labels[k]
        nodes[k] = _Node(k, label, kind, text_width(label, FONT_SIZE) + 28, layer[k])
    depth = max(layer.values(), default=0) + 1
    rows: list[list[str]] = [[] for _ in range(depth)]
    for k in order:
        rows[nodes[k].layer].append(k)
    for e in edges:
        span = nodes[e.target].layer - nodes[e.source].layer
        if e.back or span > LONG_SPAN:
            e.route = "left" if e.back else "right"
            e.path = [e.source, e.target]
            continue
        path = [e.source]
        for lyr in range(nodes[e.source].layer + 1, nodes[e.target].layer):
            key = f"{e.source}>{e.target}@{lyr}"
            nodes[key] = _Node(key, "", "dummy", DUMMY_W, lyr)
            rows[lyr].append(key)
            path.append(key)
        path.append(e.target)
        e.path = path
    return nodes, rows, edges


def _order_rows(nodes: dict[str, _Node], rows: list[list[str]], edges: list[_Edge]) -> None:
    """Barycentre sweeps (down, up) to reduce crossings; ties keep the current order."""
    up: dict[str, list[str]] = {k: [] for k in nodes}
    down: dict[str, list[str]] = {k: [] for k in nodes}
    for e in edges:
        if e.route != "chain":
            continue
        for a, b in zip(e.path, e.path[1:], strict=False):
            down[a].append(b)
            up[b].append(a)
    for _ in range(4):
        for sweep, neighbours in ((range(1, len(rows)), up), (range(len(rows) - 2, -1, -1), down)):
            for i in sweep:
                ref = rows[i - 1] if neighbours is up else rows[i + 1]
                pos = {k: j for j, k in enumerate(ref)}
                current = {k: j for j, k in enumerate(rows[i])}
                keys = {}
                for k in rows[i]:
                    ns = [pos[n] for n in neighbours[k] if n in pos]
                    keys[k] = (sum(ns) / len(ns) if ns else float(current[k]), current[k])
                rows[i].sort(key=keys.__getitem__)


def _place(nodes: dict[str, _Node], rows: list[list[str]], edges: list[_Edge]) -> float:
    """Set x centres: start packed and centred, then pull towards neighbours without overlap."""
    nbrs: dict[str, list[str]] = {k: [] for k in nodes}
    for e in edges:
        if e.route != "chain":
            continue
        for a, b in zip(e.path, e.path[1:], strict=False):
            nbrs[a].append(b)
            nbrs[b].append(a)
    widest = max((sum(nodes[k].width for k in row) + COL_GAP * (len(row) - 1) for row in rows), default=0.0)
    for row in rows:
        total = sum(nodes[k].width for k in row) + COL_GAP * (len(row) - 1)
        x = (widest - total) / 2
        for k in row:
            nodes[k].x = x + nodes[k].width / 2
            x += nodes[k].width + COL_GAP
    for _ in range(8):
        for row in rows:
            want = []
            for k in row:
                ns = [nodes[n].x for n in nbrs[k]]
                want.append(sum(ns) / len(ns) if ns else nodes[k].x)
            # left-to-right then right-to-left pass keeps order and spacing
            for j, k in enumerate(row):
                lo = (
                    nodes[row[j - 1]].x + (nodes[row[j - 1]].width + nodes[k].width) / 2 + COL_GAP
                    if j
                    else -1e9
                )
                nodes[k].x = max(want[j], lo)
            for j in range(len(row) - 2, -1, -1):
                k, r = row[j], row[j + 1]
                hi = nodes[r].x - (nodes[r].width + nodes[k].width) / 2 - COL_GAP
                nodes[k].x = min(nodes[k].x, hi)
    left = min(n.x - n.width / 2 for n in nodes.values())
    for n in nodes.values():
        n.x -= left
    return max(n.x + n.width / 2 for n in nodes.values())


def _f(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".")


def _lanes(edges: list[_Edge], nodes: dict[str, _Node], side: str) -> dict[str, int]:
    """One lane (a bus) per target on `side`; shorter vertical runs nearer the chart."""
    extent: dict[str, int] = {}
    for e in edges:
        if e.route == side:
            run = abs(nodes[e.target].layer - nodes[e.source].layer)
            extent[e.target] = max(extent.get(e.target, 0), run)
    ordered = sorted(extent, key=lambda t: (extent[t], nodes[t].layer))
    return {t: i for i, t in enumerate(ordered)}


def render(chart: Chart) -> str:
    """The chart as an SVG document (UTF-8 text)."""
    nodes, rows, edges = _build(chart)
    _order_rows(nodes, rows, edges)
    width = _place(nodes, rows, edges)
    lanes = {side: _lanes(edges, nodes, side) for side in ("left", "right")}
    reach = {
        side: max(
            (text_width("／".join(e.labels), LABEL_SIZE) + 16 for e in edges if e.route == side), default=0.0
        )
        for side in ("left", "right")
    }

    def span(side: str) -> float:
        return reach[side] + len(lanes[side]) * LANE_GAP if lanes[side] else 0.0

    off_x = MARGIN + span("left")
    total_w = off_x + width + span("right") + MARGIN
    top = TITLE_H + MARGIN

    def ny(key: str) -> float:
        return top + nodes[key].layer * (NODE_H + ROW_GAP) + NODE_H / 2

    def nx(key: str) -> float:
        return off_x + nodes[key].x

    def lane_x(side: str, target: str) -> float:
        i = lanes[side][target]
        if side == "right":
            return off_x + width + reach["right"] + i * LANE_GAP
        return off_x - reach["left"] - i * LANE_GAP

    total_h = top + len(rows) * (NODE_H + ROW_GAP) - ROW_GAP + MARGIN + LEGEND_H
    out: list[str] = []
    w = out.append
    w('<?xml version="1.0" encoding="UTF-8"?>\n')
    w(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_f(total_w)}" height="{_f(total_h)}" '
        f'viewBox="0 0 {_f(total_w)} {_f(total_h)}" role="img" aria-labelledby="chart-title" '
        f'font-family="{escape(FONT)}">\n'
    )
    w(f'<title id="chart-title">{escape(chart.title)}</title>\n')
    w("<defs>\n")
    for name, color in (("arrow", EDGE), ("arrow-back", BACK)):
        w(
            f'<marker id="{name}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
            f'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{color}"/></marker>\n'
        )
    w("</defs>\n")
    w(f'<rect x="0" y="0" width="{_f(total_w)}" height="{_f(total_h)}" fill="#ffffff"/>\n')
    w(
        f'<text x="{_f(total_w / 2)}" y="{_f(MARGIN + 14)}" font-size="18" text-anchor="middle" '
        f'fill="#0f172a">{escape(chart.title)}</text>\n'
    )
    placed: list[tuple[float, float, float, str, str]] = []  # x, y, width, text, colour

    def label_at(x: float, y: float, text: str, color: str) -> None:
        """Queue a label; overlapping labels are nudged downwards, a few pixels at a time."""
        tw = text_width(text, LABEL_SIZE) + 6
        for _ in range(8):
            if not any(abs(x - px) * 2 < tw + pw and abs(y - py) < 15 for px, py, pw, _, _ in placed):
                break
            y += 8
        placed.append((x, y, tw, text, color))

    stubs: dict[tuple[str, str], list[_Edge]] = {}
    outs: dict[str, list[_Edge]] = {}
    ins: dict[str, list[_Edge]] = {}
    for e in edges:
        if e.route != "chain":
            stubs.setdefault((e.source, e.route), []).append(e)
        else:
            outs.setdefault(e.source, []).append(e)
            ins.setdefault(e.target, []).append(e)
    for group in (*outs.values(), *ins.values()):
        group.sort(key=lambda e: (nx(e.path[1]), nx(e.path[-2])))

    def port(key: str, group: list[_Edge], e: _Edge) -> float:
        """Spread the ends of several edges along a box's top or bottom edge."""
        n = len(group)
        step = min(22.0, nodes[key].width / (n + 1))
        return nx(key) + (group.index(e) - (n - 1) / 2) * step

    def outermost(key: str, side: str) -> bool:
        row = rows[nodes[key].layer]
        j = row.index(key)
        beyond = row[j + 1 :] if side == "right" else row[:j]
        return not any(not nodes[k].dummy for k in beyond)

    w('<g class="edges">\n')
    for e in edges:
        text = "／".join(e.labels)
        if e.route == "chain":
            pts = [(nx(k), ny(k)) for k in e.path]
            pts[0] = (port(e.source, outs[e.source], e), pts[0][1])
            pts[-1] = (port(e.target, ins[e.target], e), pts[-1][1])
            x0, y0 = pts[0]
            d = f"M{_f(x0)},{_f(y0 + NODE_H / 2)}"
            prev = (x0, y0 + NODE_H / 2)
            for j, (x, y) in enumerate(pts[1:], start=1):
                end_y = y - NODE_H / 2 if j == len(pts) - 1 else y
                mid = (prev[1] + end_y) / 2
                d += f" C{_f(prev[0])},{_f(mid)} {_f(x)},{_f(mid)} {_f(x)},{_f(end_y)}"
                if j < len(pts) - 1:
                    d += f" L{_f(x)},{_f(y)}"
                prev = (x, end_y)
            color, dash, marker = EDGE, "", "arrow"
            (ax, ay), (bx, by) = pts[0], pts[1]
            lower = by - (NODE_H / 2 if len(pts) == 2 else 0)
            label_at((ax + bx) / 2, (ay + NODE_H / 2 + lower) / 2, text, EDGE)
        else:
            side = e.route
            sign = 1 if side == "right" else -1
            group = stubs[(e.source, side)]
            j = group.index(e)
            lx, sy, ty = lane_x(side, e.target), ny(e.source), ny(e.target)
            tw = text_width(text, LABEL_SIZE) + 6
            if outermost(e.source, side):
                sy += (j - (len(group) - 1) / 2) * STUB_GAP
                x1 = nx(e.source) + sign * nodes[e.source].width / 2
                d = f"M{_f(x1)},{_f(sy)}"
                label_at(x1 + sign * (tw / 2 + 4), sy - 7, text, color := (BACK if e.back else EDGE))
            else:  # leave through the bottom, so the line crosses no box of the same row
                x1 = nx(e.source) + sign * (nodes[e.source].width / 2 - 10 - j * 8)
                d = f"M{_f(x1)},{_f(sy + NODE_H / 2)} L{_f(x1)},{_f(sy + NODE_H / 2 + 12 + j * 6)}"
                sy += NODE_H / 2 + 12 + j * 6
                label_at(x1 + sign * (tw / 2 + 4), sy - 7, text, color := (BACK if e.back else EDGE))
            d += f" L{_f(lx)},{_f(sy)}"
            if outermost(e.target, side):
                x2 = nx(e.target) + sign * nodes[e.target].width / 2
                d += f" L{_f(lx)},{_f(ty)} L{_f(x2)},{_f(ty)}"
            else:  # come in through the top
                x2 = nx(e.target) + sign * (nodes[e.target].width / 2 - 12)
                above = ty - NODE_H / 2 - 12
                d += f" L{_f(lx)},{_f(above)} L{_f(x2)},{_f(above)} L{_f(x2)},{_f(ty - NODE_H / 2)}"
            marker = "arrow-back" if e.back else "arrow"
            dash = ' stroke-dasharray="5 4"' if e.back else ""
        w(
            f'<path d="{d}" fill="none" stroke="{color}" stroke-width="1.4"{dash} stroke-linejoin="round" '
            f'marker-end="url(#{marker})"><title>{escape(text)}</title></path>\n'
        )
    w("</g>\n")
    w('<g class="nodes">\n')
    for k in chart.table:
        n = nodes[k]
        fill, stroke = COLORS[n.kind]
        x, y = nx(k) - n.width / 2, ny(k) - NODE_H / 2
        w(
            f'<g class="node" data-status="{escape(k)}"><rect x="{_f(x)}" y="{_f(y)}" width="{_f(n.width)}" '
            f'height="{NODE_H}" rx="8" fill="{fill}" stroke="{stroke}" stroke-width="1.6"/>'
            f'<text x="{_f(nx(k))}" y="{_f(ny(k) + 5)}" font-size="{FONT_SIZE}" text-anchor="middle" '
            f'fill="#0f172a">{escape(n.label)}</text></g>\n'
        )
    w("</g>\n")
    w('<g class="edge-labels">\n')
    for x, y, tw, text, color in placed:
        w(
            f'<g class="edge-label"><rect x="{_f(x - tw / 2)}" y="{_f(y - 8)}" width="{_f(tw)}" height="15" '
            f'rx="3" fill="#ffffff" fill-opacity="0.92"/>'
            f'<text x="{_f(x)}" y="{_f(y + 4)}" font-size="{LABEL_SIZE}" text-anchor="middle" fill="{color}">'
            f"{escape(text)}</text></g>\n"
        )
    w("</g>\n")
    ly = total_h - LEGEND_H + 18
    w('<g class="legend" font-size="12" fill="#334155">\n')
    lx = MARGIN
    for kind, text in (
        ("start", "起点"),
        ("step", "办理环节"),
        ("exit", "终止、移送等出口"),
        ("end", "终点"),
    ):
        fill, stroke = COLORS[kind]
        w(
            f'<rect x="{_f(lx)}" y="{_f(ly - 11)}" width="22" height="14" rx="3" fill="{fill}" stroke="{stroke}"/>'
        )
        w(f'<text x="{_f(lx + 28)}" y="{_f(ly)}">{text}</text>\n')
        lx += 40 + text_width(text, 12)
    w(f'<path d="M{_f(lx)},{_f(ly - 4)} h30" stroke="{EDGE}" stroke-width="1.4" marker-end="url(#arrow)"/>')
    w(f'<text x="{_f(lx + 36)}" y="{_f(ly)}">前进</text>\n')
    lx += 80
    w(
        f'<path d="M{_f(lx)},{_f(ly - 4)} h30" stroke="{BACK}" stroke-width="1.4" stroke-dasharray="5 4" '
        f'marker-end="url(#arrow-back)"/>'
    )
    w(f'<text x="{_f(lx + 36)}" y="{_f(ly)}">退回前序环节</text>\n')
    w("</g>\n</svg>\n")
    return "".join(out)


def chart_for(kind: Kind | str) -> Chart:
    kind = Kind(kind)
    enum = STATUSES[kind]
    labels = {str(v): str(label) for v, label in enum.choices}
    return Chart(f"{kind.label}流程图", TRANSITIONS[kind], START[kind], labels, frozenset({ARCHIVED}))


def review_chart() -> Chart:
    labels = {str(v): str(label) for v, label in ReviewStatus.choices}
    return Chart(
        "重大执法决定法制审核流程图", REVIEW_TRANSITIONS, REVIEW_START, labels, frozenset(REVIEW_FINAL)
    )


def flow_chart_svg(kind: Kind | str) -> str:
    """The flow chart of one enforcement kind (ENF-01), e.g. ``flow_chart_svg("penalty")``."""
    return render(chart_for(kind))


def review_flow_chart_svg() -> str:
    """The legal-review flow chart (seed 001 annex 8)."""
    return render(review_chart())


def all_charts() -> dict[str, str]:
    """File name → SVG text for every chart; `docs/modules/enforcement/` holds these."""
    charts = {f"{k.value}.svg": flow_chart_svg(k) for k in Kind}
    charts["review.svg"] = review_flow_chart_svg()
    return charts


def write_charts(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, svg in all_charts().items():
        path = directory / name
        path.write_text(svg, encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":  # python -m yiwang.modules.enforcement.flowchart docs/modules/enforcement
    for p in write_charts(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/modules/enforcement")):
        sys.stdout.write(f"{p}\n")
