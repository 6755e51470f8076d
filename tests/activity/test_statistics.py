"""Statistics equal figures counted by hand from a small fictitious council: what the archive holds (sessions,
sittings, attendance, polls, resolutions, questions, promises, speeches) and the activity records."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from activity.periods import Period, period_parse
from activity.selectors.statistics import (
    STATISTICS,
    committee_statistics,
    council_comparison,
    council_delegates_statistics,
    council_statistics,
    council_trend,
    delegate_statistics,
    group_statistics,
)
from core.errors import ServiceError
from sessions_app.models import Committee, CouncilLevel, DelegateGroup
from tests.activity import builders as b
from tests.factories import make_council, make_delegate, make_term

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 12, 1)
YEAR = Period.year(2026)


@pytest.fixture
def world():
    province = make_council()
    council = make_council(level=CouncilLevel.COMMUNE, parent=province, name="HĐND xã Thử Một")
    term = make_term(council)
    a, c = (make_delegate(council, term, seat=n, start=dt.date(2026, 1, 1), with_user=False) for n in (1, 2))
    committee = Committee.objects.create(council=council, term=term, name="Ban Pháp chế")
    group = DelegateGroup.objects.create(council=council, term=term, name="Tổ đại biểu thôn Thử")

    regular = b.session(council, term, start=dt.date(2026, 3, 10))
    thematic = b.session(council, term, start=dt.date(2026, 8, 20), type="thematic")
    b.session(council, term, start=dt.date(2026, 12, 20), status="planned")  # not held: not counted
    old = b.session(council, term, start=dt.date(2025, 12, 10))  # another year
    s1, s2 = b.sitting(regular), b.sitting(regular, day=dt.date(2026, 3, 11))
    s3 = b.sitting(thematic)
    b.sitting(thematic, day=dt.date(2026, 8, 21), status="planned")
    old_sitting = b.sitting(old)
    b.present(s1, a, c)
    b.present(s2, a, c)
    b.present(s3, a)
    b.present(s3, c, status="excused")
    b.present(old_sitting, a, c)

    b.poll(s1, voters=(a, c))
    b.poll(s2, voters=(a,))
    b.poll(s3, method="secret", voters=(a, c))
    b.poll(s3, method="show_of_hands")  # no ballots: not an electronic vote
    b.poll(s2, status="cancelled")
    b.poll(old_sitting, voters=(a,))

    b.resolution(regular, status="adopted", decided=dt.date(2026, 3, 11))
    b.resolution(thematic, status="published", decided=dt.date(2026, 8, 20))
    b.resolution(thematic, status="rejected", decided=dt.date(2026, 8, 20))
    b.resolution(thematic, status="draft", decided=None)
    b.resolution(old, status="adopted", decided=dt.date(2025, 12, 11))

    official = b.official(council)
    b.question(regular, a, official, status="answered")
    b.question(regular, a, official, status="asked")
    b.question(
        regular, c, official, status="answered", written_due=dt.date(2026, 3, 31), written_answered=dt.date(2026, 3, 25)
    )
    b.question(thematic, a, official, status="written", written_due=dt.date(2026, 9, 10))  # overdue by TODAY
    b.question(thematic, c, official, status="written", written_due=dt.date(2026, 12, 20))  # still in time
    b.question(thematic, c, official, status="withdrawn")
    b.question(old, a, official, status="answered")

    b.promise(regular, official, due=dt.date(2026, 6, 1), done=True)
    b.promise(regular, official, due=dt.date(2026, 11, 1))  # overdue
    b.promise(thematic, official, due=dt.date(2027, 1, 15))

    b.speech(s1, a, spoken_ms=90_000)
    b.speech(s2, a, spoken_ms=150_000)
    b.speech(s3, c, spoken_ms=60_000)
    b.speech(s3, c, spoken_ms=30_000, state="withdrawn")

    b.mission(
        council,
        start=dt.date(2026, 2, 1),
        due=dt.date(2026, 3, 1),
        submitted=dt.date(2026, 2, 25),
        committee=committee,
        delegates=(a,),
    )
    b.mission(
        council, start=dt.date(2026, 4, 1), due=dt.date(2026, 5, 1), submitted=dt.date(2026, 5, 9), committee=committee
    )  # late
    b.mission(council, start=dt.date(2026, 10, 1), due=dt.date(2026, 11, 15), delegates=(a, c))  # missing, late
    b.mission(council, start=dt.date(2026, 11, 20), due=dt.date(2026, 12, 31))  # not due yet
    b.mission(council, start=dt.date(2025, 5, 1))
    b.survey(council, day=dt.date(2026, 5, 5), committee=committee)
    b.survey(council, day=dt.date(2026, 9, 9))
    b.explanation(council, day=dt.date(2026, 7, 7))
    b.explanation(council, day=dt.date(2025, 7, 7))
    b.reception(council, day=dt.date(2026, 1, 15), citizens=12, delegates=(a,))
    b.reception(council, day=dt.date(2026, 7, 15), citizens=8)
    b.voter_meeting(council, day=dt.date(2026, 2, 20), voters=150, group=group, raised=9)
    b.voter_meeting(council, day=dt.date(2026, 7, 20), voters=90, group=group, raised=4)
    b.voter_meeting(council, day=dt.date(2026, 11, 2), voters=40)
    b.petitions(council, day=dt.date(2026, 2, 20), resolved=4, in_progress=1, explained=1, received=1)
    b.petitions(council, day=dt.date(2025, 6, 1), resolved=3)
    b.good_practice(council, day=dt.date(2026, 10, 10))
    return {"province": province, "council": council, "a": a, "c": c, "committee": committee, "group": group}


def test_council_figures_for_a_year_are_counted_from_the_archive_and_the_records(world):
    stats = council_statistics(council=world["council"], period=YEAR, today=TODAY)
    expected = {
        "sessions_total": 2,
        "sessions_regular": 1,
        "sessions_thematic": 1,
        "sittings": 3,
        "resolutions_adopted": 2,
        "polls": 4,
        "questions_registered": 5,
        "questions_asked": 2,
        "questions_answered_live": 1,
        "questions_answered_written": 1,
        "questions_written_pending": 2,
        "questions_written_overdue": 1,
        "promises_total": 3,
        "promises_done": 1,
        "promises_overdue": 1,
        "supervision_missions": 4,
        "supervision_reports_late": 2,
        "surveys": 2,
        "explanation_sessions": 1,
        "citizen_receptions": 2,
        "citizens_received": 20,
        "voter_meetings": 3,
        "voters_attending": 280,
        "petitions_total": 7,
        "petitions_resolved": 4,
        "petitions_in_progress": 1,
        "petitions_explained": 1,
        "petitions_received": 1,
        "petitions_resolved_percent": Decimal("57.14"),
        "good_practices": 1,
    }
    assert {k: stats[k] for k in expected} == expected
    assert stats["petitions_wording"]["vi"] == "4/7 kiến nghị đã giải quyết, đạt 57,14%"
    assert set(STATISTICS) >= set(expected)


def test_every_council_statistic_in_the_catalogue_is_computed(world):
    stats = council_statistics(council=world["council"], period=YEAR, today=TODAY)
    declared = {key for key, spec in STATISTICS.items() if "council" in spec.subjects}
    assert declared <= set(stats)


def test_a_half_year_and_a_custom_period_count_only_their_days(world):
    first = council_statistics(council=world["council"], period=Period.half(2026, 1), today=TODAY)
    assert (first["sessions_total"], first["sittings"], first["supervision_missions"], first["voter_meetings"]) == (
        1,
        2,
        2,
        1,
    )
    second = council_statistics(council=world["council"], period=Period.half(2026, 2), today=TODAY)
    assert (second["sessions_total"], second["sittings"], second["resolutions_adopted"]) == (1, 1, 1)
    one_day = council_statistics(
        council=world["council"], period=Period(dt.date(2026, 3, 11), dt.date(2026, 3, 11)), today=TODAY
    )
    assert (one_day["sittings"], one_day["polls"], one_day["resolutions_adopted"]) == (1, 1, 1)
    last_year = council_statistics(council=world["council"], period=Period.year(2025), today=TODAY)
    assert (
        last_year["sessions_total"],
        last_year["supervision_missions"],
        last_year["petitions_resolved"],
        last_year["petitions_wording"]["vi"],
    ) == (1, 1, 3, "3/3 kiến nghị đã giải quyết, đạt 100,00%")


def test_a_delegates_record(world):
    a = delegate_statistics(person=world["a"], council=world["council"], period=YEAR)
    assert {
        k: a[k]
        for k in (
            "sittings_held",
            "sittings_present",
            "attendance_percent",
            "speeches",
            "speaking_minutes",
            "questions_registered",
            "questions_asked",
            "polls_held",
            "votes_cast",
            "votes_missed",
            "supervision_missions",
            "citizen_receptions",
        )
    } == {
        "sittings_held": 3,
        "sittings_present": 3,
        "attendance_percent": Decimal("100.00"),
        "speeches": 2,
        "speaking_minutes": Decimal("4.0"),
        "questions_registered": 3,
        "questions_asked": 2,
        "polls_held": 3,
        "votes_cast": 3,
        "votes_missed": 0,
        "supervision_missions": 2,
        "citizen_receptions": 1,
    }
    c = delegate_statistics(person=world["c"], council=world["council"], period=YEAR)
    assert (
        c["sittings_present"],
        c["attendance_percent"],
        c["speeches"],
        c["speaking_minutes"],
        c["votes_cast"],
        c["votes_missed"],
        c["questions_registered"],
    ) == (2, Decimal("66.67"), 1, Decimal("1.0"), 2, 1, 2)
    rows = council_delegates_statistics(council=world["council"], period=YEAR)
    assert [(r["seat"], r["sittings_present"]) for r in rows] == [(1, 3), (2, 2)]


def test_a_seat_that_starts_mid_year_counts_only_the_sittings_after_it(world):
    council = world["council"]
    late = make_delegate(council, council.terms.get(), seat=3, start=dt.date(2026, 6, 1), with_user=False)
    stats = delegate_statistics(person=late, council=council, period=YEAR)
    assert (stats["sittings_held"], stats["polls_held"], stats["votes_missed"]) == (1, 1, 1)


def test_committee_and_group_figures(world):
    assert committee_statistics(committee=world["committee"], period=YEAR, today=TODAY) == {
        "supervision_missions": 2,
        "supervision_reports_late": 1,
        "surveys": 1,
    }
    assert group_statistics(group=world["group"], period=YEAR) == {
        "voter_meetings": 2,
        "voters_attending": 240,
        "petitions_raised": 13,
    }


def test_comparison_across_the_councils_of_a_province_and_across_years(world):
    other = make_council(level=CouncilLevel.COMMUNE, parent=world["province"], name="HĐND xã Thử Hai")
    b.mission(other, start=dt.date(2026, 6, 6))
    rows = council_comparison(parent=world["province"], period=YEAR)
    assert [(r["name"], r["supervision_missions"]) for r in rows] == [("HĐND xã Thử Hai", 1), ("HĐND xã Thử Một", 4)]
    trend = council_trend(council=world["council"], years=[2025, 2026])
    assert [(t["year"], t["sessions_total"], t["petitions_total"]) for t in trend] == [(2025, 1, 3), (2026, 2, 7)]


def test_periods_parse_and_refuse_what_they_cannot_read():
    assert period_parse({"year": "2025"}, default_year=2026) == Period.year(2025)
    assert period_parse({"year": "2026", "half": "2"}, default_year=2026) == Period(
        dt.date(2026, 7, 1), dt.date(2026, 12, 31)
    )
    assert period_parse({}, default_year=2026).label == "Năm 2026"
    assert (
        period_parse({"start": "2026-02-01", "end": "2026-02-28"}, default_year=2026).label
        == "Từ 01/02/2026 đến 28/02/2026"
    )
    with pytest.raises(ServiceError) as backwards:
        period_parse({"start": "2026-03-01", "end": "2026-02-01"}, default_year=2026)
    assert backwards.value.code == "statistics.period_invalid"
    assert "01/02/2026" in backwards.value.message_vi
    for bad in (
        {"year": "abc"},
        {"year": "2026", "half": "3"},
        {"start": "2026-02-30", "end": "2026-03-01"},
        {"start": "2026-01-01"},
        {"year": "2026", "start": "2026-01-01", "end": "2026-02-01"},
        {"year": "99999"},
    ):
        with pytest.raises(ServiceError) as error:
            period_parse(bad, default_year=2026)
        assert error.value.code == "statistics.period_malformed", bad
