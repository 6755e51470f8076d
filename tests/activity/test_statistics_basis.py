"""Every council figure equals the count of its archive list with the same filters (docs/activity.md, "Date
basis"), and records count at their legal date: a poll and a resolution at their sitting's date, never at the
moment someone clicked (here: sittings of 2025 whose votes were closed and published in January 2026)."""

from __future__ import annotations

import datetime as dt

import pytest

from activity.models import CitizenReception, GoodPractice, SupervisionMission, Survey, VoterMeeting, VoterPetition
from agenda.models import AgendaItem, Question, QuestionStep, QuestionTopic
from sessions_app.models import CouncilRoleKind
from tests.activity import builders as b
from tests.activity.archive_lists import (
    ADOPTED,
    RECORD_LISTS,
    assert_figures_are_lists,
    list_count,
    questioning_figures,
    status_count,
)
from tests.factories import make_council, make_delegate, make_role_user, make_term
from voting.models import Poll, Resolution, ResolutionCategory

pytestmark = pytest.mark.django_db
YEAR = 2025
LATE = dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC)  # the clicks came after new year


@pytest.fixture
def year(client):
    council = make_council()
    term = make_term(council)
    term.start_date = dt.date(2021, 7, 1)
    term.save()
    a = make_delegate(council, term, seat=1, start=dt.date(2021, 7, 1), with_user=False)
    regular = b.session(council, term, start=dt.date(2025, 7, 8))
    thematic = b.session(council, term, start=dt.date(2025, 12, 30), type="thematic", status="in_progress")
    planned = b.session(council, term, start=dt.date(2025, 12, 31), status="planned")  # not held
    next_year = b.session(council, term, start=dt.date(2026, 3, 1))  # another year
    s1, s2 = b.sitting(regular), b.sitting(regular, day=dt.date(2025, 7, 9))
    s3 = b.sitting(thematic)
    b.sitting(thematic, day=dt.date(2025, 12, 31), status="planned")
    b.poll(s1, voters=(a,))
    b.poll(s2, status="published", voters=(a,))
    late_poll = b.poll(s3, voters=(a,))
    Poll.objects.filter(pk=late_poll.pk).update(closed_at=LATE)
    b.poll(s3, status="cancelled")
    budget, personnel = (ResolutionCategory.objects.get(code=c) for c in ("budget", "personnel"))
    for status, category in (("published", budget), ("adopted", personnel), ("adopted", budget)):
        made = b.resolution(regular, status=status, decided=dt.date(2025, 7, 9))
        Resolution.objects.filter(pk=made.pk).update(category=category, decided_at=LATE)
    late = b.resolution(thematic, status="adopted", decided=dt.date(2025, 12, 30))
    Resolution.objects.filter(pk=late.pk).update(decided_at=LATE)  # adopted on 30/12, clicked on 5/1
    b.resolution(regular, status="rejected", decided=dt.date(2025, 7, 9))
    b.resolution(regular, status="draft", decided=None)
    b.resolution(b.session(council, term, start=dt.date(2024, 6, 1)), status="published", decided=dt.date(2024, 6, 1))
    for day in (dt.date(2025, 3, 1), dt.date(2026, 2, 1)):
        SupervisionMission.objects.create(council=council, title="Giám sát thử", start_date=day, end_date=day)
        Survey.objects.create(council=council, title="Khảo sát thử", date=day)
        CitizenReception.objects.create(council=council, date=day, citizens_received=4)
        VoterMeeting.objects.create(council=council, date=day, voters_attending=50)
        VoterPetition.objects.create(
            council=council, content="Kiến nghị thử", received_on=day, status_changed_on=day, authority_level="province"
        )
        GoodPractice.objects.create(council=council, title="Cách làm hay thử", recognized_on=day)
    official = b.official(council)
    b.question(regular, a, official, status="answered")  # answered at the sitting
    due = dt.date(2025, 7, 28)
    b.question(regular, a, official, status="answered", written_due=due, written_answered=dt.date(2025, 7, 20))
    b.question(regular, a, official, status="written", written_due=due)
    b.question(thematic, a, official, status="asked")
    b.question(thematic, a, official, status="withdrawn")
    b.question(planned, a, official, status="registered")  # a slip for the session of 31/12, not yet held
    b.question(next_year, a, official, status="answered")
    b.promise(regular, official, due=dt.date(2025, 9, 1), done=True)
    b.promise(thematic, official, due=dt.date(2026, 1, 31))  # overdue since
    b.promise(next_year, official, due=dt.date(2025, 12, 31))  # due in 2025, made in 2026: 2026's
    client.force_login(make_role_user(council, CouncilRoleKind.SECRETARIAT))
    return council


