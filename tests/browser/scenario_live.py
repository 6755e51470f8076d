"""Fixture steps of the live-screen tests (``test_live_screens.py``), in a public session of its own of xã Núi
Mây (no other step looks up that council's sessions): ``setup`` opens a sitting with a draft-resolution item
and a questioning item, checks in delegates of seats 5-9 by hand and registers a question slip; ``floor``
gives that slip the floor; ``poll`` creates and opens a named poll on the resolution item (``--count`` of the
hand-checked delegates vote yes); ``finish`` closes and publishes the open poll. Everything goes through the
services."""

from __future__ import annotations

import argparse
import uuid
from typing import Any

from tests.browser.scenario_common import check_in_by_hand, commune, session_new, step_run

SPEC_CODE = "nui-may"
TITLE = "Kỳ họp thường lệ giữa năm (thử màn hình trực tiếp)"


def _context() -> tuple[Any, Any, Any]:
    from sessions_app.models import Session

    spec, secretariat = commune(SPEC_CODE)
    session = Session.objects.filter(council__code=SPEC_CODE, title=TITLE).order_by("-pk").first()
    return spec, secretariat, session


def setup() -> dict[str, Any]:
    from agenda.services.items import agenda_item_create
    from agenda.services.questioning import official_create, question_register, session_respondent_add
    from demo import councils as demo
    from sessions_app.models import SessionType

    spec, secretariat = commune(SPEC_CODE)
    session, (sitting,) = session_new(
        secretariat,
        SPEC_CODE,
        title=TITLE,
        type=SessionType.REGULAR,
        is_public=True,
        sittings=["Thảo luận và biểu quyết"],
        days=2,
    )
    budget = agenda_item_create(
        actor=secretariat,
        session=session,
        sitting=sitting,
        kind="draft_resolution",
        title="Nghị quyết về kế hoạch đầu tư công trung hạn của xã",
    )
    questioning = agenda_item_create(
        actor=secretariat, session=session, sitting=sitting, kind="questioning", title="Chất vấn và trả lời chất vấn"
    )
    official = official_create(
        actor=secretariat,
        council=session.council,
        full_name="Mạc Văn Đáp",
        title="Chủ tịch UBND xã",
        agency="UBND xã Núi Mây",
    )
    session_respondent_add(actor=secretariat, session=session, official=official)
    seats = check_in_by_hand(secretariat, sitting, (5, 6, 7, 8, 9))
    slip = question_register(
        actor=secretariat,
        session=session,
        respondent=official,
        asker=seats[5].person,
        text="Khi nào xã hoàn thành đường liên thôn Núi Mây – Khe Đá?",
    )
    return {
        "session": session.pk,
        "sitting": sitting.pk,
        "items": {"budget": budget.pk, "questioning": questioning.pk},
        "question": slip.pk,
        "tablets": [spec.delegate_username(seat) for seat in (2, 3)],
        "tablet_password": demo.DELEGATE_PASSWORD,
        "secretariat": secretariat.username,
        "secretariat_password": demo.SECRETARIAT_PASSWORD,
    }


def floor(question_id: int) -> dict[str, Any]:
    from agenda.models import Question
    from agenda.services.items_live import agenda_item_activate
    from agenda.services.questioning_floor import question_floor

    _, secretariat, session = _context()
    question = Question.objects.get(pk=question_id, session=session)
    item = session.agenda_items.get(kind="questioning")
    agenda_item_activate(actor=secretariat, item=item)
    question_floor(actor=secretariat, question=question)
    return {"question": question.pk}


def poll(count: int) -> dict[str, Any]:
    from agenda.services.items_live import agenda_item_activate
    from sessions_app.models import User
    from voting.services.casting import vote_cast
    from voting.services.polls import poll_create, poll_open

    _, secretariat, session = _context()
    item = session.agenda_items.get(kind="draft_resolution")
    if item.state != "active":
        agenda_item_activate(actor=secretariat, item=item)
    made = poll_create(
        actor=secretariat,
        session=session,
        sitting=item.sitting,
        agenda_item=item,
        title=f"Biểu quyết thông qua: {item.title}",
    )
    made = poll_open(
        actor=secretariat, poll=made, quorum_confirmed=True
    )  # a test hall below the quorum: the chair confirms
    voters = User.objects.filter(person_id__in=made.eligible_person_ids).exclude(person__memberships__seat__in=(2, 3))
    for user in voters.distinct()[:count]:
        vote_cast(actor=user, poll_id=made.pk, choice="yes", client_id=str(uuid.uuid4()))
    return {"poll": made.pk, "title": made.title}


def finish() -> dict[str, Any]:
    from voting.models import Poll
    from voting.services import poll_close, poll_publish

    _, secretariat, session = _context()
    made = Poll.objects.get(session=session, status="open")
    made = poll_publish(actor=secretariat, poll=poll_close(actor=secretariat, poll=made))
    return {"poll": made.pk, "status": made.status}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--question", type=int)
    parser.add_argument("--count", type=int, default=0)
    step_run(
        parser,
        {
            "setup": lambda args: setup(),
            "floor": lambda args: floor(args.question),
            "poll": lambda args: poll(args.count),
            "finish": lambda args: finish(),
        },
    )


if __name__ == "__main__":
    main()
