"""Activity records through their services: each write is checked against its council, audited, and a refusal
(bad dates, another council's committee or group, a non-delegate, a petition step skipped, a fake file) has its
stable code and changes nothing."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command

from activity.models import Evidence, PetitionStatus, SupervisionMission, VoterPetition
from activity.services import records as svc
from sessions_app.models import AuditEntry, Committee, CouncilLevel, DelegateGroup
from tests.assertions import refused
from tests.factories import make_council, make_delegate, make_role_user, make_term

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 9, 15)
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def council():
    made = make_council(level=CouncilLevel.COMMUNE)
    term = make_term(made)
    return {
        "council": made,
        "term": term,
        "secretariat": make_role_user(made),
        "delegate": make_delegate(made, term, seat=1, with_user=False),
        "committee": Committee.objects.create(council=made, term=term, name="Ban Kinh tế - Xã hội"),
        "group": DelegateGroup.objects.create(council=made, term=term, name="Tổ đại biểu thôn Thử"),
    }


def test_records_are_saved_with_their_participants_and_audited(council):
    c = council
    mission = svc.supervision_save(
        actor=c["secretariat"],
        council=c["council"],
        title=" Giám sát công tác cải cách hành chính ",
        start_date=DAY,
        end_date=DAY + dt.timedelta(days=10),
        committee=c["committee"],
        report_due=dt.date(2026, 10, 30),
        delegates=[c["delegate"]],
    )
    assert mission.title == "Giám sát công tác cải cách hành chính"
    assert list(mission.delegates.all()) == [c["delegate"]]
    svc.supervision_save(
        actor=c["secretariat"],
        council=c["council"],
        title=mission.title,
        start_date=DAY,
        end_date=DAY + dt.timedelta(days=10),
        report_due=dt.date(2026, 10, 30),
        report_submitted_on=dt.date(2026, 10, 28),
        instance=mission,
    )
    mission.refresh_from_db()
    assert mission.report_submitted_on == dt.date(2026, 10, 28) and mission.committee is None
    assert not mission.delegates.exists()
    meeting = svc.voter_meeting_save(
        actor=c["secretariat"],
        council=c["council"],
        date=DAY,
        voters_attending=120,
        group=c["group"],
        petitions_raised=6,
        delegates=[c["delegate"]],
    )
    svc.citizen_reception_save(actor=c["secretariat"], council=c["council"], date=DAY, citizens_received=9)
    svc.survey_save(actor=c["secretariat"], council=c["council"], title="Khảo sát trường học", date=DAY)
    petition = svc.petition_register(
        actor=c["secretariat"],
        council=c["council"],
        content="Sửa đường liên thôn",
        authority_level="commune",
        received_on=DAY,
        field="infrastructure",
        meeting=meeting,
    )
    assert petition.status == PetitionStatus.RECEIVED
    actions = list(AuditEntry.objects.values_list("action", flat=True))
    assert actions == [
        "supervision.save",
        "supervision.save",
        "voter_meeting.save",
        "citizen_reception.save",
        "survey.save",
        "petition.register",
    ]
    call_command("verify_audit", verbosity=0)


def test_a_petition_moves_one_step_at_a_time(council):
    c = council
    petition = svc.petition_register(
        actor=c["secretariat"],
        council=c["council"],
        content="Lắp đèn đường",
        authority_level="commune",
        received_on=DAY,
    )
    error = refused(
        "activity.petition_step_invalid",
        svc.petition_status_set,
        actor=c["secretariat"],
        petition=petition,
        status="resolved",
        on=DAY,
    )
    assert "Đã tiếp nhận" in error.message_vi and "Đã giải quyết" in error.message_vi
    refused(
        "activity.petition_step_invalid",
        svc.petition_status_set,
        actor=c["secretariat"],
        petition=petition,
        status="bogus",
        on=DAY,
    )
    refused(
        "activity.petition_date_invalid",
        svc.petition_status_set,
        actor=c["secretariat"],
        petition=petition,
        status="in_progress",
        on=DAY - dt.timedelta(days=1),
    )
    svc.petition_status_set(
        actor=c["secretariat"], petition=petition, status="in_progress", on=DAY + dt.timedelta(days=3)
    )
    svc.petition_status_set(
        actor=c["secretariat"],
        petition=petition,
        status="resolved",
        on=DAY + dt.timedelta(days=30),
        response="Đã lắp 12 bóng đèn",
    )
    petition.refresh_from_db()
    assert (petition.status, petition.response) == ("resolved", "Đã lắp 12 bóng đèn")
    refused(
        "activity.petition_step_invalid",
        svc.petition_status_set,
        actor=c["secretariat"],
        petition=petition,
        status="in_progress",
        on=DAY + dt.timedelta(days=31),
    )
    assert VoterPetition.objects.get(pk=petition.pk).status == "resolved"


def test_records_refuse_what_does_not_belong_to_the_council(council):
    c = council
    other = make_council(level=CouncilLevel.COMMUNE)
    other_term = make_term(other)
    foreign_committee = Committee.objects.create(council=other, term=other_term, name="Ban Pháp chế")
    foreign_group = DelegateGroup.objects.create(council=other, term=other_term, name="Tổ khác")
    outsider = make_delegate(other, other_term, seat=1, with_user=False)
    base = {
        "actor": c["secretariat"],
        "council": c["council"],
        "title": "Giám sát",
        "start_date": DAY,
        "end_date": DAY + dt.timedelta(days=2),
    }
    refused("activity.dates_invalid", svc.supervision_save, **{**base, "end_date": DAY - dt.timedelta(days=1)})
    refused("activity.committee_mismatch", svc.supervision_save, **base, committee=foreign_committee)
    error = refused("activity.not_delegate", svc.supervision_save, **base, delegates=[outsider])
    assert outsider.full_name in error.message_vi and "15/09/2026" in error.message_vi
    refused(
        "activity.not_delegate",
        svc.citizen_reception_save,
        actor=c["secretariat"],
        council=c["council"],
        date=dt.date(2026, 1, 5),
        citizens_received=3,
        delegates=[c["delegate"]],
    )  # before the term began
    refused(
        "activity.group_mismatch",
        svc.voter_meeting_save,
        actor=c["secretariat"],
        council=c["council"],
        date=DAY,
        voters_attending=10,
        group=foreign_group,
    )
    other_meeting = svc.voter_meeting_save(actor=make_role_user(other), council=other, date=DAY, voters_attending=10)
    refused(
        "activity.meeting_mismatch",
        svc.petition_register,
        actor=c["secretariat"],
        council=c["council"],
        content="X",
        authority_level="commune",
        received_on=DAY,
        meeting=other_meeting,
    )
    refused(
        "council.forbidden", svc.survey_save, actor=make_role_user(other), council=c["council"], title="X", date=DAY
    )
    refused("auth.required", svc.survey_save, actor=None, council=c["council"], title="X", date=DAY)
    assert not SupervisionMission.objects.exists()


def test_evidence_is_recognised_by_its_content(council):
    c = council
    practice = svc.good_practice_save(
        actor=c["secretariat"],
        council=c["council"],
        title="Mô hình dân vận khéo",
        description="Tiếp xúc cử tri theo nhóm nghề",
        recognized_on=DAY,
    )
    evidence = svc.evidence_upload(
        actor=c["secretariat"],
        council=c["council"],
        title="Quyết định công nhận",
        stream=io.BytesIO(PDF),
        size=len(PDF),
        original_name="qd.pdf",
        good_practice=practice,
    )
    assert (evidence.content_type, evidence.size, evidence.file.name.endswith(".pdf")) == (
        "application/pdf",
        len(PDF),
        True,
    )
    fake = b"<html>not a pdf</html>"
    refused(
        "document.type_not_allowed",
        svc.evidence_upload,
        actor=c["secretariat"],
        council=c["council"],
        title="Giả",
        stream=io.BytesIO(fake),
        size=len(fake),
        original_name="gia.pdf",
    )
    assert Evidence.objects.count() == 1


def test_a_record_cannot_be_rewritten_under_another_councils_name(council):
    c = council
    other = make_council(level=CouncilLevel.COMMUNE)
    make_term(other)
    theirs = svc.survey_save(actor=make_role_user(other), council=other, title="Khảo sát của xã khác", date=DAY)
    refused(
        "council.forbidden",
        svc.survey_save,
        actor=c["secretariat"],
        council=c["council"],
        title="Sửa trộm",
        date=DAY,
        instance=theirs,
    )
    theirs.refresh_from_db()
    assert (theirs.title, theirs.council_id) == ("Khảo sát của xã khác", other.pk)
