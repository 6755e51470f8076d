"""Top-level ASGI router: HTTP to Django, WebSockets (same-origin only, public sockets capped per address; the
council endpoint authenticated by the session cookie, see ``realtime.consumers``) to the stream; the client
address taken from a configured proxy only (``config.guards``).

Django is set up here, before any app module is imported, so either this module or ``config.asgi`` may be
imported first (tests import this one)."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django_asgi_app = get_asgi_application()

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402

from config.guards import ForwardedClient, SameOrigin, SocketCap  # noqa: E402
from realtime.routing import websocket_urlpatterns  # noqa: E402

application = ForwardedClient(
    ProtocolTypeRouter(
        {
            "http": django_asgi_app,
            "websocket": SameOrigin(SocketCap(URLRouter(websocket_urlpatterns))),
        }
    )
)
