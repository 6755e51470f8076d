"""Reads of emulation score sheets: who a sheet scores, the points tree and totals, and the sheet as a table
for the editor, the ranking page, the printed ranking and the XLSX export."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet

from activity.models import (
    Criterion,
    CriterionMethod,
    CriterionSection,
    ScoreEntry,
    ScoreResult,
    ScoreSheet,
    ScoreTarget,
    SheetStatus,
    TargetKind,
)
from activity.periods import Period
from activity.rules import rule_describe
from activity.selectors.statistics import council_statistics
from activity.selectors.statistics_members import committee_statistics, delegate_statistics, group_statistics
from sessions_app.models import (
    Committee,
    Council,
    CouncilLevel,
    CouncilRole,
    CouncilRoleKind,
    DelegateGroup,
    Membership,
    Term,
)
from sessions_app.permissions import is_administrator, is_authenticated
from sessions_app.seats import seats_held

ZERO = Decimal("0.00")


def term_for_year(*, council_id: int, year: int) -> Term | None:
    """The term in force at the end of the year (or the last one that began in it)."""
    end = dt.date(year, 12, 31)
    terms = Term.objects.filter(council_id=council_id, start_date__lte=end, end_date__gte=dt.date(year, 1, 1))
    return terms.order_by("-start_date").first()


def sheet_targets_expected(*, sheet: ScoreSheet) -> dict[int, str]:
    """Subject id → label of everything the sheet should score."""
    if sheet.target_kind == TargetKind.COMMUNE_COUNCILS:
        children = Council.objects.filter(parent_id=sheet.council_id, level=CouncilLevel.COMMUNE)
        return {c.pk: c.name for c in children.order_by("name")}
    term = term_for_year(council_id=sheet.council_id, year=sheet.year)
    if term is None:
        return {}
    if sheet.target_kind == TargetKind.COMMITTEES:
        return {c.pk: c.name for c in Committee.objects.filter(term=term).order_by("name")}
    if sheet.target_kind == TargetKind.DELEGATE_GROUPS:
        return {g.pk: g.name for g in DelegateGroup.objects.filter(term=term).order_by("name")}
    seats = (
        seats_held(
            Membership.objects.filter(term=term), first=dt.date(sheet.year, 1, 1), last=dt.date(sheet.year, 12, 31)
        )
        .select_related("person")
        .order_by("seat")
    )
    return {m.person_id: m.person.full_name for m in seats}


def target_statistics(
    *, target: ScoreTarget, sheet: ScoreSheet, period: Period, today: dt.date | None = None
) -> dict[str, Any]:
    if target.council_id:
        return council_statistics(council=target.council_id, period=period, today=today)
    if target.committee_id:
        return committee_statistics(committee=target.committee, period=period, today=today)
    if target.group_id:
        return group_statistics(group=target.group, period=period)
    return delegate_statistics(person=target.person_id, council=sheet.council_id, period=period)


@dataclass
class CriterionNode:
    criterion: Criterion
    number: str
    depth: int
    children: list[CriterionNode] = field(default_factory=list)


def criteria_tree(*, sheet: ScoreSheet) -> list[CriterionNode]:
    """Top-level nodes in order, numbered "1", "1.2" … within each section (bonus "T1", deduction "Tr1")."""
    by_parent: dict[int | None, list[Criterion]] = {}
    for criterion in sheet.criteria.order_by("position", "pk"):
        by_parent.setdefault(criterion.parent_id, []).append(criterion)
    prefixes = {CriterionSection.REGULAR: "", CriterionSection.BONUS: "T", CriterionSection.DEDUCTION: "Tr"}

    def build(parent_id: int | None, prefix: str, depth: int, section: str | None) -> list[CriterionNode]:
        nodes = []
        siblings = [c for c in by_parent.get(parent_id, []) if section is None or c.section == section]
        for index, criterion in enumerate(siblings, start=1):
            number = f"{prefix}{index}" if depth == 0 else f"{prefix}.{index}"
            node = CriterionNode(criterion, number, depth)
            node.children = build(criterion.pk, number, depth + 1, None)
            nodes.append(node)
        return nodes

    return [node for section, prefix in prefixes.items() for node in build(None, prefix, 0, section)]


def _walk(nodes: list[CriterionNode]) -> list[CriterionNode]:
    out = []
    for node in nodes:
        out.append(node)
        out.extend(_walk(node.children))
    return out


def _node_points(node: CriterionNode, entries: dict[int, Decimal], out: dict[int, Decimal]) -> Decimal:
    if node.criterion.method == CriterionMethod.GROUP:
        total = sum((_node_points(child, entries, out) for child in node.children), ZERO)
        points = min(total, node.criterion.max_points)
    else:
        points = entries.get(node.criterion.pk, ZERO)
    out[node.criterion.pk] = points
    return points


def sheet_points(*, sheet: ScoreSheet) -> dict[int, dict[str, Any]]:
    """Per target: points per criterion (groups capped at their maximum), the regular, bonus (capped by the
    sheet) and deduction sums, the total, and the top-level regular criteria's points in order."""
    tree = criteria_tree(sheet=sheet)
    entries: dict[int, dict[int, Decimal]] = {}
    for target_id, criterion_id, points in ScoreEntry.objects.filter(target__sheet=sheet).values_list(
        "target_id", "criterion_id", "points"
    ):
        entries.setdefault(target_id, {})[criterion_id] = points
    result = {}
    for target_id in sheet.targets.values_list("pk", flat=True):
        by_criterion: dict[int, Decimal] = {}
        sums = {section.value: ZERO for section in CriterionSection}
        sections = []
        for node in tree:
            points = _node_points(node, entries.get(target_id, {}), by_criterion)
            sums[node.criterion.section] += points
            if node.criterion.section == CriterionSection.REGULAR:
                sections.append(points)
        bonus = min(sums[CriterionSection.BONUS], sheet.bonus_cap)
        deduction = sums[CriterionSection.DEDUCTION]
        result[target_id] = {
            "by_criterion": by_criterion,
            "base": sums[CriterionSection.REGULAR],
            "bonus": bonus,
            "deduction": deduction,
            "total": sums[CriterionSection.REGULAR] + bonus - deduction,
            "sections": sections,
        }
    return result


