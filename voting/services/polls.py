"""The life of a poll: draft → open → closed → published, or cancelled; show-of-hands counts.

Only the secretariat or the chair of the poll's council (``require_manage``) moves a poll."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from agenda.models import AgendaItem
from core.audit import audit_record
from core.errors import ServiceError
from sessions_app.errors import SESSION_CLOSED
from sessions_app.models import Session, SessionStatus, Sitting
from sessions_app.models.council import CouncilLevel
from sessions_app.models.session import SessionType
from sessions_app.permissions import require_manage
from voting import errors
from voting.events import (
    POLL_CREATED,
    emit_poll,
)
from voting.models import (
    MajorityRule,
    Poll,
    PollCandidate,
    PollKind,
    PollMethod,
    PollOption,
    PollStatus,
)
from voting.results import BLANK
from voting.rules import KIND_RULE, rule_lawful
from voting.services.poll_lifecycle import (
    NEXT,
    POLL_DURATION_MAX_SECONDS,
    POLL_DURATION_MIN_SECONDS,
    poll_cancel,
    poll_close,
    poll_hands_record,
    poll_open,
    poll_result_publish,
)

SECRET_KINDS = {
    PollKind.ELECTION,
    PollKind.CONFIDENCE,
    PollKind.NO_CONFIDENCE,
    PollKind.DISMISSAL,
    PollKind.RECALL_DELEGATE,
}
DEFAULT_OPTIONS = [
    {"key": "yes", "label": "Tán thành", "label_en": "In favour", "approves": True},
    {"key": "no", "label": "Không tán thành", "label_en": "Against", "approves": False},
    {"key": "abstain", "label": "Không biểu quyết", "label_en": "Abstaining", "approves": False},
]
# A secret ballot paper has no "không biểu quyết" box: a paper returned with nothing marked counts as blank.
SECRET_OPTIONS = DEFAULT_OPTIONS[:2]
NO_CONFIDENCE_OPTIONS = [
    {"key": "confidence", "label": "Tín nhiệm", "label_en": "Confidence", "approves": False},
    {"key": "no_confidence", "label": "Không tín nhiệm", "label_en": "No confidence", "approves": True},
]
CONFIDENCE_LEVELS = [
    {"key": "high", "label": "Tín nhiệm cao", "label_en": "High confidence", "approves": False},
    {"key": "normal", "label": "Tín nhiệm", "label_en": "Confidence", "approves": False},
    {"key": "low", "label": "Tín nhiệm thấp", "label_en": "Low confidence", "approves": False},
]
MAX_OPTIONS = 20
MAX_CANDIDATES = 200
CONFIDENCE_LEVELS_HELD = {CouncilLevel.PROVINCE, CouncilLevel.DISTRICT}
# Names of the poll's settings in refusals (never the raw field name).
FIELD_LABELS = {"options": _("các lựa chọn"), "candidates": _("danh sách ứng cử viên, người được lấy phiếu")}


def _invalid(field: str, reason: str) -> ServiceError:
    label = FIELD_LABELS.get(field) or Poll._meta.get_field(field).verbose_name
    return ServiceError(errors.POLL_CONFIG_INVALID, field=label, details={"field": field, "reason": reason})


def _check_rule(kind: str, method: str, majority_rule: str) -> None:
    if not rule_lawful(kind=kind, method=method, rule=majority_rule):
        required = KIND_RULE[kind]
        raise ServiceError(
            errors.POLL_RULE_UNLAWFUL,
            kind=PollKind(kind).label,
            rule=MajorityRule(majority_rule).label,
            required=MajorityRule(required).label,
            details={
                "field": "majority_rule",
                "kind": str(kind),
                "rule": str(majority_rule),
                "required": str(required),
            },
        )


def _clean_options(kind: str, options: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    if kind == PollKind.ELECTION:
        if options:
            raise _invalid("options", "elections choose among candidates")
        return []
    if kind in {PollKind.CONFIDENCE, PollKind.NO_CONFIDENCE}:
        if options:
            raise _invalid("options", "confidence levels are fixed")
        return CONFIDENCE_LEVELS if kind == PollKind.CONFIDENCE else NO_CONFIDENCE_OPTIONS
    if not options:
        return SECRET_OPTIONS if kind in SECRET_KINDS else DEFAULT_OPTIONS
    if not 2 <= len(options) <= MAX_OPTIONS:
        raise _invalid("options", f"between 2 and {MAX_OPTIONS} options")
    cleaned = []
    for option in options:
        label = str(option.get("label") or "").strip()
        key = slugify(str(option.get("key") or label))[:32]
        if not label or not key or len(label) > 120:
            raise _invalid("options", "every option needs a label (at most 120 characters)")
        cleaned.append(
            {
                "key": key,
                "label": label,
                "label_en": str(option.get("label_en") or "").strip()[:120],
                "approves": bool(option.get("approves", False)),
            }
        )
    if len({o["key"] for o in cleaned}) != len(cleaned):
        raise _invalid("options", "option keys must differ")
    if any(o["key"] == BLANK for o in cleaned):  # the mark of a blank secret paper (voting.results)
        raise _invalid("options", f"the key “{BLANK}” is kept for blank papers")
    if sum(o["approves"] for o in cleaned) > 1:
        raise _invalid("options", "at most one approving option")
    return cleaned


def _clean_candidates(kind: str, candidates: list[dict[str, Any]] | None, seats: int) -> list[dict[str, str]]:
    if kind not in {PollKind.ELECTION, PollKind.CONFIDENCE}:
        if candidates:
            raise _invalid("candidates", "only elections and confidence votes have candidates")
        return []
    if not candidates or len(candidates) > MAX_CANDIDATES:
        raise _invalid("candidates", f"between 1 and {MAX_CANDIDATES} candidates")
    cleaned = []
    for candidate in candidates:
        name = str(candidate.get("name") or "").strip()
        if not name or len(name) > 120:
            raise _invalid("candidates", "every candidate needs a name (at most 120 characters)")
        row = {
            "name": name,
            "title": str(candidate.get("title") or "").strip()[:200],
            "agency": str(candidate.get("agency") or "").strip()[:200],
        }
        if kind == PollKind.CONFIDENCE:
            elected_year, retiring = candidate.get("elected_year"), candidate.get("retiring", False)
            if elected_year is not None and (not isinstance(elected_year, int) or isinstance(elected_year, bool)):
                raise _invalid("candidates", "elected_year is a year")
            if not isinstance(retiring, bool):
                raise _invalid("candidates", "retiring is true or false")
            row |= {"elected_year": elected_year, "retiring": retiring}
        cleaned.append(row)
    if kind == PollKind.ELECTION and seats > len(cleaned):
        raise _invalid("seats", "more seats than candidates")
    return cleaned


def _confidence_ballot(
    *, session: Session, sitting: Sitting, officials: list[dict[str, Any]]
) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """NQ 96/2023/QH15: who is on the confidence ballot and who is left off, with the reason. Held by
    province councils (commune councils only if ``NT["CONFIDENCE_COMMUNE_COUNCILS"]``), at a regular
    session, at most once per term per official; not for officials elected or approved in the year of the
    vote, nor for those who have announced their retirement."""
    level = session.council.level
    if level not in CONFIDENCE_LEVELS_HELD and not (
        level == CouncilLevel.COMMUNE and settings.NT["CONFIDENCE_COMMUNE_COUNCILS"]
    ):
        raise ServiceError(errors.POLL_CONFIDENCE_LEVEL)
    if session.type != SessionType.REGULAR:
        raise ServiceError(errors.POLL_CONFIDENCE_SESSION)
    earlier = {
        (c.name, c.title)
        for c in PollCandidate.objects.filter(
            poll__kind=PollKind.CONFIDENCE,
            poll__session__term_id=session.term_id,
        ).exclude(poll__status=PollStatus.CANCELLED)
    }
    ballot, excluded = [], []
    for official in officials:
        row = {k: official[k] for k in ("name", "title", "agency")}
        if (row["name"], row["title"]) in earlier:
            raise ServiceError(errors.POLL_CONFIDENCE_REPEATED, name=row["name"])
        if official["elected_year"] == sitting.date.year:
            excluded.append({**row, "reason": f"Được bầu, phê chuẩn trong năm {sitting.date.year}"})
        elif official["retiring"]:
            excluded.append({**row, "reason": "Đã có thông báo nghỉ hưu"})
        else:
            ballot.append(row)
    if not ballot:
        raise _invalid("candidates", "every official is excluded")
    return ballot, excluded


def poll_create(
    *,
    actor: Any,
    session: Session,
    sitting: Sitting,
    title: str,
    kind: str = PollKind.RESOLUTION,
    method: str = PollMethod.NAMED,
    majority_rule: str | None = None,
    options: list[dict[str, Any]] | None = None,
    candidates: list[dict[str, Any]] | None = None,
    seats: int = 1,
    change_allowed: bool = False,
    show_running_counts: bool = False,
    agenda_item: AgendaItem | None = None,
    description: str = "",
    origin: Poll | None = None,
) -> Poll:
    require_manage(actor, session.council_id)
    title = (title or "").strip()
    if not title or len(title) > 300:
        raise _invalid("title", "1 to 300 characters")
    if kind not in PollKind.values:
        raise _invalid("kind", "unknown kind")
    if method not in PollMethod.values:
        raise _invalid("method", "unknown method")
    majority_rule = majority_rule or KIND_RULE[kind]
    if majority_rule not in MajorityRule.values:
        raise _invalid("majority_rule", "unknown rule")
    _check_rule(kind, method, majority_rule)
    if kind in SECRET_KINDS and method != PollMethod.SECRET:
        raise _invalid("method", "elections, dismissals, recalls and confidence votes are secret ballots")
    if change_allowed and method != PollMethod.NAMED:
        raise _invalid("change_allowed", "only named votes can be changed")
    if show_running_counts and method != PollMethod.NAMED:
        raise _invalid("show_running_counts", "running counts only for named votes")
    if not isinstance(seats, int) or isinstance(seats, bool) or not 1 <= seats <= MAX_CANDIDATES:
        raise _invalid("seats", "a whole number of at least 1")
    if seats != 1 and kind != PollKind.ELECTION:
        raise _invalid("seats", "only elections fill several seats")
    clean_options = _clean_options(kind, options)
    clean_candidates = _clean_candidates(kind, candidates, seats)
    if sitting.session_id != session.pk or (agenda_item is not None and agenda_item.session_id != session.pk):
        raise ServiceError(errors.POLL_SITTING_MISMATCH)
    if session.status == SessionStatus.CLOSED:
        raise ServiceError(SESSION_CLOSED)
    exclusions: list[dict[str, str]] = []
    if kind == PollKind.CONFIDENCE:
        clean_candidates, exclusions = _confidence_ballot(session=session, sitting=sitting, officials=clean_candidates)
    with transaction.atomic():
        poll = Poll.objects.create(
            council_id=session.council_id,
            session=session,
            sitting=sitting,
            agenda_item=agenda_item,
            title=title,
            description=description or "",
            kind=kind,
            method=method,
            majority_rule=majority_rule,
            change_allowed=change_allowed,
            show_running_counts=show_running_counts,
            seats=seats,
            created_at=timezone.now(),
            origin=origin,
            exclusions=exclusions,
        )
        PollOption.objects.bulk_create(PollOption(poll=poll, position=i, **o) for i, o in enumerate(clean_options))
        PollCandidate.objects.bulk_create(
            PollCandidate(poll=poll, position=i, **c) for i, c in enumerate(clean_candidates)
        )
        audit_record(
            actor=actor,
            action="poll.create",
            object_type="poll",
            object_id=poll.pk,
            council_id=poll.council_id,
            data={
                "title": title,
                "kind": kind,
                "method": method,
                "rule": majority_rule,
                "options": [o["key"] for o in clean_options],
                "candidates": [c["name"] for c in clean_candidates],
                "excluded": exclusions,
                "origin": origin and origin.pk,
            },
        )
        emit_poll(poll, POLL_CREATED)
    return poll


__all__ = [
    "CONFIDENCE_LEVELS",
    "DEFAULT_OPTIONS",
    "NEXT",
    "NO_CONFIDENCE_OPTIONS",
    "POLL_DURATION_MAX_SECONDS",
    "POLL_DURATION_MIN_SECONDS",
    "SECRET_KINDS",
    "SECRET_OPTIONS",
    "poll_cancel",
    "poll_close",
    "poll_create",
    "poll_hands_record",
    "poll_open",
    "poll_result_publish",
]
