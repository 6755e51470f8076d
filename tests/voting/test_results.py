"""Counting and the official wording: exact Decimal percentages of the TOTAL, rules, elections,
confidence votes, show of hands and the counting-committee record."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.errors import ServiceError
from voting import services
from voting.models import PollKind, PollMethod
from voting.results import Ballot, poll_result
from voting.rules import RULES, percent
from voting.services.polls import DEFAULT_OPTIONS

ORDINARY = Ballot(PollKind.RESOLUTION, PollMethod.NAMED, "gt_half_total", 1, DEFAULT_OPTIONS, [])


def test_wording_matches_the_official_example_exactly():
    result = poll_result(ballot=ORDINARY, counts={"yes": 78, "no": 1, "abstain": 1}, cast=80, total=86, eligible=82)
    assert result["wording"]["statement"]["vi"] == (
        "Có 80/86 đại biểu tham gia biểu quyết; tán thành 78 đại biểu, chiếm 90,70% tổng số đại biểu; "
        "không tán thành 1 (1,16%); không biểu quyết 1 (1,16%)."
    )
    assert result["wording"]["statement"]["en"] == (
        "80/86 delegates took part in the vote; in favour 78 delegates, 90.70% of all delegates; "
        "against 1 (1.16%); abstaining 1 (1.16%)."
    )
    assert result["passed"] is True and result["required"] == 44
    assert result["wording"]["verdict"]["vi"] == "Kết quả: được thông qua."


def test_percentages_round_half_up_on_exact_decimals():
    assert percent(1, 8) == Decimal("12.50")
    assert percent(1, 16) == Decimal("6.25")
    assert percent(1, 1600) == Decimal("0.06")  # 0.0625 → 0.06 (third decimal 2)
    assert percent(1, 800) == Decimal("0.13")  # 0.125 → half-up, not half-even
    assert percent(2, 3) == Decimal("66.67")


def test_threshold_is_of_the_total_not_of_those_present():
    total = 86
    result = poll_result(ballot=ORDINARY, counts={"yes": 43, "no": 0}, cast=43, total=total, eligible=50)
    assert result["passed"] is False  # 43 of 43 voting is unanimous, yet not more than half of 86
    assert poll_result(ballot=ORDINARY, counts={"yes": 44}, cast=44, total=total, eligible=50)["passed"] is True


@pytest.mark.parametrize(
    "rule, total, cast, eligible, required",
    [
        ("gt_half_total", 86, 80, 82, 44),
        ("gt_half_total", 85, 80, 82, 43),
        ("ge_two_thirds_total", 86, 80, 82, 58),
        ("ge_two_thirds_total", 30, 30, 30, 20),
        ("gt_half_cast", 86, 80, 82, 41),
        ("gt_half_eligible", 86, 80, 81, 41),
    ],
)
def test_rule_thresholds(rule, total, cast, eligible, required):
    assert RULES[rule].required(total=total, cast=cast, eligible=eligible) == required


@given(
    st.integers(1, 500).flatmap(
        lambda total: st.tuples(
            st.just(total), st.lists(st.integers(0, total), min_size=3, max_size=3).filter(lambda c: sum(c) <= total)
        )
    )
)
def test_wording_counts_sum_and_percentages_are_of_the_total(case):
    total, (yes, no, abstain) = case
    cast = yes + no + abstain
    result = poll_result(
        ballot=ORDINARY, counts={"yes": yes, "no": no, "abstain": abstain}, cast=cast, total=total, eligible=total
    )
    assert sum(o["count"] for o in result["options"]) == cast
    for option in result["options"]:
        exact = Decimal(option["count"]) * 100 / Decimal(total)
        shown = Decimal(option["percent_of_total"])
        assert abs(shown - exact) <= Decimal("0.005")
        assert shown.as_tuple().exponent == -2
    vi = result["wording"]["statement"]["vi"]
    assert vi.startswith(f"Có {cast}/{total} đại biểu tham gia biểu quyết; tán thành {yes} đại biểu, chiếm ")
    assert "." not in vi[:-1].split("chiếm ")[1]  # decimal comma in Vietnamese
    assert result["passed"] == (yes * 2 > total)


def test_election_ranks_within_seats_and_flags_ties():
    candidates = [{"id": i, "name": n, "title": "", "agency": ""} for i, n in enumerate("ABCD", start=1)]
    ballot = Ballot(PollKind.ELECTION, PollMethod.SECRET, "gt_half_total", 2, [], candidates)
    result = poll_result(ballot=ballot, counts={"c1": 60, "c2": 50, "c3": 50, "c4": 10}, cast=80, total=86, eligible=80)
    by_name = {c["name"]: c for c in result["candidates"]}
    assert by_name["A"]["elected"] and not by_name["A"]["tie"]
    assert by_name["B"]["tie"] and by_name["C"]["tie"] and not by_name["B"]["elected"]
    assert not by_name["D"]["elected"] and not by_name["D"]["tie"]  # below the threshold
    assert by_name["A"]["percent_of_total"] == "69.77" and by_name["A"]["percent_of_cast"] == "75.00"
    assert result["committee"] == {"issued": 80, "returned": 80, "valid": 80, "invalid": 0, "blank": 0}
    assert result["unfilled"] == 1 and result["new_round_needed"] is True
    assert "Trúng cử: A." in result["wording"]["verdict"]["vi"]
    assert "B, C có số phiếu bằng nhau" in result["wording"]["verdict"]["vi"]
    assert "A được 60 phiếu, chiếm 69,77% tổng số đại biểu" in result["wording"]["statement"]["vi"]
    clear = poll_result(ballot=ballot, counts={"c1": 60, "c2": 55, "c3": 50}, cast=80, total=86, eligible=80)
    assert [c["name"] for c in clear["candidates"] if c["elected"]] == ["A", "B"]


def test_confidence_outcomes_with_both_denominators(settings):
    from voting.services.polls import CONFIDENCE_LEVELS

    officials = [{"id": i, "name": n, "title": "Giám đốc Sở", "agency": ""} for i, n in enumerate("XYZ", start=1)]
    ballot = Ballot(PollKind.CONFIDENCE, PollMethod.SECRET, "gt_half_total", 1, CONFIDENCE_LEVELS, officials)
    counts = {"c1:low": 40, "c1:high": 20, "c1:normal": 0, "c2:low": 30, "c2:high": 30, "c3:low": 10, "c3:high": 50}
    settings.NT = {**settings.NT, "CONFIDENCE_DENOMINATOR": "ballots"}
    result = poll_result(ballot=ballot, counts=counts, cast=60, total=86, eligible=60)
    x, y, z = result["officials"]
    assert x["outcome_by"] == {"ballots": "no_confidence_required", "total": "none"}
    assert x["outcome"] == "no_confidence_required"
    assert y["outcome_by"]["ballots"] == "none"  # exactly half is not more than half
    assert x["low_percent_of_ballots"] == "66.67" and x["low_percent_of_total"] == "46.51"
    assert z["outcome"] == "none"
    settings.NT = {**settings.NT, "CONFIDENCE_DENOMINATOR": "total"}
    result = poll_result(ballot=ballot, counts={**counts, "c2:low": 50}, cast=60, total=86, eligible=60)
    assert result["denominator"] == "total" and result["officials"][1]["outcome"] == "may_resign"
    assert "tín nhiệm thấp 50 (58,14%)" in result["wording"]["statement"]["vi"]


def test_show_of_hands_counts_are_validated_and_the_record_says_so(hall):
    poll = hall.poll(method="show_of_hands")
    for bad in [{"yes": -1}, {"yes": 6}, {"yes": 3, "no": 3}, {"yes": "3"}, {"yes": True}]:
        with pytest.raises(ServiceError) as info:
            services.poll_hands_record(actor=hall.sec, poll=poll, counts=bad)
        assert info.value.code == "poll.hands_invalid"
    with pytest.raises(ServiceError) as info:
        services.poll_hands_record(actor=hall.sec, poll=poll, counts={"maybe": 1})
    assert info.value.code == "vote.unknown_option"
    with pytest.raises(ServiceError) as info:
        services.poll_close(actor=hall.sec, poll=poll)
    assert info.value.code == "poll.hands_missing"
    with pytest.raises(ServiceError) as info:
        services.poll_hands_record(actor=hall.user(0), poll=poll, counts={"yes": 1})
    assert info.value.code == "council.forbidden"
    services.poll_hands_record(actor=hall.sec, poll=poll, counts={"yes": 4, "no": 1})
    poll = services.poll_close(actor=hall.sec, poll=poll)
    assert poll.result["by_show_of_hands"] is True and poll.result["cast"] == 5
    assert poll.result["counts"] == {"abstain": 0, "no": 1, "yes": 4}
    assert poll.result["wording"]["method"]["vi"] == "Hình thức: biểu quyết bằng giơ tay."
    assert poll.result["wording"]["statement"]["vi"].startswith("Có 5/5 đại biểu tham gia biểu quyết; tán thành 4")
    named = hall.poll()
    with pytest.raises(ServiceError) as info:
        services.poll_hands_record(actor=hall.sec, poll=named, counts={"yes": 1})
    assert info.value.code == "poll.method_mismatch"


def test_confidence_poll_end_to_end(hall):
    poll = hall.poll(
        kind="confidence",
        method="secret",
        title="Lấy phiếu tín nhiệm",
        candidates=[{"name": "Quan chức A", "title": "Chủ tịch UBND tỉnh"}],
    )
    official = poll.candidates.get().pk
    for i, level in enumerate(["low", "low", "low", "low", "high"]):
        hall.vote(poll, i, {official: level})
    poll = hall.close(poll)
    line = poll.result["officials"][0]
    assert line["low"] == 4 and line["outcome"] == "no_confidence_required"
    assert poll.result["committee"] == {"issued": 5, "returned": 5, "valid": 5, "invalid": 0, "blank": 0}
