"""Levels and kinds of organizations, as data (the tree rules in `rules.py` are written in them)."""

from __future__ import annotations

from django.db import models


class Level(models.TextChoices):
    COUNTY = "county", "县级（市/县/区）"
    TOWN = "town", "乡镇（街道）"
    VILLAGE = "village", "村（社区）"


class Kind(models.TextChoices):
    GOVERNMENT = "government", "人民政府/街道办事处"
    DEPARTMENT = "department", "职能部门（委办局）"
    INSTITUTION = "institution", "直属机构/事业单位"
    COMMUNITY = "community", "村（居）民委员会"
    UNIT = "unit", "内设机构（股/科/大队/室）"
