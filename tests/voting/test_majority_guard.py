"""The majority a poll needs is the law's (domain.md, "Majorities"): every decision more than half of the TOTAL
number of delegates, the recall of a delegate at least two-thirds of the total, the removal of an official
the council elected more than half of the total; rules on those present or taking part only for a
procedural show of hands. A refusal has its own code and creates nothing; the database holds the same rule."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from rest_framework.test import APIClient

from core.errors import CATALOG, ServiceError
from sessions_app.models.audit import AuditEntry
from sessions_app.models.stream import StreamEvent
from voting import errors, services
from voting.models import Poll
from voting.results import Ballot, poll_result
from voting.services.polls import SECRET_OPTIONS

pytestmark = pytest.mark.django_db

REFUSED = [
    ("resolution", "named", "gt_half_cast", "gt_half_total"),
    ("resolution", "named", "gt_half_eligible", "gt_half_total"),
    ("resolution", "named", "ge_two_thirds_total", "gt_half_total"),  # stricter than the law is not the law
    ("resolution", "show_of_hands", "gt_half_eligible", "gt_half_total"),
    ("dismissal", "secret", "ge_two_thirds_total", "gt_half_total"),
    ("dismissal", "secret", "gt_half_cast", "gt_half_total"),
    ("recall_delegate", "secret", "gt_half_total", "ge_two_thirds_total"),
    ("election", "secret", "gt_half_eligible", "gt_half_total"),
    ("confidence", "secret", "gt_half_cast", "gt_half_total"),
    ("other", "named", "gt_half_cast", "gt_half_total"),
    ("procedural", "named", "gt_half_cast", "gt_half_total"),  # present/voting-based only by show of hands
]


def _create(hall, **kwargs):
    return services.poll_create(
        actor=hall.sec, session=hall.c.session, sitting=hall.c.sitting, title="Biểu quyết thử", **kwargs
    )


@pytest.mark.parametrize("kind, method, rule, required", REFUSED)
def test_a_rule_the_law_does_not_give_the_kind_is_refused_and_nothing_changes(hall, kind, method, rule, required):
    audit, events = AuditEntry.objects.count(), StreamEvent.objects.count()
    extra = {"candidates": [{"name": "Trần Thị Giả Định"}]} if kind in ("election", "confidence") else {}
    with pytest.raises(ServiceError) as info:
        _create(hall, kind=kind, method=method, majority_rule=rule, **extra)
    error = info.value
    assert error.code == errors.POLL_RULE_UNLAWFUL == "poll.majority_rule_unlawful"
    assert error.details == {"field": "majority_rule", "kind": kind, "rule": rule, "required": required}
    # The message names the rules in words, never their codes, in Vietnamese quotation marks.
    assert rule not in error.message_vi and required not in error.message_vi and "«" not in error.message_vi
    assert "“" in error.message_vi and "tổng số đại biểu" in error.message_vi
    assert rule not in error.message_en and "of all delegates" not in error.message_vi
    assert error.status == 400
    assert not Poll.objects.exists()
    assert (AuditEntry.objects.count(), StreamEvent.objects.count()) == (audit, events)


@pytest.mark.parametrize(
    "kind, method, rule, expected",
    [
        ("resolution", "named", None, "gt_half_total"),
        ("resolution", "secret", "gt_half_total", "gt_half_total"),
        ("dismissal", "secret", None, "gt_half_total"),  # removing an official: an ordinary decision
        ("recall_delegate", "secret", None, "ge_two_thirds_total"),  # recalling a delegate: two-thirds
        ("no_confidence", "secret", None, "gt_half_total"),
        ("election", "secret", None, "gt_half_total"),
        ("procedural", "named", "ge_two_thirds_total", "ge_two_thirds_total"),
        ("procedural", "show_of_hands", "gt_half_cast", "gt_half_cast"),  # the council's own procedure
        ("procedural", "show_of_hands", "gt_half_eligible", "gt_half_eligible"),
    ],
)
def test_the_rules_each_kind_carries(hall, kind, method, rule, expected):
    extra = {"candidates": [{"name": "Trần Thị Giả Định"}]} if kind == "election" else {}
    poll = _create(hall, kind=kind, method=method, majority_rule=rule, **extra)
    poll.refresh_from_db()
    assert poll.majority_rule == expected


def test_the_database_refuses_an_unlawful_rule_too(hall):
    poll = _create(hall, kind="dismissal", method="secret")
    with pytest.raises(IntegrityError), transaction.atomic():
        Poll.objects.filter(pk=poll.pk).update(majority_rule="ge_two_thirds_total")
    with pytest.raises(IntegrityError), transaction.atomic():
        Poll.objects.filter(pk=poll.pk).update(kind="resolution", majority_rule="gt_half_cast")


def _decide(kind: str, rule: str, yes: int, total: int = 50) -> bool:
    ballot = Ballot(kind, "secret", rule, 1, SECRET_OPTIONS, [])
    return poll_result(ballot=ballot, counts={"yes": yes, "no": total - yes}, cast=total, total=total, eligible=total)[
        "passed"
    ]


@pytest.mark.parametrize("kind", ["resolution", "dismissal", "no_confidence", "other"])
def test_more_than_half_of_the_total_26_of_50_passes_25_does_not(kind):
    assert _decide(kind, "gt_half_total", 26) is True
    assert _decide(kind, "gt_half_total", 25) is False


def test_recalling_a_delegate_34_of_50_recalls_33_does_not():
    assert _decide("recall_delegate", "ge_two_thirds_total", 34) is True
    assert _decide("recall_delegate", "ge_two_thirds_total", 33) is False


def test_a_dismissal_of_an_official_passes_with_26_of_50_over_a_real_poll():
    from tests.voting.conftest import Hall

    h = Hall(n=50, present=40)
    poll = h.poll(kind="dismissal", method="secret", title="Miễn nhiệm Phó Chủ tịch Ủy ban nhân dân tỉnh")
    for i in range(40):
        h.vote(poll, i, "yes" if i < 26 else "no")
    poll = h.close(poll)
    assert poll.result["required"] == 26 and poll.result["passed"] is True
    assert poll.result["wording"]["verdict"]["vi"] == "Kết quả: được thông qua."


def test_the_refusal_over_rest_and_in_the_catalogue(hall):
    client = APIClient()
    client.force_authenticate(hall.sec)
    response = client.post(
        "/api/polls/",
        {
            "session": hall.c.session.pk,
            "sitting": hall.c.sitting.pk,
            "title": "Thông qua Nghị quyết",
            "kind": "resolution",
            "majority_rule": "gt_half_cast",
        },
        format="json",
    )
    assert response.status_code == 400
    body = response.json()["error"]
    assert body["code"] == "poll.majority_rule_unlawful" and set(body["messages"]) == {"vi", "en"}
    assert body["messages"]["vi"] == (
        "Biểu quyết “Thông qua nghị quyết” phải áp dụng điều kiện “Quá 1/2 tổng số đại biểu”; không áp dụng "
        "điều kiện “Quá 1/2 số đại biểu tham gia biểu quyết (chỉ biểu quyết thủ tục giơ tay)”."
    )
    assert not Poll.objects.exists()
    spec = CATALOG["poll.majority_rule_unlawful"]
    assert spec.vi and spec.en and spec.status == 400
