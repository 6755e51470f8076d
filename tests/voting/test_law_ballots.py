"""Elections (ties, unfilled seats, round two), blank secret papers, the counting committee, the confirming
resolution, confidence votes (exclusions, once per term, province level) and the vote of no confidence,
and the quorum confirmation when fewer than two-thirds are present."""

from __future__ import annotations

import datetime as dt

import pytest

from core.errors import ServiceError
from sessions_app.models import AuditEntry
from sessions_app.models.council import CouncilLevel
from tests.factories import Council_
from tests.voting.conftest import Hall, check_in
from voting import services
from voting.models import Poll, PollKind, PollStatus, Resolution
from voting.results import committee_record, election_outcome

pytestmark = pytest.mark.django_db


def code(fn, *args, **kwargs) -> str:
    with pytest.raises(ServiceError) as info:
        fn(*args, **kwargs)
    return info.value.code


def test_election_outcome_ties_and_thresholds():
    # 2 seats, 50 delegates: 26 needed. A tie for the last seat leaves it unfilled.
    assert election_outcome({1: 40, 2: 30, 3: 30, 4: 10}, seats=2, required=26) == ([1], [2, 3])
    assert election_outcome({1: 40, 2: 31, 3: 30}, seats=2, required=26) == ([1, 2], [])
    # Below more-than-half of the total nobody is elected, however the others did.
    assert election_outcome({1: 25, 2: 20}, seats=1, required=26) == ([], [])
    assert election_outcome({1: 26, 2: 20}, seats=1, required=26) == ([1], [])
    # A tie for the only seat: nobody elected.
    assert election_outcome({1: 27, 2: 27}, seats=1, required=26) == ([], [1, 2])


def test_committee_record_counts_blank_papers_apart():
    assert committee_record(issued=50, returned=48, blank=2) == {
        "issued": 50,
        "returned": 48,
        "valid": 48,
        "invalid": 0,
        "blank": 2,
    }


def _election(h: Hall, names: list[str], seats: int = 1) -> Poll:
    return h.poll(
        kind="election",
        method="secret",
        seats=seats,
        title="Bầu Phó Chủ tịch Hội đồng nhân dân tỉnh",
        candidates=[{"name": n, "title": "Đại biểu"} for n in names],
    )


def test_an_election_tie_leaves_the_seat_unfilled_and_round_two_takes_the_tied_candidates():
    h = Hall(n=10, present=10)
    poll = _election(h, ["Nguyễn Văn An", "Lê Thị Bình", "Phạm Văn Cường"])
    a, b, c = poll.candidates.values_list("pk", flat=True)
    for i, choice in enumerate([[a]] * 4 + [[b]] * 4 + [[c]] * 2):
        h.vote(poll, i, choice)
    poll = h.close(poll)
    result = poll.result
    assert result["required"] == 6 and result["unfilled"] == 1 and result["new_round_needed"] is False
    assert result["committee"]["valid"] == 10
    # 4 and 4 of 10: nobody has more than half of the total, so no tie flag, just an unfilled seat.
    # Two seats, a 9, b 7, c 4 of 10: a and b have more than half of the total, both elected.
    h2 = Hall(n=10, present=10)
    tie = _election(h2, ["Nguyễn Văn An", "Lê Thị Bình", "Phạm Văn Cường"], seats=2)
    a, b, c = tie.candidates.values_list("pk", flat=True)
    for i, choice in enumerate([[a, b]] * 6 + [[a, c]] * 3 + [[c, b]]):
        h2.vote(tie, i, choice)
    tie = h2.close(tie)
    rows = {r["name"]: r for r in tie.result["candidates"]}
    assert rows["Nguyễn Văn An"]["elected"] and rows["Lê Thị Bình"]["elected"] and rows["Lê Thị Bình"]["votes"] == 7
    assert not rows["Phạm Văn Cường"]["elected"] and tie.result["unfilled"] == 0
    services.poll_publish(actor=h2.sec, poll=tie)
    assert code(services.election_round_create, actor=h2.sec, poll=tie) == "poll.followup_invalid"


def test_round_two_in_one_action_after_a_tie():
    h = Hall(n=10, present=10)
    poll = _election(h, ["Nguyễn Văn An", "Lê Thị Bình", "Phạm Văn Cường"], seats=2)
    a, b, c = poll.candidates.values_list("pk", flat=True)
    for i, choice in enumerate([[a, b]] * 3 + [[a, c]] * 3 + [[b, c]] * 2 + [[a]] * 2):
        h.vote(poll, i, choice)
    poll = h.close(poll)  # a 8, b 5, c 5 — 6 needed: only a
    assert [r["elected"] for r in poll.result["candidates"]] == [True, False, False]
    assert poll.result["unfilled"] == 1
    round_two = services.election_round_create(actor=h.sec, poll=poll)
    assert round_two.status == PollStatus.DRAFT and round_two.origin_id == poll.pk and round_two.seats == 1
    assert [c.name for c in round_two.candidates.all()] == ["Lê Thị Bình", "Phạm Văn Cường"]
    assert round_two.title == "Bầu Phó Chủ tịch Hội đồng nhân dân tỉnh (bầu lần 2)"


