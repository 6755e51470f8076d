"""Casting votes: receipts, idempotency, every refusal code, changes, and batches."""

import pytest

from core.audit import audit_verify
from core.errors import ServiceError
from sessions_app.models import AuditEntry
from tests.factories import make_user
from tests.voting.conftest import Hall, new_id
from voting import services
from voting.crypto.ballots import BallotError
from voting.models import EncryptedBallot, NamedBallot, SecretParticipation
from voting.services import VoteRequest

pytestmark = pytest.mark.django_db


def refused(fn, *args, **kwargs) -> str:
    with pytest.raises(ServiceError) as info:
        fn(*args, **kwargs)
    return info.value.code


def test_named_vote_is_recorded_with_a_receipt_and_audited(hall):
    poll = hall.poll()
    receipt = hall.vote(poll, 0, "no")
    assert receipt["status"] == "recorded" and receipt["choice"] == "no" and len(receipt["receipt"]) == 10
    ballot = NamedBallot.objects.get(poll=poll)
    assert ballot.person == hall.delegates[0] and ballot.choice == "no" and ballot.receipt == receipt["receipt"]
    poll.refresh_from_db()
    assert poll.cast_count == 1
    entry = AuditEntry.objects.filter(action="vote.cast").get()
    assert entry.data["person"] == hall.delegates[0].pk and entry.actor_id == hall.user(0).pk
    assert audit_verify() is None


@pytest.mark.parametrize("method", ["named", "secret"])
def test_retry_with_same_client_id_returns_the_original_receipt_and_adds_nothing(hall, method):
    poll = hall.poll(method=method)
    cid = new_id()
    first = hall.vote(poll, 0, "yes", client_id=cid)
    again = hall.vote(poll, 0, "no", client_id=cid)
    assert again["receipt"] == first["receipt"] and again["status"] == "replayed"
    poll.refresh_from_db()
    assert poll.cast_count == 1
    if method == "named":
        assert NamedBallot.objects.get(poll=poll).choice == "yes"
    else:
        assert SecretParticipation.objects.filter(poll=poll).count() == 1
        assert EncryptedBallot.objects.filter(poll=poll).get().receipt == first["receipt"]
        assert hall.close(poll).result["counts"] == {"yes": 1}


@pytest.mark.parametrize("method", ["named", "secret"])
def test_second_vote_with_a_new_id_is_refused(hall, method):
    poll = hall.poll(method=method)
    hall.vote(poll, 0, "yes")
    assert refused(hall.vote, poll, 0, "no") == "vote.already_voted"
    poll.refresh_from_db()
    assert poll.cast_count == 1


def test_retry_is_answered_even_after_the_poll_closed(hall):
    poll = hall.poll()
    cid = new_id()
    first = hall.vote(poll, 0, client_id=cid)
    services.poll_close(actor=hall.sec, poll=poll)
    assert hall.vote(poll, 0, client_id=cid)["receipt"] == first["receipt"]
    assert refused(hall.vote, poll, 1) == "vote.not_open"


def test_not_open_for_draft_and_closed_polls(hall):
    draft = hall.poll(open=False)
    assert refused(hall.vote, draft, 0) == "vote.not_open"
    assert not NamedBallot.objects.exists()


def test_not_eligible_when_not_checked_in_at_opening():
    h = Hall(n=4, present=2)
    poll = h.poll()
    assert refused(h.vote, poll, 3) == "vote.not_eligible"
    staff = make_user()
    assert (
        refused(services.vote_cast, actor=staff, poll_id=poll.pk, choice="yes", client_id=new_id())
        == "vote.not_eligible"
    )


def test_unknown_option_and_malformed_ballots(hall):
    poll = hall.poll()
    assert refused(hall.vote, poll, 0, "maybe") == "vote.unknown_option"
    assert refused(hall.vote, poll, 0, ["yes"]) == "vote.unknown_option"
    assert not NamedBallot.objects.exists()


def test_voting_for_someone_else_is_refused(hall):
    poll = hall.poll()
    assert refused(hall.vote, poll, 0, person_id=hall.delegates[1].pk) == "vote.not_your_seat"
    assert hall.vote(poll, 0, person_id=hall.delegates[0].pk)["status"] == "recorded"
    assert NamedBallot.objects.get().person == hall.delegates[0]


def test_poll_of_another_council(hall):
    other = Hall(n=2)
    foreign = other.poll()
    assert refused(hall.vote, foreign, 0) == "vote.poll_other_council"
    # through a socket of this council's session, the scope check answers the same way
    assert (
        refused(hall.vote, foreign, 0, session_id=hall.c.session.pk, council_id=hall.c.council.pk)
        == "vote.poll_other_council"
    )


def test_poll_of_another_session_of_the_same_council(hall):
    from tests.factories import make_session

    poll = hall.poll()
    other_session = make_session(hall.c.council, hall.c.term, number=2)
    assert (
        refused(hall.vote, poll, 0, session_id=other_session.pk, council_id=hall.c.council.pk)
        == "vote.poll_other_session"
    )


