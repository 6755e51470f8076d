"""Strings of the component screens (tablet, console live strip, hall display), merged into
``screen_strings``: Vietnamese msgids, translated on the server."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from sessions_app.models import AttendanceStatus


def live_strings() -> dict[str, Any]:
    return {
        "attendance_status": {value: str(text) for value, text in AttendanceStatus.choices},
        "speak_kind": _("Hình thức phát biểu"),
        "speak_sent": _("Đã đăng ký phát biểu."),
        "question_sent": _("Đã gửi câu hỏi chất vấn."),
        "result_choice": _("Phương án"),
        "result_count": _("Số đại biểu"),
        "result_percent": _("Tỷ lệ so với tổng số đại biểu"),
        "result_cast": _("Tham gia biểu quyết"),
        "display_mode": {
            "live": _("Tự động theo diễn biến"),
            "hold": _("Giữ kết quả đang chiếu"),
            "item": _("Chỉ nội dung đang thảo luận"),
            "logo": _("Biểu trưng"),
            "blank": _("Màn hình trống"),
        },
        "display_label": _("Màn hình hội trường"),
        "display_link": _("Liên kết chỉ để trình chiếu"),
        "display_unlink": _("Thu hồi liên kết"),
        "display_link_made": _("Đã tạo liên kết trình chiếu mới; liên kết cũ không còn dùng được."),
        "display_link_revoked": _("Đã thu hồi liên kết trình chiếu."),
        "live_strip": _("Điều hành trực tiếp"),
        "no_vote": _("Không có biểu quyết đang diễn ra."),
        "no_floor": _("Chưa có ai đang phát biểu."),
        "next_in_queue": _("Tiếp theo: {name}"),
        "reason": _("Lý do"),
        "cancel_poll": _("Hủy lượt biểu quyết"),
        "reason_required": _("Hãy ghi lý do."),
        "confirm_yes": _("Xác nhận"),
        "confirm_no": _("Quay lại"),
        "confirm_cancel_poll": _("Hủy lượt biểu quyết “{title}”? Các phiếu đã bỏ sẽ không được tính."),
        "confirm_close_sitting": _("Kết thúc phiên họp {n}?"),
        "confirm_close_sitting_item": _("Mục “{title}” vẫn đang thảo luận; bế mạc phiên sẽ kết thúc mục này."),
        "confirm_reopen_sitting": _("Mở lại phiên {n} đã bế mạc?"),
        "confirm_skip": _("Bỏ qua mục “{title}”?"),
        "done_poll_open": _("Đã bắt đầu biểu quyết “{title}”."),
        "done_poll_close": _("Đã kết thúc biểu quyết “{title}”."),
        "done_poll_publish": _("Đã công bố kết quả “{title}”."),
        "done_poll_cancel": _("Đã hủy biểu quyết “{title}”."),
        "done_sitting_open": _("Đã khai mạc phiên {n}."),
        "done_sitting_closed": _("Đã bế mạc phiên {n}."),
        "done_item_activate": _("Đang thảo luận: {title}."),
        "done_item_finish": _("Đã kết thúc mục “{title}”."),
        "done_item_skip": _("Đã bỏ qua mục “{title}”."),
        "done_floor": _("Đã mời {name} phát biểu."),
        "done_display": _("Màn hình hội trường: {mode}."),
        "done_marked": _("Đã ghi “{status}” cho {n} đại biểu."),
        "question_finish": _("Kết thúc chất vấn"),
        "sitting_open": _("Bắt đầu phiên họp"),
        "sitting_close": _("Kết thúc phiên họp"),
        "current_none": _("Chưa có mục nào đang thảo luận."),
        "time_up": _("Hết giờ"),
        "vote_time_left": _("Thời gian biểu quyết còn"),
        "time_up_chair": _("Mời chủ tọa kết thúc biểu quyết (phím K)."),
        "extend_time": _("Thêm thời gian"),
        "extend_minutes": _("Số phút thêm"),
        "minutes_n": _("{n} phút"),
        "done_extend": _("Đã thêm {n} phút cho biểu quyết “{title}”."),
        "time_up_tablet": _("Chủ tọa sẽ kết thúc biểu quyết; phiếu vẫn được nhận cho đến lúc đó."),
        "sitting_reopen": _("Mở lại phiên họp"),
        "done_sitting_reopen": _("Đã mở lại phiên {n}."),
        "reopen_warn": _("Lý do được ghi vào nhật ký kiểm tra; đại biểu và màn hình hội trường thấy phiên họp mở lại."),
        "tabs": {
            "agenda": _("Chương trình"),
            "polls": _("Biểu quyết"),
            "attendance": _("Điểm danh"),
            "speakers": _("Phát biểu, chất vấn"),
        },
        "att_select_absent": _("Chọn tất cả người chưa có mặt"),
        "att_mark": _("Ghi cho những người đã chọn"),
        "att_note": _("Ghi chú (lý do vắng)"),
        "att_none_chosen": _("Chưa chọn đại biểu nào."),
        "att_present_count": _("Có mặt {n}"),
        "shortcuts": _("Phím tắt: N — mục tiếp theo · K — kết thúc biểu quyết · P — công bố kết quả"),
        "doc_read": _("Đọc"),
        "doc_close": _("Đóng tài liệu"),
        "doc_note": _("Ghi chú riêng của tôi"),
        "doc_pages": _("Trang tài liệu"),
        "doc_page": _("Trang {n}/{total}"),
        "doc_prev_page": _("Trang trước"),
        "doc_next_page": _("Trang sau"),
        "doc_loading": _("Đang mở tài liệu…"),
        "doc_failed": _("Không hiển thị được tài liệu này trên máy; hãy mở tệp gốc."),
        "doc_open_file": _("Mở tệp gốc"),
        "doc_note_hint": _("Ghi chú chỉ lưu trên máy này, không gửi lên máy chủ."),
        "chair_title": _("Kịch bản chủ tọa"),
        "chair": {
            "ask_report": _("Đề nghị Thư ký kỳ họp báo cáo số đại biểu có mặt."),
            "open_sitting": _(
                "Có mặt {present}/{total} đại biểu, đủ số đại biểu để tiến hành. Tôi tuyên bố khai mạc phiên họp thứ {n}."
            ),
            "no_quorum": _(
                "Mới có {present}/{total} đại biểu có mặt, chưa đủ {quorum_required} đại biểu; đề nghị chờ thêm đại biểu."
            ),
            "open_item": _("Tiếp theo, Hội đồng nhân dân xem xét nội dung {number} {title}."),
            "presenter": _("Xin mời {name} trình bày."),
            "invite_discussion": _("Đề nghị các vị đại biểu đăng ký phát biểu thảo luận."),
            "give_floor": _("Xin mời đại biểu {name} phát biểu."),
            "speaking": _("Đại biểu {name} đang phát biểu."),
            "next_speaker": _("Chuẩn bị: đại biểu {name}."),
            "ask": _("Xin mời đại biểu {asker} chất vấn đồng chí {name}, {title}."),
            "answer": _("Xin mời đồng chí {name}, {title}, trả lời chất vấn."),
            "call_vote": _(
                "Bây giờ, Hội đồng nhân dân biểu quyết: {title}. Hiện có {present}/{total} đại biểu có mặt; nội dung được thông qua khi có {rule} tán thành. Đề nghị các vị đại biểu biểu quyết."
            ),
            "vote_progress": _("Đã biểu quyết: {cast}/{eligible} đại biểu."),
            "announce": _("Đề nghị Thư ký kỳ họp công bố kết quả: “{title}”."),
            "close_sitting": _(
                "Có mặt {present}/{total} đại biểu. Phiên họp thứ {n} đã hoàn thành nội dung; tôi tuyên bố bế mạc phiên họp."
            ),
            "closed": _("Phiên họp thứ {n} đã bế mạc."),
        },
    }
