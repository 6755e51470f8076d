"""Fixture steps of the browser tests, run inside the test server's environment (its own database):
``python -m tests.browser.scenario setup`` prints JSON; ``votes`` and ``resolution`` act on a poll; ``activity``
names the demo's score sheets; ``printables`` the sessions, sitting and resolution the print tests open;
``console_session`` makes a session of its own for the console setup tests.
Everything goes through the services, as a secretariat would through the console."""

from __future__ import annotations

import argparse
import uuid
from typing import Any

from tests.browser.scenario_common import check_in_by_hand, commune, session_new, step_run


def setup() -> dict[str, Any]:
    from agenda.services.items import agenda_item_create
    from agenda.services.questioning import official_create, session_respondent_add
    from demo import councils as demo
    from sessions_app.models import CheckInMethod, Session, User
    from sessions_app.selectors import memberships_in_force
    from sessions_app.services import attendance_check_in, sitting_status_set

    secretariat = User.objects.get(username=demo.PROVINCE.secretariat_username)
    session = Session.objects.get(council__code=demo.PROVINCE.code, status="planned")
    sitting = session.sittings.get(number=1)
    sitting_status_set(actor=secretariat, sitting=sitting, status="open")
    opening = agenda_item_create(
        actor=secretariat, session=session, sitting=sitting, kind="opening", title="Khai mạc kỳ họp"
    )
    budget = agenda_item_create(
        actor=secretariat,
        session=session,
        sitting=sitting,
        kind="draft_resolution",
        title="Nghị quyết về dự toán ngân sách địa phương năm 2027",
        description="Tờ trình của Ủy ban nhân dân tỉnh; báo cáo thẩm tra của Ban Kinh tế - Ngân sách.",
    )
    questioning = agenda_item_create(
        actor=secretariat, session=session, sitting=sitting, kind="questioning", title="Chất vấn và trả lời chất vấn"
    )
    official = official_create(
        actor=secretariat,
        council=session.council,
        full_name="Trịnh Văn Thử",
        title="Giám đốc Sở Tài chính",
        agency="UBND tỉnh Sông Lam",
    )
    session_respondent_add(actor=secretariat, session=session, official=official)
    seats = list(  # the seats of this term (the demo council also has last year's term)
        memberships_in_force(council_id=session.council_id, on=sitting.date).select_related("person").order_by("seat")
    )
    tablets = [demo.PROVINCE.delegate_username(seat) for seat in (2, 3, 4)]
    for membership in seats[4:44]:  # 40 delegates checked in by hand; the three tablets check in themselves
        attendance_check_in(actor=secretariat, sitting=sitting, person=membership.person, method=CheckInMethod.MANUAL)
    return {
        "session": session.pk,
        "sitting": sitting.pk,
        "items": {"opening": opening.pk, "budget": budget.pk, "questioning": questioning.pk},
        "official": official.pk,
        "tablets": tablets,
        "tablet_password": demo.DELEGATE_PASSWORD,
        "secretariat": secretariat.username,
        "secretariat_password": demo.SECRETARIAT_PASSWORD,
        "others": [m.person_id for m in seats[4:44]],
    }


def votes(poll_id: int, choice: str, count: int) -> dict[str, Any]:
    """``count`` delegates checked in by hand vote ``choice`` (as their own tablets would)."""
    from sessions_app.models import User
    from voting.models import Poll
    from voting.services.casting import vote_cast

    poll = Poll.objects.get(pk=poll_id)
    by_seat = User.objects.filter(person_id__in=poll.eligible_person_ids).order_by("-person__memberships__seat")
    users = list(dict.fromkeys(by_seat))[:count]  # a person has a seat in each term the council kept
    for user in users:
        vote_cast(actor=user, poll_id=poll.pk, choice=choice, client_id=str(uuid.uuid4()))
    return {"cast": len(users)}


def resolution(poll_id: int) -> dict[str, Any]:
    from demo import councils as demo
    from sessions_app.models import User
    from voting.models import Poll
    from voting.services.resolutions import resolution_create

    poll = Poll.objects.get(pk=poll_id)
    secretariat = User.objects.get(username=demo.PROVINCE.secretariat_username)
    made = resolution_create(
        actor=secretariat,
        session=poll.session,
        title="Nghị quyết về dự toán ngân sách địa phương năm 2027",
        poll=poll,
        text="Hội đồng nhân dân tỉnh Sông Lam quyết nghị thông qua dự toán ngân sách.",
    )
    return {"resolution": made.pk}


