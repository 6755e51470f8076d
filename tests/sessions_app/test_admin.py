import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from sessions_app.auth_tokens import login_cards_issue
from sessions_app.models import AuditEntry, Council
from tests.factories import Council_, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(make_user(superuser=True))
    return client


ADMIN_APPS = ["sessions_app", "activity", "agenda"]


@pytest.mark.parametrize("app_label", ADMIN_APPS)
def test_every_model_is_in_the_admin(app_label):
    missing = [m.__name__ for m in apps.get_app_config(app_label).get_models() if m not in admin.site._registry]
    assert missing == []


def _agenda_records(c: Council_) -> None:
    """One row of every agenda model, made through the services, so each change page is opened too."""
    import datetime as dt

    from agenda import services as agenda
    from agenda.models import ItemKind
    from tests.agenda.helpers import pdf_bytes, upload

    sec = c.secretariat
    item = agenda.agenda_item_create(
        actor=sec, session=c.session, sitting=c.sitting, title="Chất vấn", kind=ItemKind.QUESTIONING
    )
    agenda.document_upload(actor=sec, item=item, title="Báo cáo", file=upload("bao-cao.pdf", pdf_bytes()))
    agenda.speaker_request(actor=c.delegates[0].user, item=item)
    official = agenda.official_create(
        actor=sec, council=c.council, full_name="Cán bộ Thử", title="Giám đốc Sở", agency="Sở Thử nghiệm"
    )
    agenda.session_respondent_add(actor=sec, session=c.session, official=official)
    agenda.topic_create(actor=sec, session=c.session, title="Hạ tầng giao thông", respondents=[official], item=item)
    question = agenda.question_register(
        actor=c.delegates[1].user, session=c.session, respondent=official, text="Tiến độ dự án?"
    )
    agenda.question_floor(actor=sec, question=question)
    agenda.promise_record(
        actor=sec,
        official=official,
        content="Hoàn thành trong quý IV",
        question=question,
        due_date=c.session.end_date + dt.timedelta(days=60),
    )
    agenda.explanation_create(
        actor=sec,
        council=c.council,
        topic="Giải trình về đất đai",
        respondents=[official],
        held_on=c.session.end_date,
        notice_date=c.session.start_date,
    )


def test_every_admin_page_opens_in_vietnamese(admin_client):
    c = Council_(n=2)
    login_cards_issue(actor=c.secretariat, session=c.session)
    _agenda_records(c)
    index = admin_client.get(reverse("admin:index"))
    assert index.status_code == 200 and "Hội đồng nhân dân" in index.content.decode()
    for model in admin.site._registry:
        label = model._meta.app_label
        if label not in ADMIN_APPS:
            continue
        name = model._meta.model_name
        changelist = admin_client.get(reverse(f"admin:{label}_{name}_changelist"))
        assert changelist.status_code == 200, name
        first = model.objects.first()
        if label == "agenda":
            assert first is not None, name
        if first is not None:
            assert admin_client.get(reverse(f"admin:{label}_{name}_change", args=[first.pk])).status_code == 200, name


def test_audit_trail_is_read_only_in_the_admin(admin_client):
    c = Council_(n=1)
    login_cards_issue(actor=c.secretariat, session=c.session)
    entry = AuditEntry.objects.first()
    assert admin_client.get(reverse("admin:sessions_app_auditentry_add")).status_code == 403
    change = admin_client.post(reverse("admin:sessions_app_auditentry_change", args=[entry.pk]), {"action": "forged"})
    assert change.status_code == 403
    delete = admin_client.post(reverse("admin:sessions_app_auditentry_delete", args=[entry.pk]), {"post": "yes"})
    assert delete.status_code == 403
    assert AuditEntry.objects.get(pk=entry.pk).action == entry.action


def test_admin_changes_are_audited(admin_client):
    c = Council_(n=1)
    url = reverse("admin:sessions_app_council_change", args=[c.council.pk])
    response = admin_client.post(
        url,
        {"name": "HĐND tỉnh Đổi Tên", "short_name": "", "level": "province", "code": c.council.code, "place_name": ""},
    )
    assert response.status_code == 302
    assert Council.objects.get(pk=c.council.pk).name == "HĐND tỉnh Đổi Tên"
    entry = AuditEntry.objects.get(action="admin.change", object_type="council")
    assert entry.council_id == c.council.pk and "name" in entry.data["fields"]


def test_non_staff_cannot_open_the_admin(client):
    c = Council_(n=1)
    client.force_login(c.secretariat)
    assert client.get(reverse("admin:index")).status_code == 302


def test_agenda_state_that_only_services_change_is_read_only_in_the_admin(admin_client):
    from agenda.models import DocumentVersion, QuestionStep, SpeakerRequest

    c = Council_(n=2)
    _agenda_records(c)
    for model in (QuestionStep, DocumentVersion):
        name = model._meta.model_name
        obj = model.objects.first()
        assert admin_client.get(reverse(f"admin:agenda_{name}_add")).status_code == 403, name
        assert admin_client.post(reverse(f"admin:agenda_{name}_change", args=[obj.pk]), {}).status_code == 403, name
        assert (
            admin_client.post(reverse(f"admin:agenda_{name}_delete", args=[obj.pk]), {"post": "yes"}).status_code == 403
        )
    request = SpeakerRequest.objects.get()
    position = request.position
    assert admin_client.get(reverse("admin:agenda_speakerrequest_add")).status_code == 403
    response = admin_client.post(
        reverse("admin:agenda_speakerrequest_change", args=[request.pk]),
        {"kind": "debate", "state": "speaking", "position": position + 5},
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert (request.kind, request.state, request.position) == ("debate", "waiting", position)
    assert AuditEntry.objects.filter(action="admin.change", object_type="speakerrequest").exists()
