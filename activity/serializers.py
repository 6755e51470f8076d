"""REST shapes of the activity app: output serializers of the records, statistics and score sheets, and input
serializers that only parse requests (the services validate and decide).

Statistics serializers are built from ``STATISTICS``, so the schema documents every figure the selectors
count, with its Vietnamese and English label, and cannot fall behind the catalogue."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import timezone
from rest_framework import serializers

from activity.models import (
    AnsweringAgency,
    AuthorityLevel,
    CitizenReception,
    Criterion,
    CriterionMethod,
    CriterionSection,
    Evidence,
    GoodPractice,
    PetitionField,
    PetitionStatus,
    ReceptionKind,
    ScoreEntry,
    ScoreSheet,
    ScoreTarget,
    SessionPhase,
    SheetStatus,
    SupervisionMission,
    Survey,
    TargetKind,
    TieRule,
    VoterMeeting,
    VoterPetition,
)
from activity.periods import Period
from activity.selectors.statistics import COMMITTEE, COUNCIL, DELEGATE, GROUP, STATISTICS
from sessions_app.archive import IdField
from sessions_app.models import Committee, Council, DelegateGroup, Person, Session

SUBJECTS = [COUNCIL, COMMITTEE, GROUP, DELEGATE]
UNITS = ["count", "percent", "minutes"]
YEAR_MIN, YEAR_MAX = 1945, 2200  # the years ``activity.periods`` reads
COUNT_MAX = 2**31 - 1  # the database's positive integer columns
TEXT_MAX = 20000


def _year_field(**kwargs: Any) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=YEAR_MIN, max_value=YEAR_MAX, **kwargs)


def _count_field(**kwargs: Any) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=0, max_value=COUNT_MAX, **kwargs)


def _people_field() -> serializers.PrimaryKeyRelatedField:
    return serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.all(), many=True, required=False, help_text="Delegates who took part (ids of people)"
    )


# Query parameters ----------------------------------------------------------------------------------------------


class PeriodQuery(serializers.Serializer):
    """A statistics period: ``year`` (with ``half``), or ``start`` and ``end``; see ``activity.periods``."""

    year = _year_field(required=False, help_text="A calendar year, e.g. 2026")
    half = serializers.ChoiceField(
        choices=["1", "2"], required=False, help_text="With year: 1 = January-June, 2 = July-December"
    )
    start = serializers.DateField(required=False, help_text="First day (YYYY-MM-DD), with end; not with year")
    end = serializers.DateField(required=False, help_text="Last day (YYYY-MM-DD), inclusive, with start")


class RecordQuery(serializers.Serializer):
    """Filters of a list of records (the period comes with ``PeriodQuery``)."""

    council = IdField("Only this council")


class DelegateRecordQuery(RecordQuery):
    delegate = IdField("Only records this delegate (person id) took part in")


class CommitteeRecordQuery(DelegateRecordQuery):
    committee = IdField("Only this committee")


class VoterMeetingQuery(DelegateRecordQuery):
    group = IdField("Only this delegate group")


class PetitionQuery(RecordQuery):
    meeting = IdField("Only petitions raised at this voter meeting")
    status = serializers.ChoiceField(choices=PetitionStatus.choices, required=False)
    field = serializers.ChoiceField(choices=PetitionField.choices, required=False)
    authority_level = serializers.ChoiceField(choices=AuthorityLevel.choices, required=False)
    session = IdField("Only petitions collected for this session")
    session_phase = serializers.ChoiceField(
        choices=SessionPhase.choices, required=False, help_text="Collected before or after the session"
    )
    agency = IdField("Only petitions assigned to this answering agency")
    code = serializers.CharField(
        required=False, max_length=40, help_text="A petition's code ('KN-2026-0012', '2026/12') or number ('12')"
    )
    search = serializers.CharField(
        required=False,
        max_length=200,
        help_text="Words in the code, content, answer, answering document or agency; diacritics and case ignored",
    )


class EvidenceQuery(serializers.Serializer):
    council = IdField("Only this council")
    good_practice = IdField("Only evidence of this good practice")


class ScoreSheetQuery(serializers.Serializer):
    council = IdField("Only sheets of this scoring council")
    year = _year_field(required=False)
    target_kind = serializers.ChoiceField(choices=TargetKind.choices, required=False)
    status = serializers.ChoiceField(choices=SheetStatus.choices, required=False)


class TrendQuery(serializers.Serializer):
    """Years ``from`` … ``to`` (at most ``TREND_YEARS_MAX``); by default the last five up to this year.
    ``from`` is a Python keyword, hence ``get_fields``."""

    TREND_YEARS_MAX = 20

    def get_fields(self) -> dict[str, serializers.Field]:
        return {
            "from": _year_field(required=False, help_text="First year (default: four years before 'to')"),
            "to": _year_field(required=False, help_text="Last year (default: this year)"),
        }

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        this_year = timezone.localdate().year
        last = data.get("to", max(this_year, data.get("from", this_year)))
        first = data.get("from", max(YEAR_MIN, last - 4))
        Period(dt.date(first, 1, 1), dt.date(last, 12, 31))  # raises statistics.period_invalid when 'to' < 'from'
        if last - first + 1 > self.TREND_YEARS_MAX:
            raise serializers.ValidationError({"to": f"at most {self.TREND_YEARS_MAX} years from 'from'"})
        return {"years": list(range(first, last + 1))}


# Activity records -----------------------------------------------------------------------------------------------


class SupervisionSerializer(serializers.ModelSerializer):
    class Meta:
        model = SupervisionMission
        fields = [
            "id",
            "council",
            "committee",
            "title",
            "field",
            "start_date",
            "end_date",
            "report_due",
            "report_submitted_on",
            "conclusion",
            "delegates",
        ]


class SupervisionInput(serializers.Serializer):
    council = serializers.PrimaryKeyRelatedField(queryset=Council.objects.all())
    committee = serializers.PrimaryKeyRelatedField(queryset=Committee.objects.all(), required=False, allow_null=True)
    title = serializers.CharField(max_length=300)
    field = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    report_due = serializers.DateField(required=False, allow_null=True)
    report_submitted_on = serializers.DateField(required=False, allow_null=True)
    conclusion = serializers.CharField(max_length=TEXT_MAX, required=False, allow_blank=True, default="")
    delegates = _people_field()


class SupervisionUpdateInput(SupervisionInput):
    council = None  # a record stays with its council


class SurveySerializer(serializers.ModelSerializer):
    class Meta:
        model = Survey
        fields = ["id", "council", "committee", "title", "date", "place", "delegates"]


class SurveyInput(serializers.Serializer):
    council = serializers.PrimaryKeyRelatedField(queryset=Council.objects.all())
    committee = serializers.PrimaryKeyRelatedField(queryset=Committee.objects.all(), required=False, allow_null=True)
    title = serializers.CharField(max_length=300)
    date = serializers.DateField()
    place = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    delegates = _people_field()


class SurveyUpdateInput(SurveyInput):
    council = None


class CitizenReceptionSerializer(serializers.ModelSerializer):
    class Meta:
        model = CitizenReception
        fields = [
            "id",
            "council",
            "kind",
            "date",
            "place",
            "citizens_received",
            "opinions_received",
            "petitions_received",
            "note",
            "delegates",
        ]


class CitizenReceptionInput(serializers.Serializer):
    council = serializers.PrimaryKeyRelatedField(queryset=Council.objects.all())
    date = serializers.DateField()
    kind = serializers.ChoiceField(
        ReceptionKind.choices,
        default=ReceptionKind.PERIODIC,
        help_text="periodic (định kỳ) or regular/daily (thường xuyên)",
    )
    citizens_received = _count_field(help_text="Citizens received (lượt công dân)")
    opinions_received = _count_field(
        required=False, default=0, help_text="Opinions, petitions and reflections heard (ý kiến, kiến nghị, phản ánh)"
    )
    petitions_received = _count_field(required=False, default=0, help_text="Written complaints received (đơn thư)")
    place = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    note = serializers.CharField(max_length=TEXT_MAX, required=False, allow_blank=True, default="")
    delegates = _people_field()


class CitizenReceptionUpdateInput(CitizenReceptionInput):
    council = None


class VoterMeetingSerializer(serializers.ModelSerializer):
    class Meta:
        model = VoterMeeting
        fields = ["id", "council", "group", "date", "place", "voters_attending", "petitions_raised", "delegates"]


class VoterMeetingInput(serializers.Serializer):
    council = serializers.PrimaryKeyRelatedField(queryset=Council.objects.all())
    group = serializers.PrimaryKeyRelatedField(queryset=DelegateGroup.objects.all(), required=False, allow_null=True)
    date = serializers.DateField()
    voters_attending = _count_field()
    petitions_raised = _count_field(required=False, default=0)
    place = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    delegates = _people_field()


class VoterMeetingUpdateInput(VoterMeetingInput):
    council = None


class PetitionSerializer(serializers.ModelSerializer):
    code = serializers.CharField(read_only=True, help_text="'KN-2026-0012': number in the council and year")
    agency_name = serializers.CharField(source="agency.name", default="", read_only=True)
    session_title = serializers.CharField(source="session.title", default="", read_only=True)

    class Meta:
        model = VoterPetition
        fields = [
            "id",
            "code",
            "year",
            "number",
            "council",
            "session",
            "session_title",
            "session_phase",
            "meeting",
            "content",
            "field",
            "authority_level",
            "status",
            "received_on",
            "status_changed_on",
            "agency",
            "agency_name",
            "assigned_on",
            "response",
            "answered_on",
            "answer_document",
        ]


class PetitionInput(serializers.Serializer):
    council = serializers.PrimaryKeyRelatedField(queryset=Council.objects.all())
    meeting = serializers.PrimaryKeyRelatedField(queryset=VoterMeeting.objects.all(), required=False, allow_null=True)
    content = serializers.CharField(max_length=TEXT_MAX)
    field = serializers.ChoiceField(choices=PetitionField.choices, default=PetitionField.OTHER)
    authority_level = serializers.ChoiceField(choices=AuthorityLevel.choices)
    received_on = serializers.DateField()
    session = serializers.PrimaryKeyRelatedField(
        queryset=Session.objects.all(), required=False, allow_null=True, help_text="The session it was collected for"
    )
    session_phase = serializers.ChoiceField(
        choices=SessionPhase.choices, required=False, allow_blank=True, default="", help_text="With session"
    )
    agency = serializers.PrimaryKeyRelatedField(
        queryset=AnsweringAgency.objects.all(),
        required=False,
        allow_null=True,
        help_text="Assign it at once to this answering agency",
    )


class PetitionAssignInput(serializers.Serializer):
    agency = serializers.PrimaryKeyRelatedField(queryset=AnsweringAgency.objects.all())
    on = serializers.DateField(help_text="Day it was sent to the agency (YYYY-MM-DD)")


class PetitionAnswerInput(serializers.Serializer):
    status = serializers.ChoiceField(choices=[PetitionStatus.RESOLVED.value, PetitionStatus.EXPLAINED.value])
    answered_on = serializers.DateField(help_text="Date of the answer (YYYY-MM-DD)")
    answer = serializers.CharField(max_length=TEXT_MAX)
    answer_document = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default="", help_text="e.g. 'Công văn số 123/UBND-TH'"
    )


class AgencySerializer(serializers.ModelSerializer):
    class Meta:
        model = AnsweringAgency
        fields = ["id", "council", "name", "short_name", "active"]


class AgencyInput(serializers.Serializer):
    council = serializers.PrimaryKeyRelatedField(queryset=Council.objects.all())
    name = serializers.CharField(max_length=200)
    short_name = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")
    active = serializers.BooleanField(required=False, default=True)


class AgencyUpdateInput(AgencyInput):
    council = None


class AgencyQuery(RecordQuery):
    active = serializers.BooleanField(required=False, allow_null=True, default=None)


class PetitionStatusInput(serializers.Serializer):
    """The next step of a petition's answer; a petition is registered as received, so that is never a target."""

    status = serializers.ChoiceField(choices=[c for c in PetitionStatus.choices if c[0] != PetitionStatus.RECEIVED])
    on = serializers.DateField(help_text="Day of the change (YYYY-MM-DD)")
    response = serializers.CharField(
        max_length=TEXT_MAX,
        required=False,
        allow_blank=True,
        default="",
        help_text="The answer or result (kept when left empty)",
    )