def activity() -> dict[str, Any]:
    """The demo's score sheets (``demo.activity``): last year's published one, this year's draft."""
    from activity.models import ScoreSheet, SheetStatus, TargetKind
    from demo import councils as demo
    from sessions_app.models import Council

    province = Council.objects.get(code=demo.PROVINCE.code)
    communes = ScoreSheet.objects.filter(council=province, target_kind=TargetKind.COMMUNE_COUNCILS)
    return {
        "province": province.pk,
        "commune": Council.objects.get(code=demo.COMMUNE.code).pk,
        "published": communes.get(status=SheetStatus.PUBLISHED).pk,
        "draft": communes.get(status=SheetStatus.DRAFT).pk,
        "secretariat": demo.PROVINCE.secretariat_username,
        "secretariat_password": demo.SECRETARIAT_PASSWORD,
    }


def printables() -> dict[str, Any]:
    """The demo's closed past session of the province: its sittings, its first published resolution, and the
    planned session whose QR cards the secretariat prints."""
    from demo import councils as demo
    from sessions_app.models import Session
    from voting.models import Resolution

    past = (  # the current term's (the council also has last year's sessions)
        Session.objects.filter(council__code=demo.PROVINCE.code, status="closed").order_by("-start_date").first()
    )
    planned = Session.objects.get(council__code=demo.PROVINCE.code, status__in=["planned", "in_progress"])
    return {
        "past_session": past.pk,
        "past_sitting": past.sittings.order_by("number").first().pk,
        "planned_session": planned.pk,
        "planned_sitting": planned.sittings.order_by("number").first().pk,
        "resolution": Resolution.objects.filter(session=past, status="published").order_by("pk").first().pk,
    }


def console_session() -> dict[str, Any]:
    """A session of its own for the console setup tests, in the commune council (the province's planned session
    stays as the sitting tests expect): two sittings, the first open, one agenda item, nobody checked in, and
    an official of the council the confidence vote may choose."""
    from agenda.services.items import agenda_item_create
    from agenda.services.questioning import official_create
    from demo import councils as demo
    from sessions_app.models import SessionType, User

    # Another council than the province, whose planned session the other steps look up by its status.
    secretariat = User.objects.get(username=demo.COMMUNE.secretariat_username)
    session, (first, second) = session_new(
        secretariat,
        demo.COMMUNE.code,
        title="Kỳ họp chuyên đề (thử bàn điều hành)",
        type=SessionType.THEMATIC,
        is_public=False,
        sittings=["Bầu cử; lấy phiếu tín nhiệm", "Thảo luận"],
    )
    election = agenda_item_create(
        actor=secretariat, session=session, sitting=first, kind="election", title="Bầu Phó Chủ tịch Ủy ban nhân dân xã"
    )
    from agenda.models import Official

    # The step may run more than once against one database (test_console_more.py): reuse the official.
    official = Official.objects.filter(
        council=session.council, full_name="Lê Thị Mẫu", title="Phó Chủ tịch UBND xã"
    ).first() or official_create(
        actor=secretariat,
        council=session.council,
        full_name="Lê Thị Mẫu",
        title="Phó Chủ tịch UBND xã",
        agency="UBND xã Bến Đò",
    )
    return {
        "session": session.pk,
        "sittings": [first.pk, second.pk],
        "election_item": election.pk,
        "official": official.full_name,
        "secretariat": secretariat.username,
        "secretariat_password": demo.SECRETARIAT_PASSWORD,
    }


def committee(action: str, poll_id: int | None = None) -> dict[str, Any]:
    """The console's counting-committee form (test_console_committee.py). ``setup``: a session of its own
    (``console_session``) with a draft secret election and the delegates of its sitting day; ``keys``: the
    named members' tablets (simulated) make their key shares; ``state``: the committee as stored."""
    from sessions_app.models import Membership, Session, User
    from voting.crypto.tally import share_make
    from voting.models import CountingCommitteeMember, Poll
    from voting.services import committee_share_submit, poll_create

    if action == "setup":
        fx = console_session()
        session = Session.objects.get(pk=fx["session"])
        secretariat = User.objects.get(username=fx["secretariat"])
        poll = poll_create(
            actor=secretariat,
            session=session,
            sitting=session.sittings.get(number=1),
            kind="election",
            method="secret",
            title="Bầu Phó Chủ tịch Ủy ban nhân dân xã nhiệm kỳ 2026-2031",
            candidates=[{"name": "Lê Thị Mẫu", "title": "Phó Chủ tịch UBND xã"}],
        )
        seats = Membership.objects.filter(council=session.council, term=session.term).order_by("seat")
        return {**fx, "poll": poll.pk, "delegates": [[m.person_id, m.person.full_name] for m in seats[:6]]}
    poll = Poll.objects.get(pk=poll_id)
    if action == "keys":
        for member in CountingCommitteeMember.objects.filter(poll=poll).select_related("person__user"):
            _, share = share_make(poll_id=poll.pk, position=member.position)
            committee_share_submit(actor=member.person.user, poll=poll, share=share)
    return {
        "committee": [
            [m.position, m.person_id, m.role, bool(m.public_share)]
            for m in CountingCommitteeMember.objects.filter(poll=poll).order_by("position")
        ]
    }


