"""ASGI entry point (``daphne config.asgi:application``): HTTP through Django, WebSockets through the
session stream router (see ``config.routing``)."""

import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# The event loop thread and the database thread share the GIL; with the default 5 ms switch interval a
# database call waits up to 5 ms for the GIL after each query while thousands of sockets keep the loop busy.
sys.setswitchinterval(0.0005)

from config.routing import application  # noqa: E402

__all__ = ["application"]
