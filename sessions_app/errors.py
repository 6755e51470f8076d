"""Error codes of setting up and running a council's year: councils, terms, organs, sessions, sittings and the
REST log-in, attendance and QR log-in codes (registered from ``SessionsAppConfig.ready``)."""

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
    vi="Mã Hội đồng nhân dân “{value}” đã được dùng.",
    en="The council code '{value}' is taken.",
    status=409,
)
COUNCIL_INVALID = error_define(
    "council.invalid",
    vi="Thông tin Hội đồng nhân dân không hợp lệ: {reason}.",
    en="The council's data is not valid: {reason}.",
)
TERM_LABEL_TAKEN = error_define(
    "term.label_taken", vi="Nhiệm kỳ “{label}” đã có.", en="The term '{label}' already exists.", status=409
)
TERM_DATES_INVALID = error_define(
    "term.dates_invalid",
    vi="Ngày kết thúc nhiệm kỳ không được trước ngày bắt đầu, và mọi kỳ họp, đại biểu phải nằm trong nhiệm kỳ.",
    en="A term cannot end before it starts, and its sessions and seats must stay within it.",
)
ORGAN_NAME_TAKEN = error_define(
    "organ.name_taken",
    vi="Tên “{name}” đã có trong nhiệm kỳ này.",
    en="The name '{name}' already exists in this term.",
    status=409,
)
ORGAN_IN_USE = error_define(
    "organ.in_use",
    vi="Không xóa được: đã có đại biểu thuộc ban hoặc tổ này.",
    en="Cannot delete: delegates belong to this committee or group.",
    status=409,
)
FIELD_REQUIRED = error_define("field.required", vi="Cần nhập “{field}”.", en="'{field}' is required.")
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
ATTENDANCE_BATCH_INVALID = error_define(
    "attendance.batch_invalid",
    vi="Danh sách đại biểu cần điểm danh phải có từ 1 đến {limit} người, không trùng nhau.",
    en="The list of delegates to record must hold 1 to {limit} people, none twice.",
)
ATTENDANCE_BATCH_NOT_MEMBERS = error_define(
    "attendance.batch_not_members",
    vi="Có {n} người trong danh sách không phải đại biểu đang giữ ghế vào ngày họp; chưa ghi điểm danh cho ai.",
    en="{n} of the people listed are not sitting delegates on the day of the sitting; nobody was recorded.",
    status=403,
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
ROLE_GRANT_FORBIDDEN = error_define(
    "role.grant_forbidden",
    vi="Chỉ người quản trị tài khoản của Hội đồng nhân dân này (hoặc quản trị viên hệ thống) mới được giao, thu hồi vai trò.",
    en="Only this council's account administrators (or a system administrator) may grant or revoke its roles.",
    status=403,
)
ROLE_SELF_GRANT = error_define(
    "role.self_grant",
    vi="Không được tự giao vai trò cho chính mình; người quản trị khác phải làm việc này.",
    en="You cannot grant a role to yourself; another administrator has to.",
    status=403,
)
ROLE_LAST_ADMIN = error_define(
    "role.last_admin",
    vi="Không thu hồi được: đây là người quản trị tài khoản cuối cùng của Hội đồng nhân dân. Hãy giao vai trò này cho người khác trước.",
    en="This is the council's last account administrator; grant the role to someone else first.",
    status=409,
)
ROLE_EXISTS = error_define(
    "role.exists",
    vi="Tài khoản “{username}” đã có vai trò “{role}” tại Hội đồng nhân dân này.",
    en="The account '{username}' already holds the role '{role}' in this council.",
    status=409,
)
ACCOUNT_NOT_FOUND = error_define(
    "account.not_found",
    vi="Không có tài khoản “{username}”. Để tạo tài khoản mới, hãy nhập cả họ và tên.",
    en="There is no account '{username}'. To create one, give the person's full name as well.",
    status=404,
)
ACCOUNT_USERNAME_INVALID = error_define(
    "account.username_invalid",
    vi="Tên đăng nhập chỉ gồm chữ không dấu, số và các ký tự . _ - (3 đến 150 ký tự).",
    en="A username has 3 to 150 unaccented letters, digits and . _ - only.",
)
ACCOUNT_ACTIVE = error_define(
    "account.active",
    vi="Tài khoản “{username}” đã được kích hoạt (đã đặt mật khẩu); không cấp lại đường dẫn kích hoạt.",
    en="The account '{username}' is already activated (it has a password); no new activation link.",
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
ATTENDANCE_SEAT_UNKNOWN = error_define(
    "attendance.seat_unknown",
    vi="Không có đại biểu nào giữ ghế số {seats} vào ngày của phiên họp.",
    en="No delegate holds seat {seats} on the day of the sitting.",
)
