"""REST: the same services behind thin views, the error envelope, and what the public may see."""

import pytest
from rest_framework.test import APIClient

from tests.voting.conftest import Hall, new_id
from voting import services
from voting.crypto.board import board_verify, sums_decode
from voting.crypto.tally import partial_make, share_make
from voting.models import NamedBallot, Poll
from voting.simulate import ballot_for

pytestmark = pytest.mark.django_db


def client_for(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_secretariat_runs_a_poll_over_rest_and_delegates_vote(hall):
    sec = client_for(hall.sec)
    created = sec.post(
        "/api/polls/",
        {
            "session": hall.c.session.pk,
            "sitting": hall.c.sitting.pk,
            "title": "Thông qua chương trình kỳ họp",
            "kind": "procedural",
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    pid = created.json()["id"]
    assert [o["key"] for o in created.json()["options"]] == ["yes", "no", "abstain"]
    assert sec.post(f"/api/polls/{pid}/open/").json()["status"] == "open"
    cid = new_id()
    voter = client_for(hall.user(0))
    first = voter.post(f"/api/polls/{pid}/votes/", {"client_id": cid, "choice": "yes"}, format="json")
    assert first.status_code == 201 and first.json()["status"] == "recorded"
    retry = voter.post(f"/api/polls/{pid}/votes/", {"client_id": cid, "choice": "yes"}, format="json")
    assert retry.status_code == 200 and retry.json()["receipt"] == first.json()["receipt"]
    again = voter.post(f"/api/polls/{pid}/votes/", {"client_id": new_id(), "choice": "no"}, format="json")
    assert again.status_code == 409 and again.json()["error"]["code"] == "vote.already_voted"
    assert set(again.json()["error"]["messages"]) == {"vi", "en"}
    assert NamedBallot.objects.filter(poll_id=pid).count() == 1
    assert sec.post(f"/api/polls/{pid}/close/").json()["result"]["cast"] == 1
    anonymous = client_for()
    assert anonymous.get(f"/api/polls/{pid}/results/").json()["error"]["code"] == "poll.not_published"
    assert anonymous.get(f"/api/polls/{pid}/named-votes/").status_code == 409
    assert client_for(hall.user(1)).get(f"/api/polls/{pid}/named-votes/").json() == [
        {"person": hall.delegates[0].pk, "name": hall.delegates[0].full_name, "choice": "yes"}
    ]
    sec.post(f"/api/polls/{pid}/publish/")
    result = anonymous.get(f"/api/polls/{pid}/results/").json()
    assert result["wording"]["statement"]["vi"].startswith("Có 1/5 đại biểu tham gia biểu quyết; tán thành 1 đại biểu")


@pytest.mark.parametrize(
    "body, code",
    [
        ({"choice": "yes"}, "request.invalid"),
        ({"client_id": "abc", "choice": "yes"}, "request.invalid"),
        ({"client_id": "6ba7b810-9dad-11d1-80b4-00c04fd430c8", "choice": "yes"}, "vote.client_id_invalid"),
        ({"client_id": "NEW", "choice": "perhaps"}, "vote.unknown_option"),
        ({"client_id": "NEW", "choice": "yes", "person": -1}, "vote.not_your_seat"),
    ],
)
def test_bad_vote_input_gets_a_clear_error_and_changes_nothing(hall, body, code):
    poll = hall.poll()
    if body.get("client_id") == "NEW":
        body = {**body, "client_id": new_id()}
    response = client_for(hall.user(0)).post(f"/api/polls/{poll.pk}/votes/", body, format="json")
    assert response.json()["error"]["code"] == code
    assert not NamedBallot.objects.exists()


def test_malformed_json_and_anonymous_votes(hall):
    poll = hall.poll()
    response = client_for(hall.user(0)).post(
        f"/api/polls/{poll.pk}/votes/", "{not json", content_type="application/json"
    )
    assert response.json()["error"]["code"] == "request.malformed"
    response = client_for().post(
        f"/api/polls/{poll.pk}/votes/", {"client_id": new_id(), "choice": "yes"}, format="json"
    )
    assert response.status_code == 401 and response.json()["error"]["code"] == "auth.required"


def test_delegates_cannot_run_polls_and_bad_create_input_is_refused(hall):
    poll = hall.poll(open=False)
    delegate = client_for(hall.user(0))
    assert delegate.post(f"/api/polls/{poll.pk}/open/").json()["error"]["code"] == "council.forbidden"
    bad = client_for(hall.sec).post(
        "/api/polls/",
        {
            "session": hall.c.session.pk,
            "sitting": hall.c.sitting.pk,
            "title": "X",
            "kind": "election",
            "method": "named",
            "candidates": [{"name": "A"}],
        },
        format="json",
    )
    assert bad.status_code == 400 and bad.json()["error"]["details"]["field"] == "method"
    assert (
        client_for(hall.sec).post("/api/polls/", {"title": "X"}, format="json").json()["error"]["code"]
        == "request.invalid"
    )
    assert Poll.objects.count() == 1


def test_public_sees_only_opened_public_polls(hall):
    draft = hall.poll(open=False)
    anonymous = client_for()
    assert anonymous.get(f"/api/polls/{draft.pk}/").status_code == 404
    opened = services.poll_open(actor=hall.sec, poll=draft)
    listed = anonymous.get(f"/api/polls/?session={hall.c.session.pk}").json()["results"]
    assert [p["id"] for p in listed] == [opened.pk]
    assert anonymous.get("/api/polls/?status=bogus").json()["error"]["code"] == "request.invalid"
    other = Hall(n=1)
    private = other.poll(open=False)
    assert client_for(hall.user(0)).get(f"/api/polls/{private.pk}/").status_code == 404


def test_show_of_hands_over_rest(hall):
    poll = hall.poll(method="show_of_hands")
    sec = client_for(hall.sec)
    bad = sec.post(f"/api/polls/{poll.pk}/hands/", {"counts": {"yes": -2}}, format="json")
    assert bad.json()["error"]["code"] == "request.invalid"
    too_many = sec.post(f"/api/polls/{poll.pk}/hands/", {"counts": {"yes": 9}}, format="json")
    assert too_many.json()["error"]["code"] == "poll.hands_invalid"
    assert sec.post(f"/api/polls/{poll.pk}/hands/", {"counts": {"yes": 3, "no": 2}}, format="json").status_code == 200
    assert sec.post(f"/api/polls/{poll.pk}/close/").json()["result"]["by_show_of_hands"] is True


def test_secret_poll_over_rest_committee_keys_votes_decryptions_and_board(hall):
    poll = hall.poll(method="secret", open=False)
    sec, member = client_for(hall.sec), client_for(hall.user(2))
    body = {"head": hall.delegates[2].pk, "members": [hall.delegates[3].pk]}
    refused = sec.post(f"/api/polls/{poll.pk}/committee/", body, format="json")  # Hall's committee made keys
    assert (refused.status_code, refused.json()["error"]["code"]) == (409, "committee.keys_exist")
    body["discard_keys"] = True
    assert sec.post(f"/api/polls/{poll.pk}/committee/", body, format="json").status_code == 200
    assert sec.post(f"/api/polls/{poll.pk}/open/").json()["error"]["code"] == "committee.incomplete"
    x, share = share_make(poll_id=poll.pk, position=1)
    bad = member.post(
        f"/api/polls/{poll.pk}/committee/share/", {"public": share["public"], "proof": {"c": "00"}}, format="json"
    )
    assert bad.json()["error"]["code"] == "committee.share_invalid"
    state = member.post(f"/api/polls/{poll.pk}/committee/share/", share, format="json").json()
    assert [(m["role"], m["key"]) for m in state["committee"]] == [("head", True), ("member", False)]
    x2, share2 = share_make(poll_id=poll.pk, position=2)
    assert (
        client_for(hall.user(3)).post(f"/api/polls/{poll.pk}/committee/share/", share2, format="json").status_code
        == 200
    )
    assert sec.post(f"/api/polls/{poll.pk}/open/").status_code == 200
    cid = new_id()
    ballot = ballot_for(poll=poll, client_id=cid, choice="no")
    voted = client_for(hall.user(0)).post(
        f"/api/polls/{poll.pk}/votes/", {"client_id": cid, "choice": ballot}, format="json"
    )
    assert voted.status_code == 201
    receipt = voted.json()["receipt"]
    anonymous = client_for()
    assert anonymous.get(f"/api/polls/{poll.pk}/board/").json()["error"]["code"] == "poll.result_not_ready"
    state = sec.post(f"/api/polls/{poll.pk}/close/").json()
    assert state["result"] is None and state["tally_pending"] is True
    assert sec.get(f"/api/polls/{poll.pk}/results/").json()["error"]["code"] == "poll.tally_pending"
    board = anonymous.get(f"/api/polls/{poll.pk}/board/").json()
    assert [e["receipt"] for e in board["ballots"]] == [receipt] and board["counts"] is None
    partial = partial_make(poll_id=poll.pk, position=1, x=x, sums=sums_decode(board["sums"]))
    wrong = client_for(hall.user(0)).post(f"/api/polls/{poll.pk}/committee/partial/", partial, format="json")
    assert wrong.json()["error"]["code"] == "committee.not_member"
    waiting = member.post(f"/api/polls/{poll.pk}/committee/partial/", partial, format="json").json()
    assert waiting["tally_pending"] is True and [m["decrypted"] for m in waiting["committee"]] == [True, False]
    partial2 = partial_make(poll_id=poll.pk, position=2, x=x2, sums=sums_decode(board["sums"]))
    done = client_for(hall.user(3)).post(f"/api/polls/{poll.pk}/committee/partial/", partial2, format="json").json()
    assert done["result"]["counts"] == {"no": 1} and done["tally_pending"] is False
    assert board_verify(anonymous.get(f"/api/polls/{poll.pk}/board/").json())["counts"] == {
        "yes": 0,
        "no": 1,
        "abstain": 0,
        "blank": 0,
    }


def test_resolutions_follow_their_poll_and_only_published_ones_are_public(hall):
    poll = hall.poll()
    sec = client_for(hall.sec)
    made = sec.post(
        "/api/resolutions/",
        {"session": hall.c.session.pk, "title": "Nghị quyết về giá đất", "poll": poll.pk, "category": "budget"},
        format="json",
    )
    assert made.status_code == 201 and made.json()["number"] == "" and made.json()["category"] == "budget"
    rid = made.json()["id"]
    anonymous = client_for()
    assert anonymous.get(f"/api/resolutions/{rid}/").status_code == 404
    assert sec.post(f"/api/resolutions/{rid}/publish/").json()["error"]["code"] == "resolution.status_invalid"
    for i in range(3):
        hall.vote(poll, i)
    poll = services.poll_close(actor=hall.sec, poll=poll)
    services.poll_publish(actor=hall.sec, poll=poll)
    adopted = sec.get(f"/api/resolutions/{rid}/").json()
    assert (adopted["status"], adopted["number"], adopted["adopted_on"]) == ("adopted", "01/NQ-HĐND", "2026-12-08")
    assert anonymous.get("/api/resolutions/").json()["results"] == []
    assert sec.post(f"/api/resolutions/{rid}/publish/").json()["status"] == "published"
    assert [r["number"] for r in anonymous.get("/api/resolutions/").json()["results"]] == ["01/NQ-HĐND"]


def test_rejected_when_the_poll_fails():
    h = Hall(n=5)
    poll = h.poll()
    resolution = services.resolution_create(actor=h.sec, session=h.c.session, title="Nghị quyết bị bác", poll=poll)
    h.vote(poll, 0, "yes")
    h.vote(poll, 1, "no")
    poll = services.poll_close(actor=h.sec, poll=poll)
    services.poll_publish(actor=h.sec, poll=poll)
    resolution.refresh_from_db()
    assert (resolution.status, resolution.number, resolution.serial) == ("rejected", "", None)  # uses no number


def test_openapi_schema_lists_voting_endpoints_with_errors(hall):
    schema = client_for().get("/api/schema/?format=json").json()
    votes = schema["paths"]["/api/polls/{id}/votes/"]["post"]
    assert {"201", "400", "401", "403", "404", "409"} <= set(votes["responses"])
    assert "/api/resolutions/" in schema["paths"]
