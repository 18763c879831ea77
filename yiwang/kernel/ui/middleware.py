"""Language choice: Simplified Chinese unless the person has chosen English.

Django's ``LocaleMiddleware`` would follow the browser's ``Accept-Language`` header, so a workstation
with an English system would get English pages nobody asked for. Yiwang's working language is
Simplified Chinese; English is a choice made with the language switch (``/i18n/setlang/``), which
stores it in the language cookie.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


def chosen_language(request: HttpRequest) -> str:
    """The language from the language cookie when it names a supported language, else the default."""
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if cookie:
        try:
            return translation.get_supported_language_variant(cookie)
        except LookupError:
            pass
    return settings.LANGUAGE_CODE


class ChosenLanguageMiddleware(LocaleMiddleware):
    """``LocaleMiddleware`` without ``Accept-Language``: the cookie or Simplified Chinese."""

    def process_request(self, request: HttpRequest) -> None:
        translation.activate(chosen_language(request))
        request.LANGUAGE_CODE = translation.get_language()
