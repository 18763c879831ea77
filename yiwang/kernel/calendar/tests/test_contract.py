from datetime import date

from django.urls import reverse

from yiwang.kernel.calendar.services import override_create
from yiwang.kernel.testing import SCRIPT
from yiwang.kernel.testing.contract import ModuleContract


class TestCalendarContract(ModuleContract):
    app_label = "calendar"
    url_kwargs = {"calendar_api:day": {"day": "2026-10-01"}, "calendar_api:crosscheck": {"year": 2026}}

    def hostile_pages(self, actor: object) -> list[str]:
        override_create(
            actor=actor,
            day=date(2026, 10, 9),
            is_working_day=False,
            reason=SCRIPT,
            source_document=SCRIPT,
            source_number="１２３",
            source_date=date(2026, 9, 1),
        )
        return [reverse("calendar:index") + "?year=2026"]
