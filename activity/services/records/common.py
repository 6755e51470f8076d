"""What every kind of activity record shares: the checks against its council, saving it with its participants
(audited), and deleting one entered by mistake."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import models, transaction

from activity import errors
from activity.models import Evidence, GoodPractice, SheetStatus
from core.audit import audit_record
from core.errors import COUNCIL_FORBIDDEN, ServiceError
from sessions_app.models import Committee, Council, DelegateGroup, Person
from sessions_app.permissions import delegate_membership, require_manage


def check_committee(council: Council, committee: Committee | None) -> None:
    if committee is not None and committee.council_id != council.pk:
        raise ServiceError(errors.RECORD_COMMITTEE_MISMATCH)


def check_group(council: Council, group: DelegateGroup | None) -> None:
    if group is not None and group.council_id != council.pk:
        raise ServiceError(errors.RECORD_GROUP_MISMATCH)


def check_delegates(council: Council, delegates: Iterable[Person], on: dt.date) -> list[Person]:
    people = list(delegates)
    for person in people:
        if delegate_membership(person_id=person.pk, council=council, on=on) is None:
            raise ServiceError(errors.RECORD_NOT_DELEGATE, name=person.full_name, date=on.strftime("%d/%m/%Y"))
    return people


def record_save(
    actor: Any,
    model: type[models.Model],
    action: str,
    council: Council,
    instance: models.Model | None,
    fields: dict[str, Any],
    delegates: list[Person] | None = None,
) -> Any:
    """Create or update one record with its participants, and audit it (inside the caller's checks)."""
    if instance is not None and instance.council_id != council.pk:
        raise ServiceError(COUNCIL_FORBIDDEN)  # the actor's rights were checked on ``council``, not the record's
    with transaction.atomic():
        if instance is None:
            instance = model.objects.create(council=council, **fields)
        else:
            instance = model.objects.select_for_update(no_key=True).get(pk=instance.pk)
            for name, value in fields.items():
                setattr(instance, name, value)
            instance.save()
        if delegates is not None:
            instance.delegates.set(delegates)
        audit_record(
            actor=actor,
            action=action,
            object_type=model._meta.model_name,
            object_id=instance.pk,
            council_id=council.pk,
            data={
                **{k: (v.pk if isinstance(v, models.Model) else v) for k, v in fields.items()},
                **({"delegates": [p.pk for p in delegates]} if delegates is not None else {}),
            },
        )
    return instance


def record_delete(*, actor: Any, record: models.Model) -> None:
    """Remove an activity record entered by mistake (its evidence goes with a good practice). A voter meeting
    that petitions refer to, or evidence behind the points of a locked score sheet, stays."""
    require_manage(actor, record.council_id)
    evidence = (
        Evidence.objects.filter(pk=record.pk)
        if isinstance(record, Evidence)
        else (
            Evidence.objects.filter(good_practice=record)
            if isinstance(record, GoodPractice)
            else Evidence.objects.none()
        )
    )
    if evidence.filter(entries__target__sheet__status__in=[SheetStatus.LOCKED, SheetStatus.PUBLISHED]).exists():
        raise ServiceError(errors.RECORD_IN_USE)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=f"{record._meta.model_name}.delete",
            object_type=record._meta.model_name,
            object_id=record.pk,
            council_id=record.council_id,
            data={"label": str(record)[:200]},
        )
        try:
            record.delete()
        except models.ProtectedError:
            raise ServiceError(errors.RECORD_IN_USE) from None