@pytest.mark.parametrize("raw", ["", "not-a-uuid", "6ba7b810-9dad-11d1-80b4-00c04fd430c8", None, 12])
def test_client_id_must_be_a_uuid4(hall, raw):
    poll = hall.poll()
    with pytest.raises(ServiceError) as info:
        services.vote_cast(actor=hall.user(0), poll_id=poll.pk, choice="yes", client_id=raw)
    assert info.value.code == "vote.client_id_invalid"


def test_client_id_of_another_delegate_is_refused(hall):
    poll = hall.poll()
    cid = new_id()
    hall.vote(poll, 0, client_id=cid)
    assert refused(hall.vote, poll, 1, client_id=cid) == "vote.client_id_taken"


def test_anonymous_and_unknown_poll(hall):
    from django.contrib.auth.models import AnonymousUser

    poll = hall.poll()
    assert (
        refused(services.vote_cast, actor=AnonymousUser(), poll_id=poll.pk, choice="yes", client_id=new_id())
        == "auth.required"
    )
    assert refused(hall.vote, type("P", (), {"pk": 999999})(), 0) == "not_found"


def test_show_of_hands_poll_takes_no_electronic_vote(hall):
    poll = hall.poll(method="show_of_hands")
    assert refused(hall.vote, poll, 0) == "poll.method_mismatch"


def test_change_allowed_poll_lets_a_named_vote_change_while_open(hall):
    poll = hall.poll(change_allowed=True)
    first = hall.vote(poll, 0, "yes")
    changed = hall.vote(poll, 0, "no")
    assert changed["status"] == "changed" and changed["receipt"] != first["receipt"]
    ballot = NamedBallot.objects.get(poll=poll)
    assert ballot.choice == "no" and ballot.revision == 2
    poll.refresh_from_db()
    assert poll.cast_count == 1
    services.poll_close(actor=hall.sec, poll=poll)
    assert refused(hall.vote, poll, 0, "yes") == "vote.not_open"
    poll.refresh_from_db()
    assert poll.result["counts"] == {"no": 1}


def test_a_batch_answers_each_request_and_one_refusal_does_not_spoil_the_others(hall):
    poll = hall.poll()
    cid = new_id()
    requests = [
        VoteRequest(hall.user(0), poll.pk, "yes", cid),
        VoteRequest(hall.user(1), poll.pk, "maybe", new_id()),
        VoteRequest(hall.user(2), poll.pk, "no", new_id()),
        VoteRequest(hall.user(0), poll.pk, "yes", cid),
        VoteRequest(hall.user(0), poll.pk, "no", new_id()),
        VoteRequest(hall.user(3), poll.pk, "yes", "bad"),
    ]
    outcomes = services.votes_cast(requests=requests)
    assert outcomes[0]["status"] == "recorded"
    assert outcomes[1].code == "vote.unknown_option"
    assert outcomes[2]["status"] == "recorded"
    assert outcomes[3]["status"] == "replayed" and outcomes[3]["receipt"] == outcomes[0]["receipt"]
    assert outcomes[4].code == "vote.already_voted"
    assert outcomes[5].code == "vote.client_id_invalid"
    assert NamedBallot.objects.filter(poll=poll).count() == 2
    poll.refresh_from_db()
    assert poll.cast_count == 2
    entries = AuditEntry.objects.filter(action="vote.cast")
    assert {e.data["user"] for e in entries} == {hall.user(0).pk, hall.user(2).pk}
    assert {e.actor_id for e in entries} == {None}  # several voters in one batch: each named in its entry
    assert audit_verify() is None


def test_election_and_confidence_ballot_validation(hall):
    election = hall.poll(
        kind="election",
        method="secret",
        seats=2,
        title="Bầu Phó Chủ tịch",
        candidates=[{"name": "Ứng viên Một"}, {"name": "Ứng viên Hai"}, {"name": "Ứng viên Ba"}],
    )
    ids = list(election.candidates.values_list("pk", flat=True))
    with pytest.raises(BallotError):  # three of two seats: the tablet cannot even make a valid proof
        hall.vote(election, 0, ids)
    # A secret poll takes encrypted ballots only (the rule itself is proven inside: tests/crypto).
    for plain in ([ids[0]], "yes", {"v": 1, "rows": [], "groups": []}):
        assert (
            refused(services.vote_cast, actor=hall.user(0), poll_id=election.pk, choice=plain, client_id=new_id())
            == "ballot.malformed"
        )
    assert hall.vote(election, 0, [ids[1], ids[0]])["status"] == "recorded"
    assert hall.close(election).result["counts"] == {f"c{ids[0]}": 1, f"c{ids[1]}": 1}
    services.poll_publish(actor=hall.sec, poll=election)
    conf = hall.poll(
        kind="confidence",
        method="secret",
        title="Lấy phiếu tín nhiệm",
        candidates=[{"name": "Quan chức A", "title": "Chủ tịch UBND"}, {"name": "Quan chức B"}],
    )
    a, b = conf.candidates.values_list("pk", flat=True)
    with pytest.raises(BallotError):  # one official without a level
        hall.vote(conf, 0, {str(a): "low"})
    assert hall.vote(conf, 0, {a: "low", b: "high"})["status"] == "recorded"
