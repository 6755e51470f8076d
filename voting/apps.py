from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VotingConfig(AppConfig):
    name = "voting"
    verbose_name = _("Biểu quyết và nghị quyết")

    def ready(self) -> None:
        from voting import commands, errors, selectors  # noqa: F401  (error codes, snapshot parts, socket commands)
