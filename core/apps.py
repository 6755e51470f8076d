from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The platform layer's shared parts (error catalogue, audit trail, REST helpers): no models, no domain."""

    name = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from core.errors import ERRORS, errors_register

        errors_register(ERRORS)
