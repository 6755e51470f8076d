from django.contrib import admin

from agenda.models import AgendaItem, Document, ExplanationSession, Official, Promise, Question


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    list_display = ["title", "session", "sitting", "kind", "state", "is_public"]
    list_filter = ["kind", "state", "is_public"]
    search_fields = ["title"]
    readonly_fields = ["state", "started_at", "ended_at", "deferred_from"]


@admin.register(Official)
class OfficialAdmin(admin.ModelAdmin):
    list_display = ["full_name", "title", "agency", "council"]
    search_fields = ["full_name", "agency"]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["session", "asker", "respondent", "status", "written_due"]
    list_filter = ["status"]
    readonly_fields = ["status", "on_floor", "registered_at", "written_answered_at"]


@admin.register(Promise)
class PromiseAdmin(admin.ModelAdmin):
    list_display = ["official", "due_date", "status", "reported_at"]
    list_filter = ["status"]


admin.site.register(Document)
admin.site.register(ExplanationSession)
