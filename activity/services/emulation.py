"""Writes on emulation score sheets: build the sheet (criteria tree), score it (computed criteria from the
statistics, manual criteria by hand with evidence), rank, lock and publish. Every write is refused once the
sheet is locked, so a past year's ranking never changes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from activity import errors
from activity.models import (
    Criterion,
    CriterionMethod,
    CriterionSection,
    EntrySource,
    Evidence,
    ScoreEntry,
    ScoreResult,
    ScoreSheet,
    ScoreTarget,
    SheetStatus,
    TargetKind,
    TieRule,
)
from activity.periods import Period
from activity.rules import rule_check, rule_points
from activity.selectors.emulation import sheet_points, sheet_targets_expected, target_statistics
from core.audit import audit_object
from core.errors import ServiceError
from sessions_app.models import Council
from sessions_app.permissions import require_manage


def _sheet_for_write(actor: Any, sheet: ScoreSheet) -> ScoreSheet:
    """The sheet locked for update, after the permission and draft checks (call inside a transaction)."""
    require_manage(actor, sheet.council_id)
    sheet = ScoreSheet.objects.select_for_update().get(pk=sheet.pk)
    if sheet.status != SheetStatus.DRAFT:
        raise ServiceError(errors.SHEET_LOCKED)
    return sheet


def _choice(field: str, value: str, choices: type) -> None:
    if value not in choices.values:
        raise ServiceError(errors.CHOICE_INVALID, field=field, value=str(value)[:40])


def _bonus_cap_check(sheet: ScoreSheet) -> None:
    """Bonus criteria on a sheet whose bonus cap is 0 would silently count for nothing."""
    if sheet.bonus_cap == 0 and sheet.criteria.filter(section=CriterionSection.BONUS).exists():
        raise ServiceError(errors.BONUS_CAP_MISSING)


def _stale(sheet: ScoreSheet) -> None:
    if not sheet.ranking_stale:
        sheet.ranking_stale = True
        sheet.save(update_fields=["ranking_stale"])


def _targets_sync(sheet: ScoreSheet) -> None:
    """Add the targets the sheet should have (new communes, committees, groups or delegates) and drop those
    that no longer belong; a draft sheet follows the council's organisation until it is locked."""
    expected = sheet_targets_expected(sheet=sheet)
    if not expected:
        raise ServiceError(errors.TARGET_KIND_UNAVAILABLE, kind=TargetKind(sheet.target_kind).label)
    field = {
        TargetKind.COMMUNE_COUNCILS: "council",
        TargetKind.COMMITTEES: "committee",
        TargetKind.DELEGATE_GROUPS: "group",
        TargetKind.DELEGATES: "person",
    }[sheet.target_kind]
    present = {getattr(t, f"{field}_id"): t for t in sheet.targets.all()}
    for subject_id, label in expected.items():
        if subject_id in present:
            if present[subject_id].label != label:
                ScoreTarget.objects.filter(pk=present[subject_id].pk).update(label=label)
        else:
            ScoreTarget.objects.create(sheet=sheet, label=label, **{f"{field}_id": subject_id})
    ScoreTarget.objects.filter(sheet=sheet).exclude(**{f"{field}_id__in": list(expected)}).delete()


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
    _choice("target_kind", target_kind, TargetKind)
    _choice("tie_rule", tie_rule, TieRule)
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
        _targets_sync(sheet)
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
        _targets_sync(copy)
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
        _choice("tie_rule", fields["tie_rule"], TieRule)
    with transaction.atomic():
        sheet = _sheet_for_write(actor, sheet)
        changed = {k: v for k, v in fields.items() if k in {"title", "bonus_cap", "tie_rule"} and v is not None}
        for name, value in changed.items():
            setattr(sheet, name, value.strip() if name == "title" else value)
        _bonus_cap_check(sheet)
        sheet.ranking_stale = True
        sheet.save()
        audit_object(
            actor=actor,
            action="score_sheet.update",
            obj=sheet,
            data={"sheet": sheet.pk, **{k: str(v) for k, v in changed.items()}},
        )
    return sheet


def _criterion_validate(*, sheet: ScoreSheet, criterion: Criterion) -> None:
    _choice("section", criterion.section, CriterionSection)
    _choice("method", criterion.method, CriterionMethod)
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
        sheet = _sheet_for_write(actor, sheet)
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
        _stale(sheet)
        audit_object(
            actor=actor,
            action="criterion.create",
            obj=criterion,
            council_id=sheet.council_id,
            data={
                "sheet": sheet.pk,
                "title": criterion.title,
                "max_points": str(max_points),
                "method": method,
                "rule": criterion.rule,
            },
        )
    return criterion


CRITERION_FIELDS = {"title", "max_points", "section", "method", "parent", "rule", "description", "position"}


def criterion_update(*, actor: Any, criterion: Criterion, **fields: Any) -> Criterion:
    with transaction.atomic():
        sheet = _sheet_for_write(actor, criterion.sheet)
        criterion = Criterion.objects.select_for_update().get(pk=criterion.pk)
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
            raise ServiceError(errors.POINTS_OVER_MAX, points=_num(top), max=_num(criterion.max_points))
        criterion.save()
        # Points of another method are void: a group has none, a computed criterion is rescored, a manual one
        # must be assessed by hand (else lock would count stale computed points as assessed).
        entries.exclude(source=criterion.method).delete()
        _stale(sheet)
        audit_object(
            actor=actor,
            action="criterion.update",
            obj=criterion,
            council_id=sheet.council_id,
            data={"sheet": sheet.pk, **{k: (v.pk if isinstance(v, Criterion) else v) for k, v in changed.items()}},
        )
    return criterion


