"""The demo's activity and emulation data (``demo.activity``, run by ``seed_demo``): two years of records for
every demo council, the province's published ranking of its communes and this year's draft, all through the
services. ``seed_demo`` runs once for the module, on 1 December 2026."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.apps import apps
from django.core.management import call_command
from django.db import transaction
from django.db.models import F
from django.test import override_settings

from activity.models import (
    CriterionMethod,
    Evidence,
    GoodPractice,
    PetitionStatus,
    ScoreEntry,
    ScoreSheet,
    SheetStatus,
    SupervisionMission,
    TargetKind,
    VoterPetition,
)
from activity.periods import Period
from activity.selectors.emulation import sheet_points
from activity.selectors.statistics import council_statistics
from agenda.models import ExplanationSession
from core.audit import audit_verify
from demo import councils as demo
from sessions_app.models import AuditEntry, Council, CouncilLevel, Session, Term
from voting.models import Poll, Resolution

pytestmark = pytest.mark.django_db
TODAY = dt.datetime(2026, 12, 1, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
LAST_YEAR, THIS_YEAR = 2025, 2026


@pytest.fixture(scope="module", autouse=True)
def seeded(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[None]:
    """The demo, seeded once inside a transaction that is rolled back after the module (each test runs in a
    savepoint within it), with its evidence files in a temporary directory."""
    media = tmp_path_factory.mktemp("media")
    with (
        time_machine.travel(TODAY, tick=False),
        django_db_blocker.unblock(),
        override_settings(DEBUG=True, MEDIA_ROOT=media),
        transaction.atomic(),
    ):
        call_command("seed_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


def _province() -> Council:
    return Council.objects.get(code=demo.PROVINCE.code)


def _communes() -> list[Council]:
    return list(Council.objects.filter(parent=_province(), level=CouncilLevel.COMMUNE).order_by("code"))


def _commune_sheet(year: int) -> ScoreSheet:
    return ScoreSheet.objects.get(council=_province(), year=year, target_kind=TargetKind.COMMUNE_COUNCILS)


def _counts() -> dict[str, int]:
    return {
        f"{app}.{model.__name__}": model.objects.count()
        for app in ("activity", "agenda", "sessions_app", "voting")
        for model in apps.get_app_config(app).get_models()
    }


def test_seeding_again_changes_nothing():
    before = _counts()
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert _counts() == before
    assert "hoạt động năm" not in out.getvalue() and "Thang điểm" not in out.getvalue()


def test_two_years_of_activity_for_every_demo_council():
    communes = _communes()
    assert [c.code for c in communes] == sorted(spec.code for spec in demo.COMMUNES) and len(communes) >= 4
    for council in [_province(), *communes]:
        for year in (LAST_YEAR, THIS_YEAR):
            figures = council_statistics(council=council, period=Period.year(year), today=TODAY.date())
            assert figures["supervision_missions"] and figures["surveys"], (council.code, year)
            assert figures["citizen_receptions"] and figures["citizens_received"], (council.code, year)
            assert figures["voter_meetings"] and figures["petitions_total"], (council.code, year)
    assert {(c.code, y) for c in communes for y in (LAST_YEAR, THIS_YEAR)} == {
        (p.council.code, p.received_on.year) for p in VoterPetition.objects.filter(council__in=communes)
    }


def test_councils_differ_so_the_ranking_means_something():
    period = Period.year(LAST_YEAR)
    keys = ("supervision_missions", "surveys", "voter_meetings", "petitions_resolved_percent", "good_practices")
    profiles = {
        tuple(council_statistics(council=c, period=period, today=TODAY.date())[k] for k in keys) for c in _communes()
    }
    assert len(profiles) == len(_communes())


def test_records_are_complete_and_nothing_lies_after_today():
    assert set(VoterPetition.objects.values_list("status", flat=True)) == set(PetitionStatus.values)
    assert SupervisionMission.objects.filter(report_submitted_on__gt=F("report_due")).exists()
    explanations = ExplanationSession.objects.all()
    assert explanations and not explanations.filter(concluded_at__isnull=True).exists()
    practices = GoodPractice.objects.all()
    assert practices and all(p.evidence.filter(content_type="application/pdf").exists() for p in practices)
    assert not VoterPetition.objects.filter(status_changed_on__gt=TODAY.date()).exists()
    assert not SupervisionMission.objects.filter(start_date__gt=TODAY.date()).exists()
    # Nobody held a seat before the term began, so earlier records have no participating delegates.
    term_start = Term.objects.filter(council=_province()).latest("start_date").start_date  # the demo term
    early = SupervisionMission.objects.filter(start_date__lt=term_start)
    assert early.exists() and not early.filter(delegates__isnull=False).exists()
    assert SupervisionMission.objects.filter(start_date__gte=term_start, delegates__isnull=False).exists()


def test_last_years_sheet_is_published_with_a_ranking_of_every_commune():
    sheet = _commune_sheet(LAST_YEAR)
    assert sheet.status == SheetStatus.PUBLISHED and sheet.locked_at and sheet.published_at and not sheet.ranking_stale
    targets = list(sheet.targets.select_related("result"))
    assert {t.council_id for t in targets} == {c.pk for c in _communes()}
    fresh = sheet_points(sheet=sheet)
    results = sorted((t.result for t in targets), key=lambda r: r.rank)
    assert results[0].rank == 1
    for result in results:
        points = fresh[result.target_id]
        assert (result.base, result.bonus, result.deduction, result.total) == (
            points["base"],
            points["bonus"],
            points["deduction"],
            points["total"],
        )
        assert result.total == result.base + result.bonus - result.deduction
        assert result.rank == 1 + sum(1 for other in results if other.total > result.total)  # no ties in the demo
    assert len({r.total for r in results}) == len(results) and results[0].total > results[-1].total
    assert any(r.bonus for r in results) and any(r.deduction for r in results)


def test_every_manual_criterion_of_last_year_is_assessed_with_a_note_and_evidence():
    sheet = _commune_sheet(LAST_YEAR)
    manual = sheet.criteria.filter(method=CriterionMethod.MANUAL)
    entries = ScoreEntry.objects.filter(criterion__in=manual)
    assert manual.exists() and entries.count() == manual.count() * sheet.targets.count()
    assert all(e.note and e.evidence.exists() and e.points <= e.criterion.max_points for e in entries)
    assert set(Evidence.objects.filter(entries__in=entries).values_list("council_id", flat=True)) == {
        c.pk for c in _communes()
    }
    assert sheet.criteria.filter(method=CriterionMethod.COMPUTED, section="bonus").exists()
    assert sheet.criteria.filter(method=CriterionMethod.COMPUTED, section="deduction").exists()


def test_this_years_sheet_is_a_changed_copy_scored_in_draft():
    last, current = _commune_sheet(LAST_YEAR), _commune_sheet(THIS_YEAR)
    assert current.based_on == last and current.status == SheetStatus.DRAFT
    assert current.ranked_at and not current.ranking_stale

    def tree(sheet: ScoreSheet) -> list[tuple]:
        rows = sheet.criteria.values_list("parent__title", "position", "title", "section", "max_points")
        return sorted((parent or "", *rest) for parent, *rest in rows)

    assert tree(current) == tree(last)
    assert last.criteria.get(title="Giám sát chuyên đề").rule["points"] == "2"
    assert Decimal(current.criteria.get(title="Giám sát chuyên đề").rule["points"]) == Decimal("2.5")
    manual = current.criteria.filter(method=CriterionMethod.MANUAL).count()
    assessed = ScoreEntry.objects.filter(target__sheet=current, criterion__method=CriterionMethod.MANUAL).count()
    assert 0 < assessed < manual * current.targets.count()
    committees = ScoreSheet.objects.get(council=_province(), year=THIS_YEAR, target_kind=TargetKind.COMMITTEES)
    assert committees.status == SheetStatus.DRAFT and committees.targets.filter(result__isnull=False).count() == 4


def test_the_audit_chain_verifies():
    assert AuditEntry.objects.filter(action="petition.status").exists()
    assert audit_verify() is None
    out = StringIO()
    call_command("verify_audit", stdout=out)
    assert "intact" in out.getvalue()


def test_every_council_has_last_years_sessions_loaded_through_the_backfill_import():
    """Every demo secretariat finds last year in its statistics: sessions, sittings and numbered resolutions
    dated in that year, entered by the council's own secretariat through the import (the audit says so)."""
    for council in [_province(), *_communes()]:
        figures = council_statistics(council=council, period=Period.year(LAST_YEAR), today=TODAY.date())
        assert figures["sessions_total"] >= 2 and figures["sittings"] >= 2, council.code
        assert figures["resolutions_adopted"] >= 5, council.code
        sessions = Session.objects.filter(council=council, start_date__year=LAST_YEAR)
        assert set(sessions.values_list("status", flat=True)) == {"closed"}
        numbers = Resolution.objects.filter(session__in=sessions, status="published").values_list("number", flat=True)
        assert "01/NQ-HĐND" in numbers, council.code
        assert AuditEntry.objects.filter(action="sitting.status", council_id=council.pk, data__recorded=True).exists()
    # the commune councils of today began on 1 July 2025: their term, and nothing of theirs before it
    for council in _communes():
        first = Term.objects.filter(council=council).earliest("start_date")
        assert first.start_date == dt.date(2025, 7, 1)
        assert not Session.objects.filter(council=council, start_date__lt=first.start_date).exists()
    province = _province()
    normative = Resolution.objects.filter(council=province, year=LAST_YEAR, kind="normative")
    assert normative.exists() and all(r.number.endswith(f"/{LAST_YEAR}/NQ-HĐND") for r in normative)
    assert Resolution.objects.filter(council=province, year__isnull=True, status="rejected").exists()


