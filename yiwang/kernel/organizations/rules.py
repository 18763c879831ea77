"""Where each kind of organization may sit in the tree, as data (no ORM here).

- A county-level people's government (市/县/区人民政府, or an equivalent administrative body such
  as an industrial park's 管理处) is a root.
- A town or street (乡镇人民政府/街道办事处) sits under a county-level government.
- A village or community committee (村/居民委员会) sits under a town or street.
- A functional department or directly affiliated institution sits under a people's government
  of its level (an institution may also sit under a department).
- An internal unit (股/科/大队/室) sits under a body or under another unit, never under a
  village committee.

The level of a new organization follows from its kind and its parent (`expected_level`), so the
level can never contradict the tree.
"""

from __future__ import annotations

from .kinds import Kind, Level

# (kind of the child) -> the (kind, level) pairs its parent may have; None = may be a root.
PLACEMENT: dict[str, frozenset[tuple[str, str] | None]] = {
    Kind.GOVERNMENT: frozenset({None, (Kind.GOVERNMENT, Level.COUNTY)}),
    Kind.COMMUNITY: frozenset({(Kind.GOVERNMENT, Level.TOWN)}),
    Kind.DEPARTMENT: frozenset({(Kind.GOVERNMENT, Level.COUNTY), (Kind.GOVERNMENT, Level.TOWN)}),
    Kind.INSTITUTION: frozenset(
        {
            (Kind.GOVERNMENT, Level.COUNTY),
            (Kind.GOVERNMENT, Level.TOWN),
            (Kind.DEPARTMENT, Level.COUNTY),
        }
    ),
    Kind.UNIT: frozenset(
        {
            (kind, level)
            for kind in (Kind.GOVERNMENT, Kind.DEPARTMENT, Kind.INSTITUTION, Kind.UNIT)
            for level in (Level.COUNTY, Level.TOWN)
        }
    ),
}

PARENT_DESCRIPTION: dict[str, str] = {
    Kind.GOVERNMENT: "县级人民政府只能作为顶层机构；乡镇人民政府和街道办事处只能设在县级人民政府之下",
    Kind.COMMUNITY: "村（居）民委员会只能设在乡镇人民政府或街道办事处之下",
    Kind.DEPARTMENT: "职能部门只能设在人民政府（或街道办事处）之下",
    Kind.INSTITUTION: "直属机构/事业单位只能设在人民政府或县级职能部门之下",
    Kind.UNIT: "内设机构只能设在机关、单位或其他内设机构之下，不能设在村（居）民委员会之下",
}


def placement_allowed(kind: str, parent_kind: str | None, parent_level: str | None) -> bool:
    allowed = PLACEMENT.get(kind, frozenset())
    key = None if parent_kind is None or parent_level is None else (parent_kind, parent_level)
    return key in allowed


def expected_level(kind: str, parent_kind: str | None, parent_level: str | None) -> str:
    """The only level an organization of `kind` under such a parent can have."""
    if parent_kind is None or parent_level is None:
        return Level.COUNTY
    if kind == Kind.COMMUNITY:
        return Level.VILLAGE
    if kind == Kind.GOVERNMENT:
        return Level.TOWN if parent_level == Level.COUNTY else Level.VILLAGE
    return parent_level


def needs_credit_code(kind: str) -> bool:
    """Every body has its own unified social credit code; internal units have none (DIS-03)."""
    return kind != Kind.UNIT
