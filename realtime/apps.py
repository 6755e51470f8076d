from django.apps import AppConfig


class RealtimeConfig(AppConfig):
    """The session stream's machinery; the app owning the scope registers a provider (``realtime.scope``)."""

    name = "realtime"
    verbose_name = "Realtime"

    def ready(self) -> None:
        from core.errors import errors_register
        from realtime.errors import ERRORS

        errors_register(ERRORS)
