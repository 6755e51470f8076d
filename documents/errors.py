"""Error codes of official documents and signing (registered from ``DocumentsConfig.ready``)."""

from __future__ import annotations

from core.errors import ErrorGroup

ERRORS = ErrorGroup("documents")
error_define = ERRORS.define

SIGNING_UNAVAILABLE = error_define(
    "document.signing_unavailable",
    vi="Chưa cấu hình chứng thư số của Hội đồng (tệp PKCS#12 và mật khẩu) hoặc không mở được chứng thư.",
    en="The council's signing certificate (PKCS#12 file and passphrase) is not configured or cannot be opened.",
    status=409,
)
SIGNING_NOT_ADOPTED = error_define(
    "document.not_adopted",
    vi="Chỉ ký số được nghị quyết đã được thông qua.",
    en="Only an adopted resolution can be signed.",
    status=409,
)