def ballots(action: str, poll_id: int | None = None) -> dict[str, Any]:
    """The secret ballots of the tablet tests, in a session of its own of phường Cửa Lam (no other step looks
    up that council's sessions). ``setup``: an open sitting, three delegates checked in by hand (seats 5-7;
    the tablets of seats 2-4 check in themselves), an election poll (three candidates, two seats) and a
    confidence poll (two officials, three levels), both drafts. ``open``/``close``/``publish`` move a poll;
    ``result`` returns its status, ballots and stored result."""
    from demo import councils as demo
    from voting.models import Poll
    from voting.services import poll_close, poll_open, poll_publish

    spec, secretariat = commune("cua-lam")
    if action != "setup":
        poll = Poll.objects.get(pk=poll_id, council__code=spec.code)
        move = {"open": poll_open, "close": poll_close, "publish": poll_publish}.get(action)
        if move is not None:
            # Six of the ward's delegates are present, under two-thirds: the chair confirms the opening.
            extra = {"quorum_confirmed": True} if action == "open" else {}
            poll = move(actor=secretariat, poll=poll, **extra)
        return {
            "poll": poll.pk,
            "status": poll.status,
            "eligible": poll.eligible_count,
            "cast": poll.cast_count,
            "result": poll.result,
            "candidates": {c.name: c.pk for c in poll.candidates.order_by("position")},
        }

    from agenda.services.items import agenda_item_create
    from agenda.services.questioning import official_create
    from sessions_app.models import SessionType
    from voting.services.polls import poll_create

    session, (sitting,) = session_new(
        secretariat,
        spec.code,
        title="Kỳ họp thường lệ cuối năm (bầu cử, lấy phiếu tín nhiệm)",
        type=SessionType.REGULAR,
        is_public=False,
        sittings=["Bầu cử; lấy phiếu tín nhiệm"],
    )
    council = session.council
    election_item = agenda_item_create(
        actor=secretariat, session=session, sitting=sitting, kind="election", title="Bầu Ủy viên Ủy ban nhân dân phường"
    )
    confidence_item = agenda_item_create(
        actor=secretariat, session=session, sitting=sitting, kind="confidence_vote", title="Lấy phiếu tín nhiệm"
    )
    officials = [
        official_create(actor=secretariat, council=council, full_name=name, title=title, agency="UBND phường Cửa Lam")
        for name, title in (("Đoàn Văn Tín", "Chủ tịch UBND phường"), ("Cao Thị Nhiệm", "Phó Chủ tịch UBND phường"))
    ]
    candidates = [
        {"name": n, "title": t}
        for n, t in (
            ("Phùng Văn Một", "Trưởng phòng Kinh tế"),
            ("Tạ Thị Hai", "Trưởng phòng Văn hóa - Xã hội"),
            ("Kiều Văn Ba", "Chỉ huy trưởng Ban Chỉ huy quân sự"),
        )
    ]
    election = poll_create(
        actor=secretariat,
        session=session,
        sitting=sitting,
        agenda_item=election_item,
        title="Bầu 02 Ủy viên Ủy ban nhân dân phường Cửa Lam",
        kind="election",
        method="secret",
        candidates=candidates,
        seats=2,
    )
    from django.conf import settings
    from django.test import override_settings

    # A ward council that reads NQ 96/2023 as applying to it (the setting is off by default).
    with override_settings(NT={**settings.NT, "CONFIDENCE_COMMUNE_COUNCILS": True}):
        confidence = poll_create(
            actor=secretariat,
            session=session,
            sitting=sitting,
            agenda_item=confidence_item,
            title="Lấy phiếu tín nhiệm người giữ chức vụ do HĐND phường bầu",
            kind="confidence",
            method="secret",
            candidates=[{"name": o.full_name, "title": o.title, "agency": o.agency} for o in officials],
        )
    seats = check_in_by_hand(secretariat, sitting, (5, 6, 7))
    from voting.services.committee import committee_set

    for poll in (election, confidence):  # the counting committee: the delegates of seats 2 and 3 (two tablets)
        committee_set(actor=secretariat, poll=poll, head=seats[2].person_id, members=[seats[3].person_id])
    return {
        "session": session.pk,
        "sitting": sitting.pk,
        "election": election.pk,
        "confidence": confidence.pk,
        "seats": 2,
        "candidates": [c["name"] for c in candidates],
        "officials": [o.full_name for o in officials],
        "tablets": [spec.delegate_username(seat) for seat in (2, 3, 4)],
        "tablet_password": demo.DELEGATE_PASSWORD,
        "secretariat": secretariat.username,
        "secretariat_password": demo.SECRETARIAT_PASSWORD,
    }


