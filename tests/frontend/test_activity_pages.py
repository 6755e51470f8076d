"""The activity screens with real data built through the services: the statistics dashboard (public figures,
private per-delegate table), the score sheet list, editor, scoring and ranking pages, the printed ranking and the
secretariat's activity records. Who may open what, and bad input: the service's message, its status, and
nothing changed."""

from __future__ import annotations

import datetime as dt
import html
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from activity.models import (
    Criterion,
    Evidence,
    GoodPractice,
    PetitionStatus,
    ScoreEntry,
    ScoreSheet,
    SheetStatus,
    SupervisionMission,
    VoterPetition,
)
from activity.services import emulation as svc
from activity.services import records
from sessions_app.models import AuditEntry, CouncilLevel
from tests.activity import builders as b
from tests.factories import Council_, make_council, make_session, make_user

pytestmark = pytest.mark.django_db
D = Decimal
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def world():
    """A province (3 delegates, secretariat) with three commune councils and a year of their activity."""
    province = Council_(n=3)
    communes = [
        make_council(level=CouncilLevel.COMMUNE, parent=province.council, name=f"Hội đồng nhân dân xã Thử {n}")
        for n in ("An", "Bình", "Châu")
    ]
    an, binh, chau = communes
    for day in (dt.date(2026, 2, 1), dt.date(2026, 4, 1), dt.date(2026, 8, 1)):
        b.mission(an, start=day)
    b.mission(binh, start=dt.date(2026, 3, 1))
    b.mission(an, start=dt.date(2025, 3, 1))
    b.petitions(an, day=dt.date(2026, 3, 3), resolved=3, in_progress=1)
    b.petitions(binh, day=dt.date(2026, 9, 3), resolved=1, explained=1)
    b.voter_meeting(an, day=dt.date(2026, 5, 5), voters=120)
    b.reception(an, day=dt.date(2026, 7, 7), citizens=14)
    return {"province": province, "communes": communes}


def build_sheet(world, *, year: int = 2026) -> dict:
    actor = world["province"].secretariat
    sheet = svc.score_sheet_create(
        actor=actor,
        council=world["province"].council,
        year=year,
        target_kind="commune_councils",
        title=f"Thi đua HĐND cấp xã năm {year}",
        bonus_cap=D(10),
    )
    group = svc.criterion_create(actor=actor, sheet=sheet, title="Hoạt động giám sát", max_points=D(20), method="group")
    computed = svc.criterion_create(
        actor=actor,
        sheet=sheet,
        parent=group,
        title="Giám sát chuyên đề",
        max_points=D(10),
        method="computed",
        rule={"type": "per_unit", "statistic": "supervision_missions", "points": "2", "per": "1"},
    )
    quality = svc.criterion_create(
        actor=actor, sheet=sheet, parent=group, title="Chất lượng báo cáo giám sát", max_points=D(10)
    )
    bonus = svc.criterion_create(
        actor=actor, sheet=sheet, section="bonus", title="Mô hình, cách làm hay", max_points=D(10)
    )
    targets = list(sheet.targets.order_by("label"))
    return {
        "sheet": sheet,
        "group": group,
        "computed": computed,
        "quality": quality,
        "bonus": bonus,
        "targets": targets,
        "actor": actor,
    }


def cells(s: dict, target, **points: str) -> dict:
    """The scoring form of one target: ``quality`` / ``bonus`` points as typed."""
    data = {"target": str(target.pk)}
    for name, value in points.items():
        data[f"t{target.pk}-c{s[name].pk}-points"] = value
        data[f"t{target.pk}-c{s[name].pk}-note"] = f"Nhận xét {name}"
    return data


def score_all(s: dict, client) -> None:
    for target, (quality, bonus) in zip(s["targets"], [("8", "4,5"), ("9", "0"), ("6", "2")]):
        assert (
            client.post(
                reverse("activity-scoring", args=[s["sheet"].pk]), cells(s, target, quality=quality, bonus=bonus)
            ).status_code
            == 302
        )


def unchanged(call):
    """Run a request and check it wrote nothing (no audit entry)."""
    before = AuditEntry.objects.count()
    response = call()
    assert AuditEntry.objects.count() == before
    return response


