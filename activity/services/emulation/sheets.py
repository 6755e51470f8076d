"""Score sheets as a whole: create one (its targets follow the council), copy it to another year, change a
draft's title, bonus cap or tie rule, score it (computed criteria from the year's statistics), rank, lock and
publish."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from activity import errors
from activity.models import (
    CriterionMethod,
    EntrySource,
    ScoreEntry,
    ScoreResult,
    ScoreSheet,
    SheetStatus,
    TargetKind,
    TieRule,
)
from activity.periods import Period
from activity.rules import rule_points
from activity.selectors.emulation import sheet_points, target_statistics
from activity.services.emulation.common import bonus_cap_check, choice_check, sheet_for_write, targets_sync
from core.audit import audit_object
from core.errors import ServiceError
from sessions_app.models import Council
from sessions_app.permissions import require_manage


def score_sheet_create(
    *,
    actor: Any,
    council: Council,
    year: int,
    target_kind: str,
    title: str,
    bonus_cap: Decimal = Decimal(0),
    tie_rule: str = TieRule.SHARED,
) -> ScoreSheet:
    require_manage(actor, council)
    choice_check("target_kind", target_kind, TargetKind)
    choice_check("tie_rule", tie_rule, TieRule)
    if bonus_cap < 0:
        raise ServiceError(errors.POINTS_NEGATIVE)
    with transaction.atomic():
        if ScoreSheet.objects.filter(council=council, year=year, target_kind=target_kind).exists():
            raise ServiceError(errors.SHEET_EXISTS, year=year)
        sheet = ScoreSheet.objects.create(
            council=council,
            year=year,
            target_kind=target_kind,
            title=title.strip(),
            bonus_cap=bonus_cap,
            tie_rule=tie_rule,
            created_at=timezone.now(),
        )
        targets_sync(sheet)
        audit_object(
            actor=actor,
            action="score_sheet.create",
            obj=sheet,
            data={"sheet": sheet.pk, "year": year, "target_kind": target_kind, "title": sheet.title},
        )
    return sheet


def score_sheet_copy(*, actor: Any, sheet: ScoreSheet, year: int, title: str = "") -> ScoreSheet:
    """Next year's sheet as a copy of this one's criteria; the two are independent from then on."""
    require_manage(actor, sheet.council_id)
    with transaction.atomic():
        if ScoreSheet.objects.filter(council_id=sheet.council_id, year=year, target_kind=sheet.target_kind).exists():
            raise ServiceError(errors.SHEET_EXISTS, year=year)
        copy = ScoreSheet.objects.create(
            council_id=sheet.council_id,
            year=year,
            target_kind=sheet.target_kind,
            title=title.strip() or sheet.title.replace(str(sheet.year), str(year)),
            bonus_cap=sheet.bonus_cap,
            tie_rule=sheet.tie_rule,
            based_on=sheet,
            created_at=timezone.now(),
        )
        _criteria_copy(sheet, copy)
        targets_sync(copy)
        audit_object(
            actor=actor, action="score_sheet.copy", obj=copy, data={"sheet": copy.pk, "from": sheet.pk, "year": year}
        )
    return copy


def _criteria_copy(source: ScoreSheet, copy: ScoreSheet) -> None:
    """Clone the criteria tree, parents before children."""
    new_ids: dict[int, int] = {}
    pending = list(source.criteria.order_by("pk"))
    while pending:
        for criterion in [c for c in pending if c.parent_id is None or c.parent_id in new_ids]:
            old = criterion.pk
            criterion.pk, criterion.sheet = None, copy
            criterion.parent_id = new_ids[criterion.parent_id] if criterion.parent_id else None
            criterion.save()
            new_ids[old] = criterion.pk
        pending = [c for c in pending if c.pk is not None and c.sheet_id == source.pk]


def score_sheet_update(*, actor: Any, sheet: ScoreSheet, **fields: Any) -> ScoreSheet:
    """Title, bonus cap or tie rule of a draft sheet."""
    if fields.get("bonus_cap") is not None and fields["bonus_cap"] < 0:
        raise ServiceError(errors.POINTS_NEGATIVE)
    if fields.get("tie_rule") is not None:
        choice_check("tie_rule", fields["tie_rule"], TieRule)
    with transaction.atomic():
        sheet = sheet_for_write(actor, sheet)
        changed = {k: v for k, v in fields.items() if k in {"title", "bonus_cap", "tie_rule"} and v is not None}
        for name, value in changed.items():
            setattr(sheet, name, value.strip() if name == "title" else value)
        bonus_cap_check(sheet)
        sheet.ranking_stale = True
        sheet.save()
        audit_object(
            actor=actor,
            action="score_sheet.update",
            obj=sheet,
            data={"sheet": sheet.pk, **{k: str(v) for k, v in changed.items()}},
        )
    return sheet


def score_sheet_score(*, actor: Any, sheet: ScoreSheet, today: dt.date | None = None) -> ScoreSheet:
    """Compute every computed criterion from the year's statistics, then total and rank every target."""
    with transaction.atomic():
        sheet = sheet_for_write(actor, sheet)
        targets_sync(sheet)
        period = Period.year(sheet.year)
        computed = list(sheet.criteria.filter(method=CriterionMethod.COMPUTED))
        now = timezone.now()
        for target in sheet.targets.select_related("council", "committee", "group", "person"):
            figures = target_statistics(target=target, sheet=sheet, period=period, today=today) if computed else {}
            for criterion in computed:
                value = Decimal(figures[criterion.rule["statistic"]])
                ScoreEntry.objects.update_or_create(
                    target=target,
                    criterion=criterion,
                    defaults={
                        "points": rule_points(rule=criterion.rule, value=value, max_points=criterion.max_points),
                        "source": EntrySource.COMPUTED,
                        "statistic_value": value,
                        "note": "",
                        "assessed_by": None,
                        "assessed_at": now,
                    },
                )
        _rank(sheet)
        sheet.ranked_at, sheet.ranking_stale = now, False
        sheet.save(update_fields=["ranked_at", "ranking_stale"])
        audit_object(
            actor=actor,
            action="score_sheet.score",
            obj=sheet,
            data={"sheet": sheet.pk, "targets": sheet.targets.count(), "computed_criteria": len(computed)},
        )
    return sheet


