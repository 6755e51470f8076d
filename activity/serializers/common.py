"""Fields and query filters shared by the activity app's serializers."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from sessions_app.archive import IdField
from sessions_app.models import Council, Person

YEAR_MIN, YEAR_MAX = 1945, 2200  # the years ``activity.periods`` reads
COUNT_MAX = 2**31 - 1  # the database's positive integer columns
TEXT_MAX = 20000


def year_field(**kwargs: Any) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=YEAR_MIN, max_value=YEAR_MAX, **kwargs)


def count_field(**kwargs: Any) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=0, max_value=COUNT_MAX, **kwargs)


def council_field(**kwargs: Any) -> serializers.PrimaryKeyRelatedField:
    return serializers.PrimaryKeyRelatedField(queryset=Council.objects.all(), **kwargs)


def people_field() -> serializers.PrimaryKeyRelatedField:
    return serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.all(), many=True, required=False, help_text="Delegates who took part (ids of people)"
    )


def optional_text(max_length: int, **kwargs: Any) -> serializers.CharField:
    """A text that may be left out or empty (then "")."""
    return serializers.CharField(max_length=max_length, required=False, allow_blank=True, default="", **kwargs)


def published_as(name: str) -> Any:
    """The OpenAPI name of a write's REST body: an input with the URL's object (``core.writes``' target) is
    published without it, as a subclass that inherits this name, the one the body had before the write was
    declared (OpenAPI clients in the field keep working)."""
    return extend_schema_serializer(component_name=name)


class PeriodQuery(serializers.Serializer):
    """A statistics period: ``year`` (with ``half``), or ``start`` and ``end``; see ``activity.periods``."""

    year = year_field(required=False, help_text="A calendar year, e.g. 2026")
    half = serializers.ChoiceField(
        choices=["1", "2"], required=False, help_text="With year: 1 = January-June, 2 = July-December"
    )
    start = serializers.DateField(required=False, help_text="First day (YYYY-MM-DD), with end; not with year")
    end = serializers.DateField(required=False, help_text="Last day (YYYY-MM-DD), inclusive, with start")


class RecordQuery(serializers.Serializer):
    """Filters of a list of records (the period comes with ``PeriodQuery``)."""

    council = IdField("Only this council")


class WordingSerializer(serializers.Serializer):
    vi = serializers.CharField()
    en = serializers.CharField()


class PeriodSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()
    label = serializers.CharField(help_text="As the reports write it: 'Năm 2026', '6 tháng đầu năm 2026' …")
