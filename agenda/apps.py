from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendaConfig(AppConfig):
    name = "agenda"
    verbose_name = _("Chương trình, tài liệu, phát biểu và chất vấn")

    def ready(self) -> None:
        from agenda import commands, errors, realtime  # noqa: F401  (commands and realtime register with the stream)
        from core.errors import errors_register

        errors_register(errors.ERRORS)