# Statistics dashboard -------------------------------------------------------------------------------------------


def test_dashboard_shows_a_councils_figures_grouped_with_the_reports_wording(client, world):
    an = world["communes"][0]
    page = client.get(reverse("activity-statistics"), {"council": an.pk, "year": "2026"})
    assert page.status_code == 200
    body = text(page)
    assert "3/4 kiến nghị đã giải quyết, đạt 75,00%" in body
    assert 'id="stat-supervision_missions">3<' in body
    assert 'id="stat-citizens_received">14<' in body
    assert 'id="stat-petitions_resolved_percent">75,00%<' in body
    for group in ("Kỳ họp và nghị quyết", "Chất vấn và trả lời chất vấn", "Tiếp xúc cử tri", "Kiến nghị cử tri"):
        assert group in body
    assert body.count('role="img"') == 2  # trend and comparison charts, each with its table
    assert 'id="trend-table"' in body and 'id="comparison-table"' in body
    assert '<title id="trend-chart-title">' in body
    assert 'id="delegates-table"' not in body  # private: not for the public


def test_dashboard_half_year_and_custom_period(client, world):
    an = world["communes"][0]
    first = text(client.get(reverse("activity-statistics"), {"council": an.pk, "year": "2026", "half": "1"}))
    assert "6 tháng đầu năm 2026" in first and 'id="stat-supervision_missions">2<' in first
    custom = text(
        client.get(
            reverse("activity-statistics"),
            {"council": an.pk, "half": "custom", "start": "2025-01-01", "end": "2026-03-31"},
        )
    )
    assert "Từ 01/01/2025 đến 31/03/2026" in custom and 'id="stat-supervision_missions">2<' in custom


def test_dashboard_comparison_has_every_commune_and_decimal_commas(client, world):
    binh = world["communes"][1]
    body = text(client.get(reverse("activity-statistics"), {"council": binh.pk, "year": "2026"}))
    for commune in world["communes"]:
        assert commune.name in body
    assert "1/2 kiến nghị đã giải quyết, đạt 50,00%" in body
    page = text(
        client.get(
            reverse("activity-statistics"),
            {"council": world["province"].council.pk, "year": "2026", "compare": "petitions_total"},
        )
    )
    assert "So sánh các Hội đồng nhân dân trực thuộc" in page


@pytest.mark.parametrize(
    "query, code",
    [
        ({"half": "custom", "start": "2026-06-30", "end": "2026-01-01"}, "statistics.period_invalid"),
        ({"half": "custom", "start": "2026-13-01", "end": "2026-12-31"}, "statistics.period_malformed"),
        ({"half": "custom", "start": "2026-01-01"}, "statistics.period_malformed"),
        ({"year": "abc"}, "statistics.period_malformed"),
        ({"year": "2026", "half": "3"}, "statistics.period_malformed"),
    ],
)
def test_dashboard_bad_period_shows_the_message_with_status_400(client, world, query, code):
    page = client.get(reverse("activity-statistics"), {"council": world["communes"][0].pk, **query})
    assert page.status_code == 400
    body = text(page)
    assert code in body and 'role="alert"' in body
    assert 'id="figures-h"' not in body
    if code == "statistics.period_invalid":
        assert "ngày kết thúc (01/01/2026) trước ngày bắt đầu (30/06/2026)" in body


def test_dashboard_unknown_council_is_404(client, world):
    assert client.get(reverse("activity-statistics"), {"council": "999999"}).status_code == 404
    assert client.get(reverse("activity-statistics"), {"council": "x"}).status_code == 404


def test_per_delegate_table_only_for_the_councils_own_people(client, world):
    province = world["province"]
    b.present(b.sitting(make_session(province.council, province.term, number=9)), province.delegates[0])
    url, query = reverse("activity-statistics"), {"council": province.council.pk, "year": "2026"}
    client.force_login(make_user())
    assert 'id="delegates-table"' not in text(client.get(url, query))
    for user in (province.user_of(province.delegates[1]), province.secretariat):
        client.force_login(user)
        body = text(client.get(url, query))
        assert 'id="delegates-table"' in body
        assert province.delegates[0].full_name in body and "1/1" in body and "100%" in body


# Score sheets ---------------------------------------------------------------------------------------------------


