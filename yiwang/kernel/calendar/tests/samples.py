"""Sample data shared by the calendar tests."""

from __future__ import annotations

from datetime import date
from typing import Any

from yiwang.kernel.calendar import sources

# The first year the installed chinesecalendar has no data for (2027 with version 1.11).
MISSING = sources.package_years().stop

# A year's schedule as an administrator types it from the State Council notice (dates of the 2027
# pattern; the year follows MISSING so the tests keep working when the package gains a year).
SCHEDULE = """
Y-01-01至Y-01-03 休 元旦
Y-02-06至Y-02-13 休 春节
Y-02-14 班 春节调休
Y-02-20 班 春节调休
Y-04-03至Y-04-05 休 清明节
Y-04-25 班 劳动节调休
Y-05-01至Y-05-05 休 劳动节
Y-06-09 休 端午节
Y-09-15 休 中秋节
Y-09-26 班 国庆节调休
Y-10-01至Y-10-07 休 国庆节
Y-10-09 班 国庆节调休
""".replace("Y-", f"{MISSING}-")

SOURCE: dict[str, Any] = {
    "source_document": f"国务院办公厅关于{MISSING}年部分节假日安排的通知",
    "source_number": f"国办发明电〔{MISSING - 1}〕7号",
    "source_date": date(2026, 11, 3),
}
