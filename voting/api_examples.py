"""OpenAPI examples of voting's answers (a published named poll, a published resolution)."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample

_OPTIONS = [
    {"key": "yes", "label": "Tán thành", "label_en": "In favour", "approves": True},
    {"key": "no", "label": "Không tán thành", "label_en": "Against", "approves": False},
    {"key": "abstain", "label": "Không biểu quyết", "label_en": "Abstaining", "approves": False},
]
POLL_EXAMPLE = OpenApiExample(
    "published_named_poll",
    summary="A published named poll with its result in the official wording",
    response_only=True,
    status_codes=["200"],
    value={
        "id": 42,
        "title": "Thông qua Nghị quyết về kế hoạch đầu tư công năm 2027",
        "description": "",
        "kind": "resolution",
        "method": "named",
        "majority_rule": "gt_half_total",
        "change_allowed": False,
        "show_running_counts": False,
        "seats": 1,
        "status": "published",
        "sitting": 7,
        "agenda_item": 15,
        "options": _OPTIONS,
        "candidates": [],
        "total_delegates": 50,
        "eligible_count": 47,
        "cast_count": 47,
        "opened_at": "2026-12-09T09:02:11+07:00",
        "closed_at": "2026-12-09T09:04:30+07:00",
        "published_at": "2026-12-09T09:05:02+07:00",
        "counts": None,
        "quorum_confirmed": False,
        "origin": None,
        "exclusions": [],
        "result": {
            "kind": "resolution",
            "method": "named",
            "by_show_of_hands": False,
            "total": 50,
            "eligible": 47,
            "cast": 47,
            "not_cast": 0,
            "cast_percent_of_total": "94.00",
            "counts": {"yes": 45, "no": 1, "abstain": 1},
            "rule": "gt_half_total",
            "required": 26,
            "passed": True,
            "options": [
                dict(option, count=count, percent_of_total=percent)
                for option, (count, percent) in zip(_OPTIONS, [(45, "90.00"), (1, "2.00"), (1, "2.00")])
            ],
            "wording": {
                "statement": {
                    "vi": "Có 47/50 đại biểu tham gia biểu quyết; tán thành 45 đại biểu, chiếm 90,00% tổng số đại "
                    "biểu; không tán thành 1 (2,00%); không biểu quyết 1 (2,00%).",
                    "en": "47/50 delegates took part in the vote; in favour 45 delegates, 90.00% of all delegates; "
                    "against 1 (2.00%); abstaining 1 (2.00%).",
                },
                "verdict": {"vi": "Kết quả: được thông qua.", "en": "Result: adopted."},
                "method": {"vi": "", "en": ""},
            },
        },
    },
)
RESOLUTION_EXAMPLE = OpenApiExample(
    "published_resolution",
    summary="A published resolution",
    response_only=True,
    status_codes=["200"],
    value={
        "id": 15,
        "number": "15/NQ-HĐND",
        "kind": "ordinary",
        "year": 2026,
        "serial": 15,
        "title": "Nghị quyết về kế hoạch đầu tư công năm 2027",
        "category": "budget",
        "text": "Điều 1. Thông qua kế hoạch đầu tư công năm 2027.\nĐiều 2. Giao Ủy ban nhân dân tỉnh tổ chức thực hiện.",
        "document": None,
        "signed_document": "/api/resolutions/15/signed-document/",
        "status": "published",
        "poll": 42,
        "session": 3,
        "adopted_on": "2026-12-09",
        "signer": "Trần Minh Đức",
        "effective_on": "2027-01-01",
        "decided_at": "2026-12-09T09:05:02+07:00",
        "published_at": "2026-12-12T15:00:00+07:00",
    },
)
