"""REST shapes of the emulation score sheets (thang điểm thi đua): sheets, criteria, hand assessments and the
sheet table with its totals and ranks."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from activity.models import (
    Criterion,
    CriterionMethod,
    CriterionSection,
    Evidence,
    ScoreEntry,
    ScoreSheet,
    ScoreTarget,
    SheetStatus,
    TargetKind,
    TieRule,
)
from activity.serializers.common import COUNT_MAX, TEXT_MAX, council_field, optional_text, published_as, year_field
from core.writes import RowRef
from sessions_app.archive import IdField


class ScoreSheetQuery(serializers.Serializer):
    council = IdField("Only sheets of this scoring council")
    year = year_field(required=False)
    target_kind = serializers.ChoiceField(choices=TargetKind.choices, required=False)
    status = serializers.ChoiceField(choices=SheetStatus.choices, required=False)


class ScoreSheetSerializer(serializers.ModelSerializer):
    council_name = serializers.CharField(source="council.name", read_only=True)

    class Meta:
        model = ScoreSheet
        fields = [
            "id",
            "council",
            "council_name",
            "year",
            "target_kind",
            "title",
            "bonus_cap",
            "tie_rule",
            "status",
            "based_on",
            "created_at",
            "ranked_at",
            "ranking_stale",
            "locked_at",
            "published_at",
        ]


class SheetRef(serializers.Serializer):
    # The sheet of the URL (``core.writes``: the write's target); no docstring: it would describe the bodies.
    sheet = RowRef(ScoreSheet, scope=None)


class ScoreSheetInput(serializers.Serializer):
    council = council_field(help_text="The scoring council")
    year = year_field()
    target_kind = serializers.ChoiceField(choices=TargetKind.choices)
    title = serializers.CharField(max_length=300)
    bonus_cap = serializers.DecimalField(
        max_digits=6, decimal_places=2, required=False, help_text="Most bonus points counted"
    )
    tie_rule = serializers.ChoiceField(choices=TieRule.choices, required=False)


@published_as("ScoreSheetUpdateInput")
class ScoreSheetUpdateInput(SheetRef):
    title = serializers.CharField(max_length=300, required=False)
    bonus_cap = serializers.DecimalField(max_digits=6, decimal_places=2, required=False)
    tie_rule = serializers.ChoiceField(choices=TieRule.choices, required=False)


@published_as("ScoreSheetCopyInput")
class ScoreSheetCopyInput(SheetRef):
    year = year_field(help_text="The year of the new sheet")
    title = optional_text(300, help_text="Defaults to this sheet's title with the year replaced")


class IdRelatedField(serializers.PrimaryKeyRelatedField):
    """Reads an id into the object; writes the id of an object, or a plain id (the rows of ``sheet_table``)."""

    def to_representation(self, value: Any) -> Any:
        return value if isinstance(value, int) else value.pk


class CriterionSerializer(serializers.Serializer):
    """A line of a score sheet, as a row of the sheet table (numbered "1", "1.2", bonus "T1", deduction "Tr1").
    The same shape creates (``sheet`` required) and changes criteria. ``rule`` is required for computed
    criteria and ignored otherwise; see docs/activity.md for its forms."""

    id = serializers.IntegerField(read_only=True)
    sheet = serializers.PrimaryKeyRelatedField(
        queryset=ScoreSheet.objects.all(),
        write_only=True,
        help_text="The sheet (when creating; a criterion stays on its sheet)",
    )
    parent = IdRelatedField(
        queryset=Criterion.objects.all(), required=False, allow_null=True, help_text="The criteria group it belongs to"
    )
    number = serializers.CharField(read_only=True)
    depth = serializers.IntegerField(read_only=True)
    position = serializers.IntegerField(
        min_value=0, max_value=COUNT_MAX, required=False, help_text="Order among its siblings (default: last)"
    )
    title = serializers.CharField(max_length=300)
    description = optional_text(TEXT_MAX)
    section = serializers.ChoiceField(choices=CriterionSection.choices, default=CriterionSection.REGULAR)
    method = serializers.ChoiceField(choices=CriterionMethod.choices, default=CriterionMethod.MANUAL)
    max_points = serializers.DecimalField(max_digits=6, decimal_places=2)
    rule = serializers.JSONField(
        required=False,
        allow_null=True,
        default=None,
        help_text='e.g. {"type": "per_unit", "statistic": "supervision_missions", "points": "2", "per": 1}',
    )
    rule_text = serializers.CharField(read_only=True, help_text="The rule in words")


@published_as("Criterion")
class CriterionUpdateInput(CriterionSerializer):
    # A change of the URL's criterion: only the fields sent (its body is described by CriterionSerializer's doc).
    criterion = RowRef(Criterion, scope=None)


class ScoreEntrySerializer(serializers.ModelSerializer):
    source = serializers.CharField(read_only=True, help_text="computed (from the statistics) or manual (by hand)")

    class Meta:
        model = ScoreEntry
        fields = ["id", "target", "criterion", "points", "source", "statistic_value", "note", "evidence", "assessed_at"]


@published_as("ScoreEntryInput")
class ScoreEntryInput(SheetRef):
    target = serializers.PrimaryKeyRelatedField(queryset=ScoreTarget.objects.all())
    criterion = serializers.PrimaryKeyRelatedField(queryset=Criterion.objects.all())
    points = serializers.DecimalField(max_digits=6, decimal_places=2, help_text="0 … the criterion's maximum")
    note = optional_text(TEXT_MAX)
    evidence = serializers.PrimaryKeyRelatedField(
        queryset=Evidence.objects.all(),
        many=True,
        required=False,
        help_text="Evidence files (kept as they are when left out)",
    )


class TotalsSerializer(serializers.Serializer):
    base = serializers.DecimalField(max_digits=8, decimal_places=2, help_text="Regular criteria")
    bonus = serializers.DecimalField(max_digits=8, decimal_places=2, help_text="Bonus, within the sheet's cap")
    deduction = serializers.DecimalField(max_digits=8, decimal_places=2)
    total = serializers.DecimalField(max_digits=8, decimal_places=2, help_text="base + bonus - deduction")


class ScoreResultSerializer(TotalsSerializer):
    rank = serializers.IntegerField()
    section_points = serializers.ListField(
        child=serializers.CharField(), help_text="Points of the top-level regular criteria, in order"
    )


class TargetRowSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    label = serializers.CharField()
    council = serializers.IntegerField(allow_null=True)
    committee = serializers.IntegerField(allow_null=True)
    group = serializers.IntegerField(allow_null=True)
    person = serializers.IntegerField(allow_null=True)
    points = serializers.DictField(
        child=serializers.DecimalField(max_digits=8, decimal_places=2),
        help_text="Criterion id → points (a group's within its maximum)",
    )
    entries = serializers.DictField(child=ScoreEntrySerializer(), help_text="Criterion id → its score entry")
    current = TotalsSerializer(help_text="Totals from the points as they are now")
    result = ScoreResultSerializer(allow_null=True, help_text="Totals and rank as of the last ranking")


class ScoreTableSerializer(serializers.Serializer):
    sheet = ScoreSheetSerializer()
    criteria = CriterionSerializer(many=True)
    targets = TargetRowSerializer(many=True, help_text="By rank once ranked, else by name")
    max_points = serializers.DecimalField(
        max_digits=8, decimal_places=2, help_text="Sum of the regular criteria's maxima"
    )
