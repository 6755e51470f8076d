"""Spreadsheet exports of published resolutions and poll results, as CSV or XLSX (``core.tables``). Headers are Vietnamese, as secretariats use them. CSV cells are text: percentages
with a decimal comma, dates dd/mm/yyyy; XLSX cells keep numbers and dates as typed values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.db.models import QuerySet
from django.utils import timezone

from core.tables import Table
from voting.models import Poll, PollKind, Resolution
from voting.opendata.popolo import poll_rows
from voting.selectors import poll_result_public, resolution_public_q

RESOLUTION_HEADER = [
    "Số hiệu",
    "Trích yếu",
    "HĐND",
    "Kỳ họp",
    "Ngày thông qua",
    "Ngày công bố",
    "Hình thức biểu quyết",
    "Tổng số đại biểu",
    "Số tham gia",
    "Tán thành",
    "Tỷ lệ tán thành (% tổng số)",
    "Kết quả",
]
POLL_HEADER = [
    "Mã biểu quyết",
    "Nội dung",
    "HĐND",
    "Kỳ họp",
    "Ngày",
    "Loại",
    "Hình thức",
    "Điều kiện thông qua",
    "Mở lúc",
    "Tổng số đại biểu",
    "Số tham gia",
    "Lựa chọn",
    "Số phiếu",
    "Tỷ lệ (% tổng số)",
    "Kết quả",
]


def resolutions_public(*, council_id: int | None = None) -> QuerySet[Resolution]:
    """Published resolutions of public sessions (``resolution_public_q``), with what their vote needs."""
    rows = Resolution.objects.filter(resolution_public_q()).select_related(
        "council", "session", "poll__sitting", "poll__session"
    )
    if council_id is not None:
        rows = rows.filter(council_id=council_id)
    return rows.order_by("published_at", "pk")


def _local(value: dt.datetime | None) -> dt.datetime | None:
    return timezone.localtime(value).replace(tzinfo=None) if value else None


def _verdict(passed: bool | None) -> str:
    return {True: "Được thông qua", False: "Không được thông qua", None: ""}[passed]


def _approving(poll: Poll) -> tuple[int | None, Decimal | None]:
    for option in (poll.result or {}).get("options") or []:
        if option.get("approves"):
            return option["count"], Decimal(option["percent_of_total"])
    return None, None


def resolutions_table(resolutions: Iterable[Resolution]) -> Table:
    rows = []
    for r in resolutions:
        # The vote of a closed-door sitting (or one not published) leaves the vote columns empty.
        poll = r.poll if poll_result_public(r.poll) else None
        result = poll.result if poll else {}
        yes, yes_pct = _approving(poll) if poll else (None, None)
        rows.append(
            [
                r.number,
                r.title,
                r.council.name,
                r.session.title,
                r.adopted_on,
                _local(r.published_at),
                poll.get_method_display() if poll else "",
                result.get("total"),
                result.get("cast"),
                yes,
                yes_pct,
                _verdict(result.get("passed")) if poll else "",
            ]
        )
    return RESOLUTION_HEADER, rows


def _poll_lines(poll: Poll) -> list[tuple[str, int, Decimal]]:
    """(label, count, percent of total) per option, candidate, or official and confidence level."""
    result = poll.result
    if poll.kind == PollKind.ELECTION:
        return [(c["name"], c["votes"], Decimal(c["percent_of_total"])) for c in result["candidates"]]
    if poll.kind == PollKind.CONFIDENCE:
        return [
            (f"{o['name']}: {level['label']}", level["count"], Decimal(level["percent_of_total"]))
            for o in result["officials"]
            for level in o["levels"]
        ]
    return [(o["label"], o["count"], Decimal(o["percent_of_total"])) for o in result.get("options", [])]


def poll_results_table(*, council_id: int | None = None) -> Table:
    rows = []
    for poll in poll_rows(council_id=council_id).select_related("council", "session", "sitting"):
        head = [
            poll.pk,
            poll.title,
            poll.council.name,
            poll.session.title,
            poll.sitting.date,
            poll.get_kind_display(),
            poll.get_method_display(),
            poll.get_majority_rule_display(),
            _local(poll.opened_at),
            poll.result["total"],
            poll.result["cast"],
        ]
        for label, count, pct in _poll_lines(poll):
            rows.append([*head, label, count, pct, _verdict(poll.result.get("passed"))])
    return POLL_HEADER, rows