class GoodPracticeSerializer(serializers.ModelSerializer):
    class Meta:
        model = GoodPractice
        fields = ["id", "council", "title", "description", "recognized_on"]


class GoodPracticeInput(serializers.Serializer):
    council = serializers.PrimaryKeyRelatedField(queryset=Council.objects.all())
    title = serializers.CharField(max_length=300)
    description = serializers.CharField(max_length=TEXT_MAX)
    recognized_on = serializers.DateField()


class GoodPracticeUpdateInput(GoodPracticeInput):
    council = None


class EvidenceSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="Download address of the file")

    class Meta:
        model = Evidence
        fields = [
            "id",
            "council",
            "good_practice",
            "title",
            "content_type",
            "size",
            "sha256",
            "original_name",
            "uploaded_at",
            "url",
        ]

    def get_url(self, evidence: Evidence) -> str:
        return reverse("activity-evidence-file", kwargs={"pk": evidence.pk})


class EvidenceInput(serializers.Serializer):
    council = serializers.PrimaryKeyRelatedField(queryset=Council.objects.all())
    title = serializers.CharField(
        max_length=300, required=False, allow_blank=True, default="", help_text="Defaults to the file's name"
    )
    good_practice = serializers.PrimaryKeyRelatedField(
        queryset=GoodPractice.objects.all(), required=False, allow_null=True
    )
    file = serializers.FileField(allow_empty_file=True, help_text="PDF, DOCX, XLSX, PNG or JPEG, recognised by content")