def criterion_delete(*, actor: Any, criterion: Criterion) -> None:
    with transaction.atomic():
        sheet = _sheet_for_write(actor, criterion.sheet)
        audit_object(
            actor=actor,
            action="criterion.delete",
            obj=criterion,
            council_id=sheet.council_id,
            data={"sheet": sheet.pk, "title": criterion.title},
        )
        criterion.delete()
        _stale(sheet)


def score_entry_set(
    *,
    actor: Any,
    target: ScoreTarget,
    criterion: Criterion,
    points: Decimal,
    note: str = "",
    evidence: list[Evidence] | None = None,
) -> ScoreEntry:
    """A hand assessment of one target on one manual criterion, with its evidence."""
    if points < 0:
        raise ServiceError(errors.POINTS_NEGATIVE)
    with transaction.atomic():
        sheet = _sheet_for_write(actor, target.sheet)
        if criterion.sheet_id != sheet.pk or target.sheet_id != sheet.pk:
            raise ServiceError(errors.TARGET_NOT_ON_SHEET)
        if criterion.method != CriterionMethod.MANUAL:
            raise ServiceError(errors.POINTS_NOT_MANUAL)
        if points > criterion.max_points:
            raise ServiceError(errors.POINTS_OVER_MAX, points=_num(points), max=_num(criterion.max_points))
        if evidence and any(e.council_id not in {sheet.council_id, target.council_id} for e in evidence):
            raise ServiceError(errors.TARGET_NOT_ON_SHEET)
        entry, _ = ScoreEntry.objects.update_or_create(
            target=target,
            criterion=criterion,
            defaults={
                "points": points,
                "source": EntrySource.MANUAL,
                "statistic_value": None,
                "note": note.strip(),
                "assessed_by": actor,
                "assessed_at": timezone.now(),
            },
        )
        if evidence is not None:
            entry.evidence.set(evidence)
        _stale(sheet)
        audit_object(
            actor=actor,
            action="score_entry.set",
            obj=entry,
            council_id=sheet.council_id,
            data={
                "sheet": sheet.pk,
                "target": target.pk,
                "criterion": criterion.pk,
                "points": str(points),
                "evidence": [e.pk for e in evidence or []],
            },
        )
    return entry


@dataclass(frozen=True)
class ScoreCell:
    """One manual criterion's cell of a target's row as submitted: no points means left empty."""

    criterion: Criterion
    points: Decimal | None
    note: str = ""
    evidence: list[Evidence] = field(default_factory=list)


def _cell_unchanged(entry: ScoreEntry | None, cell: ScoreCell) -> bool:
    return entry is not None and (entry.points, entry.note, {e.pk for e in entry.evidence.all()}) == (
        cell.points,
        cell.note.strip(),
        {e.pk for e in cell.evidence},
    )


def score_entries_set(*, actor: Any, target: ScoreTarget, cells: list[ScoreCell]) -> int:
    """A target's row of hand assessments, saved together or not at all (``score_entry_set`` for each cell
    with points that differs from its stored entry); returns how many were saved. A refusal names the cell
    it concerns in ``details["criterion"]``."""
    saved = 0
    with transaction.atomic():
        stored = {
            entry.criterion_id: entry for entry in ScoreEntry.objects.filter(target=target).prefetch_related("evidence")
        }
        for cell in cells:
            if cell.points is None or _cell_unchanged(stored.get(cell.criterion.pk), cell):
                continue
            try:
                score_entry_set(
                    actor=actor,
                    target=target,
                    criterion=cell.criterion,
                    points=cell.points,
                    note=cell.note,
                    evidence=cell.evidence,
                )
            except ServiceError as error:
                error.details.setdefault("criterion", cell.criterion.pk)
                raise
            saved += 1
    return saved


def _num(value: Decimal) -> str:
    return f"{value.normalize():f}".replace(".", ",")


def score_sheet_score(*, actor: Any, sheet: ScoreSheet, today: dt.date | None = None) -> ScoreSheet:
    """Compute every computed criterion from the year's statistics, then total and rank every target."""
    with transaction.atomic():
        sheet = _sheet_for_write(actor, sheet)
        _targets_sync(sheet)
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
        sheet = _sheet_for_write(actor, sheet)
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
        sheet = ScoreSheet.objects.select_for_update().get(pk=sheet.pk)
        if sheet.status != SheetStatus.LOCKED:
            raise ServiceError(
                errors.SHEET_STATUS_INVALID, current=SheetStatus(sheet.status).label, target=SheetStatus.PUBLISHED.label
            )
        sheet.status, sheet.published_at = SheetStatus.PUBLISHED, timezone.now()
        sheet.save(update_fields=["status", "published_at"])
        audit_object(actor=actor, action="score_sheet.publish", obj=sheet, data={"sheet": sheet.pk})
    return sheet