def test_sheet_list_shows_drafts_only_to_the_scoring_secretariat(client, world):
    s = build_sheet(world)
    assert s["sheet"].title not in text(client.get(reverse("activity-sheets")))
    client.force_login(world["province"].secretariat)
    body = text(client.get(reverse("activity-sheets")))
    assert s["sheet"].title in body and "Tạo thang điểm mới" in body
    assert reverse("activity-sheet", args=[s["sheet"].pk]) in body


def test_sheet_create_form_and_its_refusal(client, world):
    province = world["province"]
    client.force_login(province.secretariat)
    data = {
        "council": province.council.pk,
        "year": "2027",
        "target_kind": "commune_councils",
        "title": "Thi đua năm 2027",
        "bonus_cap": "5",
        "tie_rule": "shared",
    }
    made = client.post(reverse("activity-sheet-create"), data)
    sheet = ScoreSheet.objects.get(year=2027)
    assert made.status_code == 302 and made["Location"] == reverse("activity-sheet", args=[sheet.pk])
    again = unchanged(lambda: client.post(reverse("activity-sheet-create"), data))
    assert again.status_code == 409 and "Đã có thang điểm năm 2027" in text(again)
    other = Council_(n=1)
    foreign = unchanged(lambda: client.post(reverse("activity-sheet-create"), {**data, "council": other.council.pk}))
    assert foreign.status_code == 400 and ScoreSheet.objects.filter(council=other.council).count() == 0


def test_editor_permissions(client, world):
    s = build_sheet(world)
    url = reverse("activity-sheet", args=[s["sheet"].pk])
    assert client.get(url).status_code == 302
    client.force_login(make_user())
    assert client.get(url).status_code == 403
    client.force_login(world["province"].user_of(world["province"].delegates[0]))
    assert client.get(url).status_code == 403
    assert (
        client.post(
            reverse("activity-criterion-add", args=[s["sheet"].pk]),
            {"title": "X", "section": "regular", "method": "manual", "max_points": "5"},
        ).status_code
        == 403
    )


def test_editor_shows_the_numbered_tree_with_rules(client, world):
    s = build_sheet(world)
    client.force_login(world["province"].secretariat)
    body = text(client.get(reverse("activity-sheet", args=[s["sheet"].pk])))
    for number, title in (
        ("1", "Hoạt động giám sát"),
        ("1.1", "Giám sát chuyên đề"),
        ("1.2", "Chất lượng báo cáo"),
        ("T1", "Mô hình, cách làm hay"),
    ):
        assert f"<td>{number}</td>" in body and title in body
    assert "2 điểm cho mỗi đơn vị “Giám sát chuyên đề”" in body
    assert "Tổng điểm tối đa các tiêu chí: 20 điểm; điểm thưởng tối đa: 10 điểm." in body
    assert (
        'value="supervision_missions"' in body and 'value="attendance_percent"' not in body
    )  # council statistics only


def test_add_a_computed_criterion_with_a_decimal_comma(client, world):
    s = build_sheet(world)
    client.force_login(s["actor"])
    response = client.post(
        reverse("activity-criterion-add", args=[s["sheet"].pk]),
        {
            "title": "Tiếp xúc cử tri",
            "section": "regular",
            "method": "computed",
            "max_points": "7,5",
            "parent": s["group"].pk,
            "rule_type": "per_unit",
            "statistic": "voter_meetings",
            "points": "1,5",
            "per": "1",
            "at_least": "90",
        },
    )
    criterion = Criterion.objects.get(title="Tiếp xúc cử tri")
    assert response.status_code == 302 and response["Location"].endswith(f"#criterion-{criterion.pk}")
    assert criterion.max_points == D("7.5") and criterion.parent == s["group"]
    assert criterion.rule == {"type": "per_unit", "statistic": "voter_meetings", "points": "1.5", "per": "1"}


