"""Bad input to memberships, sessions and sittings: refused with a stable code, nothing changed — through
the services and through the admin forms."""

import datetime as dt

import pytest

from core.errors import ServiceError
from sessions_app.models import AuditEntry, Membership, Person, Session, Sitting
from sessions_app.services import membership_add, session_create, sitting_create
from tests.assertions import refused
from tests.factories import TERM_START, Council_, make_user

pytestmark = pytest.mark.django_db


def test_overlapping_memberships_of_one_person_arerefused():
    c = Council_(n=2)
    person = c.delegates[0]
    error = refused(
        "membership.overlap",
        membership_add,
        actor=c.secretariat,
        person=person,
        council=c.council,
        term=c.term,
        seat=40,
        start_date=dt.date(2027, 1, 1),
    )
    assert person.full_name in error.message_vi
    assert Membership.objects.filter(person=person).count() == 1


def test_one_seat_held_twice_is_refused_but_a_vacated_seat_can_be_refilled():
    c = Council_(n=2)
    newcomer = Person.objects.create(full_name="Người Mới Thử")
    refused(
        "membership.seat_taken",
        membership_add,
        actor=c.secretariat,
        person=newcomer,
        council=c.council,
        term=c.term,
        seat=2,
        start_date=dt.date(2027, 1, 1),
    )
    Membership.objects.filter(seat=2).update(end_date=dt.date(2026, 12, 31))
    seat = membership_add(
        actor=c.secretariat, person=newcomer, council=c.council, term=c.term, seat=2, start_date=dt.date(2027, 1, 1)
    )
    assert seat.person == newcomer


def test_membership_refused_to_another_councils_secretariat():
    c, other = Council_(n=1), Council_(n=1)
    refused(
        "council.forbidden",
        membership_add,
        actor=other.secretariat,
        person=Person.objects.create(full_name="X"),
        council=c.council,
        term=c.term,
        seat=30,
        start_date=TERM_START,
    )


def test_session_ending_before_it_starts_isrefused():
    c = Council_(n=1)
    refused(
        "session.dates_invalid",
        session_create,
        actor=c.secretariat,
        council=c.council,
        term=c.term,
        number=9,
        title="Kỳ họp thử",
        start_date=dt.date(2027, 5, 10),
        end_date=dt.date(2027, 5, 9),
    )
    assert not Session.objects.filter(number=9).exists()


def test_sitting_outside_its_sessions_dates_isrefused():
    c = Council_(n=1)
    error = refused(
        "sitting.outside_session",
        sitting_create,
        actor=c.secretariat,
        session=c.session,
        number=5,
        date=c.session.end_date + dt.timedelta(days=1),
        start_time=dt.time(8),
    )
    assert c.session.start_date.strftime("%d/%m/%Y") in error.message_vi
    assert not Sitting.objects.filter(number=5).exists()


# ---- the same rules through the admin -----------------------------------------------------------------


@pytest.fixture
def admin_client(client):
    client.force_login(make_user(superuser=True))
    return client


def test_admin_refuses_a_session_ending_before_it_starts(admin_client):
    c = Council_(n=1)
    before = Session.objects.count()
    page = admin_client.post(
        "/admin/sessions_app/session/add/",
        {
            "council": c.council.pk,
            "term": c.term.pk,
            "number": 7,
            "type": "regular",
            "title": "Kỳ họp thử",
            "start_date": "2027-05-10",
            "end_date": "2027-05-09",
            "is_public": "on",
            "sittings-TOTAL_FORMS": 0,
            "sittings-INITIAL_FORMS": 0,
        },
    )
    assert page.status_code == 200
    assert ServiceError("session.dates_invalid").message_vi in page.content.decode()
    assert Session.objects.count() == before


def test_admin_refuses_a_sitting_outside_the_session(admin_client):
    c = Council_(n=1)
    page = admin_client.post(
        "/admin/sessions_app/sitting/add/",
        {
            "session": c.session.pk,
            "number": 4,
            "date": "2030-01-01",
            "start_time": "08:00",
        },
    )
    assert page.status_code == 200 and "Ngày của phiên họp phải nằm trong" in page.content.decode()
    assert not Sitting.objects.filter(number=4).exists()


def test_admin_refuses_overlapping_membership_and_double_seat(admin_client):
    c = Council_(n=2)
    base = {"council": c.council.pk, "term": c.term.pk, "role": "delegate", "start_date": "2027-01-01"}
    page = admin_client.post("/admin/sessions_app/membership/add/", {**base, "person": c.delegates[0].pk, "seat": 30})
    assert page.status_code == 200 and "đã là đại biểu" in page.content.decode()
    newcomer = Person.objects.create(full_name="Người Mới Thử")
    page = admin_client.post("/admin/sessions_app/membership/add/", {**base, "person": newcomer.pk, "seat": 2})
    assert page.status_code == 200 and "Ghế số 2" in page.content.decode()
    assert Membership.objects.count() == 2
    done = admin_client.post("/admin/sessions_app/membership/add/", {**base, "person": newcomer.pk, "seat": 3})
    assert done.status_code == 302 and Membership.objects.count() == 3
    assert AuditEntry.objects.filter(action="admin.add", object_type="membership").count() == 1
