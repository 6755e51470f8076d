"""The XLSX export of a score sheet's ranking: one row per target with its rank, total, regular, bonus and
deduction points, then one column per criterion (numbered as on the sheet). Headers are Vietnamese, as the
standing committees use them; points are numeric cells (``core.tables``)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from activity.models import ScoreSheet
from activity.selectors.emulation import sheet_table
from core.tables import Table, table_xlsx

RANKING_HEADER = ["Xếp hạng", "Đối tượng", "Tổng điểm", "Điểm tiêu chí", "Điểm thưởng", "Điểm trừ"]
TOTALS = ("total", "base", "bonus", "deduction")


def _points(value: Decimal) -> str:
    """10 → "10", 2.5 → "2,5": the maximum as a header reads it."""
    return f"{value.normalize():f}".replace(".", ",")


def ranking_table(*, table: dict[str, Any]) -> Table:
    """Rows of ``sheet_table``'s targets in rank order. Ranked targets show the totals of the ranking (frozen
    once the sheet is locked); a target not ranked yet has no rank and its current totals."""
    criteria = table["criteria"]
    header = [
        *RANKING_HEADER,
        *(f"{row['number']}. {row['title']} (tối đa {_points(row['max_points'])})" for row in criteria),
    ]
    rows = []
    for target in table["targets"]:
        result = target["result"]
        totals = [getattr(result, name) for name in TOTALS] if result else [target["current"][name] for name in TOTALS]
        rows.append(
            [
                result.rank if result else None,
                target["label"],
                *totals,
                *(target["points"][row["id"]] for row in criteria),
            ]
        )
    return header, rows


def ranking_xlsx(*, sheet: ScoreSheet) -> bytes:
    return table_xlsx(ranking_table(table=sheet_table(sheet=sheet)), title=f"Xếp hạng {sheet.year}")


PETITION_HEADER = [
    "Mã kiến nghị",
    "HĐND",
    "Kỳ họp",
    "Thời điểm tiếp xúc",
    "Ngày tiếp nhận",
    "Lĩnh vực",
    "Thẩm quyền giải quyết",
    "Nội dung kiến nghị",
    "Cơ quan trả lời",
    "Ngày chuyển",
    "Tình trạng",
    "Ngày trả lời",
    "Văn bản trả lời",
    "Nội dung trả lời",
]


def petitions_table(rows: Any) -> Table:
    """Voter petitions as open data: one row each, Vietnamese headers and labels, dates as dates."""
    return PETITION_HEADER, [
        [
            p.code,
            p.council.name,
            p.session.title if p.session_id else "",
            p.get_session_phase_display() if p.session_phase else "",
            p.received_on,
            p.get_field_display(),
            p.get_authority_level_display(),
            p.content,
            p.agency.name if p.agency_id else "",
            p.assigned_on,
            p.get_status_display(),
            p.answered_on,
            p.answer_document,
            p.response,
        ]
        for p in rows
    ]


GUIDE = [
    "Mẫu nhập dữ liệu một năm đã qua của Hội đồng nhân dân (kỳ họp, phiên họp, nghị quyết, chất vấn, lời hứa, giám "
    "sát, tiếp công dân, kiến nghị cử tri). Xem docs/council-year.md.",
    "Mỗi trang tính là một loại dữ liệu; trang không dùng thì để trống hoặc xóa. Cột có dấu * là bắt buộc.",
    "Ngày ghi dd/mm/yyyy; giờ ghi HH:MM; mọi ngày phải thuộc năm đã chọn và không sau hôm nay.",
    "Phiên họp: “Ghế vắng mặt” ghi số ghế của đại biểu vắng, cách nhau bằng dấu chấm phẩy (3; 17); "
    "mọi đại biểu khác giữ ghế vào ngày đó được ghi có mặt.",
    "Nghị quyết: kết quả biểu quyết giơ tay (tán thành, không tán thành, không biểu quyết); số nghị quyết 12/NQ-HĐND, "
    "nghị quyết quy phạm pháp luật 05/2025/NQ-HĐND; để trống để lấy số tiếp theo. Lĩnh vực: Quy phạm pháp luật, "
    "Nhân sự, tổ chức bộ máy, Ngân sách, kinh tế - xã hội, Giám sát, chất vấn, Khác.",
    "Chất vấn: đại biểu ghi số ghế hoặc họ tên; người bị chất vấn mới cần ghi chức vụ và cơ quan. Kết quả trả lời: "
    "Trả lời tại phiên họp, Trả lời bằng văn bản (ghi nội dung và ngày trả lời nếu đã trả lời), Chưa trả lời. "
    "Số câu hỏi: số thứ tự của câu hỏi trong kỳ họp (để trống: số tiếp theo, tức 1, 2, 3… theo thứ tự các dòng).",
    "Lời hứa: Kỳ họp thứ và Số câu hỏi (ở trang Chất vấn) của câu trả lời có lời hứa; Người hứa để trống là người "
    "trả lời câu hỏi đó. Tình trạng: Đang thực hiện, hoặc Đã hoàn thành (ghi Ngày hoàn thành); Báo cáo kết quả đi "
    "cùng Ngày báo cáo. Hạn thực hiện, ngày hoàn thành, ngày báo cáo không trước ngày phiên họp chất vấn.",
    "Kiến nghị cử tri: Kỳ họp thứ và Thời điểm tiếp xúc (Trước kỳ họp, Sau kỳ họp) đi cùng nhau; Cơ quan trả lời "
    "chưa có trong danh mục thì được thêm vào; Văn bản trả lời chỉ ghi khi Đã giải quyết hoặc Đã giải trình.",
    "Có lỗi ở bất kỳ dòng nào thì không dòng nào được lưu; chạy thử trước để xem lỗi từng dòng.",
]


def backfill_template_xlsx() -> bytes:
    """The past-year import template: an instructions sheet (skipped by the import, it lists the required
    columns: a header must stay exact), then one sheet per kind with its header row."""
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Font

    from activity.services.backfill import GUIDE_SHEET, SHEETS

    workbook = Workbook()
    guide = workbook.active
    guide.title = GUIDE_SHEET
    for line in GUIDE:
        guide.append([line])
    guide.append([])
    for sheet in SHEETS:
        guide.append(
            [f"Trang “{sheet.title}”: " + ", ".join(c.header + ("*" if c.required else "") for c in sheet.columns)]
        )
    guide.column_dimensions["A"].width = 140
    for sheet in SHEETS:
        page = workbook.create_sheet(sheet.title)
        page.append([c.header for c in sheet.columns])
        for cell in page[1]:
            cell.font = Font(bold=True)
        page.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def backfill_template_csv(*, sheet: str) -> bytes:
    from activity.services.backfill import SHEET_BY_KEY
    from core.tables import table_csv

    return table_csv(([c.header for c in SHEET_BY_KEY[sheet].columns], []))
