"""Stable error codes with Vietnamese and English messages.

Every refusal anywhere in the product (REST, WebSocket, pages) is a ``ServiceError`` whose code is declared
in an :class:`ErrorGroup` (here, or in an app's own ``errors.py``) and registered explicitly with
:func:`errors_register` from that app's ``AppConfig.ready``: importing a module never adds codes to the
catalogue. The code never changes once published; the messages may be improved. ``docs/errors.md`` lists
them all and a test keeps it complete.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import translation


@dataclass(frozen=True)
class ErrorSpec:
    code: str
    vi: str
    en: str
    status: int


CATALOG: dict[str, ErrorSpec] = {}


class ErrorGroup:
    """The codes one module declares. ``define`` returns the code so the module keeps it as a constant;
    the codes are known to ``ServiceError`` once the group is passed to ``errors_register``."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.specs: dict[str, ErrorSpec] = {}

    def define(self, code: str, *, vi: str, en: str, status: int = 400) -> str:
        spec = ErrorSpec(code, vi, en, status)
        if self.specs.get(code, spec) != spec:
            raise ValueError(f"error code {code!r} declared twice with different texts")
        self.specs[code] = spec
        return code


def errors_register(*groups: ErrorGroup) -> None:
    """Add the groups' codes to the catalogue (called from ``AppConfig.ready``; idempotent)."""
    for group in groups:
        for code, spec in group.specs.items():
            if CATALOG.get(code, spec) != spec:
                raise ValueError(f"error code {code!r} declared by {group.name} differs from the registered one")
            CATALOG[code] = spec


ERRORS = ErrorGroup("core")
error_define = ERRORS.define


class ServiceError(Exception):
    """A refused request: nothing was changed. ``params`` fill ``{placeholders}`` in the messages."""

    def __init__(self, code: str, *, details: dict[str, Any] | None = None, **params: Any) -> None:
        if code not in CATALOG:
            raise KeyError(f"undeclared error code {code!r}")
        self.spec = CATALOG[code]
        self.code = code
        self.params = params
        self.details = details or {}
        super().__init__(f"{code}: {self.message_en}")

    @property
    def status(self) -> int:
        return self.spec.status

    @property
    def message_vi(self) -> str:
        # Lazy parameters (a choice's label) render in the message's own language.
        with translation.override("vi"):
            return self.spec.vi.format(**self.params)

    @property
    def message_en(self) -> str:
        with translation.override("en"):
            return self.spec.en.format(**self.params)

    def message(self, language: str | None = None) -> str:
        language = language or translation.get_language() or "vi"
        return self.message_en if language.startswith("en") else self.message_vi

    def as_dict(self, language: str | None = None) -> dict[str, Any]:
        """The error body shared by REST responses and WebSocket replies."""
        body: dict[str, Any] = {
            "code": self.code,
            "message": self.message(language),
            "messages": {"vi": self.message_vi, "en": self.message_en},
        }
        if self.details:
            body["details"] = self.details
        return body


def service_error_from(exc: Exception) -> ServiceError | None:
    """The ServiceError a Django exception stands for, or None for an unexpected exception (the REST layer
    adds DRF's exceptions: ``core.api.service_error_from``)."""
    if isinstance(exc, ServiceError):
        return exc
    if isinstance(exc, Http404):
        return ServiceError(NOT_FOUND)
    if isinstance(exc, PermissionDenied):
        return ServiceError(PERMISSION_DENIED)
    return None


# Errors shared by every app.
REQUEST_INVALID = error_define(
    "request.invalid", vi="Dữ liệu gửi lên không hợp lệ.", en="The submitted data is not valid.", status=400
)
REQUEST_MALFORMED = error_define(
    "request.malformed", vi="Yêu cầu không đọc được (sai định dạng).", en="The request could not be parsed.", status=400
)
REQUEST_TOO_LARGE = error_define(
    "request.too_large",
    vi="Yêu cầu quá lớn (tối đa {mb} MB).",
    en="The request is too large (at most {mb} MB).",
    status=413,
)
AUTH_REQUIRED = error_define(
    "auth.required", vi="Cần đăng nhập để thực hiện thao tác này.", en="You must log in to do this.", status=401
)
PERMISSION_DENIED = error_define(
    "permission.denied",
    vi="Tài khoản không có quyền thực hiện thao tác này.",
    en="You are not allowed to do this.",
    status=403,
)
COUNCIL_FORBIDDEN = error_define(
    "council.forbidden",
    vi="Tài khoản không có quyền với dữ liệu của Hội đồng nhân dân này.",
    en="You have no rights over this council's data.",
    status=403,
)
NOT_FOUND = error_define("not_found", vi="Không tìm thấy.", en="Not found.", status=404)
METHOD_NOT_ALLOWED = error_define(
    "method.not_allowed", vi="Phương thức không được hỗ trợ.", en="Method not allowed.", status=405
)
NOT_ACCEPTABLE = error_define(
    "request.not_acceptable", vi="Không có định dạng phản hồi phù hợp.", en="No acceptable response format.", status=406
)
UNSUPPORTED_MEDIA = error_define(
    "request.unsupported_media", vi="Kiểu dữ liệu gửi lên không được hỗ trợ.", en="Unsupported media type.", status=415
)
THROTTLED = error_define(
    "throttled",
    vi="Quá nhiều yêu cầu; vui lòng thử lại sau {wait} giây.",
    en="Too many requests; try again in {wait} seconds.",
    status=429,
)
CONFLICT = error_define(
    "conflict",
    vi="Dữ liệu đã bị thay đổi đồng thời; vui lòng thử lại.",
    en="The data changed at the same time; please try again.",
    status=409,
)

# Uploaded files (core.uploads): the codes keep the agenda's prefix they were published with.
UPLOAD_TYPE = error_define(
    "document.type_not_allowed",
    vi="Tệp không phải PDF, DOCX, XLSX, PNG hoặc JPEG (kiểm tra theo nội dung tệp, không theo tên).",
    en="The file is not a PDF, DOCX, XLSX, PNG or JPEG (checked by content, not by name).",
    status=415,
)
UPLOAD_TOO_LARGE = error_define(
    "document.too_large",
    vi="Tệp quá lớn: tối đa {limit}.",
    en="The file is too large: at most {limit}.",
    status=413,
)
UPLOAD_EMPTY = error_define("document.empty", vi="Tệp rỗng.", en="The file is empty.")