@pytest.mark.parametrize(
    "data, status, message",
    [
        (
            {"method": "computed", "rule_type": "per_unit", "statistic": "voter_meetings"},
            400,
            "Quy tắc tính điểm không hợp lệ",
        ),
        (
            {"method": "computed", "rule_type": "proportional", "statistic": "voter_meetings"},
            400,
            "Quy tắc tính điểm không hợp lệ",
        ),
        ({"method": "computed", "rule_type": "", "statistic": ""}, 400, "Quy tắc tính điểm không hợp lệ"),
        ({"method": "manual", "max_points": "-1"}, 400, "Điểm không được âm"),
        (
            {"method": "computed", "rule_type": "per_unit", "statistic": "bogus_statistic", "points": "1", "per": "1"},
            400,
            "bogus_statistic",
        ),
        ({"method": "manual", "max_points": "nhiều"}, 400, "Nhập một số."),
    ],
)
def test_bad_criterion_input_is_refused_and_nothing_changes(client, world, data, status, message):
    s = build_sheet(world)
    client.force_login(s["actor"])
    before = Criterion.objects.count()
    form = {"title": "Tiêu chí lỗi", "section": "regular", "max_points": "5", **data}
    response = unchanged(lambda: client.post(reverse("activity-criterion-add", args=[s["sheet"].pk]), form))
    assert response.status_code == status
    body = text(response)
    assert message in body
    assert 'value="Tiêu chí lỗi"' in body  # the form keeps what was typed
    assert Criterion.objects.count() == before


def test_edit_a_criterion(client, world):
    s = build_sheet(world)
    client.force_login(s["actor"])
    url = reverse("activity-criterion", args=[s["group"].pk])
    page = text(client.get(url))
    assert 'value="Hoạt động giám sát"' in page
    form = {
        "title": "Giám sát và khảo sát",
        "section": "regular",
        "method": "group",
        "max_points": "25",
        "position": "1",
    }
    assert client.post(url, form).status_code == 302  # a group with children keeps its section: allowed
    s["group"].refresh_from_db()
    assert (s["group"].title, s["group"].max_points) == ("Giám sát và khảo sát", D(25))
    moved = unchanged(lambda: client.post(url, {**form, "section": "bonus"}))
    assert moved.status_code == 409 and "emulation.criterion_has_children" in text(moved)
    s["group"].refresh_from_db()
    assert s["group"].section == "regular"
    rule = reverse("activity-criterion", args=[s["computed"].pk])
    assert 'value="supervision_missions" selected' in text(client.get(rule))


def test_delete_a_criterion_and_settings_and_copy(client, world):
    s = build_sheet(world)
    client.force_login(s["actor"])
    assert client.post(reverse("activity-criterion-delete", args=[s["bonus"].pk])).status_code == 302
    assert not Criterion.objects.filter(pk=s["bonus"].pk).exists()
    settings = reverse("activity-sheet-settings", args=[s["sheet"].pk])
    assert (
        client.post(
            settings, {"title": "Thi đua 2026 (sửa)", "bonus_cap": "12,5", "tie_rule": "fewer_deductions"}
        ).status_code
        == 302
    )
    s["sheet"].refresh_from_db()
    assert (s["sheet"].title, s["sheet"].bonus_cap, s["sheet"].tie_rule) == (
        "Thi đua 2026 (sửa)",
        D("12.5"),
        "fewer_deductions",
    )
    negative = unchanged(lambda: client.post(settings, {"title": "X", "bonus_cap": "-1", "tie_rule": "shared"}))
    assert negative.status_code == 400 and "Điểm không được âm" in text(negative)
    copy = client.post(reverse("activity-sheet-copy", args=[s["sheet"].pk]), {"year": "2027", "title": ""})
    new = ScoreSheet.objects.get(year=2027)
    assert (
        copy.status_code == 302 and new.criteria.count() == s["sheet"].criteria.count() and new.based_on == s["sheet"]
    )
    twice = unchanged(lambda: client.post(reverse("activity-sheet-copy", args=[s["sheet"].pk]), {"year": "2027"}))
    assert twice.status_code == 409 and "Đã có thang điểm năm 2027" in text(twice)


# Scoring, locking, publishing, ranking ---------------------------------------------------------------------------


