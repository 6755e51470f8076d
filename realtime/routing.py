"""WebSocket routes of the session stream. The council endpoint reads the session cookie itself, after
accepting the socket (see ``consumers._cookie_user``); public viewers cost no authentication at all."""

from django.urls import URLPattern, path

from realtime.consumers import stream_app

websocket_urlpatterns: list[URLPattern] = [
    path("ws/sessions/<int:session_id>/", stream_app("council")),
    path("ws/public/sessions/<int:session_id>/", stream_app("public")),
]
