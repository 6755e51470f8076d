"""Django admin of sessions_app, in Vietnamese. Every change made here is written to the audit chain;
the audit trail, stream log and login codes are read-only; statuses of sessions and sittings move only
through the live console (the services), so the session stream never misses a change."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.audit import audit_record
from sessions_app.forms import AdminLoginForm
from sessions_app.models import (
    Attendance,
    AuditEntry,
    AuditHead,
    Committee,
    Council,
    CouncilRole,
    DelegateGroup,
    LoginToken,
    Membership,
    Person,
    Session,
    SessionStream,
    Sitting,
    StreamEvent,
    Term,
    User,
)
from sessions_app.selectors import membership_conflict

admin.site.site_header = _("Nghị Trường — Quản trị")
admin.site.site_title = _("Nghị Trường")
admin.site.index_title = _("Quản trị hệ thống")
admin.site.login_form = AdminLoginForm  # the same lock-out as the log-in page (sessions_app.lockout)


def _council_id(obj: Any) -> int | None:
    if isinstance(obj, Council):
        return obj.pk
    for path in ("council_id", "session.council_id", "sitting.session.council_id"):
        value: Any = obj
        for part in path.split("."):
            value = getattr(value, part, None)
        if value is not None:
            return value
    return None


class AuditedAdmin(admin.ModelAdmin):
    """Records each admin save and delete in the hash-chained audit trail, in the same transaction."""

    def _audit(self, request, obj, action: str, changed: list[str]) -> None:
        audit_record(
            actor=request.user,
            action=f"admin.{action}",
            object_type=obj._meta.model_name,
            object_id=obj.pk,
            council_id=_council_id(obj),
            data={"fields": changed, "label": str(obj)[:200]},
        )

    def save_model(self, request, obj, form, change) -> None:
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            self._audit(request, obj, "change" if change else "add", list(form.changed_data))

    def delete_model(self, request, obj) -> None:
        with transaction.atomic():
            self._audit(request, obj, "delete", [])
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset) -> None:
        with transaction.atomic():
            for obj in queryset:
                self._audit(request, obj, "delete", [])
            super().delete_queryset(request, queryset)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class CouncilRoleInline(admin.TabularInline):
    model = CouncilRole
    extra = 0
    autocomplete_fields = ["council"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (*DjangoUserAdmin.fieldsets, (_("Đại biểu"), {"fields": ("person",)}))
    list_display = ("username", "first_name", "last_name", "person", "is_staff", "is_superuser", "is_active")
    autocomplete_fields = ["person"]
    inlines = [CouncilRoleInline]

    def save_model(self, request, obj, form, change) -> None:
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            changed = [name for name in form.changed_data if name not in {"password", "password1", "password2"}]
            audit_record(
                actor=request.user,
                action="admin.change" if change else "admin.add",
                object_type="user",
                object_id=obj.pk,
                data={"fields": changed},
            )


@admin.register(Council)
class CouncilAdmin(AuditedAdmin):
    list_display = ("name", "level", "code", "parent")
    list_filter = ("level",)
    search_fields = ("name", "code", "place_name")


@admin.register(Term)
class TermAdmin(AuditedAdmin):
    list_display = ("council", "label", "ordinal", "start_date", "end_date")
    list_filter = ("council",)


@admin.register(Committee)
class CommitteeAdmin(AuditedAdmin):
    list_display = ("name", "council", "term")
    list_filter = ("council",)


@admin.register(DelegateGroup)
class DelegateGroupAdmin(AuditedAdmin):
    list_display = ("name", "council", "term", "constituency")
    list_filter = ("council",)


@admin.register(Person)
class PersonAdmin(AuditedAdmin):
    list_display = ("full_name", "gender", "birth_year", "occupation")
    search_fields = ("full_name", "occupation")


class MembershipForm(forms.ModelForm):
    """Refuses the same overlaps the ``membership_add`` service refuses, with the catalogue's messages."""

    class Meta:
        model = Membership
        fields = [
            "person",
            "council",
            "term",
            "role",
            "committee",
            "group",
            "full_time",
            "seat",
            "start_date",
            "end_date",
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        needed = ("person", "council", "term", "seat", "start_date")
        if all(data.get(name) for name in needed):
            error = membership_conflict(
                council_id=data["council"].pk,
                term=data["term"],
                person_id=data["person"].pk,
                seat=data["seat"],
                start_date=data["start_date"],
                end_date=data.get("end_date"),
                exclude_pk=self.instance.pk,
            )
            if error is not None:
                raise forms.ValidationError(error.message(), code=error.code)
        return data


@admin.register(Membership)
class MembershipAdmin(AuditedAdmin):
    form = MembershipForm
    list_display = ("seat", "person", "council", "term", "role", "committee", "group", "start_date", "end_date")
    list_filter = ("council", "role", "full_time")
    search_fields = ("person__full_name",)
    autocomplete_fields = ["person"]


@admin.register(CouncilRole)
class CouncilRoleAdmin(AuditedAdmin):
    list_display = ("user", "council", "role")
    list_filter = ("council", "role")


class SittingInline(admin.TabularInline):
    model = Sitting
    extra = 0
    readonly_fields = ("status",)


@admin.register(Session)
class SessionAdmin(AuditedAdmin):
    list_display = ("title", "council", "number", "type", "start_date", "end_date", "status", "is_public")
    list_filter = ("council", "type", "status", "is_public")
    readonly_fields = ("status",)
    inlines = [SittingInline]

    def save_model(self, request, obj, form, change) -> None:
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            SessionStream.objects.get_or_create(session=obj)


@admin.register(Sitting)
class SittingAdmin(AuditedAdmin):
    list_display = ("session", "number", "title", "date", "start_time", "is_closed_door", "status")
    list_filter = ("session__council", "status", "is_closed_door")
    readonly_fields = ("status",)


@admin.register(Attendance)
class AttendanceAdmin(ReadOnlyAdmin):
    """Read-only: attendance is recorded through check-in (tablet, QR) or the secretariat's console."""

    list_display = ("sitting", "person", "status", "method", "checked_in_at")
    list_filter = ("status", "method", "sitting__session__council")


@admin.register(LoginToken)
class LoginTokenAdmin(ReadOnlyAdmin):
    list_display = ("user", "sitting", "created_at", "expires_at", "used_at", "revoked_at")
    exclude = ("token_hash",)


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("id", "created_at", "actor_label", "action", "object_type", "object_id", "council_id")
    list_filter = ("action", "object_type")
    search_fields = ("actor_label", "action", "object_id")


@admin.register(AuditHead)
class AuditHeadAdmin(ReadOnlyAdmin):
    list_display = ("last_entry_id", "last_hash")


@admin.register(SessionStream)
class SessionStreamAdmin(ReadOnlyAdmin):
    list_display = ("session", "last_seq", "last_public_seq")


@admin.register(StreamEvent)
class StreamEventAdmin(ReadOnlyAdmin):
    list_display = ("session", "seq", "public_seq", "type", "created_at")
    list_filter = ("type",)
