from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VotingConfig(AppConfig):
    name = "voting"
    verbose_name = _("Biểu quyết và nghị quyết")

    def ready(self) -> None:
        from core.errors import errors_register
        from voting import commands, errors, selectors  # noqa: F401  (selectors and commands register with the stream)

        errors_register(errors.ERRORS)

        from core.writes import write_command
        from realtime.registry import stream_command
        from voting.writes import WRITES

        for write in WRITES:
            if write.socket:
                stream_command(write.name, public=write.public)(write_command(write))
