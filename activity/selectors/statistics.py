"""Activity statistics, derived from what the archive already holds (sessions, sittings, attendance, polls,
resolutions, questions, promises, explanation sessions, speeches) and from the activity records. Nothing here is
typed twice: every figure is counted from the records it describes.

``STATISTICS`` declares each figure once: its key (what score-sheet rules refer to), labels, and the kinds of
subject it is counted for (a council, a committee, a delegate group, a delegate). A council's own figures are
counted here, those of its committees, delegate groups and delegates in ``statistics_members`` (imported here
too, for this module's callers)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, Sum
from django.utils import timezone

from activity.models import (
    CitizenReception,
    GoodPractice,
    PetitionStatus,
    ReceptionKind,
    SupervisionMission,
    Survey,
    VoterMeeting,
    VoterPetition,
)
from activity.periods import Period
from activity.selectors.statistics_members import DECIDED_POLLS, late_reports
from activity.selectors.statistics_members import committee_statistics as committee_statistics
from activity.selectors.statistics_members import council_delegates_statistics as council_delegates_statistics
from activity.selectors.statistics_members import delegate_statistics as delegate_statistics
from activity.selectors.statistics_members import group_statistics as group_statistics
from activity.selectors.statistics_members import in_period as _in
from agenda.models import (
    ExplanationSession,
    Promise,
    PromiseStatus,
    Question,
    QuestionStatus,
)
from agenda.selectors import promise_day, question_day
from core.numbers import number_text, percent, percent_text
from sessions_app.models import (
    Council,
    Session,
    SessionStatus,
    SessionType,
    Sitting,
    SittingStatus,
)
from voting.models import (
    Poll,
    Resolution,
    ResolutionCategory,
    ResolutionStatus,
)

COUNCIL, COMMITTEE, GROUP, DELEGATE = "council", "committee", "group", "delegate"


@dataclass(frozen=True)
class StatisticSpec:
    key: str
    vi: str
    en: str
    subjects: frozenset[str]
    unit: str = "count"  # count | percent | minutes


def _spec(key: str, vi: str, en: str, *subjects: str, unit: str = "count") -> StatisticSpec:
    return StatisticSpec(key, vi, en, frozenset(subjects), unit)


STATISTICS: dict[str, StatisticSpec] = {
    s.key: s
    for s in [
        _spec("sessions_total", "Kỳ họp", "Sessions", COUNCIL),
        _spec("sessions_regular", "Kỳ họp thường lệ", "Regular sessions", COUNCIL),
        _spec("sessions_thematic", "Kỳ họp chuyên đề, đột xuất", "Thematic or urgent sessions", COUNCIL),
        _spec("sittings", "Phiên họp", "Sittings", COUNCIL),
        _spec("resolutions_adopted", "Nghị quyết được thông qua", "Resolutions adopted", COUNCIL),
        _spec("polls", "Lượt biểu quyết", "Votes held", COUNCIL),
        _spec("questions_registered", "Phiếu chất vấn", "Question slips", COUNCIL, DELEGATE),
        _spec("questions_asked", "Câu hỏi chất vấn tại phiên họp", "Questions asked at a sitting", COUNCIL, DELEGATE),
        _spec("questions_answered_live", "Trả lời tại phiên họp", "Answered at the sitting", COUNCIL),
        _spec("questions_answered_written", "Trả lời bằng văn bản", "Answered in writing", COUNCIL),
        _spec("questions_written_pending", "Chờ trả lời bằng văn bản", "Awaiting a written answer", COUNCIL),
        _spec("questions_written_overdue", "Quá hạn trả lời bằng văn bản", "Written answers overdue", COUNCIL),
        _spec("promises_total", "Lời hứa", "Promises", COUNCIL),
        _spec("promises_done", "Lời hứa đã thực hiện", "Promises kept", COUNCIL),
        _spec("promises_overdue", "Lời hứa quá hạn", "Promises overdue", COUNCIL),
        _spec(
            "supervision_missions", "Giám sát chuyên đề", "Thematic supervision missions", COUNCIL, COMMITTEE, DELEGATE
        ),
        _spec("supervision_reports_late", "Báo cáo giám sát chậm hạn", "Supervision reports late", COUNCIL, COMMITTEE),
        _spec("surveys", "Khảo sát", "Surveys", COUNCIL, COMMITTEE, DELEGATE),
        _spec("explanation_sessions", "Phiên giải trình", "Explanation sessions", COUNCIL),
        _spec("citizen_receptions", "Buổi tiếp công dân", "Citizen reception sessions", COUNCIL, DELEGATE),
        _spec("citizens_received", "Lượt công dân được tiếp", "Citizens received", COUNCIL),
        _spec("receptions_periodic", "Buổi tiếp công dân định kỳ", "Periodic reception sessions", COUNCIL),
        _spec("citizens_periodic", "Lượt công dân (định kỳ)", "Citizens received (periodic)", COUNCIL),
        _spec(
            "opinions_periodic", "Ý kiến, kiến nghị, phản ánh (định kỳ)", "Opinions and petitions (periodic)", COUNCIL
        ),
        _spec("complaints_periodic", "Đơn thư (định kỳ)", "Written complaints (periodic)", COUNCIL),
        _spec("receptions_regular", "Buổi tiếp công dân thường xuyên", "Regular (daily) reception sessions", COUNCIL),
        _spec("citizens_regular", "Lượt công dân (thường xuyên)", "Citizens received (regular)", COUNCIL),
        _spec(
            "opinions_regular",
            "Ý kiến, kiến nghị, phản ánh (thường xuyên)",
            "Opinions and petitions (regular)",
            COUNCIL,
        ),
        _spec("complaints_regular", "Đơn thư (thường xuyên)", "Written complaints (regular)", COUNCIL),
        _spec("voter_meetings", "Buổi tiếp xúc cử tri", "Voter meetings", COUNCIL, GROUP, DELEGATE),
        _spec("voters_attending", "Lượt cử tri dự tiếp xúc", "Voters attending", COUNCIL, GROUP),
        _spec("petitions_raised", "Ý kiến, kiến nghị tại tiếp xúc cử tri", "Petitions raised at voter meetings", GROUP),
        _spec("petitions_total", "Kiến nghị cử tri", "Voter petitions", COUNCIL),
        _spec("petitions_resolved", "Kiến nghị đã giải quyết", "Petitions resolved", COUNCIL),
        _spec("petitions_in_progress", "Kiến nghị đang giải quyết", "Petitions in progress", COUNCIL),
        _spec("petitions_explained", "Kiến nghị đã giải trình, thông tin", "Petitions explained", COUNCIL),
        _spec("petitions_received", "Kiến nghị mới tiếp nhận", "Petitions just received", COUNCIL),
        _spec(
            "petitions_resolved_percent",
            "Tỷ lệ kiến nghị đã giải quyết (%)",
            "Share of petitions resolved (%)",
            COUNCIL,
            unit="percent",
        ),
        _spec("good_practices", "Mô hình, cách làm hay", "Good practices", COUNCIL),
        _spec("sittings_held", "Phiên họp trong nhiệm kỳ đại biểu", "Sittings while a delegate", DELEGATE),
        _spec("sittings_present", "Phiên họp có mặt", "Sittings attended", DELEGATE),
        _spec("attendance_percent", "Tỷ lệ tham dự (%)", "Attendance (%)", DELEGATE, unit="percent"),
        _spec("speeches", "Lượt phát biểu", "Speeches", DELEGATE),
        _spec("speaking_minutes", "Thời gian phát biểu (phút)", "Speaking time (minutes)", DELEGATE, unit="minutes"),
        _spec("polls_held", "Lượt biểu quyết điện tử", "Electronic votes held", DELEGATE),
        _spec("votes_cast", "Lượt đã biểu quyết", "Votes cast", DELEGATE),
        _spec("votes_missed", "Lượt không biểu quyết", "Votes missed", DELEGATE),
    ]
}

HELD_SESSIONS = [SessionStatus.IN_PROGRESS, SessionStatus.CLOSED]
ADOPTED_RESOLUTIONS = [ResolutionStatus.ADOPTED, ResolutionStatus.PUBLISHED]


def statistic_labels(language: str = "vi") -> dict[str, str]:
    return {key: (spec.en if language.startswith("en") else spec.vi) for key, spec in STATISTICS.items()}


def _resolutions_by_category(by_category: dict[str | None, int]) -> list[dict[str, Any]]:
    """Adopted resolutions per category (every category listed, then those without one), for reports such as
    "35 nghị quyết, trong đó 4 nghị quyết về công tác tổ chức"."""
    rows = [
        {"category": c.code, "name": c.name, "name_en": c.name_en, "count": by_category.get(c.code, 0)}
        for c in ResolutionCategory.objects.order_by("position", "code")
    ]
    if by_category.get(None):
        rows.append(
            {"category": None, "name": "Chưa phân loại", "name_en": "Not categorised", "count": by_category[None]}
        )
    return rows


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def resolutions_wording(rows: list[dict[str, Any]]) -> dict[str, str]:
    """The reports' wording, "35 nghị quyết, trong đó 4 nghị quyết về nhân sự, tổ chức bộ máy; …": the total,
    then each category that has any (largest first, then in the categories' order), then those without one."""
    total = sum(row["count"] for row in rows)
    named = sorted((row for row in rows if row["count"] and row["category"] is not None), key=lambda row: -row["count"])
    vi_parts = [f"{number_text(r['count'])} nghị quyết về {_lower_first(r['name'])}" for r in named]
    en_parts = [f"{number_text(r['count'], 'en')} on {_lower_first(r['name_en'] or r['name'])}" for r in named]
    loose = sum(row["count"] for row in rows if row["category"] is None)
    if loose:
        vi_parts.append(f"{number_text(loose)} nghị quyết chưa phân loại")
        en_parts.append(f"{number_text(loose, 'en')} not categorised")
    vi, en = f"{number_text(total)} nghị quyết", f"{number_text(total, 'en')} resolution{'s' if total != 1 else ''}"
    if vi_parts:
        vi += ", trong đó " + "; ".join(vi_parts)
        en += ", of which " + "; ".join(en_parts)
    return {"vi": vi, "en": en}


def petition_ratio(resolved: int, total: int) -> dict[str, str]:
    """The reports' wording, "109/139 kiến nghị đã giải quyết, đạt 78,42%": the product's one rounding rule
    (two decimals, half-up) and Vietnamese number notation."""
    share = percent(resolved, total)
    return {
        "vi": f"{number_text(resolved)}/{number_text(total)} kiến nghị đã giải quyết, đạt {percent_text(share, 'vi')}%",
        "en": f"{number_text(resolved, 'en')}/{number_text(total, 'en')} petitions resolved ({percent_text(share, 'en')}%)",
    }


def council_statistics(*, council: Council | int, period: Period, today: dt.date | None = None) -> dict[str, Any]:
    """Every council-level figure for the period, flat (keys of ``STATISTICS``), plus the petitions wording."""
    council_id = council if isinstance(council, int) else council.pk
    today = today or timezone.localdate()
    sessions = Session.objects.filter(_in(period, "start_date"), council_id=council_id, status__in=HELD_SESSIONS)
    by_type = dict(sessions.values_list("type").annotate(n=Count("id")).order_by())
    # Questions and promises by their own legal date, the day asked (made), whatever the session: each figure
    # is the count of /api/questions/ (/api/promises/) with ?council=&year= (docs/activity.md, "Date basis").
    questions = Question.objects.annotate(day=question_day()).filter(_in(period, "day"), session__council_id=council_id)
    answered = Q(status=QuestionStatus.ANSWERED)
    live = Q(written_answered_at__isnull=True)
    q = questions.exclude(status=QuestionStatus.WITHDRAWN).aggregate(
        registered=Count("id"),
        asked=Count("id", filter=Q(status=QuestionStatus.ASKED) | (answered & live)),
        answered_live=Count("id", filter=answered & live),
        answered_written=Count("id", filter=answered & ~live),
        written_pending=Count("id", filter=Q(status=QuestionStatus.WRITTEN)),
        written_overdue=Count("id", filter=Q(status=QuestionStatus.WRITTEN, written_due__lt=today)),
    )
    promises = (
        Promise.objects.annotate(day=promise_day())
        .filter(_in(period, "day"), session__council_id=council_id)
        .aggregate(
            total=Count("id"),
            done=Count("id", filter=Q(status=PromiseStatus.DONE)),
            overdue=Count("id", filter=Q(status=PromiseStatus.OPEN, due_date__lt=today)),
        )
    )
    missions = SupervisionMission.objects.filter(_in(period, "start_date"), council_id=council_id)
    receptions = CitizenReception.objects.filter(_in(period, "date"), council_id=council_id).aggregate(
        n=Count("id"), citizens=Sum("citizens_received")
    )
    by_kind = {
        row["kind"]: row
        for row in CitizenReception.objects.filter(_in(period, "date"), council_id=council_id)
        .values("kind")
        .annotate(
            n=Count("id"),
            citizens=Sum("citizens_received"),
            opinions=Sum("opinions_received"),
            complaints=Sum("petitions_received"),
        )
        .order_by()
    }
    meetings = VoterMeeting.objects.filter(_in(period, "date"), council_id=council_id).aggregate(
        n=Count("id"), voters=Sum("voters_attending")
    )
    petitions = dict(
        VoterPetition.objects.filter(_in(period, "received_on"), council_id=council_id)
        .values_list("status")
        .annotate(n=Count("id"))
        .order_by()
    )
    petitions_total = sum(petitions.values())
    resolved = petitions.get(PetitionStatus.RESOLVED, 0)
    by_category = dict(
        Resolution.objects.filter(_in(period, "adopted_on"), council_id=council_id, status__in=ADOPTED_RESOLUTIONS)
        .values_list("category__code")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {
        "sessions_total": sum(by_type.values()),
        "sessions_regular": by_type.get(SessionType.REGULAR, 0),
        "sessions_thematic": by_type.get(SessionType.THEMATIC, 0) + by_type.get(SessionType.EXTRAORDINARY, 0),
        "sittings": Sitting.objects.filter(
            _in(period, "date"), session__council_id=council_id, status=SittingStatus.CLOSED
        ).count(),
        "resolutions_adopted": sum(by_category.values()),
        "resolutions_by_category": (categories := _resolutions_by_category(by_category)),
        "resolutions_wording": resolutions_wording(categories),
        "polls": Poll.objects.filter(
            _in(period, "sitting__date"), council_id=council_id, status__in=DECIDED_POLLS
        ).count(),
        "questions_registered": q["registered"],
        "questions_asked": q["asked"],
        "questions_answered_live": q["answered_live"],
        "questions_answered_written": q["answered_written"],
        "questions_written_pending": q["written_pending"],
        "questions_written_overdue": q["written_overdue"],
        "promises_total": promises["total"],
        "promises_done": promises["done"],
        "promises_overdue": promises["overdue"],
        "supervision_missions": missions.count(),
        "supervision_reports_late": late_reports(missions, today),
        "surveys": Survey.objects.filter(_in(period, "date"), council_id=council_id).count(),
        "explanation_sessions": ExplanationSession.objects.filter(
            _in(period, "held_on"), council_id=council_id
        ).count(),
        "citizen_receptions": receptions["n"],
        "citizens_received": receptions["citizens"] or 0,
        **{
            f"{figure}_{kind}": by_kind.get(kind, {}).get(field) or 0
            for kind in ReceptionKind.values
            for figure, field in (
                ("receptions", "n"),
                ("citizens", "citizens"),
                ("opinions", "opinions"),
                ("complaints", "complaints"),
            )
        },
        "voter_meetings": meetings["n"],
        "voters_attending": meetings["voters"] or 0,
        "petitions_total": petitions_total,
        "petitions_received": petitions.get(PetitionStatus.RECEIVED, 0),
        "petitions_in_progress": petitions.get(PetitionStatus.IN_PROGRESS, 0),
        "petitions_resolved": resolved,
        "petitions_explained": petitions.get(PetitionStatus.EXPLAINED, 0),
        "petitions_resolved_percent": percent(resolved, petitions_total),
        "petitions_wording": petition_ratio(resolved, petitions_total),
        "good_practices": GoodPractice.objects.filter(_in(period, "recognized_on"), council_id=council_id).count(),
    }


def council_comparison(*, parent: Council, period: Period) -> list[dict[str, Any]]:
    """The councils directly under ``parent`` side by side, each with its figures."""
    return [
        {"council": child.pk, "name": child.name, **council_statistics(council=child, period=period)}
        for child in Council.objects.filter(parent=parent).order_by("name", "pk")
    ]


def council_trend(*, council: Council, years: list[int]) -> list[dict[str, Any]]:
    """The council's figures year by year."""
    return [{"year": year, **council_statistics(council=council, period=Period.year(year))} for year in years]
