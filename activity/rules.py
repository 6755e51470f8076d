"""Scoring rules of computed criteria, as data on the criterion:

- ``{"type": "per_unit", "statistic": "supervision_missions", "points": "2", "per": 1}``: 2 points for each
  mission (each ``per`` units), up to the criterion's maximum;
- ``{"type": "threshold", "statistic": "attendance_percent", "at_least": "90"}``: the maximum once the figure
  reaches 90, else nothing;
- ``{"type": "proportional", "statistic": "petitions_resolved_percent"}``: the maximum times the percentage.

A rule names a statistic from ``activity.selectors.statistics.STATISTICS`` that is counted for the sheet's kind
of target; anything else is refused when the criterion is saved, never discovered while scoring."""

from __future__ import annotations

from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from activity import errors
from activity.models import TargetKind
from activity.selectors.statistics import COMMITTEE, COUNCIL, DELEGATE, GROUP, STATISTICS
from core.errors import ServiceError

SUBJECT_OF = {
    TargetKind.COMMUNE_COUNCILS: COUNCIL,
    TargetKind.COMMITTEES: COMMITTEE,
    TargetKind.DELEGATE_GROUPS: GROUP,
    TargetKind.DELEGATES: DELEGATE,
}
RULE_FIELDS = {"per_unit": {"points", "per"}, "threshold": {"at_least"}, "proportional": set()}
HUNDREDTH = Decimal("0.01")


def _invalid(vi: str, en: str) -> ServiceError:
    return ServiceError(errors.RULE_INVALID, reason_vi=vi, reason_en=en)


def _number(rule: dict[str, Any], name: str, *, positive: bool) -> Decimal:
    try:
        value = Decimal(str(rule[name]))
    except (KeyError, InvalidOperation, ValueError):
        raise _invalid(f"“{name}” phải là một số", f"'{name}' must be a number") from None
    if not value.is_finite() or value < 0 or (positive and value == 0):
        raise (
            _invalid(f"“{name}” phải lớn hơn 0", f"'{name}' must be positive")
            if positive
            else _invalid(f"“{name}” không được âm", f"'{name}' must be at least 0")
        )
    return value


def rule_check(*, rule: Any, target_kind: str) -> dict[str, Any]:
    """The rule in its normal form (numbers as strings), or a ServiceError saying what is wrong with it."""
    if not isinstance(rule, dict):
        raise _invalid("quy tắc phải là một đối tượng JSON", "a rule is a JSON object")
    kind = rule.get("type")
    if kind not in RULE_FIELDS:
        raise _invalid(
            "“type” là per_unit, threshold hoặc proportional", "'type' is per_unit, threshold or proportional"
        )
    statistic = rule.get("statistic")
    spec = STATISTICS.get(statistic) if isinstance(statistic, str) else None
    if spec is None:
        raise ServiceError(errors.RULE_UNKNOWN_STATISTIC, statistic=str(statistic)[:60])
    if SUBJECT_OF[target_kind] not in spec.subjects:
        raise ServiceError(errors.RULE_STATISTIC_NOT_FOR_TARGET, statistic=statistic)
    extra = set(rule) - {"type", "statistic"} - RULE_FIELDS[kind]
    if extra:
        fields = ", ".join(sorted(extra))
        raise _invalid(f"có trường không dùng đến: {fields}", f"unexpected fields: {fields}")
    normal: dict[str, Any] = {"type": kind, "statistic": statistic}
    if kind == "per_unit":
        normal["points"] = str(_number(rule, "points", positive=True))
        normal["per"] = str(_number(rule, "per", positive=True))
    elif kind == "threshold":
        normal["at_least"] = str(_number(rule, "at_least", positive=False))
    elif spec.unit != "percent":
        raise _invalid(
            "quy tắc tỷ lệ cần một số liệu dạng phần trăm", "a proportional rule needs a percentage statistic"
        )
    return normal


def rule_points(*, rule: dict[str, Any], value: Decimal | int, max_points: Decimal) -> Decimal:
    """The points a figure earns under a (checked) rule, never above the criterion's maximum."""
    value = Decimal(value)
    if rule["type"] == "per_unit":
        units = (value / Decimal(rule["per"])).to_integral_value(rounding=ROUND_FLOOR)
        points = units * Decimal(rule["points"])
    elif rule["type"] == "threshold":
        points = max_points if value >= Decimal(rule["at_least"]) else Decimal(0)
    else:
        points = max_points * value / 100
    return min(max(points, Decimal(0)), max_points).quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


def rule_describe(rule: dict[str, Any], *, language: str = "vi") -> str:
    """The rule as a sentence for the sheet editor and the printed sheet."""
    spec = STATISTICS[rule["statistic"]]
    name = spec.en if language.startswith("en") else spec.vi
    vi = not language.startswith("en")

    def num(text: str) -> str:
        value = Decimal(text).normalize()
        out = f"{value:f}"
        return out.replace(".", ",") if vi else out

    if rule["type"] == "per_unit":
        per = "" if Decimal(rule["per"]) == 1 else f"{num(rule['per'])} "
        return (
            f"{num(rule['points'])} điểm cho mỗi {per}đơn vị “{name}”"
            if vi
            else f"{num(rule['points'])} points per {per}unit of “{name}”"
        )
    if rule["type"] == "threshold":
        return (
            f"Đạt điểm tối đa khi “{name}” từ {num(rule['at_least'])} trở lên"
            if vi
            else f"Full points when “{name}” reaches {num(rule['at_least'])}"
        )
    return f"Điểm tối đa × “{name}”" if vi else f"Maximum × “{name}”"
