"""What follows a secret ballot, each in one action (domain.md, "Elections" and "Confidence votes"):

- ``election_round_create``: the next round of an election whose seats were not all filled (a tie for the
  last seat, or too few candidates with more than half of the total): the tied candidates, or else those
  not elected, for the seats left;
- ``no_confidence_create``: the vote of no confidence (bỏ phiếu tín nhiệm) on an official whose confidence
  result calls for one;
- ``resolution_confirming_create``: the resolution confirming a secret ballot's result (nghị quyết xác nhận
  kết quả) and the open vote that adopts it.

Each new poll is a draft in the same session, linked to the ballot it follows (``Poll.origin``)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from core.errors import ServiceError
from sessions_app.permissions import require_manage
from voting import errors
from voting.models import Poll, PollKind, PollMethod, PollStatus, Resolution, ResolutionCategory
from voting.services.polls import SECRET_KINDS, poll_create
from voting.services.resolutions import resolution_create

DECIDED = {PollStatus.CLOSED, PollStatus.PUBLISHED}
CONFIRMS = {
    PollKind.ELECTION: "kết quả bầu",
    PollKind.CONFIDENCE: "kết quả lấy phiếu tín nhiệm",
    PollKind.NO_CONFIDENCE: "kết quả bỏ phiếu tín nhiệm",
    PollKind.DISMISSAL: "kết quả miễn nhiệm, bãi nhiệm",
    PollKind.RECALL_DELEGATE: "kết quả bãi nhiệm đại biểu Hội đồng nhân dân",
}


def _refuse(reason: str) -> ServiceError:
    return ServiceError(errors.POLL_FOLLOWUP_INVALID, reason=reason, details={"reason": reason})


def _decided(poll: Poll, kinds: set[str]) -> Poll:
    poll = Poll.objects.select_related("session", "sitting").get(pk=poll.pk)
    if poll.kind not in kinds or poll.status not in DECIDED:
        raise _refuse("biểu quyết gốc chưa kết thúc hoặc không thuộc loại phù hợp")
    return poll


def _first_round(poll: Poll) -> tuple[Poll, int]:
    """The election's first round and how many rounds ``poll`` closes."""
    rounds = 1
    while poll.origin_id is not None and poll.origin.kind == PollKind.ELECTION:
        poll, rounds = poll.origin, rounds + 1
    return poll, rounds


def election_round_create(*, actor: Any, poll: Poll) -> Poll:
    """The next round of an election with seats left unfilled."""
    require_manage(actor, poll.council_id)
    poll = _decided(poll, {PollKind.ELECTION})
    result = poll.result
    if not result.get("unfilled"):
        raise _refuse("mọi chức danh đã có người trúng cử")
    tied = [c for c in result["candidates"] if c["tie"]]
    remaining = tied or [c for c in result["candidates"] if not c["elected"]]
    if not remaining:
        raise _refuse("không còn ứng cử viên")
    first, rounds = _first_round(poll)
    return poll_create(
        actor=actor,
        session=poll.session,
        sitting=poll.sitting,
        agenda_item=poll.agenda_item,
        title=f"{first.title} (bầu lần {rounds + 1})"[:300],
        kind=PollKind.ELECTION,
        method=PollMethod.SECRET,
        seats=min(result["unfilled"], len(remaining)),
        origin=poll,
        candidates=[{"name": c["name"], "title": c["title"], "agency": c["agency"]} for c in remaining],
    )


def no_confidence_create(*, actor: Any, poll: Poll, official_id: int) -> Poll:
    """The vote of no confidence on one official of a confidence result whose outcome calls for it
    (``may_resign`` or ``no_confidence_required``): secret, tín nhiệm / không tín nhiệm, passing "không tín
    nhiệm" with more than half of the total."""
    require_manage(actor, poll.council_id)
    poll = _decided(poll, {PollKind.CONFIDENCE})
    official = next((o for o in poll.result["officials"] if o["id"] == official_id), None)
    if official is None:
        raise _refuse("người này không có trong phiếu lấy phiếu tín nhiệm")
    if official["outcome"] == "none":
        raise _refuse("kết quả lấy phiếu tín nhiệm của người này không dẫn tới bỏ phiếu tín nhiệm")
    if (
        Poll.objects.filter(origin=poll, kind=PollKind.NO_CONFIDENCE, title__contains=official["name"])
        .exclude(status=PollStatus.CANCELLED)
        .exists()
    ):
        raise _refuse("đã tạo bỏ phiếu tín nhiệm đối với người này")
    holder = ", ".join(part for part in (official["title"], official["agency"]) if part)
    return poll_create(
        actor=actor,
        session=poll.session,
        sitting=poll.sitting,
        kind=PollKind.NO_CONFIDENCE,
        method=PollMethod.SECRET,
        origin=poll,
        title=f"Bỏ phiếu tín nhiệm đối với {official['name']}{', ' + holder if holder else ''}"[:300],
    )


def resolution_confirming_create(*, actor: Any, poll: Poll) -> tuple[Poll, Resolution]:
    """The resolution confirming a secret ballot's result and the open (named) vote that adopts it (a
    personnel/organisational resolution; its number is given when that vote adopts it)."""
    require_manage(actor, poll.council_id)
    with transaction.atomic():
        poll = _decided(poll, SECRET_KINDS)
        if Resolution.objects.filter(poll__origin=poll, poll__kind=PollKind.RESOLUTION).exists():
            raise _refuse("đã có nghị quyết xác nhận kết quả này")
        title = f"Nghị quyết xác nhận {CONFIRMS[poll.kind]}: {poll.title}"[:400]
        vote = poll_create(
            actor=actor,
            session=poll.session,
            sitting=poll.sitting,
            agenda_item=poll.agenda_item,
            origin=poll,
            kind=PollKind.RESOLUTION,
            method=PollMethod.NAMED,
            title=f"Thông qua {title[0].lower()}{title[1:]}"[:300],
        )
        wording = poll.result["wording"]
        text = " ".join(part for part in (wording["statement"]["vi"], wording["verdict"]["vi"]) if part)
        resolution = resolution_create(
            actor=actor,
            session=poll.session,
            title=title,
            text=text,
            poll=vote,
            category=ResolutionCategory.objects.filter(code="personnel").first(),
        )
    return vote, resolution