# Statistics ---------------------------------------------------------------------------------------------------


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


class WordingSerializer(serializers.Serializer):
    vi = serializers.CharField()
    en = serializers.CharField()


class CategoryCountSerializer(serializers.Serializer):
    category = serializers.CharField(allow_null=True, help_text="Code of /api/resolution-categories/; null: none")
    name = serializers.CharField()
    name_en = serializers.CharField()
    count = serializers.IntegerField()


class PeriodSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()
    label = serializers.CharField(help_text="As the reports write it: 'Năm 2026', '6 tháng đầu năm 2026' …")


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


# Score sheets ---------------------------------------------------------------------------------------------------


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


class ScoreSheetInput(serializers.Serializer):
    council = serializers.PrimaryKeyRelatedField(queryset=Council.objects.all(), help_text="The scoring council")
    year = _year_field()
    target_kind = serializers.ChoiceField(choices=TargetKind.choices)
    title = serializers.CharField(max_length=300)
    bonus_cap = serializers.DecimalField(
        max_digits=6, decimal_places=2, required=False, help_text="Most bonus points counted"
    )
    tie_rule = serializers.ChoiceField(choices=TieRule.choices, required=False)


class ScoreSheetUpdateInput(serializers.Serializer):
    title = serializers.CharField(max_length=300, required=False)
    bonus_cap = serializers.DecimalField(max_digits=6, decimal_places=2, required=False)
    tie_rule = serializers.ChoiceField(choices=TieRule.choices, required=False)


