"""A score sheet is built, scored (computed criteria from the statistics, manual ones by hand), ranked with its
declared tie rule, locked and published; a locked sheet never changes, and next year's copy is independent.
Every refusal has its stable code and changes nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from activity.models import Criterion, ScoreEntry, ScoreResult, ScoreSheet, SheetStatus
from activity.selectors.emulation import criteria_tree, sheet_table, sheets_visible
from activity.services import emulation as svc
from sessions_app.models import AuditEntry, Committee, CouncilLevel
from tests.activity import builders as b
from tests.assertions import refused
from tests.factories import make_council, make_delegate, make_role_user, make_term

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def province():
    council = make_council()
    make_term(council)
    communes = [
        make_council(level=CouncilLevel.COMMUNE, parent=council, name=f"HĐND xã Thử {name}")
        for name in ("An", "Bình", "Châu")
    ]
    an, binh, chau = communes
    for day in (dt.date(2026, 2, 1), dt.date(2026, 4, 1), dt.date(2026, 6, 1)):
        b.mission(an, start=day)
    b.mission(an, start=dt.date(2026, 8, 1), due=dt.date(2026, 9, 1), submitted=dt.date(2026, 9, 20))  # late
    for day in (dt.date(2026, 3, 1), dt.date(2026, 5, 1)):
        b.mission(binh, start=day)
    b.petitions(an, day=dt.date(2026, 3, 3), resolved=3, in_progress=1)  # 75 %
    b.petitions(binh, day=dt.date(2026, 3, 3), resolved=4, in_progress=1)  # 80 %
    b.petitions(chau, day=dt.date(2026, 3, 3), resolved=1, in_progress=3)  # 25 %
    b.good_practice(binh, day=dt.date(2026, 5, 5))
    b.good_practice(binh, day=dt.date(2026, 9, 9))
    b.good_practice(binh, day=dt.date(2026, 10, 10))
    return {"council": council, "secretariat": make_role_user(council), "communes": communes}


def build_sheet(province, *, tie_rule: str = "shared") -> dict:
    actor = province["secretariat"]
    sheet = svc.score_sheet_create(
        actor=actor,
        council=province["council"],
        year=2026,
        target_kind="commune_councils",
        title="Thang điểm thi đua HĐND cấp xã năm 2026",
        bonus_cap=D(10),
        tie_rule=tie_rule,
    )
    work = svc.criterion_create(actor=actor, sheet=sheet, title="Hoạt động giám sát", max_points=D(15), method="group")
    missions = svc.criterion_create(
        actor=actor,
        sheet=sheet,
        parent=work,
        title="Giám sát chuyên đề",
        max_points=D(10),
        method="computed",
        rule={"type": "per_unit", "statistic": "supervision_missions", "points": 2, "per": 1},
    )
    quality = svc.criterion_create(
        actor=actor, sheet=sheet, parent=work, title="Chất lượng báo cáo giám sát", max_points=D(8)
    )
    petitions = svc.criterion_create(
        actor=actor,
        sheet=sheet,
        title="Giải quyết kiến nghị cử tri",
        max_points=D(5),
        method="computed",
        rule={"type": "threshold", "statistic": "petitions_resolved_percent", "at_least": "75"},
    )
    bonus = svc.criterion_create(
        actor=actor,
        sheet=sheet,
        section="bonus",
        title="Mô hình, cách làm hay",
        max_points=D(12),
        method="computed",
        rule={"type": "per_unit", "statistic": "good_practices", "points": "4", "per": "1"},
    )
    late = svc.criterion_create(
        actor=actor,
        sheet=sheet,
        section="deduction",
        title="Báo cáo giám sát chậm",
        max_points=D(3),
        method="computed",
        rule={"type": "per_unit", "statistic": "supervision_reports_late", "points": "1.5", "per": 1},
    )
    targets = {t.council_id: t for t in sheet.targets.all()}
    return {
        "sheet": sheet,
        "missions": missions,
        "quality": quality,
        "petitions": petitions,
        "bonus": bonus,
        "late": late,
        "targets": [targets[c.pk] for c in province["communes"]],
        "actor": actor,
    }


def assess(s: dict, points: list[str]) -> None:
    for target, value in zip(s["targets"], points):
        svc.score_entry_set(
            actor=s["actor"], target=target, criterion=s["quality"], points=D(value), note="Đã xem báo cáo"
        )


def results(sheet: ScoreSheet) -> list[tuple[str, int, Decimal, Decimal, Decimal, Decimal]]:
    return [
        (r.target.label, r.rank, r.base, r.bonus, r.deduction, r.total)
        for r in ScoreResult.objects.filter(target__sheet=sheet)
        .select_related("target")
        .order_by("rank", "target__label")
    ]


def test_a_sheet_is_built_scored_ranked_locked_and_published(province):
    s = build_sheet(province)
    sheet = s["sheet"]
    assert [t.label for t in sheet.targets.order_by("label")] == [
        "HĐND xã Thử An",
        "HĐND xã Thử Bình",
        "HĐND xã Thử Châu",
    ]
    assert [(n.number, n.criterion.title) for n in criteria_tree(sheet=sheet)] == [
        ("1", "Hoạt động giám sát"),
        ("2", "Giải quyết kiến nghị cử tri"),
        ("T1", "Mô hình, cách làm hay"),
        ("Tr1", "Báo cáo giám sát chậm"),
    ]
    assess(s, ["7", "6.5", "5"])
    svc.score_sheet_score(actor=s["actor"], sheet=sheet, today=dt.date(2026, 12, 1))
    # An: missions 4×2=8 (+7 quality = 15, the group's cap), petitions 75% ≥ 75 → 5, one late report −1,5 → 18,50
    # Bình: missions 2×2=4 (+6,5 = 10,5), petitions 80% → 5, bonus 3×4=12 → capped by the sheet at 10 → 25,50
    # Châu: missions 0 (+5 = 5), petitions 25% → 0 → 5,00
    assert results(sheet) == [
        ("HĐND xã Thử Bình", 1, D("15.50"), D("10.00"), D("0.00"), D("25.50")),
        ("HĐND xã Thử An", 2, D("20.00"), D("0.00"), D("1.50"), D("18.50")),
        ("HĐND xã Thử Châu", 3, D("5.00"), D("0.00"), D("0.00"), D("5.00")),
    ]
    an_missions = ScoreEntry.objects.get(target=s["targets"][0], criterion=s["missions"])
    assert (an_missions.source, an_missions.statistic_value, an_missions.points) == ("computed", D("4.00"), D("8.00"))
    svc.score_sheet_lock(actor=s["actor"], sheet=sheet)
    svc.score_sheet_publish(actor=s["actor"], sheet=sheet)
    sheet.refresh_from_db()
    assert sheet.status == SheetStatus.PUBLISHED and sheet.locked_at and sheet.published_at
    table = sheet_table(sheet=sheet)
    assert [t["label"] for t in table["targets"]] == ["HĐND xã Thử Bình", "HĐND xã Thử An", "HĐND xã Thử Châu"]
    assert table["max_points"] == D("20.00")
    assert sheets_visible(user=None).filter(pk=sheet.pk).exists()
    actions = list(AuditEntry.objects.filter(action__startswith="score_sheet.").values_list("action", flat=True))
    assert actions == ["score_sheet.create", "score_sheet.score", "score_sheet.lock", "score_sheet.publish"]


def test_a_locked_sheet_never_changes_even_when_the_statistics_do(province):
    s = build_sheet(province)
    assess(s, ["7", "6.5", "5"])
    svc.score_sheet_score(actor=s["actor"], sheet=s["sheet"])
    svc.score_sheet_lock(actor=s["actor"], sheet=s["sheet"])
    before = results(s["sheet"])
    for _ in range(5):
        b.mission(province["communes"][2], start=dt.date(2026, 11, 1))
    refused("emulation.sheet_locked", svc.score_sheet_score, actor=s["actor"], sheet=s["sheet"])
    refused(
        "emulation.sheet_locked",
        svc.score_entry_set,
        actor=s["actor"],
        target=s["targets"][2],
        criterion=s["quality"],
        points=D(8),
    )
    refused(
        "emulation.sheet_locked", svc.criterion_create, actor=s["actor"], sheet=s["sheet"], title="Mới", max_points=D(1)
    )
    refused("emulation.sheet_locked", svc.criterion_update, actor=s["actor"], criterion=s["quality"], max_points=D(20))
    refused("emulation.sheet_locked", svc.criterion_delete, actor=s["actor"], criterion=s["quality"])
    refused("emulation.sheet_locked", svc.score_sheet_update, actor=s["actor"], sheet=s["sheet"], title="Khác")
    refused("emulation.sheet_locked", svc.score_sheet_lock, actor=s["actor"], sheet=s["sheet"])
    assert results(s["sheet"]) == before
    assert Criterion.objects.get(pk=s["quality"].pk).max_points == D(8)


def test_next_years_copy_is_independent_of_the_past_year(province):
    s = build_sheet(province)
    assess(s, ["7", "6.5", "5"])
    svc.score_sheet_score(actor=s["actor"], sheet=s["sheet"])
    svc.score_sheet_lock(actor=s["actor"], sheet=s["sheet"])
    before = results(s["sheet"])
    copy = svc.score_sheet_copy(actor=s["actor"], sheet=s["sheet"], year=2027)
    assert copy.title == "Thang điểm thi đua HĐND cấp xã năm 2027" and copy.based_on_id == s["sheet"].pk
    assert [
        (n.number, n.criterion.title, [c.criterion.title for c in n.children]) for n in criteria_tree(sheet=copy)
    ] == [
        (n.number, n.criterion.title, [c.criterion.title for c in n.children]) for n in criteria_tree(sheet=s["sheet"])
    ]
    copied_quality = copy.criteria.get(title="Chất lượng báo cáo giám sát")
    svc.criterion_update(actor=s["actor"], criterion=copied_quality, max_points=D(12), title="Chất lượng giám sát")
    svc.criterion_delete(actor=s["actor"], criterion=copy.criteria.get(section="deduction"))
    assert Criterion.objects.get(pk=s["quality"].pk).title == "Chất lượng báo cáo giám sát"
    assert s["sheet"].criteria.count() == 6 and copy.criteria.count() == 5
    assert results(s["sheet"]) == before
    refused("emulation.sheet_exists", svc.score_sheet_copy, actor=s["actor"], sheet=s["sheet"], year=2027)


@pytest.mark.parametrize(
    ("tie_rule", "expected"),
    [
        ("shared", [("HĐND xã Thử An", 1), ("HĐND xã Thử Bình", 1), ("HĐND xã Thử Châu", 3)]),
        ("criteria_order", [("HĐND xã Thử An", 1), ("HĐND xã Thử Bình", 2), ("HĐND xã Thử Châu", 3)]),
        ("fewer_deductions", [("HĐND xã Thử Bình", 1), ("HĐND xã Thử An", 2), ("HĐND xã Thử Châu", 3)]),
    ],
)
def test_ties_follow_the_declared_rule(province, tie_rule, expected):
    s = build_sheet(province, tie_rule=tie_rule)
    # No bonus. An: group 15 (8 + 7), petitions 5, late −1,5 → 18,50. Bình: group 4 (4 + 0), petitions 5, an extra
    # criterion 9,5 → 18,50. An is ahead on criterion 1 (15 against 4); Bình has fewer deductions (0 against 1,5).
    svc.criterion_delete(actor=s["actor"], criterion=s["bonus"])
    assess(s, ["7", "0", "1"])
    svc.criterion_update(actor=s["actor"], criterion=s["late"], max_points=D("3"))
    svc.criterion_create(actor=s["actor"], sheet=s["sheet"], title="Điều chỉnh cân bằng", max_points=D("20"))
    extra = s["sheet"].criteria.get(title="Điều chỉnh cân bằng")
    for target, value in zip(s["targets"], ["0", "9.5", "0"]):
        svc.score_entry_set(actor=s["actor"], target=target, criterion=extra, points=D(value))
    svc.score_sheet_score(actor=s["actor"], sheet=s["sheet"])
    ranked = [(label, rank) for label, rank, *_ in results(s["sheet"])]
    totals = {label: total for label, _, _, _, _, total in results(s["sheet"])}
    assert totals["HĐND xã Thử An"] == totals["HĐND xã Thử Bình"] == D("18.50")
    assert ranked == expected


def test_points_are_checked_against_the_criterion(province):
    s = build_sheet(province)
    target = s["targets"][0]
    error = refused(
        "emulation.points_over_max",
        svc.score_entry_set,
        actor=s["actor"],
        target=target,
        criterion=s["quality"],
        points=D("8.5"),
    )
    assert "8,5" in error.message_vi and "8" in error.message_en
    refused(
        "emulation.points_negative",
        svc.score_entry_set,
        actor=s["actor"],
        target=target,
        criterion=s["quality"],
        points=D("-1"),
    )
    refused(
        "emulation.points_not_manual",
        svc.score_entry_set,
        actor=s["actor"],
        target=target,
        criterion=s["missions"],
        points=D(2),
    )
    other = svc.score_sheet_create(
        actor=s["actor"], council=province["council"], year=2025, target_kind="commune_councils", title="Năm 2025"
    )
    refused(
        "emulation.target_not_on_sheet",
        svc.score_entry_set,
        actor=s["actor"],
        target=other.targets.first(),
        criterion=s["quality"],
        points=D(1),
    )
    assert not ScoreEntry.objects.exists()


@pytest.mark.parametrize(
    ("rule", "code"),
    [
        (
            {"type": "per_unit", "statistic": "no_such_figure", "points": 1, "per": 1},
            "emulation.rule_unknown_statistic",
        ),
        (
            {"type": "per_unit", "statistic": "attendance_percent", "points": 1, "per": 1},
            "emulation.rule_statistic_not_for_target",
        ),
        ({"type": "per_unit", "statistic": "surveys", "points": -2, "per": 1}, "emulation.rule_invalid"),
        ({"type": "per_unit", "statistic": "surveys", "points": 2, "per": 0}, "emulation.rule_invalid"),
        ({"type": "per_unit", "statistic": "surveys", "points": "hai", "per": 1}, "emulation.rule_invalid"),
        ({"type": "proportional", "statistic": "surveys"}, "emulation.rule_invalid"),
        ({"type": "magic", "statistic": "surveys"}, "emulation.rule_invalid"),
        ({"type": "threshold", "statistic": "surveys", "at_least": 1, "extra": 2}, "emulation.rule_invalid"),
        (["surveys"], "emulation.rule_invalid"),
        (None, "emulation.rule_invalid"),
    ],
)
def test_a_rule_is_checked_when_the_criterion_is_saved(province, rule, code):
    s = build_sheet(province)
    count = s["sheet"].criteria.count()
    refused(
        code,
        svc.criterion_create,
        actor=s["actor"],
        sheet=s["sheet"],
        title="Sai",
        max_points=D(5),
        method="computed",
        rule=rule,
    )
    refused(code, svc.criterion_update, actor=s["actor"], criterion=s["missions"], rule=rule)
    assert s["sheet"].criteria.count() == count
    assert Criterion.objects.get(pk=s["missions"].pk).rule["statistic"] == "supervision_missions"


def test_the_tree_refuses_bad_parents_and_negative_maximums(province):
    s = build_sheet(province)
    group = s["missions"].parent
    inner = svc.criterion_create(
        actor=s["actor"], sheet=s["sheet"], parent=group, title="Nhóm con", max_points=D(5), method="group"
    )
    refused("emulation.criterion_parent_invalid", svc.criterion_update, actor=s["actor"], criterion=group, parent=inner)
    refused(
        "emulation.criterion_parent_invalid",
        svc.criterion_create,
        actor=s["actor"],
        sheet=s["sheet"],
        parent=s["quality"],
        title="Dưới tiêu chí lá",
        max_points=D(1),
    )
    refused(
        "emulation.criterion_parent_invalid",
        svc.criterion_create,
        actor=s["actor"],
        sheet=s["sheet"],
        parent=group,
        section="bonus",
        title="Khác phần",
        max_points=D(1),
    )
    refused(
        "emulation.criterion_has_children", svc.criterion_update, actor=s["actor"], criterion=group, method="manual"
    )
    refused(
        "emulation.points_negative",
        svc.criterion_create,
        actor=s["actor"],
        sheet=s["sheet"],
        title="Âm",
        max_points=D(-1),
    )
    assert Criterion.objects.get(pk=group.pk).parent_id is None


def test_locking_needs_every_manual_score_and_a_fresh_ranking(province):
    s = build_sheet(province)
    assess(s, ["7", "6.5"])
    svc.score_sheet_score(actor=s["actor"], sheet=s["sheet"])
    error = refused("emulation.not_ranked", svc.score_sheet_lock, actor=s["actor"], sheet=s["sheet"])
    assert error.params == {"missing": 1}
    svc.score_entry_set(actor=s["actor"], target=s["targets"][2], criterion=s["quality"], points=D(5))
    refused("emulation.ranking_stale", svc.score_sheet_lock, actor=s["actor"], sheet=s["sheet"])
    refused("emulation.status_invalid", svc.score_sheet_publish, actor=s["actor"], sheet=s["sheet"])
    assert ScoreSheet.objects.get(pk=s["sheet"].pk).status == SheetStatus.DRAFT


def test_who_may_build_and_score(province):
    s = build_sheet(province)
    stranger = make_role_user(make_council())
    refused(
        "council.forbidden",
        svc.score_entry_set,
        actor=stranger,
        target=s["targets"][0],
        criterion=s["quality"],
        points=D(1),
    )
    refused("council.forbidden", svc.score_sheet_score, actor=stranger, sheet=s["sheet"])
    refused(
        "auth.required",
        svc.score_sheet_create,
        actor=None,
        council=province["council"],
        year=2030,
        target_kind="commune_councils",
        title="X",
    )
    assert not sheets_visible(user=stranger).filter(pk=s["sheet"].pk).exists()
    assert sheets_visible(user=s["actor"]).filter(pk=s["sheet"].pk).exists()


def test_a_sheet_needs_something_to_score_and_is_one_per_year(province):
    commune = province["communes"][0]
    commune_secretariat = make_role_user(commune)
    refused(
        "emulation.target_kind_unavailable",
        svc.score_sheet_create,
        actor=commune_secretariat,
        council=commune,
        year=2026,
        target_kind="commune_councils",
        title="Không có xã trực thuộc",
    )
    build_sheet(province)
    refused(
        "emulation.sheet_exists",
        svc.score_sheet_create,
        actor=province["secretariat"],
        council=province["council"],
        year=2026,
        target_kind="commune_councils",
        title="Lần hai",
    )
    assert ScoreSheet.objects.count() == 1


def test_committees_and_delegates_are_scored_on_their_own_figures(province):
    council, actor = province["council"], province["secretariat"]
    term = council.terms.get()
    law, economy = (
        Committee.objects.create(council=council, term=term, name=name)
        for name in ("Ban Pháp chế", "Ban Kinh tế - Ngân sách")
    )
    b.mission(council, start=dt.date(2026, 8, 1), committee=law)
    b.mission(council, start=dt.date(2026, 9, 1), committee=law)
    b.survey(council, day=dt.date(2026, 9, 9), committee=economy)
    sheet = svc.score_sheet_create(
        actor=actor, council=council, year=2026, target_kind="committees", title="Các Ban 2026"
    )
    svc.criterion_create(
        actor=actor,
        sheet=sheet,
        title="Giám sát",
        max_points=D(10),
        method="computed",
        rule={"type": "per_unit", "statistic": "supervision_missions", "points": 3, "per": 1},
    )
    svc.criterion_create(
        actor=actor,
        sheet=sheet,
        title="Khảo sát",
        max_points=D(4),
        method="computed",
        rule={"type": "per_unit", "statistic": "surveys", "points": 4, "per": 1},
    )
    svc.score_sheet_score(actor=actor, sheet=sheet)
    assert [(label, rank, total) for label, rank, _, _, _, total in results(sheet)] == [
        ("Ban Pháp chế", 1, D("6.00")),
        ("Ban Kinh tế - Ngân sách", 2, D("4.00")),
    ]

    first, second = (make_delegate(council, term, seat=n, with_user=False) for n in (1, 2))
    regular = b.session(council, term, start=dt.date(2026, 7, 10))
    for day in (dt.date(2026, 7, 10), dt.date(2026, 7, 11)):
        held = b.sitting(regular, day=day)
        b.present(held, first)
    b.present(held, second)
    delegates = svc.score_sheet_create(
        actor=actor, council=council, year=2026, target_kind="delegates", title="Đại biểu 2026"
    )
    svc.criterion_create(
        actor=actor,
        sheet=delegates,
        title="Dự đủ các phiên họp",
        max_points=D(5),
        method="computed",
        rule={"type": "threshold", "statistic": "attendance_percent", "at_least": 90},
    )
    svc.score_sheet_score(actor=actor, sheet=delegates)
    assert [(label, total) for label, _, _, _, _, total in results(delegates)] == [
        (first.full_name, D("5.00")),
        (second.full_name, D("0.00")),
    ]


def test_choices_are_checked_before_the_database_sees_them(province):
    s = build_sheet(province)
    actor, council = s["actor"], province["council"]
    refused(
        "emulation.choice_invalid",
        svc.score_sheet_create,
        actor=actor,
        council=council,
        year=2031,
        target_kind="provinces",
        title="X",
    )
    refused(
        "emulation.choice_invalid",
        svc.score_sheet_create,
        actor=actor,
        council=council,
        year=2031,
        target_kind="commune_councils",
        title="X",
        tie_rule="coin_toss",
    )
    refused("emulation.choice_invalid", svc.score_sheet_update, actor=actor, sheet=s["sheet"], tie_rule="coin_toss")
    refused(
        "emulation.choice_invalid",
        svc.criterion_create,
        actor=actor,
        sheet=s["sheet"],
        title="X",
        max_points=D(1),
        section="extra",
    )
    error = refused(
        "emulation.choice_invalid", svc.criterion_update, actor=actor, criterion=s["quality"], method="vote"
    )
    assert "vote" in error.message_vi and "method" in error.message_en
    assert ScoreSheet.objects.count() == 1 and Criterion.objects.get(pk=s["quality"].pk).method == "manual"


def test_bonus_criteria_need_a_bonus_cap(province):
    actor = province["secretariat"]
    sheet = svc.score_sheet_create(
        actor=actor,
        council=province["council"],
        year=2026,
        target_kind="commune_councils",
        title="Không có điểm thưởng",
    )
    refused(
        "emulation.bonus_cap_missing",
        svc.criterion_create,
        actor=actor,
        sheet=sheet,
        section="bonus",
        title="Mô hình hay",
        max_points=D(5),
    )
    svc.score_sheet_update(actor=actor, sheet=sheet, bonus_cap=D(5))
    svc.criterion_create(actor=actor, sheet=sheet, section="bonus", title="Mô hình hay", max_points=D(5))
    refused("emulation.bonus_cap_missing", svc.score_sheet_update, actor=actor, sheet=sheet, bonus_cap=D(0))
    assert ScoreSheet.objects.get(pk=sheet.pk).bonus_cap == D(5)


def test_a_group_with_children_keeps_accepting_edits_that_leave_its_section(province):
    s = build_sheet(province)
    group = s["missions"].parent
    svc.criterion_update(actor=s["actor"], criterion=group, section="regular", title="Hoạt động giám sát (sửa)")
    refused(
        "emulation.criterion_has_children", svc.criterion_update, actor=s["actor"], criterion=group, section="bonus"
    )
    assert Criterion.objects.get(pk=group.pk).title == "Hoạt động giám sát (sửa)"


def test_a_rule_refusal_reads_in_both_languages(province):
    s = build_sheet(province)
    error = refused(
        "emulation.rule_invalid",
        svc.criterion_update,
        actor=s["actor"],
        criterion=s["missions"],
        rule={"type": "per_unit", "statistic": "surveys", "points": "hai", "per": 1},
    )
    assert error.message_vi == "Quy tắc tính điểm không hợp lệ: “points” phải là một số."
    assert error.message_en == "Invalid scoring rule: 'points' must be a number."
