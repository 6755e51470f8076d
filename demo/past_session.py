"""A past, closed regular session of the demo province council, built THROUGH the services (sittings,
check-in, agenda, documents, questioning with promises, named / secret / show-of-hands polls, a confidence
vote, published resolutions), so the audit chain, the session stream and every export have real content.

Called by ``seed_demo``; it lives here because it drives all three apps (voting → agenda → sessions_app).
Names are invented. The session's dates lie in the past; the audit and poll timestamps are those of the
moment the demo was seeded (services stamp ``now``)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from agenda import services as agenda
from agenda.models import AgendaItem, DocumentKind, ItemKind, Official, Question
from sessions_app.models import Council, Person, Session, SessionStatus, SessionType, Sitting, Term
from sessions_app.services import (
    attendance_recorded_set,
    session_create,
    session_status_set,
    sitting_create,
    sitting_status_set,
)
from sessions_app.text import text_fold
from voting import services as voting
from voting.models import MajorityRule, Poll, PollKind, PollMethod, ResolutionCategory, ResolutionKind
from voting.simulate import SimulatedCommittee, ballot_for

SESSION_NUMBER = 1
PRESENT = 46  # of the demo province's 50 delegates: seats 47-50 are absent
OFFICIALS = [
    ("Lâm Quốc Hưng", "Chủ tịch Ủy ban nhân dân tỉnh", "Ủy ban nhân dân tỉnh Sông Lam"),
    ("Tạ Minh Khôi", "Phó Chủ tịch Ủy ban nhân dân tỉnh", "Ủy ban nhân dân tỉnh Sông Lam"),
    ("Kiều Thị Ngọc Bích", "Giám đốc Sở Xây dựng", "Sở Xây dựng tỉnh Sông Lam"),
    ("Âu Đức Thịnh", "Giám đốc Sở Y tế", "Sở Y tế tỉnh Sông Lam"),
]


def votes_all_cast(requests: list[Any]) -> None:
    """Cast the votes of a poll together (as the tablets' votes arriving at once share a transaction); any
    refusal stops the demo."""
    refused = [outcome for outcome in voting.votes_cast(requests=requests) if isinstance(outcome, Exception)]
    if refused:
        raise refused[0]


def demo_pdf(title: str) -> SimpleUploadedFile:
    """A small, well-formed one-page PDF carrying the document's title (ASCII only, folded)."""
    text = text_fold(title).replace("(", "").replace(")", "")
    stream = f"BT /F1 14 Tf 60 780 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
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
    return SimpleUploadedFile("tai-lieu.pdf", body, content_type="application/pdf")


class PastSession:
    """Builds the session step by step; each step is a service call made by the secretariat or a delegate."""

    def __init__(self, *, council: Council, term: Term, secretariat: Any, delegates: list[Person]) -> None:
        self.council, self.term, self.sec = council, term, secretariat
        self.delegates = delegates
        self.voters = delegates[:PRESENT]

    def build(self, *, start: dt.date) -> Session:
        self.session = session_create(
            actor=self.sec,
            council=self.council,
            term=self.term,
            number=SESSION_NUMBER,
            type=SessionType.REGULAR,
            title=f"Kỳ họp thứ nhất, {self.council.short_name} khóa XIX",
            venue=f"Hội trường {self.council.short_name}",
            start_date=start,
            end_date=start + dt.timedelta(days=1),
        )
        first = self._sitting(1, start, "Khai mạc; tờ trình, báo cáo thẩm tra, thảo luận và biểu quyết nghị quyết")
        self._first_sitting(first)
        second = self._sitting(2, start + dt.timedelta(days=1), "Chất vấn và trả lời chất vấn; bế mạc")
        self._second_sitting(second)
        return session_status_set(actor=self.sec, session=self.session, status=SessionStatus.CLOSED)

    def _sitting(self, number: int, day: dt.date, title: str) -> Sitting:
        sitting = sitting_create(
            actor=self.sec,
            session=self.session,
            number=number,
            date=day,
            start_time=dt.time(8, 0),
            end_time=dt.time(17, 0),
            title=title,
        )
        sitting = sitting_status_set(actor=self.sec, sitting=sitting, status="open", recorded=True)
        # The attendance list as the secretariat records it after the fact: everyone present but the last seats.
        absent = {m.seat for m in sitting.session.term.memberships.all()} - set(range(1, PRESENT + 1))
        attendance_recorded_set(actor=self.sec, sitting=sitting, absent_seats=absent)
        return sitting

    def _item(self, sitting: Sitting, title: str, kind: str, **extra: Any) -> AgendaItem:
        item = agenda.agenda_item_create(
            actor=self.sec, session=self.session, sitting=sitting, title=title, kind=kind, **extra
        )
        return agenda.agenda_item_activate(actor=self.sec, item=item)

    def _finish(self, item: AgendaItem) -> None:
        agenda.agenda_item_finish(actor=self.sec, item=item)

    def _vote(self, poll: Poll, choices: list[Any]) -> Poll:
        """Open, vote, count, publish. A secret poll's counting committee (three delegates, their tablets
        simulated) makes the key first and decrypts the sums after the close; ballots are encrypted."""
        committee = None
        if poll.method == PollMethod.SECRET:
            committee = SimulatedCommittee(poll).name(actor=self.sec, users=[p.user for p in self.voters[-3:]]).keys()
        poll = voting.poll_open(actor=self.sec, poll=poll)
        requests = []
        for person, choice in zip(self.voters, choices, strict=True):
            client_id = str(uuid.uuid4())
            if committee is not None:
                choice = ballot_for(poll=poll, client_id=client_id, choice=choice)
            requests.append(voting.VoteRequest(actor=person.user, poll_id=poll.pk, choice=choice, client_id=client_id))
        votes_all_cast(requests)
        return self._publish(poll, committee)

    def _publish(self, poll: Poll, committee: SimulatedCommittee | None = None) -> Poll:
        poll = voting.poll_close(actor=self.sec, poll=poll)
        if committee is not None:
            poll = committee.decrypt()
        return voting.poll_publish(actor=self.sec, poll=poll)

    def _resolution_poll(
        self,
        sitting: Sitting,
        item: AgendaItem,
        *,
        category: str,
        title: str,
        text: str,
        method: str = PollMethod.NAMED,
        kind: str = PollKind.RESOLUTION,
        rule: str = MajorityRule.GT_HALF_TOTAL,
    ) -> tuple[Poll, Any]:
        """The poll and its draft resolution; the resolution is numbered when the poll adopts it."""
        poll = voting.poll_create(
            actor=self.sec,
            session=self.session,
            sitting=sitting,
            agenda_item=item,
            title=f"Thông qua {title}",
            kind=kind,
            method=method,
            majority_rule=rule,
        )
        resolution = voting.resolution_create(
            actor=self.sec,
            session=self.session,
            title=title,
            text=text,
            poll=poll,
            kind=ResolutionKind.NORMATIVE if category == "normative" else ResolutionKind.ORDINARY,
            category=ResolutionCategory.objects.get(code=category),
        )
        return poll, resolution

    def _publish_resolution(self, resolution: Any) -> None:
        resolution.refresh_from_db()
        voting.resolution_publish(actor=self.sec, resolution=resolution)

    def _first_sitting(self, sitting: Sitting) -> None:
        self._finish(self._item(sitting, "Khai mạc kỳ họp", ItemKind.OPENING, presenter_name="Chủ tịch HĐND tỉnh"))
        adoption = self._item(sitting, "Thông qua chương trình kỳ họp", ItemKind.AGENDA_ADOPTION)
        poll = voting.poll_create(
            actor=self.sec,
            session=self.session,
            sitting=sitting,
            agenda_item=adoption,
            title="Thông qua chương trình kỳ họp",
            kind=PollKind.PROCEDURAL,
            method=PollMethod.SHOW_OF_HANDS,
        )
        poll = voting.poll_open(actor=self.sec, poll=poll)
        poll = voting.poll_hands_record(actor=self.sec, poll=poll, counts={"yes": 45, "no": 0, "abstain": 1})
        self._publish(poll)
        self._finish(adoption)

        investment = self._item(
            sitting,
            "Dự thảo Nghị quyết về kế hoạch đầu tư công trung hạn 2026-2030",
            ItemKind.DRAFT_RESOLUTION,
            presenter_name="Ủy ban nhân dân tỉnh",
            planned_minutes=60,
        )
        for title, kind in (
            ("Tờ trình về kế hoạch đầu tư công trung hạn 2026-2030", DocumentKind.SUBMISSION),
            ("Báo cáo thẩm tra của Ban Kinh tế - Ngân sách", DocumentKind.VERIFICATION_REPORT),
            ("Dự thảo Nghị quyết về kế hoạch đầu tư công trung hạn", DocumentKind.DRAFT_RESOLUTION),
        ):
            agenda.document_upload(
                actor=self.sec, item=investment, title=title, file=demo_pdf(title), kind=kind, is_public=True
            )
        poll, resolution = self._resolution_poll(
            sitting,
            investment,
            category="budget",
            title="Nghị quyết về kế hoạch đầu tư công trung hạn giai đoạn 2026-2030 tỉnh Sông Lam",
            text="Điều 1. Thông qua kế hoạch đầu tư công trung hạn giai đoạn 2026-2030.\n"
            "Điều 2. Giao Ủy ban nhân dân tỉnh tổ chức thực hiện; Thường trực HĐND giám sát.",
        )
        self._vote(poll, ["yes"] * (PRESENT - 3) + ["no", "abstain", "yes"])
        self._publish_resolution(resolution)
        self._finish(investment)

        fees = self._item(
            sitting,
            "Dự thảo Nghị quyết quy định mức thu phí tham quan khu di tích",
            ItemKind.DRAFT_RESOLUTION,
            presenter_name="Sở Tài chính",
        )
        poll, resolution = self._resolution_poll(
            sitting,
            fees,
            category="normative",
            method=PollMethod.SHOW_OF_HANDS,
            title="Nghị quyết quy định mức thu phí tham quan khu di tích Đền Cổ Lam",
            text="Điều 1. Mức thu phí tham quan: người lớn 40.000 đồng/lượt; trẻ em 20.000 đồng/lượt.",
        )
        poll = voting.poll_open(actor=self.sec, poll=poll)
        poll = voting.poll_hands_record(actor=self.sec, poll=poll, counts={"yes": 41, "no": 3, "abstain": 2})
        self._publish(poll)
        self._publish_resolution(resolution)
        self._finish(fees)

        self._election(sitting)
        sitting_status_set(actor=self.sec, sitting=sitting, status="closed")

    def _election(self, sitting: Sitting) -> None:
        """The first session of a term elects the council's officers: a secret ballot, its counting committee,
        then the resolution confirming the result, adopted by an open vote."""
        item = self._item(sitting, "Bầu Chủ tịch Hội đồng nhân dân tỉnh khóa XIX", ItemKind.ELECTION)
        chair = self.delegates[0]
        poll = voting.poll_create(
            actor=self.sec,
            session=self.session,
            sitting=sitting,
            agenda_item=item,
            kind=PollKind.ELECTION,
            method=PollMethod.SECRET,
            title="Bầu Chủ tịch Hội đồng nhân dân tỉnh khóa XIX, nhiệm kỳ 2026-2031",
            candidates=[{"name": chair.full_name, "title": "Đại biểu Hội đồng nhân dân tỉnh"}],
        )
        candidate = poll.candidates.get().pk
        # The counting committee the council elects: its head (the first) and members sign the counting record
        # and their tablets hold the key shares (simulated here).
        counters = self.delegates[5:8]
        committee = SimulatedCommittee(poll).name(actor=self.sec, users=[p.user for p in counters]).keys()
        poll = voting.poll_open(actor=self.sec, poll=poll)
        requests = []
        for person, choice in zip(self.voters, [[candidate]] * (PRESENT - 2) + [[]] * 2, strict=True):  # 2 blank
            client_id = str(uuid.uuid4())
            ballot = ballot_for(poll=poll, client_id=client_id, choice=choice)
            requests.append(voting.VoteRequest(actor=person.user, poll_id=poll.pk, choice=ballot, client_id=client_id))
        votes_all_cast(requests)
        voting.poll_close(actor=self.sec, poll=poll)
        poll = committee.decrypt()
        poll = voting.poll_publish(actor=self.sec, poll=poll)
        vote, resolution = voting.resolution_confirming_create(actor=self.sec, poll=poll)
        self._vote(vote, ["yes"] * PRESENT)
        self._publish_resolution(resolution)
        self._finish(item)

    def _second_sitting(self, sitting: Sitting) -> None:
        officials = [
            agenda.official_create(actor=self.sec, council=self.council, full_name=n, title=t, agency=a)
            for n, t, a in OFFICIALS
        ]
        for official in officials:
            agenda.session_respondent_add(actor=self.sec, session=self.session, official=official)
        questioning = self._item(sitting, "Chất vấn và trả lời chất vấn", ItemKind.QUESTIONING, planned_minutes=120)
        questions = self._questions(sitting, officials)
        self._finish(questioning)

        closing = self._item(sitting, "Thông qua Nghị quyết về hoạt động chất vấn; bế mạc kỳ họp", ItemKind.CLOSING)
        poll, resolution = self._resolution_poll(
            sitting,
            closing,
            category="supervision",
            title="Nghị quyết về hoạt động chất vấn tại kỳ họp thứ nhất",
            text="Điều 1. Ghi nhận trả lời chất vấn; yêu cầu Sở Xây dựng hoàn thành sửa chữa cầu Bến Lam.\n"
            "Điều 2. Sở Y tế báo cáo kết quả trước kỳ họp thường lệ cuối năm.",
        )
        self._vote(poll, ["yes"] * (PRESENT - 1) + ["abstain"])
        self._publish_resolution(resolution)
        agenda.questions_link_resolution(
            actor=self.sec,
            session=self.session,
            resolution_id=resolution.pk,
            resolution_number=resolution.number,
            question_ids=[q.pk for q in questions],
        )
        self._finish(closing)
        sitting_status_set(actor=self.sec, sitting=sitting, status="closed")

    def _questions(self, sitting: Sitting, officials: list[Official]) -> list[Question]:
        asked = [
            (self.voters[5], officials[2], "Tiến độ sửa chữa cầu Bến Lam chậm so với cam kết; khi nào hoàn thành?"),
            (self.voters[9], officials[3], "Giải pháp khắc phục tình trạng thiếu thuốc tại trạm y tế xã vùng cao?"),
        ]
        questions = []
        for delegate, official, text in asked:
            question = agenda.question_register(
                actor=delegate.user, session=self.session, respondent=official, text=text
            )
            question = agenda.question_floor(actor=self.sec, question=question)
            agenda.question_step(actor=self.sec, question=question, kind="answer")
            agenda.question_step(actor=self.sec, question=question, kind="followup", person=delegate)
            agenda.question_step(actor=self.sec, question=question, kind="answer")
            questions.append(agenda.question_finish(actor=self.sec, question=question))
        today = timezone.localdate()
        bridge = agenda.promise_record(
            actor=self.sec,
            official=officials[2],
            question=questions[0],
            content="Hoàn thành sửa chữa cầu Bến Lam trong quý IV năm 2026.",
            due_date=today + dt.timedelta(days=40),
        )
        agenda.promise_record(
            actor=self.sec,
            official=officials[3],
            question=questions[1],
            content="Bổ sung đủ danh mục thuốc thiết yếu cho 12 trạm y tế xã vùng cao.",
            due_date=today + dt.timedelta(days=90),
        )
        agenda.promise_report_submit(
            actor=self.sec,
            promise=bridge,
            done=True,
            text="Đã thông xe cầu Bến Lam; nghiệm thu công trình đạt yêu cầu.",
        )
        written = agenda.question_register(
            actor=self.voters[14].user,
            session=self.session,
            respondent=officials[0],
            text="Kết quả thu hút đầu tư vào khu công nghiệp Nam Lam sáu tháng đầu năm?",
        )
        agenda.questions_to_writing(actor=self.sec, session=self.session, sitting=sitting, question_ids=[written.pk])
        written.refresh_from_db()
        questions.append(
            agenda.question_answer_written(
                actor=self.sec,
                question=written,
                text="Sáu tháng đầu năm thu hút 9 dự án mới; Ủy ban nhân dân tỉnh gửi báo cáo chi tiết kèm theo.",
            )
        )
        return questions


def past_session_seed(
    *, council: Council, term: Term, secretariat: Any, delegates: list[Person], start: dt.date
) -> Session | None:
    """The demo's past session, unless it exists already (seed_demo stays idempotent)."""
    if Session.objects.filter(term=term, number=SESSION_NUMBER).exists():
        return None
    return PastSession(council=council, term=term, secretariat=secretariat, delegates=delegates).build(start=start)