def documents_session() -> dict[str, Any]:
    """A session of its own for the console documents test, in the commune council (apart from the sessions the
    other steps make or look up): one open sitting and one agenda item without documents."""
    from agenda.services.items import agenda_item_create
    from demo import councils as demo
    from sessions_app.models import SessionType, User

    secretariat = User.objects.get(username=demo.COMMUNE.secretariat_username)
    session, (sitting,) = session_new(
        secretariat,
        demo.COMMUNE.code,
        title="Kỳ họp chuyên đề (thử tài liệu)",
        type=SessionType.THEMATIC,
        is_public=False,
    )
    item = agenda_item_create(
        actor=secretariat,
        session=session,
        sitting=sitting,
        kind="draft_resolution",
        title="Nghị quyết về kế hoạch đầu tư công năm 2027",
    )
    return {
        "session": session.pk,
        "item": item.pk,
        "secretariat": secretariat.username,
        "secretariat_password": demo.SECRETARIAT_PASSWORD,
    }


def two_page_pdf() -> bytes:
    """A well-formed two-page PDF ("Trang mot", "Trang hai", Helvetica: drawn with pdf.js's standard fonts)."""
    pages = [
        b"BT /F1 28 Tf 60 760 Td (Trang mot - Page one) Tj ET",
        b"BT /F1 28 Tf 60 760 Td (Trang hai - Page two) Tj ET",
    ]
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R /Resources << /Font << /F1 7 0 R >> >> >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 6 0 R /Resources << /Font << /F1 7 0 R >> >> >>",
        *[b"<< /Length %d >>\nstream\n" % len(p) + p + b"\nendstream" for p in pages],
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    body, offsets = b"%PDF-1.4\n", []
    for n, obj in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % n + obj + b"\nendobj\n"
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    body += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return body


def reader_session() -> dict[str, Any]:
    """The documents session with its item under way and a two-page PDF on it, for the tablet's reader."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from agenda.models import AgendaItem
    from agenda.services.documents import document_upload
    from agenda.services.items_live import agenda_item_activate
    from demo import councils as demo
    from sessions_app.models import User

    fx = documents_session()
    secretariat = User.objects.get(username=fx["secretariat"])
    item = AgendaItem.objects.get(pk=fx["item"])
    agenda_item_activate(actor=secretariat, item=item)
    file = SimpleUploadedFile("to-trinh.pdf", two_page_pdf(), content_type="application/pdf")
    document = document_upload(actor=secretariat, item=item, title="Tờ trình hai trang", file=file, kind="submission")
    return {
        **fx,
        "document": document.pk,
        "delegate": demo.COMMUNE.delegate_username(2),
        "delegate_password": demo.DELEGATE_PASSWORD,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--poll", type=int)
    parser.add_argument("--choice", default="yes")
    parser.add_argument("--count", type=int, default=0)
    step_run(
        parser,
        {
            "setup": lambda args: setup(),
            "votes": lambda args: votes(args.poll, args.choice, args.count),
            "resolution": lambda args: resolution(args.poll),
            "activity": lambda args: activity(),
            "printables": lambda args: printables(),
            "console_session": lambda args: console_session(),
            "documents_session": lambda args: documents_session(),
            "reader_session": lambda args: reader_session(),
            # --choice: setup | open | close | publish | result (of --poll)
            "ballots": lambda args: ballots(args.choice, args.poll),
            # --choice: setup | keys | state (of --poll)
            "committee": lambda args: committee(args.choice, args.poll),
        },
    )


if __name__ == "__main__":
    main()
