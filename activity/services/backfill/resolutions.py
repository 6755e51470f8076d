"""The resolutions sheet: each resolution is decided by a show-of-hands poll of its sitting (the counts as
entered), so it is dated and numbered in the sitting's year; adopted ones keep the number given (Decree 30:
``12/NQ-HĐND``, normative ``05/2025/NQ-HĐND``) and are published unless the row says not to."""

from __future__ import annotations

import re
from typing import Any

from activity import errors
from activity.services.backfill.common import (
    SESSION_NUMBER,
    SITTING_NUMBER,
    YES_NO,
    Sheet,
    Values,
    YearImport,
    value_text,
)
from core.errors import ServiceError
from sessions_app.imports import IMPORT_VALUE_UNKNOWN, Column, value_choice, value_int
from sessions_app.text import text_fold
from voting import services as voting
from voting.models import PollKind, PollMethod, ResolutionCategory, ResolutionKind, ResolutionStatus

R_NUMBER = Column("number", "Số nghị quyết")
R_KIND = Column("kind", "Loại nghị quyết")
R_CATEGORY = Column("category", "Lĩnh vực")
R_TITLE = Column("title", "Tên nghị quyết", required=True)
R_YES = Column("yes", "Tán thành", required=True)
R_NO = Column("no", "Không tán thành")
R_ABSTAIN = Column("abstain", "Không biểu quyết")
R_PUBLISHED = Column("published", "Công bố")
RESOLUTION_COLUMNS = [SESSION_NUMBER, SITTING_NUMBER, R_NUMBER, R_KIND, R_CATEGORY, R_TITLE, R_YES, R_NO, R_ABSTAIN]
RESOLUTION_COLUMNS += [R_PUBLISHED]

RESOLUTION_KINDS = {
    "Cá biệt": ResolutionKind.ORDINARY,
    "Quy phạm pháp luật": ResolutionKind.NORMATIVE,
    **{str(label): value for value, label in ResolutionKind.choices},
}
NUMBER = re.compile(r"^0*(\d{1,5})(?:/(\d{4}))?(?:/NQ-H[ĐD]ND)?$", re.IGNORECASE)
MAX_VOTES = 999


def _number(values: Values, year: int) -> tuple[int | None, str | None]:
    """(serial, kind implied by the number) from "12/NQ-HĐND", "05/2025/NQ-HĐND" or "12"."""
    raw = values.get(R_NUMBER.key, "").strip().replace(" ", "")
    if not raw:
        return None, None
    match = NUMBER.match(raw)
    if not match or int(match.group(1)) == 0 or (match.group(2) and int(match.group(2)) != year):
        raise ServiceError(errors.BACKFILL_NUMBER_INVALID, value=values[R_NUMBER.key].strip()[:40], year=year)
    return int(match.group(1)), (ResolutionKind.NORMATIVE if match.group(2) else None)


def _category(year: YearImport, values: Values) -> ResolutionCategory | None:
    raw = values.get(R_CATEGORY.key, "").strip()
    if not raw:
        return None
    if "categories" not in year.cache:
        categories = {}
        for category in ResolutionCategory.objects.all():
            categories[text_fold(category.code)] = category
            categories[text_fold(category.name)] = category
        year.cache["categories"] = categories
    category = year.cache["categories"].get(text_fold(raw))
    if category is None:
        raise ServiceError(IMPORT_VALUE_UNKNOWN, value=raw, column=R_CATEGORY.header)
    return category


def resolution_write(year: YearImport, values: Values) -> dict[str, Any]:
    sitting = year.sitting_of(values)
    session = sitting.session
    serial, implied = _number(values, sitting.date.year)
    kind = value_choice(values, R_KIND, RESOLUTION_KINDS) or implied or ResolutionKind.ORDINARY
    if serial is not None and kind == ResolutionKind.NORMATIVE and implied is None:
        raise ServiceError(errors.BACKFILL_NUMBER_INVALID, value=values[R_NUMBER.key], year=sitting.date.year)
    category = _category(year, values)
    counts = {
        "yes": value_int(values, R_YES, low=0, high=MAX_VOTES) or 0,
        "no": value_int(values, R_NO, low=0, high=MAX_VOTES) or 0,
        "abstain": value_int(values, R_ABSTAIN, low=0, high=MAX_VOTES) or 0,
    }
    title = value_text(values, R_TITLE, 400)
    actor = year.actor
    poll = voting.poll_create(
        actor=actor,
        session=session,
        sitting=sitting,
        title=f"Biểu quyết thông qua {title}"[:300],
        kind=PollKind.RESOLUTION,
        method=PollMethod.SHOW_OF_HANDS,
    )
    resolution = voting.resolution_create(
        actor=actor, session=session, title=title, poll=poll, kind=kind, category=category
    )
    poll = voting.poll_open(actor=actor, poll=poll, quorum_confirmed=True)
    poll = voting.poll_hands_record(actor=actor, poll=poll, counts=counts)
    poll = voting.poll_close(actor=actor, poll=poll)
    poll = voting.poll_publish(actor=actor, poll=poll)
    resolution.refresh_from_db()
    if resolution.status != ResolutionStatus.ADOPTED:
        if serial is not None:
            raise ServiceError(errors.BACKFILL_NUMBER_REJECTED, yes=counts["yes"], total=poll.total_delegates)
    else:
        if serial is not None and serial != resolution.serial:
            resolution = voting.resolution_number_set(actor=actor, resolution=resolution, serial=serial)
        if value_choice(values, R_PUBLISHED, YES_NO) != "0":
            resolution = voting.resolution_publish(actor=actor, resolution=resolution)
    return {
        "resolution": resolution.pk,
        "poll": poll.pk,
        "number": resolution.number or None,
        "status": resolution.status,
        "adopted_on": sitting.date.isoformat(),
    }


RESOLUTIONS = Sheet("resolutions", "Nghị quyết", RESOLUTION_COLUMNS, resolution_write)
