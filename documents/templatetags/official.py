"""The Decree 30/2020 header on the HTML print views: ``{% official_header council day number %}`` and
``{{ session.number|session_ordinal }}`` ("KỲ HỌP THỨ NHẤT")."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils import timezone

from documents import form

register = template.Library()


@register.inclusion_tag("documents/official_header.html")
def official_header(council: Any, day: dt.date | None = None, number: str = "") -> dict[str, Any]:
    return {
        "issuer": form.issuer_lines(council.name),
        "nation": form.NATION,
        "motto": form.MOTTO,
        "number": number,
        "date_line": form.date_line(form.place_of(council.place_name, council.name), day or timezone.localdate()),
    }


@register.filter
def session_ordinal(number: int) -> str:
    return form.session_ordinal(int(number))
