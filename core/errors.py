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

# Councils, sessions, sittings and attendance.
SESSION_DATES_INVALID = error_define(
    "session.dates_invalid",
    vi="Ngày bế mạc không được trước ngày khai mạc.",
    en="The session cannot end before it starts.",
)
SESSION_TERM_MISMATCH = error_define(
    "session.term_mismatch",
    vi="Nhiệm kỳ không thuộc Hội đồng nhân dân này.",
    en="The term does not belong to this council.",
)
SESSION_NUMBER_TAKEN = error_define(
    "session.number_taken",
    vi="Số kỳ họp này đã có trong nhiệm kỳ.",
    en="This session number already exists in the term.",
    status=409,
)
SESSION_CLOSED = error_define("session.closed", vi="Kỳ họp đã bế mạc.", en="The session is closed.", status=409)
SESSION_STATUS_INVALID = error_define(
    "session.status_invalid",
    vi="Không thể chuyển kỳ họp từ trạng thái “{current}” sang “{target}”.",
    en="The session cannot move from '{current}' to '{target}'.",
    status=409,
)
SITTING_OUTSIDE_SESSION = error_define(
    "sitting.outside_session",
    vi="Ngày của phiên họp phải nằm trong thời gian kỳ họp ({start} – {end}).",
    en="The sitting's date must fall within the session ({start} – {end}).",
)
SITTING_TIMES_INVALID = error_define(
    "sitting.times_invalid",
    vi="Giờ kết thúc phải sau giờ bắt đầu.",
    en="The end time must be after the start time.",
)
SITTING_NUMBER_TAKEN = error_define(
    "sitting.number_taken", vi="Số phiên này đã có trong kỳ họp.", en="This sitting number already exists.", status=409
)
SITTING_CLOSED = error_define("sitting.closed", vi="Phiên họp đã kết thúc.", en="The sitting has ended.", status=409)
SITTING_STATUS_INVALID = error_define(
    "sitting.status_invalid",
    vi="Không thể chuyển phiên họp từ trạng thái “{current}” sang “{target}”.",
    en="The sitting cannot move from '{current}' to '{target}'.",
    status=409,
)
MEMBERSHIP_OVERLAP = error_define(
    "membership.overlap",
    vi="{person} đã là đại biểu của Hội đồng trong khoảng thời gian này.",
    en="{person} already holds a seat in this council during this period.",
    status=409,
)
MEMBERSHIP_SEAT_TAKEN = error_define(
    "membership.seat_taken",
    vi="Ghế số {seat} đã có đại biểu khác trong khoảng thời gian này.",
    en="Seat {seat} is held by another delegate during this period.",
    status=409,
)
MEMBERSHIP_DATES_INVALID = error_define(
    "membership.dates_invalid",
    vi="Thời gian đại biểu không hợp lệ (phải nằm trong nhiệm kỳ, ngày kết thúc không trước ngày bắt đầu).",
    en="The membership dates are invalid (within the term, ending no earlier than they start).",
)
MEMBERSHIP_ORGAN_MISMATCH = error_define(
    "membership.organ_mismatch",
    vi="Ban hoặc tổ đại biểu không thuộc nhiệm kỳ của Hội đồng này.",
    en="The committee or delegate group does not belong to this council's term.",
)
CHECKIN_NOT_MEMBER = error_define(
    "checkin.not_member",
    vi="Người này không phải đại biểu HĐND đang giữ ghế vào ngày họp.",
    en="This person is not a sitting delegate of the council on the day of the sitting.",
    status=403,
)
CHECKIN_ALREADY = error_define(
    "checkin.already",
    vi="Đại biểu đã điểm danh tại phiên họp này.",
    en="The delegate has already checked in at this sitting.",
    status=409,
)
CHECKIN_NOT_OPEN = error_define(
    "checkin.sitting_not_open",
    vi="Chỉ điểm danh được khi phiên họp chưa kết thúc.",
    en="Check-in is only possible before the sitting ends.",
    status=409,
)

# Accounts, login and personal QR login tokens.
LOGIN_THROTTLED = error_define(
    "login.throttled",
    vi="Đăng nhập sai quá nhiều lần; vui lòng thử lại sau {minutes} phút.",
    en="Too many failed log-in attempts; please try again in {minutes} minutes.",
    status=429,
)
TOKEN_INVALID = error_define(
    "login_token.invalid",
    vi="Mã QR đăng nhập không hợp lệ (sai hoặc đã bị sửa đổi).",
    en="The QR login code is not valid (wrong or tampered with).",
    status=400,
)
TOKEN_EXPIRED = error_define(
    "login_token.expired",
    vi="Mã QR đăng nhập đã hết hạn; vui lòng xin thư ký in mã mới.",
    en="The QR login code has expired; ask the secretariat for a new one.",
    status=410,
)
TOKEN_USED = error_define(
    "login_token.used",
    vi="Mã QR đăng nhập này đã được sử dụng; mỗi mã chỉ dùng được một lần.",
    en="This QR login code has already been used; each code works only once.",
    status=410,
)
TOKEN_REVOKED = error_define(
    "login_token.revoked",
    vi="Mã QR đăng nhập này đã bị thu hồi.",
    en="This QR login code has been revoked.",
    status=410,
)
TOKEN_ACCOUNT_INACTIVE = error_define(
    "login_token.account_inactive",
    vi="Tài khoản gắn với mã QR này đã bị khóa.",
    en="The account behind this QR login code is disabled.",
    status=403,
)
QR_NO_ACCOUNT = error_define(
    "login_token.no_account",
    vi="{person} chưa có tài khoản nên không thể cấp mã QR đăng nhập.",
    en="{person} has no account, so no QR login code can be issued.",
    status=409,
)
