"""Admin pages of the activity app. Score sheets are built and scored in their own screens (through the
services, which audit every change); here their state and results are read-only."""

from django.contrib import admin

from activity.models import (
    AnsweringAgency,
    CitizenReception,
    Criterion,
    Evidence,
    GoodPractice,
    ScoreEntry,
    ScoreResult,
    ScoreSheet,
    ScoreTarget,
    SupervisionMission,
    Survey,
    VoterMeeting,
    VoterPetition,
)


@admin.register(SupervisionMission)
class SupervisionMissionAdmin(admin.ModelAdmin):
    list_display = ["title", "council", "committee", "start_date", "report_due", "report_submitted_on"]
    list_filter = ["council"]
    search_fields = ["title"]


@admin.register(VoterPetition)
class VoterPetitionAdmin(admin.ModelAdmin):
    list_display = ["code", "content", "council", "session", "agency", "status", "received_on", "answered_on"]
    list_filter = ["status", "field", "authority_level", "council"]
    # Numbered, assigned and answered through the services (audited): read-only here.
    readonly_fields = ["year", "number", "status", "status_changed_on", "agency", "assigned_on", "answered_on"]
    search_fields = ["content"]


@admin.register(AnsweringAgency)
class AnsweringAgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "council", "active"]
    list_filter = ["council", "active"]
    search_fields = ["name"]


@admin.register(CitizenReception, Survey, VoterMeeting, GoodPractice)
class ActivityRecordAdmin(admin.ModelAdmin):
    list_filter = ["council"]


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    list_display = ["title", "council", "content_type", "size", "uploaded_at"]
    readonly_fields = ["content_type", "size", "sha256", "uploaded_at", "uploaded_by"]


class CriterionInline(admin.TabularInline):
    model = Criterion
    fields = ["parent", "position", "title", "section", "method", "max_points", "rule"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(ScoreSheet)
class ScoreSheetAdmin(admin.ModelAdmin):
    list_display = ["title", "council", "year", "target_kind", "status", "ranked_at", "locked_at", "published_at"]
    list_filter = ["status", "year", "target_kind"]
    readonly_fields = ["status", "ranked_at", "ranking_stale", "locked_at", "published_at", "based_on", "created_at"]
    inlines = [CriterionInline]


@admin.register(Criterion, ScoreTarget, ScoreEntry, ScoreResult)
class ScoreReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
