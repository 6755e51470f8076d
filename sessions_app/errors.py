"""Error codes of setting up and running a council's year: councils, terms, organs, sessions, sittings and the
REST log-in (registered from ``SessionsAppConfig.ready``; the older session and sitting codes live in
``core.errors``)."""

from __future__ import annotations

from core.errors import ErrorGroup

ERRORS = ErrorGroup("sessions_app")
error_define = ERRORS.define

ADMIN_REQUIRED = error_define(
    "admin.required",
    vi="Chỉ quản trị viên hệ thống mới được thực hiện thao tác này.",
    en="Only a system administrator may do this.",
    status=403,
)
COUNCIL_CODE_TAKEN = error_define(
    "council.code_taken",
    vi="Mã Hội đồng nhân dân «{value}» đã được dùng.",
    en="The council code '{value}' is taken.",
    status=409,
)
COUNCIL_INVALID = error_define(
    "council.invalid",
    vi="Thông tin Hội đồng nhân dân không hợp lệ: {reason}.",
    en="The council's data is not valid: {reason}.",
)
TERM_LABEL_TAKEN = error_define(
    "term.label_taken", vi="Nhiệm kỳ «{label}» đã có.", en="The term '{label}' already exists.", status=409
)
TERM_DATES_INVALID = error_define(
    "term.dates_invalid",
    vi="Ngày kết thúc nhiệm kỳ không được trước ngày bắt đầu, và mọi kỳ họp, đại biểu phải nằm trong nhiệm kỳ.",
    en="A term cannot end before it starts, and its sessions and seats must stay within it.",
)
ORGAN_NAME_TAKEN = error_define(
    "organ.name_taken",
    vi="Tên «{name}» đã có trong nhiệm kỳ này.",
    en="The name '{name}' already exists in this term.",
    status=409,
)
ORGAN_IN_USE = error_define(
    "organ.in_use",
    vi="Không xóa được: đã có đại biểu thuộc ban hoặc tổ này.",
    en="Cannot delete: delegates belong to this committee or group.",
    status=409,
)
FIELD_REQUIRED = error_define("field.required", vi="Cần nhập «{field}».", en="'{field}' is required.")
SESSION_SITTING_OPEN = error_define(
    "session.sitting_open",
    vi="Không thể bế mạc kỳ họp khi phiên {number} còn đang họp; hãy kết thúc phiên trước.",
    en="The session cannot close while sitting {number} is still open; close the sitting first.",
    status=409,
)
SESSION_CORRECTION_REASON = error_define(
    "session.correction_reason_required",
    vi="Kỳ họp đã bế mạc: chỉ được đính chính, và phải ghi lý do đính chính.",
    en="The session is closed: only corrections are allowed, with a stated reason.",
    status=409,
)
SESSION_DATES_EXCLUDE_SITTINGS = error_define(
    "session.dates_exclude_sittings",
    vi="Thời gian kỳ họp mới không bao gồm phiên họp ngày {date}.",
    en="The new session dates leave out the sitting of {date}.",
    status=409,
)
SITTING_REOPEN_REASON = error_define(
    "sitting.reopen_reason_required",
    vi="Cần ghi lý do mở lại phiên họp.",
    en="A reason is required to reopen the sitting.",
)
SITTING_NOT_TODAY = error_define(
    "sitting.not_today",
    vi="Phiên họp ngày {date} chỉ được khai mạc trong ngày đó; nếu lịch thay đổi, hãy sửa ngày của phiên trước.",
    en="The sitting of {date} can only be opened on that day; if the schedule changed, move its date first.",
    status=409,
)
SITTING_CLOSED_DOOR_DECISION = error_define(
    "sitting.closed_door_decision_required",
    vi="Phiên họp kín cần ghi quyết định họp kín (ai quyết định, số văn bản hoặc kết quả biểu quyết).",
    en="A closed-door sitting needs the decision that closed it (who decided, document or vote).",
)
SITTING_OPEN_LOCKED = error_define(
    "sitting.open_locked",
    vi="Không sửa được ngày, giờ hay chế độ họp kín của phiên đang họp.",
    en="The date, times and closed-door setting of an open sitting cannot be changed.",
    status=409,
)
LOGIN_INVALID = error_define(
    "login.invalid",
    vi="Tên đăng nhập hoặc mật khẩu không đúng.",
    en="Wrong username or password.",
    status=401,
)
CSRF_FAILED = error_define(
    "csrf.failed",
    vi="Thiếu hoặc sai mã chống giả mạo (CSRF): gửi lại giá trị cookie csrftoken trong tiêu đề X-CSRFToken.",
    en="CSRF token missing or incorrect: send the csrftoken cookie's value in the X-CSRFToken header.",
    status=403,
)
ATTENDANCE_SEAT_UNKNOWN = error_define(
    "attendance.seat_unknown",
    vi="Không có đại biểu nào giữ ghế số {seats} vào ngày của phiên họp.",
    en="No delegate holds seat {seats} on the day of the sitting.",
)
