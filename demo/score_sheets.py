"""The province's emulation score sheets for the demo (``seed_demo``, after ``demo.activity``): last year's sheet
for its commune councils built, assessed, scored, locked and published; this year's copied from it, changed,
scored and left in draft; a draft sheet for the province's committees. Every write goes through
``activity.services.emulation`` by the province's secretariat; what exists already is left alone."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from activity.models import (
    Criterion,
    CriterionMethod,
    CriterionSection,
    Evidence,
    ScoreSheet,
    ScoreTarget,
    TargetKind,
    TieRule,
)
from activity.services import emulation
from demo import councils as demo
from demo.activity_data import DEFAULT_PROFILE, PROFILES, evidence_add
from sessions_app.models import Council, User


@dataclass(frozen=True)
class Line:
    """A criterion of a demo sheet; a line with children is a group."""

    title: str
    max_points: str
    rule: dict[str, Any] | None = None
    section: str = CriterionSection.REGULAR
    description: str = ""
    children: tuple[Line, ...] = ()

    @property
    def method(self) -> str:
        if self.children:
            return CriterionMethod.GROUP
        return CriterionMethod.COMPUTED if self.rule else CriterionMethod.MANUAL


def _per_unit(statistic: str, points: str) -> dict[str, Any]:
    return {"type": "per_unit", "statistic": statistic, "points": points, "per": 1}


SUPERVISION_LINE = "Giám sát chuyên đề"
COMMUNE_SHEET = (
    Line(
        "Tổ chức kỳ họp, ban hành nghị quyết",
        "20",
        children=(
            Line(
                "Tổ chức đủ các kỳ họp thường lệ, đúng trình tự, thủ tục luật định",
                "10",
                description="Căn cứ thông báo, biên bản kỳ họp gửi Thường trực HĐND tỉnh.",
            ),
            Line(
                "Nghị quyết ban hành đúng thẩm quyền, kịp thời, khả thi",
                "10",
                description="Căn cứ kết quả kiểm tra văn bản của Sở Tư pháp.",
            ),
        ),
    ),
    Line(
        "Giám sát, khảo sát, giải trình",
        "30",
        children=(
            Line(
                SUPERVISION_LINE,
                "10",
                _per_unit("supervision_missions", "2"),
                description="2 điểm mỗi cuộc giám sát chuyên đề, tối đa 10 điểm.",
            ),
            Line("Khảo sát", "5", _per_unit("surveys", "1"), description="1 điểm mỗi cuộc khảo sát, tối đa 5 điểm."),
            Line(
                "Phiên giải trình",
                "5",
                _per_unit("explanation_sessions", "2.5"),
                description="2,5 điểm mỗi phiên giải trình, tối đa 5 điểm.",
            ),
            Line(
                "Chất lượng kiến nghị sau giám sát và theo dõi việc thực hiện",
                "10",
                description="Căn cứ báo cáo kết quả giám sát và báo cáo thực hiện kiến nghị sau giám sát.",
            ),
        ),
    ),
    Line(
        "Tiếp xúc cử tri, tiếp công dân, kiến nghị cử tri",
        "35",
        children=(
            Line(
                "Tiếp xúc cử tri trước và sau kỳ họp",
                "10",
                _per_unit("voter_meetings", "1"),
                description="1 điểm mỗi buổi tiếp xúc cử tri, tối đa 10 điểm.",
            ),
            Line(
                "Tiếp công dân định kỳ",
                "5",
                _per_unit("citizen_receptions", "0.5"),
                description="0,5 điểm mỗi buổi tiếp công dân, tối đa 5 điểm.",
            ),
            Line(
                "Tỷ lệ kiến nghị cử tri đã được giải quyết",
                "15",
                {"type": "proportional", "statistic": "petitions_resolved_percent"},
                description="15 điểm nhân tỷ lệ kiến nghị đã giải quyết.",
            ),
            Line("Đôn đốc, giám sát việc giải quyết kiến nghị, đơn thư", "5"),
        ),
    ),
    Line(
        "Thông tin, báo cáo, chuyển đổi số",
        "15",
        children=(
            Line("Thực hiện chế độ thông tin, báo cáo với Thường trực HĐND tỉnh", "10"),
            Line("Ứng dụng công nghệ thông tin, chuyển đổi số trong hoạt động HĐND", "5"),
        ),
    ),
    Line(
        "Mô hình, cách làm hay được ghi nhận",
        "10",
        _per_unit("good_practices", "5"),
        CriterionSection.BONUS,
        "5 điểm mỗi mô hình, cách làm hay; điểm thưởng tối đa 10 điểm.",
    ),
    Line(
        "Báo cáo kết quả giám sát chậm hạn",
        "6",
        _per_unit("supervision_reports_late", "2"),
        CriterionSection.DEDUCTION,
        "Trừ 2 điểm mỗi báo cáo chậm hạn, tối đa 6 điểm.",
    ),
)
COMMITTEE_SHEET = (
    Line(
        "Giám sát chuyên đề do Ban chủ trì",
        "40",
        _per_unit("supervision_missions", "10"),
        description="10 điểm mỗi cuộc giám sát chuyên đề, tối đa 40 điểm.",
    ),
    Line("Khảo sát do Ban chủ trì", "20", _per_unit("surveys", "5"), description="5 điểm mỗi cuộc khảo sát."),
    Line("Chất lượng báo cáo thẩm tra trình kỳ họp", "40"),
    Line(
        "Báo cáo kết quả giám sát chậm hạn",
        "10",
        _per_unit("supervision_reports_late", "5"),
        CriterionSection.DEDUCTION,
        "Trừ 5 điểm mỗi báo cáo chậm hạn.",
    ),
)


def _criteria_build(
    *, actor: User, sheet: ScoreSheet, lines: tuple[Line, ...], parent: Criterion | None = None
) -> None:
    for line in lines:
        criterion = emulation.criterion_create(
            actor=actor,
            sheet=sheet,
            title=line.title,
            max_points=Decimal(line.max_points),
            section=line.section,
            method=line.method,
            parent=parent,
            rule=line.rule,
            description=line.description,
        )
        _criteria_build(actor=actor, sheet=sheet, lines=line.children, parent=criterion)


HALF = Decimal("0.5")


def _assessment(*, rng: random.Random, quality: float, max_points: Decimal) -> Decimal:
    """A share of the maximum around the target's quality, in half points."""
    share = Decimal(str(min(1.0, max(0.0, quality + rng.uniform(-0.12, 0.12)))))
    return min(max_points, (max_points * share / HALF).quantize(Decimal(1), rounding=ROUND_HALF_UP) * HALF)