def sheet_max_points(*, sheet: ScoreSheet) -> Decimal:
    return sum(
        (n.criterion.max_points for n in criteria_tree(sheet=sheet) if n.criterion.section == CriterionSection.REGULAR),
        ZERO,
    )


def sheets_visible(*, user: Any) -> QuerySet[ScoreSheet]:
    """Published sheets for everyone; drafts and locked sheets for the scoring council's secretariat."""
    sheets = ScoreSheet.objects.select_related("council")
    if is_administrator(user):
        return sheets
    managed = (
        CouncilRole.objects.filter(
            user_id=getattr(user, "pk", None), role__in=[CouncilRoleKind.SECRETARIAT, CouncilRoleKind.CHAIR]
        ).values("council_id")
        if is_authenticated(user)
        else CouncilRole.objects.none().values("council_id")
    )
    return sheets.filter(Q(status=SheetStatus.PUBLISHED) | Q(council_id__in=managed))


def criterion_row(node: CriterionNode, *, language: str = "vi") -> dict[str, Any]:
    c = node.criterion
    return {
        "id": c.pk,
        "number": node.number,
        "depth": node.depth,
        "title": c.title,
        "description": c.description,
        "section": c.section,
        "method": c.method,
        "max_points": c.max_points,
        "rule": c.rule,
        "parent": c.parent_id,
        "position": c.position,
        "rule_text": rule_describe(c.rule, language=language) if c.rule else "",
    }


def criterion_table_row(*, criterion: Criterion, language: str = "vi") -> dict[str, Any] | None:
    """The criterion as a row of its sheet's table (with its number and depth in the tree); None when it is not
    in the tree."""
    for node in _walk(criteria_tree(sheet=criterion.sheet)):
        if node.criterion.pk == criterion.pk:
            return criterion_row(node, language=language)
    return None


def sheet_table(*, sheet: ScoreSheet, language: str = "vi") -> dict[str, Any]:
    """The whole sheet: criteria rows in order, and for each target its points per criterion and its result
    (targets by rank once ranked, else by name)."""
    rows = [criterion_row(node, language=language) for node in _walk(criteria_tree(sheet=sheet))]
    points = sheet_points(sheet=sheet)
    results = {r.target_id: r for r in ScoreResult.objects.filter(target__sheet=sheet)}
    entries = {
        (e.target_id, e.criterion_id): e
        for e in ScoreEntry.objects.filter(target__sheet=sheet).prefetch_related("evidence")
    }
    targets = []
    for target in sheet.targets.all():
        result = results.get(target.pk)
        targets.append(
            {
                "id": target.pk,
                "label": target.label,
                "council": target.council_id,
                "committee": target.committee_id,
                "group": target.group_id,
                "person": target.person_id,
                "points": {row["id"]: points[target.pk]["by_criterion"].get(row["id"], ZERO) for row in rows},
                "entries": {
                    row["id"]: entries[(target.pk, row["id"])] for row in rows if (target.pk, row["id"]) in entries
                },
                "current": {k: points[target.pk][k] for k in ("base", "bonus", "deduction", "total")},
                "result": result,
            }
        )
    targets.sort(key=lambda t: (t["result"].rank if t["result"] else 0, t["label"]))
    return {"sheet": sheet, "criteria": rows, "targets": targets, "max_points": sheet_max_points(sheet=sheet)}
