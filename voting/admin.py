"""Read-mostly admin: polls and resolutions are changed through services (audit + stream), so the admin
only shows them. Secret ballots are not shown at all."""

from django.contrib import admin

from voting.models import Poll, PollCandidate, PollOption, Resolution


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class OptionInline(admin.TabularInline):
    model = PollOption
    extra = 0
    can_delete = False
    readonly_fields = ["key", "label", "label_en", "position", "approves"]


class CandidateInline(admin.TabularInline):
    model = PollCandidate
    extra = 0
    can_delete = False
    readonly_fields = ["position", "name", "title", "agency"]


@admin.register(Poll)
class PollAdmin(ReadOnlyAdmin):
    list_display = ["title", "session", "kind", "method", "status", "cast_count", "eligible_count", "total_delegates"]
    list_filter = ["status", "kind", "method", "council"]
    search_fields = ["title"]
    inlines = [OptionInline, CandidateInline]
    exclude = ["eligible_person_ids"]


@admin.register(Resolution)
class ResolutionAdmin(ReadOnlyAdmin):
    list_display = ["number", "title", "council", "status", "published_at"]
    list_filter = ["status", "council"]
    search_fields = ["number", "title"]
