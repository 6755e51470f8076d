"""Hand assessments: one target on one manual criterion, with evidence, or a target's row of them at once."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from activity import errors
from activity.models import Criterion, CriterionMethod, EntrySource, Evidence, ScoreEntry, ScoreTarget
from activity.services.emulation.common import points_text, sheet_changed, sheet_for_write
from core.errors import ServiceError


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
        sheet = sheet_for_write(actor, target.sheet)
        if criterion.sheet_id != sheet.pk or target.sheet_id != sheet.pk:
            raise ServiceError(errors.TARGET_NOT_ON_SHEET)
        if criterion.method != CriterionMethod.MANUAL:
            raise ServiceError(errors.POINTS_NOT_MANUAL)
        if points > criterion.max_points:
            raise ServiceError(
                errors.POINTS_OVER_MAX, points=points_text(points), max=points_text(criterion.max_points)
            )
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
        sheet_changed(
            actor=actor,
            sheet=sheet,
            action="score_entry.set",
            obj=entry,
            data={
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