def test_scoring_grid_saves_a_targets_cells(client, world):
    s = build_sheet(world)
    client.force_login(s["actor"])
    url = reverse("activity-scoring", args=[s["sheet"].pk])
    page = text(client.get(url))
    assert "Còn 6 ô điểm chấm tay chưa chấm." in page and "Tính điểm và xếp hạng" in page
    target = s["targets"][0]
    response = client.post(url, cells(s, target, quality="7,5", bonus="3"))
    assert response.status_code == 302 and response["Location"].endswith(f"#target-{target.pk}")
    entry = ScoreEntry.objects.get(target=target, criterion=s["quality"])
    assert (entry.points, entry.note) == (D("7.5"), "Nhận xét quality")
    page = text(client.get(url))
    assert "7,5" in page and "Còn 4 ô điểm chấm tay chưa chấm." in page
    before = AuditEntry.objects.count()
    client.post(url, cells(s, target, quality="7,5", bonus="3"))  # nothing changed: nothing written
    assert AuditEntry.objects.count() == before


@pytest.mark.parametrize(
    "quality, bonus, message",
    [
        ("12", "3", "Điểm 12 vượt quá điểm tối đa 10 của tiêu chí."),
        ("5", "-1", "Điểm không được âm"),
        ("5", "11", "Điểm 11 vượt quá điểm tối đa 10 của tiêu chí."),
    ],
)
def test_bad_points_are_refused_and_no_cell_of_the_target_changes(client, world, quality, bonus, message):
    s = build_sheet(world)
    client.force_login(s["actor"])
    target = s["targets"][0]
    response = unchanged(
        lambda: client.post(
            reverse("activity-scoring", args=[s["sheet"].pk]), cells(s, target, quality=quality, bonus=bonus)
        )
    )
    assert response.status_code == 400
    body = text(response)
    assert message in body and f'value="{quality}"' in body
    assert ScoreEntry.objects.filter(target=target).count() == 0


def test_evidence_upload_and_pick(client, world):
    s = build_sheet(world)
    client.force_login(s["actor"])
    upload = client.post(
        reverse("activity-scoring-evidence", args=[s["sheet"].pk]),
        {"title": "Biên bản kiểm tra", "file": SimpleUploadedFile("kiem-tra.png", PNG)},
    )
    assert upload.status_code == 302
    evidence = Evidence.objects.get(title="Biên bản kiểm tra")
    target = s["targets"][0]
    data = {**cells(s, target, quality="8"), f"t{target.pk}-c{s['quality'].pk}-evidence": [evidence.pk]}
    assert client.post(reverse("activity-scoring", args=[s["sheet"].pk]), data).status_code == 302
    assert list(ScoreEntry.objects.get(target=target, criterion=s["quality"]).evidence.all()) == [evidence]
    bad = unchanged(
        lambda: client.post(
            reverse("activity-scoring-evidence", args=[s["sheet"].pk]),
            {"title": "Không phải ảnh", "file": SimpleUploadedFile("x.png", b"hello")},
        )
    )
    assert bad.status_code >= 400 and 'role="alert"' in text(bad)


def test_score_lock_publish_and_the_public_ranking(client, world):
    s = build_sheet(world)
    sheet = s["sheet"]
    ranking = reverse("activity-ranking", args=[sheet.pk])
    assert client.get(ranking).status_code == 404  # a draft is not public
    client.force_login(s["actor"])
    early = unchanged(lambda: client.post(reverse("activity-sheet-lock", args=[sheet.pk])))
    assert early.status_code == 409 and "còn 6 ô điểm chấm tay chưa chấm" in text(early)
    score_all(s, client)
    assert client.post(reverse("activity-sheet-score", args=[sheet.pk])).status_code == 302
    assert client.post(reverse("activity-sheet-lock", args=[sheet.pk])).status_code == 302
    sheet.refresh_from_db()
    assert sheet.status == SheetStatus.LOCKED
    locked = text(client.get(reverse("activity-scoring", args=[sheet.pk])))
    assert 'id="locked-banner"' in locked and "Công bố" in locked and 'name="target"' not in locked
    assert client.post(reverse("activity-sheet-publish", args=[sheet.pk])).status_code == 302
    client.logout()
    body = text(client.get(ranking))
    # An: 3 missions → 6 + 8 = 14, bonus 4,5 → 18,5; Bình: 2 + 9 = 11; Châu: 0 + 6 + 2 = 8
    assert "18,5" in body and "Bằng điểm thì đồng hạng" in body
    assert f"/api/score-sheets/{sheet.pk}/ranking.xlsx" in body and reverse("print-ranking", args=[sheet.pk]) in body
    assert body.index("xã Thử An") < body.index("xã Thử Bình") < body.index("xã Thử Châu")
    assert 'role="img"' in body
    printed = text(client.get(reverse("print-ranking", args=[sheet.pk])))
    assert "KẾT QUẢ CHẤM ĐIỂM, XẾP HẠNG THI ĐUA NĂM 2026" in printed and "18,5" in printed and "size: A4" in printed
    assert sheet.title in text(client.get(reverse("activity-sheets")))


