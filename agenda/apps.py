from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendaConfig(AppConfig):
    name = "agenda"
    verbose_name = _("Chương trình, tài liệu, phát biểu và chất vấn")

    def ready(self) -> None:
        from agenda import errors, realtime  # noqa: F401  (realtime registers the snapshot parts)
        from agenda.writes import WRITES
        from core.errors import errors_register
        from core.writes import write_command
        from realtime.registry import stream_command

        errors_register(errors.ERRORS)
        for write in WRITES:
            stream_command(write.name, public=write.public)(write_command(write))
