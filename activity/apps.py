from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivityConfig(AppConfig):
    name = "activity"
    verbose_name = _("Hoạt động, thống kê và thi đua")

    def ready(self) -> None:
        from activity import errors
        from core.errors import errors_register

        errors_register(errors.ERRORS)
