"""Top-level ASGI router: HTTP to Django, WebSockets (origin-checked; the council endpoint authenticated by
the session cookie, see ``realtime.consumers``) to the stream.

Django is set up here, before any app module is imported, so either this module or ``config.asgi`` may be
imported first (tests import this one)."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django_asgi_app = get_asgi_application()

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from realtime.routing import websocket_urlpatterns  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": AllowedHostsOriginValidator(URLRouter(websocket_urlpatterns)),
    }
)
