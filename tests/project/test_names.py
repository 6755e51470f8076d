"""Names in Vietnamese order and Vietnamese collation (ICU)."""

from __future__ import annotations

from core.names import name_parts, sorted_by_name
from sessions_app.models import User


def test_name_parts_family_first():
    assert name_parts("Trần Xuân Nam") == ("Trần", "Xuân", "Nam")
    assert name_parts("Lê Thị Thu Hà") == ("Lê", "Thị Thu", "Hà")
    assert name_parts("Nam") == ("", "", "Nam")


def test_sorted_by_given_name_in_vietnamese_collation():
    names = [
        "Phạm Ưng",
        "Lê Uy",
        "Trần Đức",
        "Ngô Dũng",
        "Vũ Ánh",
        "Hồ Ảnh",
        "Đỗ An",
        "Bùi Ăn",
        "Cao Ân",
        "Lý Ạnh",
        "Mai Ành",
        "Hà Ãnh",
        "Trần Văn Dung",
        "Nguyễn Dung",
    ]
    assert sorted_by_name(names, str) == [
        "Đỗ An",
        "Mai Ành",
        "Hồ Ảnh",
        "Hà Ãnh",
        "Vũ Ánh",
        "Lý Ạnh",
        "Bùi Ăn",
        "Cao Ân",
        "Nguyễn Dung",
        "Trần Văn Dung",
        "Ngô Dũng",
        "Trần Đức",
        "Lê Uy",
        "Phạm Ưng",
    ]


def test_user_full_name_is_in_vietnamese_order():
    user = User(username="x", first_name="Nam", last_name="Trần Xuân")
    assert user.get_full_name() == "Trần Xuân Nam"
