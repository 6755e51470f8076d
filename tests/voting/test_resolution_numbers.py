"""Resolution numbers after Decree 30/2020: given at adoption, never before the vote; ordinary ones restart each
calendar year per council, normative ones carry the year; unique per council, kind and year in the database. The
resolution's date is its sitting's. Title, category, signer, effective date and the signed text come after the vote."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from core.errors import ServiceError
from sessions_app.models import Session, SessionStream, Sitting
from tests.assertions import refused
from tests.voting.conftest import Hall, check_in
from voting import services
from voting.models import Resolution, ResolutionCategory

pytestmark = pytest.mark.django_db


def _decide(
    hall: Hall,
    *,
    passed: bool = True,
    kind: str = "ordinary",
    sitting: Sitting | None = None,
    title: str = "Nghị quyết thử",
) -> Resolution:
    sitting = sitting or hall.c.sitting
    poll = services.poll_create(actor=hall.sec, session=sitting.session, sitting=sitting, title=f"Thông qua {title}")
    resolution = services.resolution_create(actor=hall.sec, session=sitting.session, title=title, poll=poll, kind=kind)
    poll = services.poll_open(actor=hall.sec, poll=poll)
    for i in range(len(hall.present)):
        hall.vote(poll, i, "yes" if passed else "no")
    services.poll_publish(actor=hall.sec, poll=services.poll_close(actor=hall.sec, poll=poll))
    resolution.refresh_from_db()
    return resolution


@pytest.fixture
def hall(db) -> Hall:
    return Hall(n=3)


def test_numbers_are_given_at_adoption_in_order_and_a_rejected_draft_uses_none(hall):
    first = _decide(hall)
    rejected = _decide(hall, passed=False)
    second = _decide(hall)
    normative = _decide(hall, kind="normative")
    assert (first.number, first.year, first.serial) == ("01/NQ-HĐND", 2026, 1)
    assert (rejected.status, rejected.number, rejected.serial) == ("rejected", "", None)
    assert second.number == "02/NQ-HĐND"
    assert normative.number == "01/2026/NQ-HĐND"
    assert first.adopted_on == hall.c.sitting.date  # the sitting's date, not the click's


def test_ordinary_numbers_restart_each_calendar_year_and_per_council(hall):
    _decide(hall)
    session = Session.objects.create(
        council=hall.c.council,
        term=hall.c.term,
        number=2,
        title="Kỳ họp thứ hai",
        start_date=dt.date(2027, 7, 1),
        end_date=dt.date(2027, 7, 2),
    )
    SessionStream.objects.create(session=session)
    sitting = Sitting.objects.create(
        session=session, number=1, date=dt.date(2027, 7, 1), start_time=dt.time(8), status="open"
    )
    check_in(sitting, hall.present)
    next_year = _decide(hall, sitting=sitting)
    assert (next_year.number, next_year.year, next_year.adopted_on) == ("01/NQ-HĐND", 2027, dt.date(2027, 7, 1))
    other = Hall(n=3)
    assert _decide(other).number == "01/NQ-HĐND"


def test_no_number_before_the_vote_and_no_publication_without_one(hall):
    poll = hall.poll(open=False)
    draft = services.resolution_create(actor=hall.sec, session=hall.c.session, title="Dự thảo", poll=poll)
    assert draft.number == "" and draft.serial is None
    refused("resolution.not_adopted", services.resolution_number_set, actor=hall.sec, resolution=draft, serial=3)
    Resolution.objects.filter(pk=draft.pk).update(status="adopted", adopted_on=hall.c.sitting.date)
    draft.refresh_from_db()
    refused("resolution.number_missing", services.resolution_publish, actor=hall.sec, resolution=draft)


def test_the_secretariat_renumbers_and_duplicates_are_refused_by_the_service_and_the_database(hall):
    first, second = _decide(hall), _decide(hall)
    error = refused(
        "resolution.number_taken", services.resolution_number_set, actor=hall.sec, resolution=second, serial=1
    )
    assert "01/NQ-HĐND" in error.message_vi
    moved = services.resolution_number_set(actor=hall.sec, resolution=second, serial=12)
    assert moved.number == "12/NQ-HĐND"
    assert (
        services.resolution_number_set(actor=hall.sec, resolution=second, serial=1, kind="normative").number
        == "01/2026/NQ-HĐND"
    )  # another kind: its own sequence
    with pytest.raises(IntegrityError), transaction.atomic():
        Resolution.objects.filter(pk=second.pk).update(kind="ordinary", serial=1)
    refused("council.forbidden", services.resolution_number_set, actor=Hall(n=1).sec, resolution=first, serial=7)


def test_title_category_signer_and_effective_date_after_the_vote(hall):
    resolution = _decide(hall, title="Tờ trình và dự thảo Nghị quyết về phí")
    personnel = ResolutionCategory.objects.get(code="personnel")
    updated = services.resolution_update(
        actor=hall.sec,
        resolution=resolution,
        changes={
            "title": "Nghị quyết quy định mức thu phí",
            "category": personnel,
            "signer": "Trần Minh Đức",
            "effective_on": dt.date(2027, 1, 1),
        },
    )
    assert (updated.title, updated.category, updated.signer) == (
        "Nghị quyết quy định mức thu phí",
        personnel,
        "Trần Minh Đức",
    )
    refused(
        "resolution.kind_locked",
        services.resolution_update,
        actor=hall.sec,
        resolution=resolution,
        changes={"kind": "normative"},
    )
    refused(
        "resolution.fields_invalid",
        services.resolution_update,
        actor=hall.sec,
        resolution=resolution,
        changes={"effective_on": dt.date(2026, 1, 1)},
    )  # before its adoption
    refused(
        "resolution.fields_invalid",
        services.resolution_update,
        actor=hall.sec,
        resolution=resolution,
        changes={"number": "99/NQ-HĐND"},
    )


def test_signed_text_is_a_pdf_of_an_adopted_resolution(hall):
    resolution = _decide(hall)
    not_pdf = SimpleUploadedFile("a.pdf", b"GIF89a....", "application/pdf")
    with pytest.raises(ServiceError) as error:
        services.resolution_signed_upload(actor=hall.sec, resolution=resolution, file=not_pdf)
    assert error.value.code == "document.type_not_allowed"
    pdf = SimpleUploadedFile("ky.pdf", b"%PDF-1.4\n%signed\n%%EOF\n", "application/pdf")
    signed = services.resolution_signed_upload(actor=hall.sec, resolution=resolution, file=pdf, signer="Trần Minh Đức")
    assert signed.signed_document and signed.signer == "Trần Minh Đức"
    rejected = _decide(hall, passed=False)
    refused(
        "resolution.not_adopted",
        services.resolution_signed_upload,
        actor=hall.sec,
        resolution=rejected,
        file=SimpleUploadedFile("ky.pdf", b"%PDF-1.4\n%%EOF\n"),
    )


def test_rest_proposes_the_next_free_number_and_lists_categories(hall, client):
    resolution = _decide(hall)
    client.force_login(hall.sec)
    proposal = client.get(f"/api/resolutions/{resolution.pk}/number/?kind=normative").json()
    assert proposal == {"kind": "normative", "year": 2026, "serial": 1, "number": "01/2026/NQ-HĐND"}
    codes = [row["code"] for row in client.get("/api/resolution-categories/").json()]
    assert codes == ["normative", "personnel", "budget", "supervision", "other"]
    response = client.patch(
        f"/api/resolutions/{resolution.pk}/",
        {"title": "Nghị quyết về giá đất", "category": "budget"},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["category"] == "budget"
    taken = client.post(f"/api/resolutions/{resolution.pk}/number/", {"serial": 1}, content_type="application/json")
    assert taken.status_code == 200  # its own number again is fine