def _remark(points: Decimal, max_points: Decimal) -> str:
    share = points / max_points
    if share >= Decimal("0.9"):
        return "Hoàn thành tốt; hồ sơ, minh chứng đầy đủ."
    if share >= Decimal("0.7"):
        return "Hoàn thành; một số nội dung cần bổ sung minh chứng."
    return "Còn hạn chế, chưa đầy đủ minh chứng; đề nghị khắc phục trong năm sau."


def _assess(
    *,
    actor: User,
    sheet: ScoreSheet,
    targets: list[ScoreTarget],
    quality_of: dict[int, float],
    evidence_of: dict[int, list[Evidence]],
) -> None:
    """A hand assessment, with a note and evidence, of every manual criterion for each target."""
    manual = list(sheet.criteria.filter(method=CriterionMethod.MANUAL).order_by("pk"))
    rng = random.Random(sheet.year)
    for target in targets:
        for criterion in manual:
            points = _assessment(rng=rng, quality=quality_of[target.pk], max_points=criterion.max_points)
            emulation.score_entry_set(
                actor=actor,
                target=target,
                criterion=criterion,
                points=points,
                evidence=evidence_of.get(target.pk, []),
                note=f"{_remark(points, criterion.max_points)} Thẩm định theo báo cáo tự đánh giá năm {sheet.year}.",
            )


def _self_assessments(*, sheet: ScoreSheet, targets: list[ScoreTarget]) -> dict[int, list[Evidence]]:
    """Each demo commune's self-assessment report for the year, uploaded by its own secretariat."""
    by_code = {spec.code: spec for spec in demo.COMMUNES}
    evidence = {}
    for target in targets:
        spec = by_code.get(target.council.code)
        if spec is not None:
            evidence[target.pk] = [
                evidence_add(
                    actor=User.objects.get(username=spec.secretariat_username),
                    council=target.council,
                    title=f"Báo cáo tự đánh giá, chấm điểm thi đua năm {sheet.year} của {spec.short_name}",
                )
            ]
    return evidence


