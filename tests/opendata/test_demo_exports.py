"""The demo data (seed_demo) has a past session whose every export validates, built through the services."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from agenda.models import Document, Promise, Question
from core.audit import audit_verify
from sessions_app.models import Council, Session, SessionStatus
from tests.opendata.standards import akn_errors, popolo_errors
from tests.opendata.test_popolo import SCHEMA_OF
from voting.models import EncryptedBallot, NamedBallot, Poll, PollMethod, Resolution

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _demo_settings(settings):
    settings.DEBUG = True


def test_seed_demo_has_a_closed_session_with_real_votes_and_every_export_validates():
    call_command("seed_demo", stdout=StringIO())
    province = Council.objects.get(code="song-lam")
    past = Session.objects.get(council=province, number=1)
    assert past.status == SessionStatus.CLOSED and past.type == "regular"
    polls = Poll.objects.filter(session=past)
    assert {p.method for p in polls} == {"named", "secret", "show_of_hands"}
    # The first session of a term elects the officers (no confidence vote, no removal there).
    assert polls.filter(kind="election").exists() and set(polls.values_list("status", flat=True)) == {"published"}
    assert not polls.filter(kind__in=["confidence", "dismissal", "recall_delegate"]).exists()
    election = polls.get(kind="election")
    # The demo's two blank papers are counted apart from the encrypted sums (the blank row of each paper).
    assert [m.role for m in election.committee.all()] == ["head", "member", "member"]
    assert election.result["committee"]["returned"] == election.cast_count
    assert (
        election.result["committee"]["blank"] == 2 and "2 phiếu trắng" in election.result["wording"]["statement"]["vi"]
    )
    assert election.followups.get().resolution.status == "published"  # the confirming resolution
    assert (
        NamedBallot.objects.filter(poll__session=past).exists()
        and EncryptedBallot.objects.filter(poll__session=past).exists()
    )
    assert Resolution.objects.filter(session=past, status="published").count() == 4
    assert Question.objects.filter(session=past).count() == 3 and Promise.objects.filter(session=past).count() == 2
    assert Document.objects.filter(item__session=past, is_public=True).count() == 3
    assert audit_verify() is None

    client = APIClient()
    for kind, schema in SCHEMA_OF.items():
        objects = client.get(f"/api/popolo/{kind}/", {"page_size": 500}).json()["results"]
        assert objects, kind
        for obj in objects:
            assert popolo_errors(schema, obj) == [], (kind, obj)
    for event in client.get("/api/popolo/vote-events/", {"page_size": 500}).json()["results"]:
        poll = Poll.objects.get(pk=int(event["id"].rsplit("-", 1)[1]))  # last year's imported votes as well
        assert ("votes" in event) == (poll.method == PollMethod.NAMED)
        if poll.kind not in ("confidence", "election"):  # per official / per candidate: not one count per paper
            assert sum(c["value"] for c in event["counts"]) == poll.result["cast"]
    for resolution in Resolution.objects.filter(status="published"):
        response = client.get(f"/api/resolutions/{resolution.pk}/akn.xml")
        assert response.status_code == 200 and akn_errors(response.content) == []
    for path in ("resolutions.csv", "resolutions.xlsx", "poll-results.csv", "poll-results.xlsx"):
        assert client.get(f"/api/exports/{path}").status_code == 200

    before = {model: model.objects.count() for model in (Session, Poll, Resolution, Question, NamedBallot)}
    call_command("seed_demo", stdout=StringIO())
    assert before == {model: model.objects.count() for model in before}
