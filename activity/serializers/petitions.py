"""REST shapes of voter petitions (kiến nghị cử tri), their answering agencies and a session's petition figures."""

from __future__ import annotations

from rest_framework import serializers

from activity.models import (
    AnsweringAgency,
    AuthorityLevel,
    PetitionField,
    PetitionStatus,
    SessionPhase,
    VoterMeeting,
    VoterPetition,
)
from activity.serializers.common import TEXT_MAX, RecordQuery, WordingSerializer, council_field, optional_text
from sessions_app.archive import IdField
from sessions_app.models import Session


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
    council = council_field()
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
    answer_document = optional_text(200, help_text="e.g. 'Công văn số 123/UBND-TH'")


class AgencySerializer(serializers.ModelSerializer):
    class Meta:
        model = AnsweringAgency
        fields = ["id", "council", "name", "short_name", "active"]


class AgencyInput(serializers.Serializer):
    council = council_field()
    name = serializers.CharField(max_length=200)
    short_name = optional_text(60)
    active = serializers.BooleanField(required=False, default=True)


class AgencyUpdateInput(AgencyInput):
    council = None


class AgencyQuery(RecordQuery):
    active = serializers.BooleanField(required=False, allow_null=True, default=None)


class PetitionStatusInput(serializers.Serializer):
    """The next step of a petition's answer; a petition is registered as received, so that is never a target."""

    status = serializers.ChoiceField(choices=[c for c in PetitionStatus.choices if c[0] != PetitionStatus.RECEIVED])
    on = serializers.DateField(help_text="Day of the change (YYYY-MM-DD)")
    response = optional_text(TEXT_MAX, help_text="The answer or result (kept when left empty)")


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
