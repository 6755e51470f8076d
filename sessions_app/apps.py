from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SessionsAppConfig(AppConfig):
    name = "sessions_app"
    verbose_name = _("Hội đồng và kỳ họp")

    def ready(self) -> None:
        from core.audit import audit_storage_set
        from core.errors import errors_register
        from realtime.scope import scope_provider_set
        from sessions_app import errors, imports, selectors  # noqa: F401  (selectors register snapshot parts)
        from sessions_app.models import AuditEntry, AuditHead
        from sessions_app.stream_scope import SESSION_SCOPE

        errors_register(errors.ERRORS, imports.ERRORS)
        scope_provider_set(SESSION_SCOPE)
        audit_storage_set(entry_model=AuditEntry, head_model=AuditHead)
        from django.db.models.signals import post_delete, post_save

        from sessions_app.models import CouncilRole
        from sessions_app.permissions import council_roles_changed, write_roles_register

        write_roles_register()
        post_save.connect(council_roles_changed, sender=CouncilRole, dispatch_uid="council_roles_changed")
        post_delete.connect(council_roles_changed, sender=CouncilRole, dispatch_uid="council_roles_changed")
