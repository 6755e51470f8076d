"""The council's official documents as ``OfficialDocument`` data: a resolution, the session's minutes, the
vote result sheet and a secret ballot's counting-committee record (biên bản kiểm phiếu)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from core.numbers import number_text, percent_text
from documents.form import (
    Heading,
    OfficialDocument,
    Paragraph,
    Signature,
    Table,
    date_line,
    issuer_lines,
    ordinal_words,
    place_of,
    session_ordinal,
)
from frontend.selectors import minutes_draft, session_poll_results
from sessions_app.models import Council, MembershipRole, Session
from sessions_app.selectors import memberships_in_force
from voting.board import committee_state
from voting.models import Poll, PollKind, Resolution

UNNUMBERED = "Số:        /{symbol}"
RESOLUTION_RECIPIENTS = [
    "Ủy ban Thường vụ Quốc hội;",
    "Chính phủ;",
    "Thường trực Hội đồng nhân dân;",
    "Ủy ban nhân dân;",
    "Đại biểu Hội đồng nhân dân;",
    "Lưu: VT.",
]
COMMITTEE_ROLES = {"head": "TRƯỞNG BAN KIỂM PHIẾU", "member": "THÀNH VIÊN BAN KIỂM PHIẾU"}


def _pct(value: str) -> str:
    return f"{percent_text(Decimal(value), 'vi')}%"


def _chair_name(council: Council, day: dt.date) -> str:
    seat = (
        memberships_in_force(council_id=council.pk, on=day)
        .filter(role=MembershipRole.CHAIR)
        .select_related("person")
        .first()
    )
    return seat.person.full_name if seat else ""


def _frame(
    session: Session,
    *,
    number: str,
    day: dt.date,
    title: str,
    subtitle: list[str],
    body: list[Any],
    signatures: list[Signature],
    filename: str,
    recipients: list[str] | None = None,
) -> OfficialDocument:
    council = session.council
    return OfficialDocument(
        issuer=issuer_lines(council.name),
        number=number,
        date_line=date_line(place_of(council.place_name, council.name), day),
        title=title,
        subtitle=subtitle,
        body=body,
        signatures=signatures,
        recipients=recipients or [],
        filename=filename,
    )


def _session_line(session: Session) -> str:
    """ "KỲ HỌP THỨ NHẤT, HỘI ĐỒNG NHÂN DÂN TỈNH SÔNG LAM KHÓA XI"."""
    return f"{session_ordinal(session.number)}, {session.council.name.upper()} {session.term.ordinal.upper()}"


def _session_words(session: Session) -> str:
    """ "Kỳ họp thứ nhất, Hội đồng nhân dân tỉnh Sông Lam khóa XI"."""
    return f"Kỳ họp thứ {ordinal_words(session.number)}, {session.council.name} {session.term.ordinal}"


def resolution_document(resolution: Resolution) -> OfficialDocument:
    session = resolution.session
    day = resolution.poll.sitting.date if resolution.poll_id else session.end_date
    council = session.council
    body: list[Any] = [
        Paragraph(council.name.upper(), bold=True, center=True),
        Paragraph(f"{session.term.ordinal.upper()}, {session_ordinal(session.number)}", bold=True, center=True),
    ]
    body += [Paragraph(line.strip()) for line in resolution.text.splitlines() if line.strip()]
    words = f"{council.name} {session.term.ordinal}, Kỳ họp thứ {ordinal_words(session.number)},"
    body.append(Paragraph(f"Nghị quyết này đã được {words} thông qua ngày {day:%d} tháng {day.month} năm {day.year}."))
    return _frame(
        session,
        number=f"Số: {resolution.number}",
        day=day,
        title="NGHỊ QUYẾT",
        subtitle=[resolution.title],
        body=body,
        recipients=RESOLUTION_RECIPIENTS,
        signatures=[Signature(["TM. HỘI ĐỒNG NHÂN DÂN", "CHỦ TỊCH"], _chair_name(council, day))],
        filename=f"nghi-quyet-{resolution.number.replace('/', '-')}",
    )


def _poll_lines(poll: Poll) -> list[Any]:
    wording = poll.result["wording"]
    lines: list[Any] = [
        Paragraph(
            " ".join(
                part for part in (wording["statement"]["vi"], wording["verdict"]["vi"], wording["method"]["vi"]) if part
            )
        )
    ]
    if poll.quorum_confirmed:
        lines.append(
            Paragraph(
                f"Biểu quyết được mở khi có {poll.eligible_count}/{poll.total_delegates} đại biểu có mặt (chưa đủ hai "
                "phần ba tổng số đại biểu), theo xác nhận của chủ tọa kỳ họp.",
                italic=True,
            )
        )
    return lines


def minutes_document(session: Session) -> OfficialDocument:
    body: list[Any] = [
        Paragraph(
            f"{session.title}"
            + (f", tại {session.venue}" if session.venue else "")
            + f", từ ngày {session.start_date:%d/%m/%Y} đến ngày {session.end_date:%d/%m/%Y}."
        )
    ]
    for row in minutes_draft(session=session)["sittings"]:
        sitting, summary = row["sitting"], row["summary"]
        if sitting is None:
            body.append(Heading("Nội dung không gắn với phiên họp"))
        else:
            closed = " (họp kín)" if sitting.is_closed_door else ""
            body.append(Heading(f"Phiên họp thứ {ordinal_words(sitting.number)}, ngày {sitting.date:%d/%m/%Y}{closed}"))
            body.append(Paragraph(f"Có {summary['present']}/{summary['total']} đại biểu có mặt."))
        for entry in row["items"]:
            node = entry["node"]
            body.append(Heading(f"{node.number} {node.item.title}" if node else "Chất vấn, lời hứa khác"))
            if entry["speeches"]:
                body.append(
                    Table(
                        ["Đại biểu", "Loại phát biểu", "Thời gian"],
                        [[s["name"], s["kind"], s["spoken"]] for s in entry["speeches"]],
                        [5, 3, 2],
                    )
                )
            if entry["questions"]:
                body.append(
                    Table(
                        ["Đại biểu chất vấn", "Người bị chất vấn", "Hình thức trả lời"],
                        [
                            [
                                q["asker"],
                                f"{q['respondent']['full_name']}, {q['respondent']['title']}",
                                "Trả lời tại phiên họp"
                                if q["live"]
                                else f"Trả lời bằng văn bản, hạn {q['written_due']:%d/%m/%Y}",
                            ]
                            for q in entry["questions"]
                        ],
                        [3, 4, 3],
                    )
                )
            for promise in entry["promises"]:
                body.append(
                    Paragraph(
                        f"Lời hứa của {promise['official']['full_name']}: {promise['content']} "
                        f"(hạn {promise['due_date']:%d/%m/%Y})."
                    )
                )
            for vote in entry["polls"]:
                body.append(Paragraph(vote["poll"].title, bold=True))
                body += _poll_lines(vote["poll"])
        for vote in row["polls"]:
            body.append(Paragraph(vote["poll"].title, bold=True))
            body += _poll_lines(vote["poll"])
    return _frame(
        session,
        number=UNNUMBERED.format(symbol="BB-HĐND"),
        day=session.end_date,
        title="BIÊN BẢN",
        subtitle=[_session_line(session)],
        body=body,
        signatures=[
            Signature(["THƯ KÝ KỲ HỌP"]),
            Signature(["CHỦ TỌA KỲ HỌP"], _chair_name(session.council, session.end_date)),
        ],
        filename=f"bien-ban-ky-hop-{session.number}",
    )


def _result_table(result: dict[str, Any]) -> Table:
    if "options" in result:
        return Table(
            ["Lựa chọn", "Số đại biểu", "Tỷ lệ so với tổng số đại biểu"],
            [[o["label"], number_text(o["count"]), _pct(o["percent_of_total"])] for o in result["options"]],
            [4, 2, 3],
        )
    if "candidates" in result:
        return Table(
            ["Họ và tên", "Số phiếu", "Tỷ lệ so với tổng số đại biểu", "Kết quả"],
            [
                [
                    c["name"],
                    number_text(c["votes"]),
                    _pct(c["percent_of_total"]),
                    "Trúng cử" if c["elected"] else ("Bằng phiếu, bầu lại" if c["tie"] else "Không trúng cử"),
                ]
                for c in result["candidates"]
            ],
            [4, 2, 3, 2],
        )
    levels = [level["label"] for level in result["officials"][0]["levels"]] if result["officials"] else []
    return Table(
        ["Họ và tên, chức vụ", *levels],
        [
            [
                f"{o['name']}, {o['title']}".strip(", "),
                *[f"{number_text(level['count'])} ({_pct(level['percent_of_total'])})" for level in o["levels"]],
            ]
            for o in result["officials"]
        ],
        [4, *[2] * len(levels)],
    )


def results_document(session: Session) -> OfficialDocument:
    body: list[Any] = []
    for index, poll in enumerate(session_poll_results(session=session), start=1):
        body.append(Heading(f"{index}. {poll.title}"))
        body.append(_result_table(poll.result))
        body += _poll_lines(poll)
        committee = poll.result.get("committee")
        if committee:  # a secret ballot: the papers, blank ones counted apart (valid, for nothing)
            body.append(
                Paragraph(
                    f"Ban kiểm phiếu: số phiếu phát ra {number_text(committee['issued'])}, thu vào "
                    f"{number_text(committee['returned'])}, hợp lệ {number_text(committee['valid'])} (trong đó "
                    f"{number_text(committee.get('blank', 0))} phiếu trắng), không hợp lệ "
                    f"{number_text(committee['invalid'])}."
                )
            )
    if not body:
        body.append(Paragraph("Chưa có biểu quyết nào kết thúc."))
    return _frame(
        session,
        number="",
        day=session.end_date,
        title="KẾT QUẢ BIỂU QUYẾT",
        subtitle=[_session_line(session)],
        body=body,
        signatures=[Signature(["THƯ KÝ KỲ HỌP"])],
        filename=f"ket-qua-bieu-quyet-ky-hop-{session.number}",
    )


def count_record_document(poll: Poll) -> OfficialDocument:
    """The counting committee's record of a secret ballot, for its members to sign."""
    session, result = poll.session, poll.result
    committee = result.get("committee") or {}
    members = sorted(committee_state(poll), key=lambda m: m["role"] != "head")  # the committee that holds the key
    body: list[Any] = [
        Paragraph(
            f"Hôm nay, ngày {poll.sitting.date:%d/%m/%Y}"
            + (f", tại {session.venue}" if session.venue else "")
            + f", {_session_words(session)}, Ban kiểm phiếu gồm:"
        )
    ]
    body += [
        Paragraph(f"{i}. {m['name']}, {'Trưởng ban' if m['role'] == 'head' else 'Thành viên'};")
        for i, m in enumerate(members, start=1)
    ] or [Paragraph("(chưa ghi tên thành viên Ban kiểm phiếu)", italic=True)]
    body.append(Paragraph(f"đã tiến hành kiểm phiếu: {poll.title}. Kết quả như sau:"))
    body.append(
        Table(
            ["Nội dung", "Số lượng"],
            [
                ["Tổng số đại biểu Hội đồng nhân dân", number_text(result["total"])],
                ["Số phiếu phát ra", number_text(committee.get("issued", 0))],
                ["Số phiếu thu vào", number_text(committee.get("returned", 0))],
                ["Số phiếu hợp lệ", number_text(committee.get("valid", 0))],
                ["Số phiếu không hợp lệ", number_text(committee.get("invalid", 0))],
                ["Trong đó số phiếu trắng (không đánh dấu)", number_text(committee.get("blank", 0))],
            ],
            [6, 2],
        )
    )
    body.append(_result_table(result))
    body += _poll_lines(poll)
    if poll.kind == PollKind.CONFIDENCE and poll.exclusions:
        body.append(Paragraph("Không lấy phiếu tín nhiệm đối với:", bold=True))
        body += [Paragraph(f"- {e['name']}, {e['title']}: {e['reason']}.") for e in poll.exclusions]
    signatures = [Signature([COMMITTEE_ROLES[m["role"]]], m["name"]) for m in members] or [
        Signature([COMMITTEE_ROLES["head"]])
    ]
    return _frame(
        session,
        number=UNNUMBERED.format(symbol="BB-BKP"),
        day=poll.sitting.date,
        title="BIÊN BẢN KIỂM PHIẾU",
        subtitle=[poll.title],
        body=body,
        signatures=signatures,
        filename=f"bien-ban-kiem-phieu-{poll.pk}",
    )
