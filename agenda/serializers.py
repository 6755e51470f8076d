"""REST shapes of the agenda app: output serializers for the archive and input serializers that only
parse requests (the services validate and decide)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from agenda.models import (
    AgendaItem,
    Document,
    DocumentKind,
    DocumentVersion,
    ExplanationSession,
    ItemKind,
    Official,
    Promise,
    Question,
    QuestionStep,
    QuestionTopic,
    SessionRespondent,
    SpeakerRequest,
)
from agenda.selectors.documents import document_file_url
from agenda.selectors.questioning import explanation_notice_short, promise_status
from sessions_app.models import Council, Person, Session, Sitting


class AgendaItemSerializer(serializers.ModelSerializer[Any]):
    class Meta:
        model = AgendaItem
        fields = [
            "id",
            "session",
            "sitting",
            "parent",
            "order",
            "kind",
            "title",
            "description",
            "presenter_person",
            "presenter_official",
            "presenter_name",
            "planned_minutes",
            "is_public",
            "state",
            "started_at",
            "ended_at",
            "deferred_from",
        ]


class AgendaItemInput(serializers.Serializer[Any]):
    session = serializers.PrimaryKeyRelatedField(queryset=Session.objects.all())
    title = serializers.CharField(max_length=300)
    kind = serializers.ChoiceField(choices=ItemKind.choices, default=ItemKind.OTHER)
    parent = serializers.PrimaryKeyRelatedField(queryset=AgendaItem.objects.all(), required=False, allow_null=True)
    position = serializers.IntegerField(min_value=0, required=False, allow_null=True)
    sitting = serializers.PrimaryKeyRelatedField(queryset=Sitting.objects.all(), required=False, allow_null=True)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    presenter_person = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.all(), required=False, allow_null=True
    )
    presenter_official = serializers.PrimaryKeyRelatedField(
        queryset=Official.objects.all(), required=False, allow_null=True
    )
    presenter_name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    planned_minutes = serializers.IntegerField(min_value=1, max_value=1440, required=False, allow_null=True)
    is_public = serializers.BooleanField(default=True)


class AgendaItemUpdateInput(serializers.Serializer[Any]):
    title = serializers.CharField(max_length=300, required=False)
    kind = serializers.ChoiceField(choices=ItemKind.choices, required=False)
    description = serializers.CharField(required=False, allow_blank=True)
    sitting = serializers.PrimaryKeyRelatedField(queryset=Sitting.objects.all(), required=False, allow_null=True)
    presenter_person = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.all(), required=False, allow_null=True
    )
    presenter_official = serializers.PrimaryKeyRelatedField(
        queryset=Official.objects.all(), required=False, allow_null=True
    )
    presenter_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    planned_minutes = serializers.IntegerField(min_value=1, max_value=1440, required=False, allow_null=True)
    is_public = serializers.BooleanField(required=False)


class DocumentVersionSerializer(serializers.ModelSerializer[Any]):
    url = serializers.SerializerMethodField()

    class Meta:
        model = DocumentVersion
        fields = ["number", "content_type", "size", "sha256", "original_name", "uploaded_at", "url"]

    def get_url(self, version: DocumentVersion) -> str:
        return document_file_url(version)


class DocumentSerializer(serializers.ModelSerializer[Any]):
    versions = DocumentVersionSerializer(many=True, read_only=True)

    class Meta:
        model = Document
        fields = ["id", "item", "kind", "title", "is_public", "created_at", "versions"]


class DocumentInput(serializers.Serializer[Any]):
    item = serializers.PrimaryKeyRelatedField(queryset=AgendaItem.objects.all())
    title = serializers.CharField(max_length=300)
    kind = serializers.ChoiceField(choices=DocumentKind.choices, default=DocumentKind.OTHER)
    is_public = serializers.BooleanField(default=False)
    file = serializers.FileField(allow_empty_file=True)


class DocumentUpdateInput(serializers.Serializer[Any]):
    title = serializers.CharField(max_length=300, required=False)
    kind = serializers.ChoiceField(choices=DocumentKind.choices, required=False)
    is_public = serializers.BooleanField(required=False)


class FileInput(serializers.Serializer[Any]):
    file = serializers.FileField(allow_empty_file=True)


class SpeakerRequestSerializer(serializers.ModelSerializer[Any]):
    person_name = serializers.CharField(source="person.full_name", read_only=True)
    session = serializers.IntegerField(source="item.session_id", read_only=True)

    class Meta:
        model = SpeakerRequest
        fields = [
            "id",
            "session",
            "item",
            "person",
            "person_name",
            "kind",
            "state",
            "position",
            "requested_at",
            "allowed_seconds",
            "started_at",
            "run_started_at",
            "elapsed_ms",
            "ended_at",
        ]


class SpeakingTimeSerializer(serializers.Serializer[Any]):
    person = serializers.IntegerField()
    name = serializers.CharField()
    speeches = serializers.IntegerField()
    spoken_ms = serializers.IntegerField()


class OfficialSerializer(serializers.ModelSerializer[Any]):
    class Meta:
        model = Official
        fields = ["id", "council", "full_name", "title", "agency"]


class OfficialInput(serializers.Serializer[Any]):
    council = serializers.PrimaryKeyRelatedField(queryset=Council.objects.all())
    full_name = serializers.CharField(max_length=120)
    title = serializers.CharField(max_length=200)
    agency = serializers.CharField(max_length=200)


class SessionRespondentSerializer(serializers.ModelSerializer[Any]):
    official = OfficialSerializer(read_only=True)

    class Meta:
        model = SessionRespondent
        fields = ["id", "session", "official", "position"]


class SessionRespondentInput(serializers.Serializer[Any]):
    session = serializers.PrimaryKeyRelatedField(queryset=Session.objects.all())
    official = serializers.PrimaryKeyRelatedField(queryset=Official.objects.all())


class QuestionTopicSerializer(serializers.ModelSerializer[Any]):
    class Meta:
        model = QuestionTopic
        fields = ["id", "session", "item", "title", "position", "respondents"]


class QuestionTopicInput(serializers.Serializer[Any]):
    session = serializers.PrimaryKeyRelatedField(queryset=Session.objects.all())
    title = serializers.CharField(max_length=300)
    item = serializers.PrimaryKeyRelatedField(queryset=AgendaItem.objects.all(), required=False, allow_null=True)
    respondents = serializers.PrimaryKeyRelatedField(queryset=Official.objects.all(), many=True)


class QuestionIdsInput(serializers.Serializer[Any]):
    questions = serializers.ListField(child=serializers.IntegerField(min_value=1))


class QuestionStepSerializer(serializers.ModelSerializer[Any]):
    class Meta:
        model = QuestionStep
        fields = ["number", "kind", "person", "official", "allowed_seconds", "started_at", "elapsed_ms", "ended_at"]


class QuestionSerializer(serializers.ModelSerializer[Any]):
    steps = QuestionStepSerializer(many=True, read_only=True)
    asker_name = serializers.CharField(source="asker.full_name", read_only=True)
    respondent_detail = OfficialSerializer(source="respondent", read_only=True)

    class Meta:
        model = Question
        fields = [
            "id",
            "session",
            "asker",
            "asker_name",
            "respondent",
            "respondent_detail",
            "topic",
            "text",
            "status",
            "source",
            "position",
            "registered_at",
            "on_floor",
            "written_due",
            "written_answer",
            "written_answered_at",
            "resolution_id",
            "resolution_number",
            "steps",
        ]


class ToWritingInput(serializers.Serializer[Any]):
    session = serializers.PrimaryKeyRelatedField(queryset=Session.objects.all())
    sitting = serializers.PrimaryKeyRelatedField(queryset=Sitting.objects.all())
    questions = serializers.ListField(child=serializers.IntegerField(min_value=1), required=False, allow_null=True)


class TextInput(serializers.Serializer[Any]):
    text = serializers.CharField(max_length=20000)


class PromiseSerializer(serializers.ModelSerializer[Any]):
    status = serializers.SerializerMethodField()
    official_detail = OfficialSerializer(source="official", read_only=True)

    class Meta:
        model = Promise
        fields = [
            "id",
            "session",
            "question",
            "official",
            "official_detail",
            "content",
            "due_date",
            "status",
            "created_at",
            "done_at",
            "report_text",
            "reported_at",
        ]

    def get_status(self, promise: Promise) -> str:
        return promise_status(promise)


class PromiseInput(serializers.Serializer[Any]):
    official = serializers.PrimaryKeyRelatedField(queryset=Official.objects.all())
    content = serializers.CharField(max_length=10000)
    due_date = serializers.DateField()
    question = serializers.PrimaryKeyRelatedField(queryset=Question.objects.all(), required=False, allow_null=True)
    session = serializers.PrimaryKeyRelatedField(queryset=Session.objects.all(), required=False, allow_null=True)


class PromiseReportInput(serializers.Serializer[Any]):
    text = serializers.CharField(max_length=20000)
    done = serializers.BooleanField()


class PromiseReportRowSerializer(PromiseSerializer):
    report = serializers.CharField()


class ExplanationSerializer(serializers.ModelSerializer[Any]):
    notice_short = serializers.SerializerMethodField()

    class Meta:
        model = ExplanationSession
        fields = [
            "id",
            "council",
            "session",
            "topic",
            "respondents",
            "held_on",
            "notice_date",
            "notice_short",
            "is_public",
            "conclusion",
            "concluded_at",
        ]

    def get_notice_short(self, explanation: ExplanationSession) -> bool:
        return explanation_notice_short(explanation)


class ExplanationInput(serializers.Serializer[Any]):
    council = serializers.PrimaryKeyRelatedField(queryset=Council.objects.all())
    session = serializers.PrimaryKeyRelatedField(queryset=Session.objects.all(), required=False, allow_null=True)
    topic = serializers.CharField(max_length=300)
    held_on = serializers.DateField()
    notice_date = serializers.DateField()
    respondents = serializers.PrimaryKeyRelatedField(queryset=Official.objects.all(), many=True)
    is_public = serializers.BooleanField(default=True)


class ExplanationUpdateInput(serializers.Serializer[Any]):
    topic = serializers.CharField(max_length=300, required=False)
    held_on = serializers.DateField(required=False)
    notice_date = serializers.DateField(required=False)
    is_public = serializers.BooleanField(required=False)


class ConclusionInput(serializers.Serializer[Any]):
    conclusion = serializers.CharField(max_length=20000)
