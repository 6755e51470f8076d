"""The human-facing strings the ES modules show, translated on the server (Vietnamese msgids) and handed
to the page as JSON, so the browser code carries no language of its own."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from agenda.models import ItemState, QuestionStatus, SpeakerState, SpeechKind, StepKind
from sessions_app.models import SittingStatus
from voting.models import PollMethod, PollStatus


def _choices(choices: Any) -> dict[str, str]:
    return {value: str(label) for value, label in choices.choices}


def screen_strings() -> dict[str, Any]:
    return {
        "status": {
            "connecting": _("Đang kết nối…"),
            "live": _("Trực tuyến"),
            "reconnecting": _("Mất kết nối — đang kết nối lại…"),
            "offline": _("Ngoại tuyến — sẽ tự kết nối lại"),
            "closed": _("Đã ngắt kết nối"),
        },
        "poll_status": _choices(PollStatus),
        "item_state": _choices(ItemState),
        "sitting_status": _choices(SittingStatus),
        "poll_method": _choices(PollMethod),
        "no_item": _("Chưa có nội dung nào đang được thảo luận."),
        "current_item": _("Nội dung đang thảo luận"),
        "sitting": _("Phiên {n}"),
        "agenda": _("Chương trình kỳ họp"),
        "documents": _("Tài liệu"),
        "no_documents": _("Chưa có tài liệu."),
        "present": _("{present}/{total} đại biểu có mặt"),
        "quorum_met": _("Đủ số đại biểu để tiến hành (cần {required})"),
        "quorum_missing": _("Chưa đủ số đại biểu (cần {required})"),
        "vote_now": _("Đang biểu quyết"),
        "confirm_title": _("Xác nhận biểu quyết"),
        "confirm_question": _("Bạn chọn: «{choice}». Gửi biểu quyết?"),
        "confirm_send": _("Gửi biểu quyết"),
        "confirm_back": _("Chọn lại"),
        "sending": _("Đang gửi biểu quyết…"),
        "sending_retry": _("Mất kết nối; biểu quyết sẽ được gửi lại khi có mạng (không bị mất, không bị tính hai lần)."),
        "voted": _("Bạn đã biểu quyết"),
        "receipt": _("Mã biên nhận: {receipt}"),
        "receipt_keep": _("Hãy ghi lại mã này để tự kiểm tra phiếu của mình trong danh sách phiếu được công bố."),
        "not_eligible": _("Bạn không thuộc danh sách biểu quyết của lượt này (chưa điểm danh khi bắt đầu biểu quyết)."),
        "waiting_result": _("Đã kết thúc biểu quyết; chờ công bố kết quả."),
        "result": _("Kết quả biểu quyết"),
        "passed": _("Được thông qua"),
        "failed": _("Không được thông qua"),
        "cast_progress": _("Đã biểu quyết: {cast}/{eligible} đại biểu"),
        "choose_up_to": _("Chọn tối đa {n} người"),
        "chosen": _("Đã chọn {n}/{max}"),
        "send": _("Gửi"),
        "speak_request": _("Đăng ký phát biểu"),
        "speak_withdraw": _("Rút đăng ký"),
        "speak_kinds": _choices(SpeechKind),
        "speaker_state": _choices(SpeakerState),
        "floor": _("Đang phát biểu"),
        "queue": _("Danh sách chờ"),
        "question_register": _("Đăng ký chất vấn"),
        "question_text": _("Nội dung câu hỏi"),
        "respondent": _("Người bị chất vấn"),
        "my_questions": _("Câu hỏi chất vấn của tôi"),
        "question_status": _choices(QuestionStatus),
        "step_kind": _choices(StepKind),
        "questioning": _("Chất vấn và trả lời chất vấn"),
        "time_left": _("Thời gian còn lại"),
        "over_time": _("Quá giờ"),
        "paused": _("Tạm dừng"),
        "checked_in": _("Bạn đã điểm danh"),
        "check_in": _("Điểm danh"),
        "done": _("Đã xong"),
        "error": _("Không thực hiện được"),
        "saved": _("Đã lưu"),
        "confidence_levels": _("Chọn một mức cho mỗi người"),
        "confidence_missing": _("Hãy chọn mức tín nhiệm cho tất cả mọi người."),
        "election_none": _("Hãy chọn ít nhất một người."),
        "open": _("Mở biểu quyết"),
        "close": _("Kết thúc biểu quyết"),
        "publish": _("Công bố kết quả"),
        "cancel": _("Hủy"),
        "activate": _("Chuyển tới mục này"),
        "finish": _("Kết thúc mục"),
        "next": _("Mục tiếp theo"),
        "previous": _("Mục trước"),
        "grant": _("Mời phát biểu"),
        "pause": _("Tạm dừng"),
        "resume": _("Tiếp tục"),
        "end": _("Kết thúc"),
        "give_floor": _("Mời chất vấn"),
        "hands_save": _("Ghi kết quả giơ tay"),
        "poll_create": _("Tạo biểu quyết"),
        "resolution_poll_create": _("Tạo nghị quyết và biểu quyết"),
        "resolution_number_prompt": _("Số hiệu nghị quyết (ví dụ 15/2026/NQ-HĐND)"),
        "poll_title_for": _("Biểu quyết thông qua: {title}"),
        "public_live": _("Trực tiếp"),
        "closed_door": _("Phiên họp kín"),
    }