def test_a_tie_above_the_threshold_says_a_new_round_is_needed():
    from voting.results import Ballot, poll_result

    ballot = Ballot(
        "election",
        "secret",
        "gt_half_total",
        1,
        [],
        [{"id": 1, "name": "A", "title": "", "agency": ""}, {"id": 2, "name": "B", "title": "", "agency": ""}],
    )
    tied = poll_result(ballot=ballot, counts={"c1": 30, "c2": 30}, cast=50, total=50, eligible=50)
    assert tied["new_round_needed"] is True and tied["unfilled"] == 1
    assert [c["tie"] for c in tied["candidates"]] == [True, True]
    assert "phải bầu lại" in tied["wording"]["verdict"]["vi"]
    assert "Không có người trúng cử." in tied["wording"]["verdict"]["vi"]


def test_counting_committee_is_one_head_and_members_from_sitting_delegates_each_once():
    """One committee (Ban kiểm phiếu): named on the draft, a head first, delegates with a seat on the
    sitting's date, nobody twice, a head and at least one member; refused for anyone but the secretariat."""
    h = Hall(n=6, present=6)
    other = Hall(n=1)  # a delegate of another council
    poll = _election(h, ["Nguyễn Văn An", "Lê Thị Bình"])
    poll = services.poll_cancel(actor=h.sec, poll=poll)  # (Hall opened it)
    draft = h.poll(open=False, kind="election", method="secret", candidates=[{"name": "Nguyễn Văn An"}])
    d = h.delegates
    refusals = [
        ({"head": d[2].pk, "members": []}, "committee.invalid"),  # a head alone is not a committee
        ({"head": d[2].pk, "members": [d[3].pk, d[2].pk]}, "committee.invalid"),  # named twice
        ({"head": d[2].pk, "members": [other.delegates[0].pk]}, "committee.invalid"),  # not of this council
        ({"head": d[2].pk, "members": ["3"]}, "committee.invalid"),  # not a person id
        ({"head": d[2].pk, "members": [d[i].pk for i in range(3, 6)] * 5}, "committee.invalid"),  # over the limit
    ]
    before = list(draft.committee.values_list("person_id", "role", "public_share"))
    for body, expected in refusals:
        assert code(services.committee_set, actor=h.sec, poll=draft, **body) == expected, body
    error = pytest.raises(ServiceError, services.committee_set, actor=h.sec, poll=draft, head=d[2].pk, members=[])
    assert "Trưởng ban" in error.value.message_vi and "head" in error.value.message_en.lower()
    assert code(services.committee_set, actor=h.user(0), poll=draft, head=d[2].pk, members=[d[3].pk]) in {
        "council.forbidden"
    }
    # Hall's committee has made its keys: changing it needs the confirmation that they are discarded.
    assert code(services.committee_set, actor=h.sec, poll=draft, head=d[2].pk, members=[d[3].pk]) == (
        "committee.keys_exist"
    )
    assert list(draft.committee.values_list("person_id", "role", "public_share")) == before
    # The same committee again changes nothing and keeps the keys.
    services.committee_set(actor=h.sec, poll=draft, head=d[0].pk, members=[d[1].pk])
    assert list(draft.committee.values_list("person_id", "role", "public_share")) == before
    services.committee_set(actor=h.sec, poll=draft, head=d[3].pk, members=[d[4].pk, d[2].pk], discard_keys=True)
    rows = list(draft.committee.order_by("position").values_list("position", "person_id", "role", "public_share"))
    assert rows == [(1, d[3].pk, "head", ""), (2, d[4].pk, "member", ""), (3, d[2].pk, "member", "")]
    entry = AuditEntry.objects.filter(action="poll.committee_set").latest("pk")
    assert entry.data == {"head": d[3].pk, "members": [d[4].pk, d[2].pk], "keys_discarded": 2}
    # After the opening (the election key is made) the committee cannot change; open polls only.
    assert code(services.committee_set, actor=h.sec, poll=poll, head=d[2].pk, members=[d[3].pk]) == (
        "committee.not_now"
    )
    named = h.poll(open=False)
    assert code(services.committee_set, actor=h.sec, poll=named, head=d[2].pk, members=[d[3].pk]) == (
        "poll.method_mismatch"
    )