def _rank(sheet: ScoreSheet) -> None:
    points = sheet_points(sheet=sheet)
    ScoreResult.objects.filter(target__sheet=sheet).delete()
    keys = {target_id: _rank_key(sheet.tie_rule, p) for target_id, p in points.items()}
    ScoreResult.objects.bulk_create(
        [
            ScoreResult(
                target_id=target_id,
                base=p["base"],
                bonus=p["bonus"],
                deduction=p["deduction"],
                total=p["total"],
                section_points=[str(v) for v in p["sections"]],
                rank=1 + sum(1 for other in keys.values() if other < keys[target_id]),
            )
            for target_id, p in points.items()
        ]
    )


def _rank_key(tie_rule: str, p: dict[str, Any]) -> tuple:
    """Smaller is better; equal keys share a rank (1, 1, 3 …)."""
    if tie_rule == TieRule.CRITERIA_ORDER:
        return (-p["total"], *(-v for v in p["sections"]))
    if tie_rule == TieRule.FEWER_DEDUCTIONS:
        return (-p["total"], p["deduction"])
    return (-p["total"],)


def score_sheet_lock(*, actor: Any, sheet: ScoreSheet) -> ScoreSheet:
    """Freeze the sheet: every manual criterion scored for every target and the ranking up to date."""
    with transaction.atomic():
        sheet = sheet_for_write(actor, sheet)
        manual = sheet.criteria.filter(method=CriterionMethod.MANUAL).count()
        targets = sheet.targets.count()
        scored = ScoreEntry.objects.filter(target__sheet=sheet, criterion__method=CriterionMethod.MANUAL).count()
        if manual * targets != scored or sheet.ranked_at is None:
            raise ServiceError(errors.SHEET_NOT_RANKED, missing=manual * targets - scored)
        if sheet.ranking_stale:
            raise ServiceError(errors.SHEET_RANKING_STALE)
        sheet.status, sheet.locked_at = SheetStatus.LOCKED, timezone.now()
        sheet.save(update_fields=["status", "locked_at"])
        audit_object(actor=actor, action="score_sheet.lock", obj=sheet, data={"sheet": sheet.pk})
    return sheet


def score_sheet_publish(*, actor: Any, sheet: ScoreSheet) -> ScoreSheet:
    require_manage(actor, sheet.council_id)
    with transaction.atomic():
        sheet = ScoreSheet.objects.select_for_update(no_key=True).get(pk=sheet.pk)
        if sheet.status != SheetStatus.LOCKED:
            raise ServiceError(
                errors.SHEET_STATUS_INVALID, current=SheetStatus(sheet.status).label, target=SheetStatus.PUBLISHED.label
            )
        sheet.status, sheet.published_at = SheetStatus.PUBLISHED, timezone.now()
        sheet.save(update_fields=["status", "published_at"])
        audit_object(actor=actor, action="score_sheet.publish", obj=sheet, data={"sheet": sheet.pk})
    return sheet
