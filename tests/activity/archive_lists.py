"""The archive lists the statistics must equal (docs/activity.md, "Date basis"): each council figure counted
again from its REST list with the same filters, and the workbooks the year import reads. Shared by the tests
that replay or build a year and compare."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook

# Figures of the activity records and the list that shows each of them (``/api/activity/<list>/``).
RECORD_LISTS = {
    "supervision_missions": "supervisions",
    "surveys": "surveys",
    "citizen_receptions": "citizen-receptions",
    "voter_meetings": "voter-meetings",
    "petitions_total": "petitions",
    "good_practices": "good-practices",
}
HELD = ("in_progress", "closed")
ADOPTED = ("adopted", "published")


def list_count(client, url: str, **query) -> int:
    response = client.get(url, {"page_size": 500, **query})
    assert response.status_code == 200, response.content
    return response.json()["count"]


def status_count(client, url: str, *statuses: str, **query) -> int:
    """Rows of the list in any of ``statuses``."""
    return sum(list_count(client, url, status=status, **query) for status in statuses)


def archive_figures(client, *, council: int, year: int) -> dict[str, int]:
    """The council's figures of the year as its archive lists count them: keys of the statistics."""
    same = {"council": council, "year": year}
    return {
        "sessions_total": status_count(client, "/api/sessions/", *HELD, **same),
        "sessions_regular": status_count(client, "/api/sessions/", *HELD, type="regular", **same),
        "sessions_thematic": status_count(client, "/api/sessions/", *HELD, type="thematic", **same),
        "sittings": status_count(client, "/api/sittings/", "closed", **same),
        "polls": status_count(client, "/api/polls/", "closed", "published", **same),
        "resolutions_adopted": status_count(client, "/api/resolutions/", *ADOPTED, **same),
        **{key: list_count(client, f"/api/activity/{url}/", **same) for key, url in RECORD_LISTS.items()},
        **questioning_figures(client, **same),
    }


def questioning_figures(client, **same) -> dict[str, int]:
    """The ``questions_…`` and ``promises_…`` figures as ``/api/questions/`` and ``/api/promises/`` count them with
    the same filters (``same``: council and year, and a delegate for a delegate's figures)."""
    questions, promises = "/api/questions/", "/api/promises/"
    live = list_count(client, questions, answered_in="sitting", **same)
    return {
        "questions_registered": list_count(client, questions, **same)
        - status_count(client, questions, "withdrawn", **same),
        "questions_asked": status_count(client, questions, "asked", **same) + live,
        "questions_answered_live": live,
        "questions_answered_written": list_count(client, questions, answered_in="writing", **same),
        "questions_written_pending": status_count(client, questions, "written", **same),
        "questions_written_overdue": list_count(client, questions, overdue="true", **same),
        "promises_total": list_count(client, promises, **same),
        "promises_done": status_count(client, promises, "done", **same),
        "promises_overdue": status_count(client, promises, "overdue", **same),
    }


def assert_figures_are_lists(client, stats: dict, *, council: int, year: int, expected: dict[str, int]) -> None:
    """Each figure of ``archive_figures`` equals the count of its archive list, and both are as ``expected``."""
    lists = archive_figures(client, council=council, year=year)
    assert {key: stats[key] for key in lists} == lists == expected


def workbook(sheets: dict[str, list[list[str]]]) -> bytes:
    """An XLSX file with one sheet per title, its rows as given."""
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def excel_csv(rows: list[list[str]]) -> bytes:
    """As Excel saves "CSV UTF-8" with a semicolon list separator (a cell holding one is quoted)."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")
