from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Văn bản chính thức")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from core.errors import errors_register
        from documents import errors

        errors_register(errors.ERRORS)
