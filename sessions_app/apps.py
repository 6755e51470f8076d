from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SessionsAppConfig(AppConfig):
    name = "sessions_app"
    verbose_name = _("Hội đồng và kỳ họp")

    def ready(self) -> None:
        from core import errors  # noqa: F401  (registers the core error codes)
        from sessions_app import errors as session_errors, imports, selectors  # noqa: F401  (error codes, snapshot parts)
        from realtime import errors as realtime_errors  # noqa: F401  (stream error codes)
