"""The official announcement of a result, in Vietnamese and English (domain.md):

"Có 80/86 đại biểu tham gia biểu quyết; tán thành 78 đại biểu, chiếm 90,70% tổng số đại biểu; không tán
thành 1 (1,16%); không biểu quyết 1 (1,16%)."

Percentages are of the TOTAL number of delegates, two decimals, a decimal comma in Vietnamese. Both
languages are produced at once (the result is stored and shown to everyone), so the phrases live here
rather than in the gettext catalogue."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from voting.rules import percent_text

LANGUAGES = ("vi", "en")

PHRASES = {
    "vi": {
        "took_part_vote": "Có {cast}/{total} đại biểu tham gia biểu quyết",
        "took_part_ballot": "Có {cast}/{total} đại biểu tham gia bỏ phiếu",
        "first": "{label} {count} đại biểu, chiếm {pct}% tổng số đại biểu",
        "next": "{label} {count} ({pct}%)",
        "candidate": "{label} được {count} phiếu, chiếm {pct}% tổng số đại biểu",
        "official": "{label}: {levels}",
        "level": "{label} {count} ({pct}%)",
        "passed": "Kết quả: được thông qua.",
        "failed": "Kết quả: không được thông qua.",
        "elected": "Trúng cử: {names}.",
        "nobody_elected": "Không có người trúng cử.",
        "tie": "Các ứng cử viên {names} có số phiếu bằng nhau: chưa có người trúng cử vào chức danh còn lại, "
        "phải bầu lại.",
        "unfilled": "Còn {n} chức danh chưa có người trúng cử.",
        "blank": "{n} phiếu trắng",
        "hands": "Hình thức: biểu quyết bằng giơ tay.",
        "base_total": "tổng số đại biểu",
        "base_ballots": "số phiếu",
        "outcome_none": "{name}: không thuộc trường hợp phải xem xét.",
        "outcome_may_resign": "{name}: quá 1/2 {base} đánh giá tín nhiệm thấp — có thể xin từ chức; nếu không "
        "xin từ chức, Hội đồng nhân dân có thể bỏ phiếu tín nhiệm.",
        "outcome_no_confidence_required": "{name}: từ 2/3 {base} trở lên đánh giá tín nhiệm thấp — Thường trực "
        "Hội đồng nhân dân trình Hội đồng nhân dân bỏ phiếu tín nhiệm.",
    },
    "en": {
        "took_part_vote": "{cast}/{total} delegates took part in the vote",
        "took_part_ballot": "{cast}/{total} delegates cast a ballot",
        "first": "{label} {count} delegates, {pct}% of all delegates",
        "next": "{label} {count} ({pct}%)",
        "candidate": "{label} received {count} votes, {pct}% of all delegates",
        "official": "{label}: {levels}",
        "level": "{label} {count} ({pct}%)",
        "passed": "Result: adopted.",
        "failed": "Result: not adopted.",
        "elected": "Elected: {names}.",
        "nobody_elected": "Nobody was elected.",
        "tie": "{names} are tied: the last seat stays unfilled, a new round is needed.",
        "unfilled": "{n} seat(s) not filled.",
        "blank": "{n} blank ballot(s)",
        "hands": "Method: show of hands.",
        "base_total": "of all delegates",
        "base_ballots": "of the ballots",
        "outcome_none": "{name}: no further step required.",
        "outcome_may_resign": "{name}: more than 1/2 {base} rate confidence low — may resign; otherwise the "
        "council may hold a vote of no confidence.",
        "outcome_no_confidence_required": "{name}: 2/3 or more {base} rate confidence low — the standing "
        "committee puts a vote of no confidence to the council.",
    },
}


def _label(item: dict[str, Any], language: str) -> str:
    """An option's label inside the sentence: "tán thành 78 đại biểu" (labels are stored capitalised)."""
    label = (item.get("label_en") or item["label"]) if language == "en" else item["label"]
    return label[:1].lower() + label[1:]


def _pct(value: str, language: str) -> str:
    return percent_text(Decimal(value), language)


def _statement(result: dict[str, Any], language: str) -> str:
    p = PHRASES[language]
    secret = result["method"] == "secret" or "options" not in result
    parts = [p["took_part_ballot" if secret else "took_part_vote"].format(cast=result["cast"], total=result["total"])]
    blank = (result.get("committee") or {}).get("blank", 0)
    if "options" in result:
        for i, option in enumerate(result["options"]):
            parts.append(
                p["first" if i == 0 else "next"].format(
                    label=_label(option, language),
                    count=option["count"],
                    pct=_pct(option["percent_of_total"], language),
                )
            )
    elif "candidates" in result:
        for c in result["candidates"]:
            parts.append(
                p["candidate"].format(label=c["name"], count=c["votes"], pct=_pct(c["percent_of_total"], language))
            )
    else:
        for official in result["officials"]:
            levels = "; ".join(
                p["level"].format(
                    label=_label(level, language), count=level["count"], pct=_pct(level["percent_of_total"], language)
                )
                for level in official["levels"]
            )
            parts.append(p["official"].format(label=official["name"], levels=levels))
    if blank:
        parts.append(p["blank"].format(n=blank))
    return "; ".join(parts) + "."


def _verdict(result: dict[str, Any], language: str) -> str:
    p = PHRASES[language]
    if "candidates" in result:
        elected = [c["name"] for c in result["candidates"] if c["elected"]]
        tied = [c["name"] for c in result["candidates"] if c["tie"]]
        lines = [p["elected"].format(names=", ".join(elected)) if elected else p["nobody_elected"]]
        if tied:
            lines.append(p["tie"].format(names=", ".join(tied)))
        if result.get("unfilled"):
            lines.append(p["unfilled"].format(n=result["unfilled"]))
        return " ".join(lines)
    if "officials" in result:
        base = p["base_ballots" if result["denominator"] == "ballots" else "base_total"]
        return " ".join(p[f"outcome_{o['outcome']}"].format(name=o["name"], base=base) for o in result["officials"])
    if result["passed"] is None:
        return ""
    return p["passed"] if result["passed"] else p["failed"]


def result_wording(result: dict[str, Any]) -> dict[str, dict[str, str]]:
    """``{"statement": {vi, en}, "verdict": {vi, en}, "method": {vi, en}}``; ``statement`` is the sentence
    announced in the hall, ``verdict`` what it means under the poll's rule."""
    return {
        "statement": {lang: _statement(result, lang) for lang in LANGUAGES},
        "verdict": {lang: _verdict(result, lang) for lang in LANGUAGES},
        "method": {lang: PHRASES[lang]["hands"] if result["by_show_of_hands"] else "" for lang in LANGUAGES},
    }
