from typing import Any

from django.contrib import admin

from agenda.models import (
    AgendaItem,
    Document,
    DocumentVersion,
    ExplanationSession,
    Official,
    Promise,
    Question,
    QuestionStep,
    QuestionTopic,
    SessionRespondent,
    SpeakerRequest,
)
from sessions_app.admin import AuditedAdmin, ReadOnlyAdmin

CLOCK_FIELDS = ["allowed_seconds", "started_at", "run_started_at", "elapsed_ms", "ended_at"]


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # ModelAdmin is not subscriptable at run time
    list_display = ["title", "session", "sitting", "kind", "state", "is_public"]
    list_filter = ["kind", "state", "is_public"]
    search_fields = ["title"]
    readonly_fields = ["state", "started_at", "ended_at", "deferred_from"]


@admin.register(Official)
class OfficialAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # ModelAdmin is not subscriptable at run time
    list_display = ["full_name", "title", "agency", "council"]
    search_fields = ["full_name", "agency"]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # ModelAdmin is not subscriptable at run time
    list_display = ["session", "asker", "respondent", "status", "written_due"]
    list_filter = ["status"]
    readonly_fields = ["status", "on_floor", "registered_at", "written_answered_at"]


@admin.register(Promise)
class PromiseAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # ModelAdmin is not subscriptable at run time
    list_display = ["official", "due_date", "status", "reported_at"]
    list_filter = ["status"]


admin.site.register(Document)
admin.site.register(ExplanationSession)


@admin.register(SessionRespondent)
class SessionRespondentAdmin(AuditedAdmin):
    list_display = ["official", "session", "position"]
    list_filter = ["session__council"]
    list_select_related = ["official", "session"]
    search_fields = ["official__full_name", "official__agency"]


@admin.register(QuestionTopic)
class QuestionTopicAdmin(AuditedAdmin):
    list_display = ["title", "session", "item", "position"]
    list_filter = ["session__council"]
    search_fields = ["title"]
    filter_horizontal = ["respondents"]


@admin.register(SpeakerRequest)
class SpeakerRequestAdmin(AuditedAdmin):
    """The queue and the floor move through the console (services put them on the session stream)."""

    list_display = ["person", "item", "kind", "state", "position", "requested_at"]
    list_filter = ["state", "kind"]
    list_select_related = ["person", "item"]
    readonly_fields = ["item", "person", "state", "position", "requested_at", *CLOCK_FIELDS]

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False  # requests come from tablets and the console (speaker_request)


@admin.register(QuestionStep)
class QuestionStepAdmin(ReadOnlyAdmin):
    """The record of the live exchange (who spoke, how long); written only by the questioning services."""

    list_display = ["question", "number", "kind", "person", "official", "started_at", "ended_at"]
    list_filter = ["kind"]
    list_select_related = ["question__asker", "question__respondent", "person", "official"]


@admin.register(DocumentVersion)
class DocumentVersionAdmin(ReadOnlyAdmin):
    """Versions are added by upload (type checked by content, size limited, hashed); never edited."""

    list_display = ["document", "number", "content_type", "size", "original_name", "uploaded_at", "uploaded_by"]
    list_filter = ["content_type"]
    list_select_related = ["document", "uploaded_by"]
    search_fields = ["document__title", "original_name"]
