"""Response headers Django has no setting for."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.deprecation import MiddlewareMixin


class PermissionsPolicyMiddleware(MiddlewareMixin):
    """``Permissions-Policy`` on every response: no camera, microphone, location or payment for any page."""

    def process_response(self, request: Any, response: Any) -> Any:
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
