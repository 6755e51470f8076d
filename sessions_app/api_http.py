"""The REST API answers in its own error envelope everywhere, and its schema says so.

- ``api_not_found`` / ``api_server_error``: Django's 404 and 500 handlers, which answer JSON under ``/api/``
  (an id that no route matches, an unexpected crash) and the usual pages elsewhere.
- ``openapi_error_responses``: a drf-spectacular postprocessing hook documenting, on every operation, the
  refusals any request may get (bad input, not logged in, not allowed, not found, wrong method, throttled,
  conflicting state) with the error envelope, where the view did not document them itself."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views import defaults

from core.errors import NOT_FOUND, ServiceError
from realtime.errors import SERVER_ERROR

COMMON_ERRORS = {
    "400": "Bad input (request.invalid, request.malformed, ...)",
    "401": "Not logged in (auth.required)",
    "403": "Not allowed (permission.denied, council.forbidden, ...)",
    "404": "Not found (not_found)",
    "405": "Method not allowed",
    "406": "Not acceptable",
    "409": "Conflicts with the current state",
    "415": "Unsupported media type",
    "429": "Throttled",
}
ENVELOPE = "ErrorEnvelope"


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def _envelope(code: str) -> JsonResponse:
    error = ServiceError(code)
    return JsonResponse({"error": error.as_dict()}, status=error.status)


def api_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        return _envelope(NOT_FOUND)
    return defaults.page_not_found(request, exception)


def api_server_error(request: HttpRequest) -> HttpResponse:
    if _is_api(request):
        return _envelope(SERVER_ERROR)
    return defaults.server_error(request)


def openapi_error_responses(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault(
        ENVELOPE,
        {
            "type": "object",
            "required": ["error"],
            "properties": {
                "error": {
                    "type": "object",
                    "required": ["code", "message", "messages"],
                    "properties": {
                        "code": {"type": "string"},
                        "message": {"type": "string"},
                        "messages": {"type": "object", "additionalProperties": {"type": "string"}},
                        "details": {"type": "object", "additionalProperties": {}},
                    },
                }
            },
        },
    )
    content = {"application/json": {"schema": {"$ref": f"#/components/schemas/{ENVELOPE}"}}}
    for path, operations in result.get("paths", {}).items():
        if not path.startswith("/api/"):
            continue
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for status, description in COMMON_ERRORS.items():
                responses.setdefault(status, {"description": description, "content": content})
    return result
