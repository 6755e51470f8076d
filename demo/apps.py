from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The fictitious demo data (``seed_demo``, ``demo_info``): it drives the other apps' services, none imports it."""

    name = "demo"
    verbose_name = "Demo"
