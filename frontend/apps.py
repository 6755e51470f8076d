from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FrontendConfig(AppConfig):
    name = "frontend"
    verbose_name = _("Giao diện")

    def ready(self) -> None:
        from core.writes import write_command
        from frontend import display  # noqa: F401  (registers the ``display`` snapshot part)
        from frontend.writes import WRITES
        from realtime.registry import stream_command

        for write in WRITES:
            stream_command(write.name, public=write.public)(write_command(write))
