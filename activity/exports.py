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
