"""The counting committee (Ban kiểm phiếu) of a secret poll, one concept: the head and members the council
elects to count the ballot, who sign its record (``documents``) and hold the election key. Named by the
secretariat on the draft; each member's tablet publishes a key share (with a proof of knowledge) before the poll opens; at the close the
product sums the encrypted ballots and each member's tablet returns a partial decryption of the sums. When
the last one is in, the counts are combined and the result computed (``voting.results``, i11's rules)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core.audit import audit_object
from core.errors import ServiceError
from sessions_app.permissions import delegate_membership, is_authenticated, require_manage
from voting import errors
from voting.crypto.ballots import Ciphertext, ballot_parse, ciphertexts_sum
from voting.crypto.board import sums_decode, sums_encode
from voting.crypto.group import point_decode
from voting.crypto.tally import TallyError, counts_combine, joint_key, partial_verify, share_verify
from voting.events import POLL_COMMITTEE, POLL_COUNTED, emit_poll
from voting.models import (
    CommitteeRole,
    CountingCommitteeMember,
    EncryptedBallot,
    Poll,
    PollMethod,
    PollStatus,
    SecretTally,
)
from voting.results import poll_result
from voting.secret import poll_layout
from voting.selectors import poll_ballot

COMMITTEE_MIN = 2  # "Ban kiểm phiếu gồm Trưởng ban và các thành viên": a head and at least one member
COMMITTEE_MAX = 15
STEP_SET = _("biểu quyết đã mở, khóa bầu cử đã tạo, không đổi được Ban kiểm phiếu")
STEP_SHARE = _("chỉ tạo khóa thành phần khi biểu quyết chưa mở")
NO_COMMITTEE = _("chưa chỉ định Ban kiểm phiếu")
STEP_DECRYPT = _("chỉ giải mã khi biểu quyết đã kết thúc và chưa có kết quả")


def _locked_secret(poll: Poll) -> Poll:
    poll = Poll.objects.select_for_update(no_key=True).select_related("sitting", "session").get(pk=poll.pk)
    if poll.method != PollMethod.SECRET:
        raise ServiceError(errors.POLL_METHOD_MISMATCH, method=PollMethod(poll.method).label)
    return poll


def _invalid(reason: Any, **details: Any) -> ServiceError:
    return ServiceError(errors.COMMITTEE_INVALID, reason=reason, details=details)


def _person_ids(head: Any, members: Any) -> list[int]:
    """The committee in position order (the head first), or a refusal: ids, a head, no one twice, the size."""
    if not isinstance(members, list) or any(not isinstance(p, int) or isinstance(p, bool) for p in [head, *members]):
        raise _invalid(_("một Trưởng ban và danh sách thành viên (mã đại biểu)"))
    people = [head, *members]
    if len(set(people)) != len(people):
        raise _invalid(_("một đại biểu được ghi tên hai lần"), people=people)
    if not COMMITTEE_MIN <= len(people) <= COMMITTEE_MAX:
        raise _invalid(
            format_lazy(
                _("cần một Trưởng ban và từ {low} đến {high} thành viên"),
                low=COMMITTEE_MIN - 1,
                high=COMMITTEE_MAX - 1,
            ),
            size=len(people),
        )
    return people


def committee_set(*, actor: Any, poll: Poll, head: Any, members: Any, discard_keys: bool = False) -> Poll:
    """Name the counting committee (Ban kiểm phiếu) of a draft secret poll: its head and members, delegates
    of the council with a seat on the sitting's date, each once. The same people sign the counting record
    and make the election key. Once a member's tablet has published a key share, a changed committee needs
    ``discard_keys`` (every member makes a new key: the shares are bound to their positions); once the poll
    has opened (the election key is made) the committee cannot change."""
    require_manage(actor, poll.council_id)
    people = _person_ids(head, members)
    with transaction.atomic():
        poll = _locked_secret(poll)
        if poll.status != PollStatus.DRAFT:
            raise ServiceError(errors.COMMITTEE_NOT_NOW, step=STEP_SET)
        for person_id in people:
            if delegate_membership(person_id=person_id, council=poll.council_id, on=poll.sitting.date) is None:
                raise _invalid(_("có người không phải đại biểu Hội đồng nhân dân đương nhiệm"), person=person_id)
        current = list(CountingCommitteeMember.objects.filter(poll=poll).order_by("position"))
        if [m.person_id for m in current] == people and current[0].role == CommitteeRole.HEAD:
            return poll  # the same committee: nothing changes, the key shares stand
        keys = sum(1 for m in current if m.public_share)
        if keys and not discard_keys:
            raise ServiceError(errors.COMMITTEE_KEYS_EXIST, count=keys, details={"keys": keys})
        CountingCommitteeMember.objects.filter(poll=poll).delete()
        CountingCommitteeMember.objects.bulk_create(
            CountingCommitteeMember(
                poll=poll,
                person_id=person_id,
                position=i,
                role=CommitteeRole.HEAD if i == 1 else CommitteeRole.MEMBER,
            )
            for i, person_id in enumerate(people, start=1)
        )
        audit_object(
            actor=actor,
            obj=poll,
            action="poll.committee_set",
            data={"head": people[0], "members": people[1:], "keys_discarded": keys},
        )
        emit_poll(poll, POLL_COMMITTEE)
    return poll


def _member(actor: Any, poll: Poll) -> CountingCommitteeMember:
    if not is_authenticated(actor):
        raise ServiceError(errors.COMMITTEE_NOT_MEMBER)
    member = (
        CountingCommitteeMember.objects.select_for_update(no_key=True)
        .filter(poll=poll, person_id=getattr(actor, "person_id", None))
        .first()
    )
    if member is None:
        raise ServiceError(errors.COMMITTEE_NOT_MEMBER)
    return member


def committee_share_submit(*, actor: Any, poll: Poll, share: Any) -> CountingCommitteeMember:
    """A member's tablet publishes its key share and proof of knowledge (again, to replace a lost one,
    while the poll is a draft)."""
    with transaction.atomic():
        poll = _locked_secret(poll)
        member = _member(actor, poll)
        if poll.status != PollStatus.DRAFT:
            raise ServiceError(errors.COMMITTEE_NOT_NOW, step=STEP_SHARE)
        try:
            share_verify(poll_id=poll.pk, position=member.position, published=share)
        except TallyError:
            raise ServiceError(errors.COMMITTEE_SHARE_INVALID) from None
        member.public_share, member.share_proof = share["public"], share["proof"]
        member.save(update_fields=["public_share", "share_proof"])
        audit_object(
            actor=actor,
            obj=poll,
            action="poll.committee_share",
            data={"position": member.position, "public": member.public_share},
        )
        emit_poll(poll, POLL_COMMITTEE)
    return member


def committee_missing(poll: Poll, field: str) -> list[str]:
    """Names of the members whose key share (``public_share``) or decryption (``partial``) is not in."""
    members = CountingCommitteeMember.objects.filter(poll=poll).select_related("person")
    return [m.person.full_name for m in members if not getattr(m, field)]


def tally_prepare(poll: Poll) -> None:
    """At the opening (poll locked): the election key from every member's share, or a refusal naming who
    is missing."""
    members = list(CountingCommitteeMember.objects.filter(poll=poll))
    if not members:
        raise ServiceError(errors.COMMITTEE_INCOMPLETE, missing=NO_COMMITTEE)
    missing = committee_missing(poll, "public_share")
    if missing:
        raise ServiceError(errors.COMMITTEE_INCOMPLETE, missing=", ".join(missing), details={"missing": missing})
    key = joint_key([point_decode(m.public_share) for m in members])
    SecretTally.objects.create(poll=poll, key=key.hex(), layout=poll_layout(poll))


def tally_close(poll: Poll) -> dict[str, Any] | None:
    """At the close (poll locked): the homomorphic sums of every ballot. The result when there is nothing
    to decrypt (no ballot), else None: the committee decrypts next."""
    tally = SecretTally.objects.get(poll=poll)
    width = len(tally.layout["marks"])
    rows = [
        ballot_parse(b, tally.layout)
        for b in EncryptedBallot.objects.filter(poll=poll).values_list("ballot", flat=True)
    ]
    tally.sums, tally.ballots = sums_encode(ciphertexts_sum(rows, width)), len(rows)
    if not rows:
        tally.counts = dict.fromkeys(tally.layout["marks"], 0)
    tally.save(update_fields=["sums", "ballots", "counts"])
    return None if rows else _result(poll, {})


def _result(poll: Poll, counts: dict[str, int]) -> dict[str, Any]:
    return poll_result(
        ballot=poll_ballot(poll),
        counts=counts,
        cast=poll.cast_count,
        total=poll.total_delegates,
        eligible=poll.eligible_count,
    )


def committee_partial_submit(*, actor: Any, poll: Poll, partial: Any) -> Poll:
    """A member's tablet returns its partial decryption of the sums; the last one yields the counts."""
    with transaction.atomic():
        poll = _locked_secret(poll)
        member = _member(actor, poll)
        tally = SecretTally.objects.select_for_update(no_key=True).filter(poll=poll).first()
        if poll.status != PollStatus.CLOSED or tally is None or tally.counts is not None:
            raise ServiceError(errors.COMMITTEE_NOT_NOW, step=STEP_DECRYPT)
        sums: list[Ciphertext] = sums_decode(tally.sums)
        try:
            partial_verify(
                poll_id=poll.pk,
                position=member.position,
                share=point_decode(member.public_share),
                sums=sums,
                partial=partial,
            )
        except TallyError:
            raise ServiceError(errors.COMMITTEE_PARTIAL_INVALID) from None
        member.partial = {"d": partial["d"], "proofs": partial["proofs"]}
        member.save(update_fields=["partial"])
        audit_object(actor=actor, obj=poll, action="poll.committee_partial", data={"position": member.position})
        members = list(CountingCommitteeMember.objects.filter(poll=poll).order_by("position"))
        if all(m.partial for m in members):
            _count(actor, poll, tally, sums, members)
            emit_poll(poll, POLL_COUNTED)
        else:
            emit_poll(poll, POLL_COMMITTEE)
    return poll


def _count(
    actor: Any, poll: Poll, tally: SecretTally, sums: list[Ciphertext], members: list[CountingCommitteeMember]
) -> None:
    partials = [[point_decode(d, allow_identity=True) for d in m.partial["d"]] for m in members]
    values = counts_combine(sums=sums, partials=partials, ballots=tally.ballots or 0)
    tally.counts = dict(zip(tally.layout["marks"], values, strict=True))  # every mark, as the board recomputes
    tally.save(update_fields=["counts"])
    poll.result = _result(poll, {mark: n for mark, n in tally.counts.items() if n})
    poll.save(update_fields=["result", "updated_at"])
    audit_object(
        actor=actor, obj=poll, action="poll.count", data={"cast": poll.cast_count, "counts": poll.result["counts"]}
    )
