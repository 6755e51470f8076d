"""REST shapes of the activity records (supervision, surveys, citizen reception, voter meetings, good practices)
and of evidence files. A correction's input names its record (``record``, the URL's object: ``core.writes``)
and leaves the council out: a record stays with its council; its REST body keeps the name OpenAPI published
(``published_as``)."""

from __future__ import annotations

from django.urls import reverse
from rest_framework import serializers

from activity.models import (
    CitizenReception,
    Evidence,
    GoodPractice,
    ReceptionKind,
    SupervisionMission,
    Survey,
    VoterMeeting,
)
from activity.serializers.common import (
    TEXT_MAX,
    RecordQuery,
    council_field,
    count_field,
    optional_text,
    people_field,
    published_as,
)
from core.writes import RowRef
from sessions_app.archive import IdField
from sessions_app.models import Committee, DelegateGroup


class DelegateRecordQuery(RecordQuery):
    delegate = IdField("Only records this delegate (person id) took part in")


class CommitteeRecordQuery(DelegateRecordQuery):
    committee = IdField("Only this committee")


class VoterMeetingQuery(DelegateRecordQuery):
    group = IdField("Only this delegate group")


class EvidenceQuery(serializers.Serializer):
    council = IdField("Only this council")
    good_practice = IdField("Only evidence of this good practice")


def _committee_field() -> serializers.PrimaryKeyRelatedField:
    return serializers.PrimaryKeyRelatedField(queryset=Committee.objects.all(), required=False, allow_null=True)


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
    council = council_field()
    committee = _committee_field()
    title = serializers.CharField(max_length=300)
    field = optional_text(120)
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    report_due = serializers.DateField(required=False, allow_null=True)
    report_submitted_on = serializers.DateField(required=False, allow_null=True)
    conclusion = optional_text(TEXT_MAX)
    delegates = people_field()


@published_as("SupervisionUpdateInput")
class SupervisionUpdateInput(SupervisionInput):
    council = None  # a record stays with its council
    record = RowRef(SupervisionMission, scope=None)


class SurveySerializer(serializers.ModelSerializer):
    class Meta:
        model = Survey
        fields = ["id", "council", "committee", "title", "date", "place", "delegates"]


class SurveyInput(serializers.Serializer):
    council = council_field()
    committee = _committee_field()
    title = serializers.CharField(max_length=300)
    date = serializers.DateField()
    place = optional_text(200)
    delegates = people_field()


@published_as("SurveyUpdateInput")
class SurveyUpdateInput(SurveyInput):
    council = None
    record = RowRef(Survey, scope=None)


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
    council = council_field()
    date = serializers.DateField()
    kind = serializers.ChoiceField(
        ReceptionKind.choices,
        default=ReceptionKind.PERIODIC,
        help_text="periodic (định kỳ) or regular/daily (thường xuyên)",
    )
    citizens_received = count_field(help_text="Citizens received (lượt công dân)")
    opinions_received = count_field(
        required=False, default=0, help_text="Opinions, petitions and reflections heard (ý kiến, kiến nghị, phản ánh)"
    )
    petitions_received = count_field(required=False, default=0, help_text="Written complaints received (đơn thư)")
    place = optional_text(200)
    note = optional_text(TEXT_MAX)
    delegates = people_field()


@published_as("CitizenReceptionUpdateInput")
class CitizenReceptionUpdateInput(CitizenReceptionInput):
    council = None
    record = RowRef(CitizenReception, scope=None)


class VoterMeetingSerializer(serializers.ModelSerializer):
    class Meta:
        model = VoterMeeting
        fields = ["id", "council", "group", "date", "place", "voters_attending", "petitions_raised", "delegates"]


class VoterMeetingInput(serializers.Serializer):
    council = council_field()
    group = serializers.PrimaryKeyRelatedField(queryset=DelegateGroup.objects.all(), required=False, allow_null=True)
    date = serializers.DateField()
    voters_attending = count_field()
    petitions_raised = count_field(required=False, default=0)
    place = optional_text(200)
    delegates = people_field()


@published_as("VoterMeetingUpdateInput")
class VoterMeetingUpdateInput(VoterMeetingInput):
    council = None
    record = RowRef(VoterMeeting, scope=None)


class GoodPracticeSerializer(serializers.ModelSerializer):
    class Meta:
        model = GoodPractice
        fields = ["id", "council", "title", "description", "recognized_on"]


class GoodPracticeInput(serializers.Serializer):
    council = council_field()
    title = serializers.CharField(max_length=300)
    description = serializers.CharField(max_length=TEXT_MAX)
    recognized_on = serializers.DateField()


@published_as("GoodPracticeUpdateInput")
class GoodPracticeUpdateInput(GoodPracticeInput):
    council = None
    record = RowRef(GoodPractice, scope=None)


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
    council = council_field()
    title = optional_text(300, help_text="Defaults to the file's name")
    good_practice = serializers.PrimaryKeyRelatedField(
        queryset=GoodPractice.objects.all(), required=False, allow_null=True
    )
    file = serializers.FileField(allow_empty_file=True, help_text="PDF, DOCX, XLSX, PNG or JPEG, recognised by content")