def test_confirming_resolution_in_one_action():
    h = Hall(n=6, present=6)
    poll = _election(h, ["Nguyễn Văn An", "Lê Thị Bình"])
    a, _ = poll.candidates.values_list("pk", flat=True)
    assert code(services.resolution_confirming_create, actor=h.sec, poll=poll) == (
        "poll.followup_invalid"
    )  # still open
    for i in range(6):
        h.vote(poll, i, [a])
    poll = services.poll_publish(actor=h.sec, poll=h.close(poll))
    vote, resolution = services.resolution_confirming_create(actor=h.sec, poll=poll)
    assert vote.kind == PollKind.RESOLUTION and vote.method == "named" and vote.origin_id == poll.pk
    assert resolution.poll_id == vote.pk and resolution.title.startswith("Nghị quyết xác nhận kết quả bầu")
    assert "Trúng cử: Nguyễn Văn An." in resolution.text
    assert resolution.serial is None and resolution.category.code == "personnel"  # numbered when adopted
    assert code(services.resolution_confirming_create, actor=h.sec, poll=poll) == ("poll.followup_invalid")
    assert Resolution.objects.count() == 1


def _officials():
    return [
        {"name": "Lâm Quốc Hưng", "title": "Chủ tịch Ủy ban nhân dân tỉnh", "elected_year": 2021},
        {"name": "Tạ Minh Khôi", "title": "Phó Chủ tịch Ủy ban nhân dân tỉnh", "elected_year": None},
        {"name": "Đoàn Thị Thu", "title": "Phó Chủ tịch Ủy ban nhân dân tỉnh", "retiring": True},
    ]


def _confidence(h: Hall, officials=None) -> Poll:
    return h.poll(
        open=False,
        kind="confidence",
        method="secret",
        title="Lấy phiếu tín nhiệm",
        candidates=officials or _officials(),
    )


def test_confidence_vote_excludes_the_newly_elected_and_the_retiring_with_the_reason():
    h = Hall(n=6, present=6)
    year = h.c.sitting.date.year
    officials = _officials()
    officials[1]["elected_year"] = year
    poll = _confidence(h, officials)
    assert [c.name for c in poll.candidates.all()] == ["Lâm Quốc Hưng"]
    assert poll.exclusions == [
        {
            "name": "Tạ Minh Khôi",
            "title": "Phó Chủ tịch Ủy ban nhân dân tỉnh",
            "agency": "",
            "reason": f"Được bầu, phê chuẩn trong năm {year}",
        },
        {
            "name": "Đoàn Thị Thu",
            "title": "Phó Chủ tịch Ủy ban nhân dân tỉnh",
            "agency": "",
            "reason": "Đã có thông báo nghỉ hưu",
        },
    ]
    # Once per term per official.
    assert code(_confidence, h) == "poll.confidence_repeated"


def test_confidence_vote_only_at_province_level_unless_the_setting_allows_communes(settings):
    commune = Council_(n=3, level=CouncilLevel.COMMUNE)
    check_in(commune.sitting, commune.delegates)
    create = {
        "actor": commune.secretariat,
        "session": commune.session,
        "sitting": commune.sitting,
        "kind": "confidence",
        "method": "secret",
        "title": "Lấy phiếu tín nhiệm",
        "candidates": [{"name": "Vũ Văn Định"}],
    }
    assert code(services.poll_create, **create) == "poll.confidence_level"
    settings.NT = {**settings.NT, "CONFIDENCE_COMMUNE_COUNCILS": True}
    assert services.poll_create(**create).kind == "confidence"


def test_vote_of_no_confidence_created_from_a_confidence_result_passes_with_more_than_half_of_total():
    h = Hall(n=10, present=10)
    poll = _confidence(
        h,
        [
            {"name": "Lâm Quốc Hưng", "title": "Chủ tịch Ủy ban nhân dân tỉnh"},
            {"name": "Tạ Minh Khôi", "title": "Phó Chủ tịch Ủy ban nhân dân tỉnh"},
        ],
    )
    poll = services.poll_open(actor=h.sec, poll=poll)
    x, y = poll.candidates.values_list("pk", flat=True)
    for i in range(10):
        h.vote(poll, i, {x: "low" if i < 6 else "normal", y: "high"})
    poll = h.close(poll)
    assert [o["outcome"] for o in poll.result["officials"]] == ["may_resign", "none"]
    assert code(services.no_confidence_create, actor=h.sec, poll=poll, official_id=y) == "poll.followup_invalid"
    vote = services.no_confidence_create(actor=h.sec, poll=poll, official_id=x)
    assert vote.kind == PollKind.NO_CONFIDENCE and vote.method == "secret" and vote.origin_id == poll.pk
    assert vote.title == "Bỏ phiếu tín nhiệm đối với Lâm Quốc Hưng, Chủ tịch Ủy ban nhân dân tỉnh"
    assert [(o.label, o.approves) for o in vote.options.all()] == [("Tín nhiệm", False), ("Không tín nhiệm", True)]
    assert code(services.no_confidence_create, actor=h.sec, poll=poll, official_id=x) == "poll.followup_invalid"
    vote = services.poll_open(actor=h.sec, poll=h.committee(vote))
    for i, choice in enumerate(["no_confidence"] * 5 + ["confidence"] * 5):
        h.vote(vote, i, choice)
    vote = h.close(vote)
    assert vote.result["required"] == 6 and vote.result["passed"] is False  # 5 of 10 is not more than half


