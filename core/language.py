"""Vietnamese by default, whatever the browser's Accept-Language says; English only when the user chose it
(the language cookie set by ``/i18n/setlang/``, or ``?lang=en`` on the URL, which the stream's socket also
honours). Replaces Django's ``LocaleMiddleware``, which would follow Accept-Language."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


def language_chosen(request: HttpRequest) -> str:
    """The language the user chose (query, then cookie), else the council's (``LANGUAGE_CODE``)."""
    for wanted in (request.GET.get("lang", ""), request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")):
        if wanted in LANGUAGE_CODES:
            return wanted
    return settings.LANGUAGE_CODE


class LanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = language_chosen(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response
