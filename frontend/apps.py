from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FrontendConfig(AppConfig):
    name = "frontend"
    verbose_name = _("Giao diện")

    def ready(self) -> None:
        from frontend import display  # noqa: F401  (registers the ``display`` snapshot part)