def test_opening_below_two_thirds_needs_the_chairs_confirmation_recorded_in_the_audit():
    h = Hall(n=9, present=5)  # 2/3 of 9 is 6
    poll = h.poll(open=False)
    with pytest.raises(ServiceError) as info:
        services.poll_open(actor=h.sec, poll=poll)
    assert info.value.code == "poll.quorum_not_met" and info.value.status == 409
    assert info.value.details == {"present": 5, "total": 9, "required": 6}
    assert info.value.message_vi.startswith("Mới có 5/9 đại biểu có mặt")
    poll.refresh_from_db()
    assert poll.status == PollStatus.DRAFT
    poll = services.poll_open(actor=h.sec, poll=poll, quorum_confirmed=True)
    assert poll.status == PollStatus.OPEN and poll.quorum_confirmed is True
    entry = AuditEntry.objects.filter(action="poll.open").latest("pk")
    assert entry.data["quorum_confirmed"] is True and entry.data["present"] == 5 and entry.data["total"] == 9
    # With the quorum present, no confirmation is asked and none is recorded.
    h2 = Hall(n=9, present=6)
    opened = h2.poll(quorum_confirmed=False)
    assert opened.status == PollStatus.OPEN and opened.quorum_confirmed is False


def test_poll_dates_are_the_sittings():
    h = Hall(n=3)
    assert isinstance(h.c.sitting.date, dt.date)


def test_a_blank_secret_paper_is_counted_as_blank():
    h = Hall(n=10, present=10)
    poll = _election(h, ["Nguyễn Văn An", "Lê Thị Bình"])
    a, b = poll.candidates.values_list("pk", flat=True)
    for i, choice in enumerate([[a]] * 6 + [[b]] * 3 + [[]]):  # one blank paper
        h.vote(poll, i, choice)
    poll = h.close(poll)
    assert poll.result["committee"]["blank"] == 1 and poll.result["committee"]["valid"] == 10
    assert "1 phiếu trắng" in poll.result["wording"]["statement"]["vi"]


def test_a_blank_paper_on_a_dismissal_ballot_is_counted_apart():
    h = Hall(n=6, present=6)
    poll = h.poll(kind="dismissal", method="secret", title="Miễn nhiệm Phó Chủ tịch Ủy ban nhân dân tỉnh")
    for i, choice in enumerate(["yes"] * 4 + ["no", None]):  # the last paper is returned with nothing marked
        h.vote(poll, i, choice)
    poll = h.close(poll)
    assert poll.result["counts"] == {"yes": 4, "no": 1, "blank": 1}
    assert [o["count"] for o in poll.result["options"]] == [4, 1]
    assert poll.result["committee"] == {"issued": 6, "returned": 6, "valid": 6, "invalid": 0, "blank": 1}
    assert poll.result["wording"]["statement"]["vi"].endswith("; 1 phiếu trắng.")


@pytest.mark.parametrize(
    "values, expected",
    [
        ([1, 0, 1], "ballot.rule_invalid"),  # a candidate and the blank row
        ([0, 0, 2], "ballot.proof_invalid"),  # the blank row counting two papers
        ([0, 0, 0], "ballot.rule_invalid"),  # nothing at all, not even the blank row
    ],
)
def test_a_forged_blank_paper_is_refused_with_a_stable_code_and_nothing_is_stored(values, expected):
    from tests.crypto.test_ballot_crypto import _forge
    from tests.voting.conftest import new_id
    from voting.crypto.group import point_decode
    from voting.models import EncryptedBallot, SecretParticipation, SecretTally

    h = Hall(n=4, present=4)
    poll = _election(h, ["Nguyễn Văn An", "Lê Thị Bình"])
    tally = SecretTally.objects.get(poll=poll)
    cid = new_id()
    forged = _forge(point_decode(tally.key), tally.layout, cid, values, poll=poll.pk)
    assert code(h.vote, poll, 0, forged, client_id=cid) == expected
    poll.refresh_from_db()
    assert poll.cast_count == 0 and not EncryptedBallot.objects.exists() and not SecretParticipation.objects.exists()
