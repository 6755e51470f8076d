"""What the score-sheet writes share: the sheet locked for a write (drafts only), choice checks, the targets
that follow the council's organisation, and marking a change (ranking stale, audited)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from activity import errors
from activity.models import CriterionSection, ScoreSheet, ScoreTarget, SheetStatus, TargetKind
from activity.selectors.emulation import sheet_targets_expected
from core.audit import audit_object
from core.errors import ServiceError
from sessions_app.permissions import require_manage


def sheet_for_write(actor: Any, sheet: ScoreSheet) -> ScoreSheet:
    """The sheet locked for update, after the permission and draft checks (call inside a transaction)."""
    require_manage(actor, sheet.council_id)
    sheet = ScoreSheet.objects.select_for_update(no_key=True).get(pk=sheet.pk)
    if sheet.status != SheetStatus.DRAFT:
        raise ServiceError(errors.SHEET_LOCKED)
    return sheet


def choice_check(field: str, value: str, choices: type) -> None:
    if value not in choices.values:
        raise ServiceError(errors.CHOICE_INVALID, field=field, value=str(value)[:40])


def bonus_cap_check(sheet: ScoreSheet) -> None:
    """Bonus criteria on a sheet whose bonus cap is 0 would silently count for nothing."""
    if sheet.bonus_cap == 0 and sheet.criteria.filter(section=CriterionSection.BONUS).exists():
        raise ServiceError(errors.BONUS_CAP_MISSING)


def sheet_changed(*, actor: Any, sheet: ScoreSheet, action: str, obj: Any, data: dict[str, Any]) -> None:
    """A draft sheet's criteria or points changed: its ranking is stale, and the change is audited."""
    if not sheet.ranking_stale:
        sheet.ranking_stale = True
        sheet.save(update_fields=["ranking_stale"])
    audit_object(actor=actor, action=action, obj=obj, council_id=sheet.council_id, data={"sheet": sheet.pk, **data})


def targets_sync(sheet: ScoreSheet) -> None:
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


def points_text(value: Decimal) -> str:
    return f"{value.normalize():f}".replace(".", ",")
