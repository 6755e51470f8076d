"""Error codes and WebSocket close codes of the session stream (documented in docs/realtime-protocol.md)."""

from __future__ import annotations

from core.errors import ErrorGroup

ERRORS = ErrorGroup("realtime")
error_define = ERRORS.define

COMMAND_UNKNOWN = error_define(
    "stream.command_unknown",
    vi="Lệnh “{cmd}” không tồn tại.",
    en="Unknown command '{cmd}'.",
    status=400,
)
COMMAND_ID_MISSING = error_define(
    "stream.command_id_missing",
    vi="Lệnh phải có mã định danh “id” (chuỗi hoặc số, tối đa 64 ký tự).",
    en="A command needs an 'id' (string or number, at most 64 characters).",
    status=400,
)
FRAME_TOO_LARGE = error_define(
    "stream.frame_too_large",
    vi="Thông điệp quá lớn (tối đa {limit} byte).",
    en="The message is too large (at most {limit} bytes).",
    status=413,
)
READ_ONLY = error_define(
    "stream.read_only",
    vi="Kênh công khai chỉ cho phép theo dõi; lệnh “{cmd}” cần đăng nhập.",
    en="The public stream is read-only; '{cmd}' needs a logged-in connection.",
    status=403,
)
NOT_PUBLIC = error_define(
    "stream.not_public",
    vi="Kỳ họp này không được theo dõi công khai.",
    en="This session cannot be followed publicly.",
    status=403,
)
DISPLAY_REVOKED = error_define(
    "stream.display_revoked",
    vi="Liên kết trình chiếu này đã bị thu hồi hoặc thay bằng liên kết mới; màn hình ngừng nhận dữ liệu.",
    en="This display link was revoked or replaced by a new one; the screen stops receiving data.",
    status=403,
)
SERVER_ERROR = error_define(
    "server.error",
    vi="Máy chủ gặp lỗi khi xử lý yêu cầu; vui lòng thử lại.",
    en="The server failed to process the request; please try again.",
    status=500,
)

# WebSocket close codes (4000-4999 are free for applications; 1011 is standard). An application may not send
# 1009 (Daphne/Autobahn refuse it): the application's "message too big" is 4009; a frame over the limit that
# the server itself stops before the application sees it closes with the protocol's 1009.
CLOSE_BAD_REQUEST = 4400
CLOSE_AUTH_REQUIRED = 4401
CLOSE_FORBIDDEN = 4403  # also a display-only socket whose link was revoked or replaced (stream.display_revoked)
CLOSE_NOT_FOUND = 4404
CLOSE_FLOOD = 4429
CLOSE_TOO_LARGE = 4009
CLOSE_SERVER_ERROR = 1011

CLOSE_FOR_STATUS = {400: CLOSE_BAD_REQUEST, 401: CLOSE_AUTH_REQUIRED, 403: CLOSE_FORBIDDEN, 404: CLOSE_NOT_FOUND}