def test_a_locked_sheet_refuses_every_change(client, world):
    s = build_sheet(world)
    client.force_login(s["actor"])
    score_all(s, client)
    client.post(reverse("activity-sheet-score", args=[s["sheet"].pk]))
    client.post(reverse("activity-sheet-lock", args=[s["sheet"].pk]))
    target = s["targets"][0]
    points = unchanged(
        lambda: client.post(reverse("activity-scoring", args=[s["sheet"].pk]), cells(s, target, quality="1"))
    )
    assert points.status_code == 409 and "Thang điểm đã khóa; không thể thay đổi" in text(points)
    assert ScoreEntry.objects.get(target=target, criterion=s["quality"]).points == D(8)
    for name, data in (
        ("activity-criterion-add", {"title": "X", "section": "regular", "method": "manual", "max_points": "1"}),
        ("activity-sheet-score", {}),
        ("activity-sheet-settings", {"title": "X", "bonus_cap": "0", "tie_rule": "shared"}),
    ):
        refused = unchanged(lambda: client.post(reverse(name, args=[s["sheet"].pk]), data))
        assert refused.status_code == 409 and "data-error-code>emulation.sheet_locked<" in text(refused), name
    assert (
        unchanged(lambda: client.post(reverse("activity-criterion-delete", args=[s["quality"].pk]))).status_code == 409
    )
    editor = text(client.get(reverse("activity-sheet", args=[s["sheet"].pk])))
    assert 'id="locked-banner"' in editor and "Thêm tiêu chí" not in editor and "Sao chép sang năm khác" in editor


def test_scoring_pages_are_for_the_scoring_secretariat_only(client, world):
    s = build_sheet(world)
    commune_secretariat = Council_(n=1)
    client.force_login(commune_secretariat.secretariat)
    for name in ("activity-scoring", "activity-sheet"):
        assert client.get(reverse(name, args=[s["sheet"].pk])).status_code == 403
    assert client.post(reverse("activity-sheet-score", args=[s["sheet"].pk])).status_code == 403
    assert client.get(reverse("activity-ranking", args=[s["sheet"].pk])).status_code == 404
    client.force_login(s["actor"])
    assert client.post(reverse("activity-scoring", args=[s["sheet"].pk]), {"target": "abc"}).status_code == 404


def test_every_page_has_unique_element_ids(client, world):
    """Several forms share a page (criterion, settings, copy; one per target): no id may repeat."""
    s = build_sheet(world)
    client.force_login(s["actor"])
    council = world["province"].council.pk
    urls = [
        reverse("activity-statistics") + f"?council={council}",
        reverse("activity-sheets"),
        reverse("activity-sheet", args=[s["sheet"].pk]),
        reverse("activity-criterion", args=[s["quality"].pk]),
        reverse("activity-scoring", args=[s["sheet"].pk]),
        reverse("activity-ranking", args=[s["sheet"].pk]),
        reverse("print-ranking", args=[s["sheet"].pk]),
        *(reverse("activity-records", args=[council, kind]) for kind in ("supervision", "petitions", "practices")),
    ]
    for url in urls:
        ids = re.findall(r'\sid="([^"]+)"', client.get(url).content.decode())
        assert len(ids) == len(set(ids)), (url, sorted({i for i in ids if ids.count(i) > 1}))


# Activity records ------------------------------------------------------------------------------------------------


