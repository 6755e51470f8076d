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