def test_the_province_held_one_confidence_vote_in_its_previous_term_at_the_third_years_year_end_session():
    polls = Poll.objects.filter(council=_province(), kind="confidence")
    assert polls.count() == 1
    poll = polls.get()
    assert poll.status == "published" and poll.sitting.date == dt.date(2023, 12, 8)
    assert poll.session.type == "regular" and poll.session.term.label == "2021-2026"
    reasons = {row["name"]: row["reason"] for row in poll.exclusions}
    assert reasons == {
        "Ninh Thị Thu Hiền": "Được bầu, phê chuẩn trong năm 2023",
        "Kha Văn Thành": "Đã có thông báo nghỉ hưu",
    }
    assert poll.result and poll.cast_count == poll.eligible_count
    confirming = poll.followups.get().resolution
    assert confirming.status == "published" and confirming.adopted_on == dt.date(2023, 12, 8)
    assert confirming.number.endswith("/NQ-HĐND") and confirming.year == 2023


def test_last_years_regular_sessions_had_questioning_and_petitions_per_session():
    """Every council's last year shows questioning in its statistics (imported with the year, dated by the
    sitting) with the promises made answering them, and voters' petitions grouped under its regular sessions,
    sent to an agency, mostly answered."""
    from agenda.models import Promise, Question

    for council in [_province(), *_communes()]:
        figures = council_statistics(council=council, period=Period.year(LAST_YEAR), today=TODAY.date())
        assert figures["questions_registered"] >= 3 and figures["questions_answered_live"] >= 2, council.code
        assert figures["questions_answered_written"] >= 1, council.code
        questions = Question.objects.filter(session__council=council, session__start_date__year=LAST_YEAR)
        assert {q.registered_at.astimezone(TODAY.tzinfo).year for q in questions} == {LAST_YEAR}
        assert AuditEntry.objects.filter(action="question.record", council_id=council.pk).count() == questions.count()
        promises = Promise.objects.filter(session__council=council, session__start_date__year=LAST_YEAR)
        assert figures["promises_total"] == promises.count() >= 2 and figures["promises_done"] >= 1, council.code
        assert {p.question.session_id for p in promises} == {p.session_id for p in promises}  # answering questions
        petitions = VoterPetition.objects.filter(council=council, session__start_date__year=LAST_YEAR)
        assert petitions.filter(session_phase="before").exists() and petitions.filter(agency__isnull=False).exists()
        assert petitions.filter(status="resolved").exclude(answer_document="").exists(), council.code