class ScoreSheetCopyInput(serializers.Serializer):
    year = _year_field(help_text="The year of the new sheet")
    title = serializers.CharField(
        max_length=300,
        required=False,
        allow_blank=True,
        default="",
        help_text="Defaults to this sheet's title with the year replaced",
    )


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
    description = serializers.CharField(max_length=TEXT_MAX, required=False, allow_blank=True, default="")
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


class ScoreEntrySerializer(serializers.ModelSerializer):
    source = serializers.CharField(read_only=True, help_text="computed (from the statistics) or manual (by hand)")

    class Meta:
        model = ScoreEntry
        fields = ["id", "target", "criterion", "points", "source", "statistic_value", "note", "evidence", "assessed_at"]


class ScoreEntryInput(serializers.Serializer):
    target = serializers.PrimaryKeyRelatedField(queryset=ScoreTarget.objects.all())
    criterion = serializers.PrimaryKeyRelatedField(queryset=Criterion.objects.all())
    points = serializers.DecimalField(max_digits=6, decimal_places=2, help_text="0 … the criterion's maximum")
    note = serializers.CharField(max_length=TEXT_MAX, required=False, allow_blank=True, default="")
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


class PhaseSummarySerializer(serializers.Serializer):
    total = serializers.IntegerField()
    received = serializers.IntegerField()
    in_progress = serializers.IntegerField()
    resolved = serializers.IntegerField()
    explained = serializers.IntegerField()
    resolved_percent = serializers.DecimalField(max_digits=5, decimal_places=2)
    wording = WordingSerializer()


class AgencyCountSerializer(serializers.Serializer):
    agency = serializers.IntegerField(allow_null=True)
    name = serializers.CharField()
    total = serializers.IntegerField()
    resolved = serializers.IntegerField()
    explained = serializers.IntegerField()


class SessionPetitionsSerializer(PhaseSummarySerializer):
    session = serializers.IntegerField()
    council = serializers.IntegerField()
    title = serializers.CharField()
    phases = serializers.DictField(child=PhaseSummarySerializer(), help_text="'before' and 'after' the session")
    agencies = AgencyCountSerializer(many=True)