def test_every_figure_equals_its_archive_list(client, year):
    council = year.pk
    stats = client.get(f"/api/statistics/councils/{council}/", {"year": YEAR}).json()["statistics"]
    same = {"council": council, "year": YEAR}
    held = {"sessions_total": 2, "sessions_regular": 1, "sessions_thematic": 1, "sittings": 3}
    questioning = {
        "questions_registered": 5,  # withdrawn not counted
        "questions_asked": 2,
        "questions_answered_live": 1,
        "questions_answered_written": 1,
        "questions_written_pending": 1,
        "questions_written_overdue": 1,
        "promises_total": 2,
        "promises_done": 1,
        "promises_overdue": 1,
    }
    expected = {**held, "polls": 3, "resolutions_adopted": 4, **dict.fromkeys(RECORD_LISTS, 1), **questioning}
    assert_figures_are_lists(client, stats, council=council, year=YEAR, expected=expected)
    by_category = {row["category"]: row["count"] for row in stats["resolutions_by_category"]}
    for code in ("budget", "personnel", "normative"):
        assert by_category[code] == status_count(client, "/api/resolutions/", *ADOPTED, category=code, **same)
    assert (by_category["budget"], by_category["personnel"], by_category[None]) == (2, 1, 1)


def test_the_click_year_counts_nothing_of_the_sittings_year(client, year):
    stats = client.get(f"/api/statistics/councils/{year.pk}/", {"year": 2026}).json()["statistics"]
    assert stats["resolutions_adopted"] == list_count(client, "/api/resolutions/", council=year.pk, year=2026) == 0
    assert stats["polls"] == 0


def test_citizen_reception_counted_per_kind(client):
    from activity.periods import Period
    from activity.selectors.statistics import council_statistics
    from activity.services.records import citizen_reception_save
    from tests.assertions import refused

    council = make_council()
    sec = make_role_user(council, CouncilRoleKind.SECRETARIAT)
    day = dt.date(2025, 5, 15)
    citizen_reception_save(
        actor=sec, council=council, date=day, citizens_received=12, opinions_received=9, petitions_received=3
    )
    citizen_reception_save(
        actor=sec, council=council, date=day, citizens_received=5, opinions_received=2, petitions_received=1
    )
    citizen_reception_save(
        actor=sec,
        council=council,
        date=day,
        kind="regular",
        citizens_received=30,
        opinions_received=20,
        petitions_received=14,
    )
    refused(
        "request.invalid",
        citizen_reception_save,
        actor=sec,
        council=council,
        date=day,
        kind="weekly",
        citizens_received=1,
    )
    stats = council_statistics(council=council, period=Period.year(2025))
    assert (
        stats["receptions_periodic"],
        stats["citizens_periodic"],
        stats["opinions_periodic"],
        stats["complaints_periodic"],
    ) == (2, 17, 11, 4)
    assert (
        stats["receptions_regular"],
        stats["citizens_regular"],
        stats["opinions_regular"],
        stats["complaints_regular"],
    ) == (1, 30, 20, 14)
    assert stats["citizen_receptions"] == 3 and stats["citizens_received"] == 47


