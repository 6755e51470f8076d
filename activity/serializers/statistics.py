"""REST shapes of the activity statistics. They are built from ``STATISTICS``, so the schema documents every
figure the selectors count, with its Vietnamese and English label, and cannot fall behind the catalogue."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from rest_framework import serializers

from activity.periods import Period
from activity.selectors.statistics import COMMITTEE, COUNCIL, DELEGATE, GROUP, STATISTICS
from activity.serializers.common import YEAR_MIN, PeriodSerializer, WordingSerializer, year_field

SUBJECTS = [COUNCIL, COMMITTEE, GROUP, DELEGATE]
UNITS = ["count", "percent", "minutes"]


class TrendQuery(serializers.Serializer):
    """Years ``from`` … ``to`` (at most ``TREND_YEARS_MAX``); by default the last five up to this year.
    ``from`` is a Python keyword, hence ``get_fields``."""

    TREND_YEARS_MAX = 20

    def get_fields(self) -> dict[str, serializers.Field]:
        return {
            "from": year_field(required=False, help_text="First year (default: four years before 'to')"),
            "to": year_field(required=False, help_text="Last year (default: this year)"),
        }

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        this_year = timezone.localdate().year
        last = data.get("to", max(this_year, data.get("from", this_year)))
        first = data.get("from", max(YEAR_MIN, last - 4))
        Period(dt.date(first, 1, 1), dt.date(last, 12, 31))  # raises statistics.period_invalid when 'to' < 'from'
        if last - first + 1 > self.TREND_YEARS_MAX:
            raise serializers.ValidationError({"to": f"at most {self.TREND_YEARS_MAX} years from 'from'"})
        return {"years": list(range(first, last + 1))}


def _figures(subject: str) -> dict[str, serializers.Field]:
    """One field per statistic counted for the subject: counts are integers, percentages and minutes decimals."""
    fields: dict[str, serializers.Field] = {}
    for key, spec in STATISTICS.items():
        if subject in spec.subjects:
            label = f"{spec.vi} / {spec.en}"
            fields[key] = (
                serializers.IntegerField(help_text=label)
                if spec.unit == "count"
                else serializers.DecimalField(max_digits=12, decimal_places=2, help_text=label)
            )
    return fields


class CategoryCountSerializer(serializers.Serializer):
    category = serializers.CharField(allow_null=True, help_text="Code of /api/resolution-categories/; null: none")
    name = serializers.CharField()
    name_en = serializers.CharField()
    count = serializers.IntegerField()


CouncilFiguresSerializer = type(
    "CouncilFiguresSerializer",
    (serializers.Serializer,),
    {
        "__doc__": "Every council-level figure of the period (keys of the statistics catalogue).",
        **_figures(COUNCIL),
        "petitions_wording": WordingSerializer(help_text="e.g. '109/139 kiến nghị đã giải quyết, đạt 78%'"),
        "resolutions_by_category": CategoryCountSerializer(many=True, help_text="Adopted resolutions per category"),
        "resolutions_wording": WordingSerializer(
            help_text="e.g. '35 nghị quyết, trong đó 4 nghị quyết về nhân sự, tổ chức bộ máy; …'"
        ),
    },
)

DelegateFiguresSerializer = type(
    "DelegateFiguresSerializer",
    (serializers.Serializer,),
    {
        "__doc__": "One delegate's record in the council over the period.",
        "person": serializers.IntegerField(),
        "name": serializers.CharField(),
        "seat": serializers.IntegerField(),
        **_figures(DELEGATE),
    },
)


class CouncilStatisticsSerializer(serializers.Serializer):
    council = serializers.IntegerField()
    name = serializers.CharField()
    period = PeriodSerializer()
    statistics = CouncilFiguresSerializer()


class DelegatesStatisticsSerializer(serializers.Serializer):
    council = serializers.IntegerField()
    name = serializers.CharField()
    period = PeriodSerializer()
    delegates = DelegateFiguresSerializer(many=True)


class TrendYearSerializer(CouncilFiguresSerializer):
    year = serializers.IntegerField()


class TrendSerializer(serializers.Serializer):
    council = serializers.IntegerField()
    name = serializers.CharField()
    years = TrendYearSerializer(many=True)


class ComparisonRowSerializer(CouncilFiguresSerializer):
    council = serializers.IntegerField()
    name = serializers.CharField()


class ComparisonSerializer(serializers.Serializer):
    council = serializers.IntegerField(help_text="The council whose councils directly under it are compared")
    name = serializers.CharField()
    period = PeriodSerializer()
    councils = ComparisonRowSerializer(many=True)


class StatisticSpecSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="What score-sheet rules name as 'statistic'")
    vi = serializers.CharField()
    en = serializers.CharField()
    subjects = serializers.ListField(
        child=serializers.ChoiceField(choices=SUBJECTS),
        help_text="What it is counted for: council, committee, group, delegate",
    )
    unit = serializers.ChoiceField(choices=UNITS)

    def to_representation(self, spec: Any) -> dict[str, Any]:
        return {
            "key": spec.key,
            "vi": spec.vi,
            "en": spec.en,
            "subjects": [s for s in SUBJECTS if s in spec.subjects],
            "unit": spec.unit,
        }