def test_records_pages_add_list_and_delete(client, world):
    province = world["province"]
    council = province.council
    client.force_login(province.secretariat)
    for kind in ("supervision", "surveys", "receptions", "meetings", "petitions", "practices"):
        assert client.get(reverse("activity-records", args=[council.pk, kind])).status_code == 200
    url = reverse("activity-records", args=[council.pk, "supervision"])
    delegate = province.delegates[0]
    response = client.post(
        url,
        {
            "title": "Giám sát công tác phòng chống thiên tai",
            "start_date": "2026-08-03",
            "end_date": "2026-08-10",
            "report_due": "2026-09-01",
            "delegates": [delegate.pk],
        },
    )
    mission = SupervisionMission.objects.get(council=council)
    assert response.status_code == 302 and list(mission.delegates.all()) == [delegate]
    body = text(client.get(url))
    assert "Giám sát công tác phòng chống thiên tai" in body and "03/08/2026" in body and delegate.full_name in body
    backwards = unchanged(
        lambda: client.post(url, {"title": "Sai ngày", "start_date": "2026-08-03", "end_date": "2026-08-01"})
    )
    assert backwards.status_code == 400 and "Ngày kết thúc trước ngày bắt đầu." in text(backwards)
    not_delegate = unchanged(
        lambda: client.post(
            url,
            {"title": "Sai đại biểu", "start_date": "2026-01-03", "end_date": "2026-01-05", "delegates": [delegate.pk]},
        )
    )
    assert not_delegate.status_code == 400 and "không phải là đại biểu" in text(not_delegate)
    assert client.post(reverse("activity-record-delete", args=["supervision", mission.pk])).status_code == 302
    assert not SupervisionMission.objects.filter(pk=mission.pk).exists()


def test_petition_status_steps_one_at_a_time(client, world):
    province = world["province"]
    client.force_login(province.secretariat)
    url = reverse("activity-records", args=[province.council.pk, "petitions"])
    assert (
        client.post(
            url,
            {
                "content": "Sửa đường liên thôn",
                "field": "infrastructure",
                "authority_level": "commune",
                "received_on": "2026-05-05",
            },
        ).status_code
        == 302
    )
    petition = VoterPetition.objects.get(council=province.council)
    step = reverse("activity-petition-status", args=[petition.pk])
    skipped = unchanged(lambda: client.post(step, {"status": "resolved", "on": "2026-06-01"}))
    assert skipped.status_code == 409 and "phải lần lượt" in text(skipped)
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.RECEIVED
    assert client.post(step, {"status": "in_progress", "on": "2026-06-01"}).status_code == 302
    assert client.post(step, {"status": "resolved", "on": "2026-07-01", "response": "Đã làm xong"}).status_code == 302
    petition.refresh_from_db()
    assert (petition.status, petition.response) == (PetitionStatus.RESOLVED, "Đã làm xong")


def test_good_practice_with_evidence(client, world):
    province = world["province"]
    client.force_login(province.secretariat)
    url = reverse("activity-records", args=[province.council.pk, "practices"])
    assert (
        client.post(
            url, {"title": "Tổ hòa giải kiểu mẫu", "description": "Mô tả", "recognized_on": "2026-04-04"}
        ).status_code
        == 302
    )
    practice = GoodPractice.objects.get(council=province.council)
    upload = client.post(
        reverse("activity-practice-evidence", args=[practice.pk]),
        {"title": "Ảnh buổi hòa giải", "file": SimpleUploadedFile("hoa-giai.png", PNG)},
    )
    assert upload.status_code == 302 and practice.evidence.get().title == "Ảnh buổi hòa giải"
    assert "Ảnh buổi hòa giải" in text(client.get(url))


def test_records_are_for_the_councils_own_secretariat(client, world):
    province = world["province"]
    mission = records.supervision_save(
        actor=province.secretariat,
        council=province.council,
        title="Giám sát",
        start_date=dt.date(2026, 8, 3),
        end_date=dt.date(2026, 8, 4),
    )
    url = reverse("activity-records", args=[province.council.pk, "supervision"])
    assert client.get(url).status_code == 302
    other = Council_(n=1)
    client.force_login(other.secretariat)
    assert client.get(url).status_code == 403
    assert (
        unchanged(lambda: client.post(reverse("activity-record-delete", args=["supervision", mission.pk]))).status_code
        == 403
    )
    assert client.get(reverse("activity-records", args=[province.council.pk, "bogus"])).status_code == 404
    assert SupervisionMission.objects.filter(pk=mission.pk).exists()
