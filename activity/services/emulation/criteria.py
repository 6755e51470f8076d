"""The criteria tree of a draft score sheet: add, change and remove criteria (a change voids the points of
another method; the sheet's ranking goes stale)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max

from activity import errors
from activity.models import Criterion, CriterionMethod, CriterionSection, EntrySource, ScoreEntry, ScoreSheet
from activity.rules import rule_check
from activity.services.emulation.common import choice_check, points_text, sheet_changed, sheet_for_write
from core.errors import ServiceError


def _criterion_validate(*, sheet: ScoreSheet, criterion: Criterion) -> None:
    choice_check("section", criterion.section, CriterionSection)
    choice_check("method", criterion.method, CriterionMethod)
    if criterion.max_points < 0:
        raise ServiceError(errors.POINTS_NEGATIVE)
    if criterion.section == CriterionSection.BONUS and sheet.bonus_cap == 0:
        raise ServiceError(errors.BONUS_CAP_MISSING)
    if criterion.parent_id is not None:
        parent = Criterion.objects.filter(pk=criterion.parent_id, sheet=sheet).first()
        if parent is None or parent.method != CriterionMethod.GROUP or parent.section != criterion.section:
            raise ServiceError(errors.CRITERION_PARENT_INVALID)
        ancestor: Criterion | None = parent
        while ancestor is not None:
            if criterion.pk is not None and ancestor.pk == criterion.pk:
                raise ServiceError(errors.CRITERION_PARENT_INVALID)
            ancestor = ancestor.parent
    if criterion.method == CriterionMethod.COMPUTED:
        if criterion.rule is None:
            raise ServiceError(
                errors.RULE_INVALID,
                reason_vi="tiêu chí tính tự động cần có quy tắc",
                reason_en="a computed criterion needs a rule",
            )
        criterion.rule = rule_check(rule=criterion.rule, target_kind=sheet.target_kind)
    else:
        criterion.rule = None


def criterion_create(
    *,
    actor: Any,
    sheet: ScoreSheet,
    title: str,
    max_points: Decimal,
    section: str = CriterionSection.REGULAR,
    method: str = CriterionMethod.MANUAL,
    parent: Criterion | None = None,
    rule: dict[str, Any] | None = None,
    description: str = "",
    position: int | None = None,
) -> Criterion:
    with transaction.atomic():
        sheet = sheet_for_write(actor, sheet)
        if position is None:
            position = Criterion.objects.filter(sheet=sheet, parent=parent).count() + 1
        criterion = Criterion(
            sheet=sheet,
            parent=parent,
            title=title.strip(),
            max_points=max_points,
            section=section,
            method=method,
            rule=rule,
            description=description,
            position=position,
        )
        _criterion_validate(sheet=sheet, criterion=criterion)
        criterion.save()
        sheet_changed(
            actor=actor,
            sheet=sheet,
            action="criterion.create",
            obj=criterion,
            data={"title": criterion.title, "max_points": str(max_points), "method": method, "rule": criterion.rule},
        )
    return criterion


CRITERION_FIELDS = {"title", "max_points", "section", "method", "parent", "rule", "description", "position"}


def criterion_update(*, actor: Any, criterion: Criterion, **fields: Any) -> Criterion:
    with transaction.atomic():
        sheet = sheet_for_write(actor, criterion.sheet)
        criterion = Criterion.objects.select_for_update(no_key=True).get(pk=criterion.pk)
        section = criterion.section
        changed = {k: v for k, v in fields.items() if k in CRITERION_FIELDS}
        for name, value in changed.items():
            setattr(criterion, name, value)
        has_children = criterion.children.exists()
        if has_children and (criterion.method != CriterionMethod.GROUP or criterion.section != section):
            raise ServiceError(errors.CRITERION_HAS_CHILDREN)
        _criterion_validate(sheet=sheet, criterion=criterion)
        entries = ScoreEntry.objects.filter(criterion=criterion)
        top = entries.filter(source=EntrySource.MANUAL).aggregate(top=Max("points"))["top"]
        if criterion.method == CriterionMethod.MANUAL and top is not None and top > criterion.max_points:
            raise ServiceError(errors.POINTS_OVER_MAX, points=points_text(top), max=points_text(criterion.max_points))
        criterion.save()
        # Points of another method are void: a group has none, a computed criterion is rescored, a manual one
        # must be assessed by hand (else lock would count stale computed points as assessed).
        entries.exclude(source=criterion.method).delete()
        data = {k: (v.pk if isinstance(v, Criterion) else v) for k, v in changed.items()}
        sheet_changed(actor=actor, sheet=sheet, action="criterion.update", obj=criterion, data=data)
    return criterion


def criterion_delete(*, actor: Any, criterion: Criterion) -> None:
    with transaction.atomic():
        sheet = sheet_for_write(actor, criterion.sheet)
        sheet_changed(
            actor=actor, sheet=sheet, action="criterion.delete", obj=criterion, data={"title": criterion.title}
        )
        criterion.delete()
