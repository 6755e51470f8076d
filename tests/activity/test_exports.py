"""The XLSX ranking of a score sheet: Vietnamese headers, one row per target in rank order, numbers as numeric
cells equal to the ranking."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from rest_framework.test import APIClient

from activity.exports import RANKING_HEADER, ranking_xlsx
from activity.services import emulation as svc
from activity.services import records as record_services
from sessions_app.models import CouncilLevel
from tests.factories import make_council, make_role_user

pytestmark = pytest.mark.django_db
D = Decimal
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def sheet():
    """Province scoring three communes in 2026: missions (computed, 2,5 points each up to 5), quality (manual, up to
    10), good practices bonus (manual, up to 4) and a deduction (manual, up to 2)."""
    province = make_council()
    actor = make_role_user(province)
    an, binh, chau = (
        make_council(level=CouncilLevel.COMMUNE, parent=province, name=f"HĐND xã Thử {name}")
        for name in ("An", "Bình", "Châu")
    )
    for commune, count in ((an, 1), (binh, 3)):
        for day in range(count):
            record_services.supervision_save(
                actor=make_role_user(commune),
                council=commune,
                title="Giám sát",
                start_date=dt.date(2026, 3, 1 + day),
                end_date=dt.date(2026, 3, 2 + day),
            )
    made = svc.score_sheet_create(
        actor=actor,
        council=province,
        year=2026,
        target_kind="commune_councils",
        title="Thi đua HĐND cấp xã năm 2026",
        bonus_cap=D(4),
    )
    group = svc.criterion_create(actor=actor, sheet=made, title="Hoạt động giám sát", max_points=D(15), method="group")
    svc.criterion_create(
        actor=actor,
        sheet=made,
        parent=group,
        title="Giám sát chuyên đề",
        max_points=D(5),
        method="computed",
        rule={"type": "per_unit", "statistic": "supervision_missions", "points": "2.5", "per": 1},
    )
    quality = svc.criterion_create(actor=actor, sheet=made, parent=group, title="Chất lượng", max_points=D("9.5"))
    bonus = svc.criterion_create(actor=actor, sheet=made, section="bonus", title="Mô hình hay", max_points=D(4))
    late = svc.criterion_create(actor=actor, sheet=made, section="deduction", title="Báo cáo chậm", max_points=D(2))
    targets = {t.label: t for t in made.targets.all()}
    for label, points in (
        ("HĐND xã Thử An", ("8", "4", "0")),
        ("HĐND xã Thử Bình", ("6.25", "0", "1.5")),
        ("HĐND xã Thử Châu", ("9.5", "1", "0")),
    ):
        for criterion, value in zip((quality, bonus, late), points):
            svc.score_entry_set(actor=actor, target=targets[label], criterion=criterion, points=D(value))
    return {"sheet": made, "actor": actor}


def rows_of(content: bytes) -> list[tuple]:
    return list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))


def test_the_ranking_exports_with_numbers_in_rank_order(sheet):
    svc.score_sheet_score(actor=sheet["actor"], sheet=sheet["sheet"])
    header, *rows = rows_of(ranking_xlsx(sheet=sheet["sheet"]))
    assert list(header) == [
        *RANKING_HEADER,
        "1. Hoạt động giám sát (tối đa 15)",
        "1.1. Giám sát chuyên đề (tối đa 5)",
        "1.2. Chất lượng (tối đa 9,5)",
        "T1. Mô hình hay (tối đa 4)",
        "Tr1. Báo cáo chậm (tối đa 2)",
    ]
    # An: 2,5 + 8 = 10,5, bonus 4 → 14,5. Bình: 5 (3 missions, capped) + 6,25 = 11,25, −1,5 → 9,75.
    # Châu: 0 + 9,5, bonus 1 → 10,5.
    assert rows == [
        (1, "HĐND xã Thử An", 14.5, 10.5, 4.0, 0.0, 10.5, 2.5, 8.0, 4.0, 0.0),
        (2, "HĐND xã Thử Châu", 10.5, 9.5, 1.0, 0.0, 9.5, 0.0, 9.5, 1.0, 0.0),
        (3, "HĐND xã Thử Bình", 9.75, 11.25, 0.0, 1.5, 11.25, 5.0, 6.25, 0.0, 1.5),
    ]
    cells = load_workbook(io.BytesIO(ranking_xlsx(sheet=sheet["sheet"]))).active
    assert cells["C2"].data_type == "n" and cells["C2"].number_format == "0.00"
    assert cells.title == "Xếp hạng 2026"


def test_a_sheet_not_ranked_yet_exports_its_current_points_without_ranks(sheet):
    header, *rows = rows_of(ranking_xlsx(sheet=sheet["sheet"]))
    assert [(rank, label, total) for rank, label, total, *_ in rows] == [
        (None, "HĐND xã Thử An", 12.0),
        (None, "HĐND xã Thử Bình", 4.75),
        (None, "HĐND xã Thử Châu", 10.5),
    ]


def test_the_published_ranking_downloads_over_rest(sheet):
    svc.score_sheet_score(actor=sheet["actor"], sheet=sheet["sheet"])
    svc.score_sheet_lock(actor=sheet["actor"], sheet=sheet["sheet"])
    url = f"/api/score-sheets/{sheet['sheet'].pk}/ranking.xlsx"
    assert APIClient().get(url).status_code == 404  # locked, not yet published
    svc.score_sheet_publish(actor=sheet["actor"], sheet=sheet["sheet"])
    response = APIClient().get(url)
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    assert response["Content-Disposition"] == f'attachment; filename="xep-hang-2026-{sheet["sheet"].pk}.xlsx"'
    assert [row[:3] for row in rows_of(response.content)[1:]] == [
        (1, "HĐND xã Thử An", 14.5),
        (2, "HĐND xã Thử Châu", 10.5),
        (3, "HĐND xã Thử Bình", 9.75),
    ]