def _commune_quality(targets: list[ScoreTarget]) -> dict[int, float]:
    return {target.pk: PROFILES.get(target.council.code, DEFAULT_PROFILE).quality for target in targets}


def _commune_sheet_last_year(*, actor: User, province: Council, year: int, today: dt.date) -> ScoreSheet:
    sheet = emulation.score_sheet_create(
        actor=actor,
        council=province,
        year=year,
        target_kind=TargetKind.COMMUNE_COUNCILS,
        title=f"Thang điểm thi đua HĐND cấp xã năm {year}",
        bonus_cap=Decimal(10),
        tie_rule=TieRule.CRITERIA_ORDER,
    )
    _criteria_build(actor=actor, sheet=sheet, lines=COMMUNE_SHEET)
    targets = list(sheet.targets.select_related("council"))
    _assess(
        actor=actor,
        sheet=sheet,
        targets=targets,
        quality_of=_commune_quality(targets),
        evidence_of=_self_assessments(sheet=sheet, targets=targets),
    )
    sheet = emulation.score_sheet_score(actor=actor, sheet=sheet, today=today)
    sheet = emulation.score_sheet_lock(actor=actor, sheet=sheet)
    return emulation.score_sheet_publish(actor=actor, sheet=sheet)


def _commune_sheet_this_year(*, actor: User, last: ScoreSheet, year: int, today: dt.date) -> ScoreSheet:
    """A copy of last year's sheet with the supervision criterion made richer, scored; the last commune's
    manual criteria are still to be assessed, so it stays in draft."""
    sheet = emulation.score_sheet_copy(actor=actor, sheet=last, year=year)
    emulation.criterion_update(
        actor=actor,
        criterion=sheet.criteria.get(title=SUPERVISION_LINE),
        rule=_per_unit("supervision_missions", "2.5"),
        description=f"Từ năm {year}: 2,5 điểm mỗi cuộc giám sát chuyên đề, tối đa 10 điểm.",
    )
    targets = list(sheet.targets.select_related("council"))
    assessed = targets[:-1]
    _assess(
        actor=actor,
        sheet=sheet,
        targets=assessed,
        quality_of=_commune_quality(assessed),
        evidence_of=_self_assessments(sheet=sheet, targets=assessed),
    )
    return emulation.score_sheet_score(actor=actor, sheet=sheet, today=today)


def _committee_sheet(*, actor: User, province: Council, year: int, today: dt.date) -> ScoreSheet:
    sheet = emulation.score_sheet_create(
        actor=actor,
        council=province,
        year=year,
        target_kind=TargetKind.COMMITTEES,
        title=f"Thang điểm thi đua các Ban của HĐND tỉnh năm {year}",
        tie_rule=TieRule.FEWER_DEDUCTIONS,
    )
    _criteria_build(actor=actor, sheet=sheet, lines=COMMITTEE_SHEET)
    targets = list(sheet.targets.all())
    _assess(
        actor=actor,
        sheet=sheet,
        targets=targets,
        quality_of={t.pk: 0.7 + 0.05 * i for i, t in enumerate(targets)},
        evidence_of={},
    )
    return emulation.score_sheet_score(actor=actor, sheet=sheet, today=today)


def score_sheets_seed(*, province: Council, today: dt.date) -> list[str]:
    actor = User.objects.get(username=demo.PROVINCE.secretariat_username)
    last_year, year = today.year - 1, today.year
    existing = ScoreSheet.objects.filter(council=province)
    lines = []
    last = existing.filter(year=last_year, target_kind=TargetKind.COMMUNE_COUNCILS).first()
    if last is None:
        last = _commune_sheet_last_year(actor=actor, province=province, year=last_year, today=today)
        lines.append(f"{last.title}: đã chấm, khóa và công bố")
    if not existing.filter(year=year, target_kind=TargetKind.COMMUNE_COUNCILS).exists():
        lines.append(f"{_commune_sheet_this_year(actor=actor, last=last, year=year, today=today).title}: dự thảo")
    if not existing.filter(year=year, target_kind=TargetKind.COMMITTEES).exists():
        lines.append(f"{_committee_sheet(actor=actor, province=province, year=year, today=today).title}: dự thảo")
    return lines
