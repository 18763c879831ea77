"""Demo organization trees, taken from the names in the project's seed documents.

- seed 000: 天津市河北区 and the bureaus its 2019 implementation plan names (司法局, 市场监管局,
  财政局, 人社局, 医保局, 政务服务办, 政府办, 发展改革委);
- seed 001: 鲁山县环境保护局 and its units 开发股, 土壤股, 危废与辐射股, 环境监察大队, 法制股, 监察室;
- seed 002: 大石桥市 with 钢都街道/富丽社区 and 镁都街道/石桥社区, and its 党群服务中心;
- seed 003: 盐城市大丰区大中镇;
- seed 004: 南大港产业园区管理处办公室 and its 14 科室.

The unified social credit codes are **fabricated for the demo**: positions 3–8 carry the real
administrative division code of the county, the rest is derived from the body's internal code, and
both check characters are computed (GB 11714 for the organization code, GB 32100 / DIS-03 for the
credit code with `stdnum.cn.uscc`). They are valid codes but not the real bodies' codes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from stdnum.cn import uscc

from .models import Kind, Organization
from .services import organization_create

if TYPE_CHECKING:
    from yiwang.kernel.people.models import Person

_ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def organization_code_check(digits8: str) -> str:
    """GB 11714 check character of an 8-character organization code (digits only here)."""
    total = sum(int(c) * w for c, w in zip(digits8, _ORG_CODE_WEIGHTS, strict=True))
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def fabricate_credit_code(division: str, key: str, category: str = "11") -> str:
    """A valid, deterministic, made-up credit code: category + division + organization code + check."""
    digest = hashlib.sha256(key.encode()).hexdigest()
    digits8 = "".join(str(int(c, 16) % 10) for c in digest[:8])
    body = f"{category}{division}{digits8}{organization_code_check(digits8)}"
    return body + uscc.calc_check_digit(body)


@dataclass(frozen=True)
class Node:
    code: str
    name: str
    kind: str
    short_name: str = ""
    category: str = "11"  # 11 机构编制·机关; 12 机构编制·事业单位; 55 基层群众性自治组织 (demo only)
    children: tuple[Node, ...] = field(default_factory=tuple)


def _units(prefix: str, names: list[str]) -> tuple[Node, ...]:
    return tuple(Node(f"{prefix}-{i:02d}", n, Kind.UNIT) for i, n in enumerate(names, start=1))


D, G, INST, C = Kind.DEPARTMENT, Kind.GOVERNMENT, Kind.INSTITUTION, Kind.COMMUNITY

# (division code, root) — the division code goes into the fabricated credit codes.
DEMO_TREES: tuple[tuple[str, Node], ...] = (
    (
        "120105",
        Node(
            "hebei-gov",
            "天津市河北区人民政府",
            G,
            "河北区政府",
            children=(
                Node("hebei-office", "天津市河北区人民政府办公室", D, "区政府办"),
                Node("hebei-justice", "天津市河北区司法局", D, "区司法局"),
                Node("hebei-market", "天津市河北区市场监督管理局", D, "区市场监管局"),
                Node("hebei-finance", "天津市河北区财政局", D, "区财政局"),
                Node("hebei-hrss", "天津市河北区人力资源和社会保障局", D, "区人社局"),
                Node("hebei-medins", "天津市河北区医疗保障局", D, "区医保局"),
                Node("hebei-govservice", "天津市河北区政务服务办公室", D, "区政务服务办"),
                Node("hebei-ndrc", "天津市河北区发展和改革委员会", D, "区发展改革委"),
            ),
        ),
    ),
    (
        "410423",
        Node(
            "lushan-gov",
            "鲁山县人民政府",
            G,
            "鲁山县政府",
            children=(
                Node(
                    "lushan-epb",
                    "鲁山县环境保护局",
                    D,
                    "鲁山县环保局",
                    children=_units(
                        "lushan-epb", ["开发股", "土壤股", "危废与辐射股", "环境监察大队", "法制股", "监察室"]
                    ),
                ),
            ),
        ),
    ),
    (
        "210882",
        Node(
            "dsq-gov",
            "大石桥市人民政府",
            G,
            "大石桥市政府",
            children=(
                Node("dsq-service-center", "大石桥市党群服务中心", INST, category="12"),
                Node(
                    "dsq-gangdu",
                    "大石桥市钢都街道办事处",
                    G,
                    "钢都街道",
                    children=(Node("dsq-gangdu-fuli", "富丽社区居民委员会", C, "富丽社区", category="55"),),
                ),
                Node(
                    "dsq-meidu",
                    "大石桥市镁都街道办事处",
                    G,
                    "镁都街道",
                    children=(Node("dsq-meidu-shiqiao", "石桥社区居民委员会", C, "石桥社区", category="55"),),
                ),
            ),
        ),
    ),
    (
        "320982",
        Node(
            "dafeng-gov",
            "盐城市大丰区人民政府",
            G,
            "大丰区政府",
            children=(Node("dafeng-dazhong", "盐城市大丰区大中镇人民政府", G, "大中镇"),),
        ),
    ),
    (
        "130900",
        Node(
            "ndg-admin",
            "沧州渤海新区南大港产业园区管理处",
            G,
            "南大港产业园区",
            children=(
                Node(
                    "ndg-office",
                    "南大港产业园区管理处办公室",
                    INST,
                    "管理处办公室",
                    children=_units(
                        "ndg-office",
                        [
                            "行政科",
                            "文秘科",
                            "机要科",
                            "档案科",
                            "综合科",
                            "财务科",
                            "外事科",
                            "督查科",
                            "纠风办",
                            "机关事务服务中心",
                            "电子政务科",
                            "国有资产管理科",
                            "信息科",
                            "公文运转科",
                        ],
                    ),
                ),
            ),
        ),
    ),
)


def demo_credit_codes() -> dict[str, str]:
    """Internal code → fabricated credit code, for every body of the demo trees."""
    codes: dict[str, str] = {}

    def walk(division: str, node: Node) -> None:
        if node.kind != Kind.UNIT:
            codes[node.code] = fabricate_credit_code(division, node.code, node.category)
        for child in node.children:
            walk(division, child)

    for division, root in DEMO_TREES:
        walk(division, root)
    return codes


def seed_demo(*, actor: Person) -> dict[str, Organization]:
    """Create the demo trees through `organization_create` (so they are in the ledger). Idempotent."""
    codes = demo_credit_codes()
    existing = {o.code: o for o in Organization.objects.filter(code__in=_all_codes())}
    created: dict[str, Organization] = dict(existing)

    def walk(node: Node, parent: Organization | None) -> None:
        org = created.get(node.code)
        if org is None:
            org = organization_create(
                actor=actor,
                parent=parent,
                name=node.name,
                short_name=node.short_name,
                kind=node.kind,
                credit_code=codes.get(node.code),
                code=node.code,
            )
            created[node.code] = org
        for child in node.children:
            walk(child, org)

    for _division, root in DEMO_TREES:
        walk(root, None)
    return created


def _all_codes() -> list[str]:
    found: list[str] = []

    def walk(node: Node) -> None:
        found.append(node.code)
        for child in node.children:
            walk(child)

    for _division, root in DEMO_TREES:
        walk(root)
    return found
