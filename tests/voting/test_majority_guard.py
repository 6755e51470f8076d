"""The majority rule a poll may carry depends on its kind (domain.md): a resolution passes only with more than
half of the TOTAL number of delegates (or a stricter rule on the total), a dismissal needs at least 2/3 of the
total; the other kinds keep any rule ("room for others"). A refusal has its own code and creates nothing."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from core.errors import CATALOG, ServiceError
from sessions_app.models.audit import AuditEntry
from sessions_app.models.stream import StreamEvent
from voting import errors, services
from voting.models import Poll

pytestmark = pytest.mark.django_db

REFUSED = [
    ("resolution", "named", "gt_half_cast", "gt_half_total"),
    ("resolution", "named", "gt_half_eligible", "gt_half_total"),
    ("resolution", "secret", "gt_half_cast", "gt_half_total"),
    ("resolution", "show_of_hands", "gt_half_eligible", "gt_half_total"),
    ("dismissal", "secret", "gt_half_total", "ge_two_thirds_total"),
    ("dismissal", "secret", "gt_half_cast", "ge_two_thirds_total"),
    ("dismissal", "secret", "gt_half_eligible", "ge_two_thirds_total"),
]


def _create(hall, **kwargs):
    return services.poll_create(actor=hall.sec, session=hall.c.session, sitting=hall.c.sitting,
                                title="Biểu quyết thử", **kwargs)


@pytest.mark.parametrize("kind, method, rule, minimum", REFUSED)
def test_a_rule_weaker_than_the_kind_needs_is_refused_and_nothing_changes(hall, kind, method, rule, minimum):
    audit, events = AuditEntry.objects.count(), StreamEvent.objects.count()
    with pytest.raises(ServiceError) as info:
        _create(hall, kind=kind, method=method, majority_rule=rule)
    error = info.value
    assert error.code == errors.POLL_RULE_TOO_WEAK == "poll.majority_rule_too_weak"
    assert error.details == {"field": "majority_rule", "kind": kind, "rule": rule, "minimum": minimum}
    assert f"«{rule}»" in error.message_vi and f"«{minimum}»" in error.message_vi
    assert f"'{rule}'" in error.message_en and "total number of delegates" in error.message_en
    assert error.status == 400
    assert not Poll.objects.exists()
    assert (AuditEntry.objects.count(), StreamEvent.objects.count()) == (audit, events)


@pytest.mark.parametrize("kind, method, rule", [
    ("resolution", "named", "gt_half_total"),
    ("resolution", "named", "ge_two_thirds_total"),  # stricter, still on the total
    ("resolution", "secret", None),  # the default: more than half of the total
    ("dismissal", "secret", "ge_two_thirds_total"),
    ("dismissal", "secret", None),  # the default: at least 2/3 of the total
    ("procedural", "named", "gt_half_cast"),  # room for others
    ("procedural", "show_of_hands", "gt_half_eligible"),
    ("other", "named", "gt_half_cast"),
    ("confidence", "secret", "gt_half_cast"),
    ("election", "secret", "gt_half_eligible"),
])
def test_the_rules_each_kind_may_carry(hall, kind, method, rule):
    extra = {"candidates": [{"name": "Ứng viên Giả Định"}]} if kind in ("election", "confidence") else {}
    poll = _create(hall, kind=kind, method=method, majority_rule=rule, **extra)
    expected = rule or ("ge_two_thirds_total" if kind == "dismissal" else "gt_half_total")
    poll.refresh_from_db()
    assert poll.majority_rule == expected


def test_the_refusal_over_rest_and_in_the_catalogue(hall):
    client = APIClient()
    client.force_authenticate(hall.sec)
    response = client.post("/api/polls/", {"session": hall.c.session.pk, "sitting": hall.c.sitting.pk,
                                           "title": "Thông qua Nghị quyết", "kind": "resolution",
                                           "majority_rule": "gt_half_cast"}, format="json")
    assert response.status_code == 400
    body = response.json()["error"]
    assert body["code"] == "poll.majority_rule_too_weak" and set(body["messages"]) == {"vi", "en"}
    assert body["details"]["field"] == "majority_rule"
    assert not Poll.objects.exists()
    spec = CATALOG["poll.majority_rule_too_weak"]
    assert spec.vi and spec.en and spec.status == 400