def test_resolutions_by_category_on_the_dashboard_equal_the_archive_list(client, year):
    """The dashboard's sentence and table ("4 nghị quyết, trong đó 2 nghị quyết về ngân sách…") count what
    ``/api/resolutions/?council=&year=&category=`` lists."""
    import re

    council = year.pk
    same = {"council": council, "year": YEAR}
    html = client.get("/activity/statistics/", {"council": council, "year": YEAR}).content.decode()
    table = html.split('id="resolutions-by-category"', 1)[1].split("</table>", 1)[0]
    cells = dict(re.findall(r'data-category="([a-z]*)">(\d+)<', table))
    for code in ("normative", "personnel", "budget", "supervision", "other"):
        listed = status_count(client, "/api/resolutions/", *ADOPTED, category=code, **same)
        assert int(cells[code]) == listed, code
    total = status_count(client, "/api/resolutions/", *ADOPTED, **same)
    assert int(cells[""]) == total - sum(int(v) for k, v in cells.items() if k)  # not categorised
    wording = (
        "4 nghị quyết, trong đó 2 nghị quyết về ngân sách, kinh tế - xã hội; 1 nghị quyết về nhân sự, tổ chức bộ "
        "máy; 1 nghị quyết chưa phân loại"
    )
    assert f'id="resolutions-wording">{wording}</p>' in html
    stats = client.get(f"/api/statistics/councils/{council}/", {"year": YEAR}).json()["statistics"]
    assert stats["resolutions_wording"]["vi"] == wording
    assert stats["resolutions_wording"]["en"].startswith("4 resolutions, of which 2 on budget and socio-economic;")


def test_a_question_counts_in_the_year_of_its_sitting_not_of_its_slip(client):
    """A slip registered in December for a sitting in January, its promise, and a question asked at that
    sitting (its asking turn) count in January's year, in the statistics and in the lists alike; a question
    without a sitting counts at its session's opening date (docs/activity.md, "Date basis")."""
    council = make_council()
    term = make_term(council)
    a = make_delegate(council, term, seat=1, start=dt.date(2025, 1, 1), with_user=False)
    session = b.session(council, term, start=dt.date(2025, 12, 30))
    january = b.sitting(session, day=dt.date(2026, 1, 2))
    item = AgendaItem.objects.create(session=session, sitting=january, title="Chất vấn", kind="questioning")
    official = b.official(council)
    slip = b.question(session, a, official, status="answered")
    Question.objects.filter(pk=slip.pk).update(
        topic=QuestionTopic.objects.create(session=session, item=item, title="Đất đai"),
        registered_at=b.at(dt.date(2025, 12, 20)),
    )
    b.promise(session, official, due=dt.date(2026, 6, 30), done=True, question=slip)
    asked = b.question(session, a, official, status="asked")  # no topic: dated by its asking turn
    QuestionStep.objects.create(
        question=asked, number=1, kind="ask", person=a, allowed_seconds=60, started_at=b.at(january.date, 10)
    )
    b.question(session, a, official, status="written", written_due=dt.date(2026, 1, 20))  # no sitting: 30/12
    client.force_login(make_role_user(council, CouncilRoleKind.SECRETARIAT))
    counted = {"questions_registered": 2, "questions_asked": 2, "questions_answered_live": 1}
    counted |= {"promises_total": 1, "promises_done": 1}
    for year, expected in (
        (2025, dict.fromkeys(("questions_registered", "questions_written_pending", "questions_written_overdue"), 1)),
        (2026, counted),
    ):
        stats = client.get(f"/api/statistics/councils/{council.pk}/", {"year": year}).json()["statistics"]
        lists = questioning_figures(client, council=council.pk, year=year)
        assert {key: stats[key] for key in lists} == lists, year
        assert {key: value for key, value in lists.items() if value} == expected
    slip_row = client.get("/api/questions/", {"council": council.pk, "year": 2026, "ordering": "date"}).json()
    assert slip_row["results"][0]["id"] == slip.pk
    assert list_count(client, "/api/promises/", council=council.pk, due_year=2026, status="done") == 1
    assert list_count(client, "/api/promises/", council=council.pk, due_year=2025) == 0
