"""CSV (UTF-8 with BOM, decimal comma) and XLSX exports of resolutions and poll results."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook
from rest_framework.test import APIClient

from voting.opendata.tables import POLL_HEADER, RESOLUTION_HEADER


def get(path: str, **params):
    return APIClient().get(path, params)


def test_resolutions_csv_has_a_bom_and_the_published_resolutions(record):
    response = get("/api/exports/resolutions.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == RESOLUTION_HEADER
    by_number = {row[0]: dict(zip(rows[0], row)) for row in rows[1:]}
    assert set(by_number) == {"15/2026/NQ-HĐND", "16/2026/NQ-HĐND", "17/2026/NQ-HĐND"}
    named = by_number["15/2026/NQ-HĐND"]
    assert named["Tán thành"] == "3" and named["Tổng số đại biểu"] == "5"
    assert named["Tỷ lệ tán thành (% tổng số)"] == "60,00" and named["Kết quả"] == "Được thông qua"


def test_poll_results_xlsx_has_typed_cells_and_one_row_per_option(record):
    response = get("/api/exports/poll-results.xlsx", council=record.hall.c.council.pk)
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == POLL_HEADER
    lines = [dict(zip(POLL_HEADER, row)) for row in rows[1:]]
    polls = {line["Mã biểu quyết"] for line in lines}
    assert polls == {record.polls[k].pk for k in ("named", "secret", "hands", "confidence")}
    secret = [line for line in lines if line["Mã biểu quyết"] == record.polls["secret"].pk]
    assert [(line["Lựa chọn"], line["Số phiếu"]) for line in secret] == [
        ("Tán thành", 3),
        ("Không tán thành", 0),
        ("Không biểu quyết", 1),
    ]  # labels are capitalised
    assert secret[0]["Tỷ lệ (% tổng số)"] == 60.0
    for key in ("named", "secret", "hands"):
        counted = sum(line["Số phiếu"] for line in lines if line["Mã biểu quyết"] == record.polls[key].pk)
        assert counted == record.polls[key].result["cast"]


def test_exports_refuse_a_malformed_council_filter(record):
    for path in ("/api/exports/resolutions.csv", "/api/exports/poll-results.xlsx"):
        response = get(path, council="tỉnh")
        assert response.status_code == 400 and response.json()["error"]["code"] == "request.invalid"


def test_exports_of_another_council_are_empty(record):
    response = get("/api/exports/resolutions.csv", council=999999)
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [RESOLUTION_HEADER]
