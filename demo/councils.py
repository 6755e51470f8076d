"""The fictitious demo councils: invented places and people, deterministic, with documented passwords.

``seed_demo`` builds them (idempotently) and ``demo_info`` prints how to log in. Names are generated from
lists of common family, middle and given names with a fixed seed, so every run yields the same people."""

from __future__ import annotations

import random
from dataclasses import dataclass

from sessions_app.models import CouncilLevel

# Demo only: ``seed_demo`` refuses to create these accounts when DEBUG is off (unless forced).
ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "quantri-demo-2026"
SECRETARIAT_PASSWORD = "thuky-demo-2026"
CHAIR_PASSWORD = "chutoa-demo-2026"
DELEGATE_PASSWORD = "daibieu-demo-2026"

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Đinh",
    "Trương",
    "Lương",
    "Mai",
]
MIDDLE = {
    "male": ["Văn", "Hữu", "Đức", "Minh", "Quang", "Công", "Xuân", "Đình"],
    "female": ["Thị", "Ngọc", "Thu", "Thanh", "Kim", "Mỹ", "Bích", "Hồng"],
}
GIVEN = {
    "male": [
        "An",
        "Bình",
        "Cường",
        "Dũng",
        "Hải",
        "Hùng",
        "Khoa",
        "Long",
        "Nam",
        "Phong",
        "Quân",
        "Sơn",
        "Thắng",
        "Tuấn",
        "Việt",
        "Trung",
        "Toàn",
        "Lộc",
    ],
    "female": [
        "Anh",
        "Chi",
        "Dung",
        "Hà",
        "Hạnh",
        "Hoa",
        "Hương",
        "Lan",
        "Linh",
        "Mai",
        "Ngân",
        "Phương",
        "Thảo",
        "Trang",
        "Yến",
        "Nhung",
        "Vân",
        "Loan",
    ],
}
OCCUPATIONS = [
    "Giáo viên trung học phổ thông",
    "Bác sĩ bệnh viện đa khoa",
    "Kỹ sư thủy lợi",
    "Nông dân",
    "Doanh nhân",
    "Cán bộ Mặt trận Tổ quốc",
    "Chủ nhiệm hợp tác xã",
    "Luật sư",
    "Cán bộ hội phụ nữ",
    "Công chức văn phòng",
    "Kỹ sư xây dựng",
    "Cán bộ đoàn thanh niên",
    "Nhà báo",
    "Dược sĩ",
]
ETHNICITIES = ["Kinh"] * 8 + ["Thái", "Mường"]


@dataclass(frozen=True)
class DemoCouncil:
    code: str
    name: str
    short_name: str
    place_name: str
    level: str
    slug: str  # in usernames: thuky.<slug>, chutoa.<slug>, db.<slug>.NN
    delegates: int
    committees: tuple[str, ...]
    groups: tuple[str, ...]
    seed: int

    @property
    def secretariat_username(self) -> str:
        return f"thuky.{self.slug}"

    @property
    def chair_username(self) -> str:
        return f"chutoa.{self.slug}"

    def delegate_username(self, seat: int) -> str:
        return f"db.{self.slug}.{seat:02d}"


PROVINCE = DemoCouncil(
    code="song-lam",
    name="Hội đồng nhân dân tỉnh Sông Lam",
    short_name="HĐND tỉnh Sông Lam",
    place_name="tỉnh Sông Lam",
    level=CouncilLevel.PROVINCE,
    slug="songlam",
    delegates=50,
    committees=("Ban Pháp chế", "Ban Kinh tế - Ngân sách", "Ban Văn hóa - Xã hội", "Ban Dân tộc"),
    groups=tuple(
        f"Tổ đại biểu số {n} ({place})"
        for n, place in enumerate(
            [
                "phường Bến Thủy Mới",
                "xã Đồng Lam",
                "xã Hương Khê Thượng",
                "phường Cửa Lò Mới",
                "xã Nam Đàn Hạ",
                "xã Thanh Ngọc",
                "xã Kỳ Sơn Mới",
            ],
            start=1,
        )
    ),
    seed=20260701,
)
# Communes and wards since July 2025 (domain.md): an economy-budget and a culture-society committee.
COMMUNE_COMMITTEES = ("Ban Kinh tế - Ngân sách", "Ban Văn hóa - Xã hội")
COMMUNE = DemoCouncil(
    code="ben-do",
    name="Hội đồng nhân dân xã Bến Đò",
    short_name="HĐND xã Bến Đò",
    place_name="xã Bến Đò",
    level=CouncilLevel.COMMUNE,
    slug="bendo",
    delegates=25,
    committees=COMMUNE_COMMITTEES,
    groups=("Tổ đại biểu thôn Bến Trên", "Tổ đại biểu thôn Bến Dưới", "Tổ đại biểu thôn Đồng Cát"),
    seed=20260702,
)
MORE_COMMUNES = (
    DemoCouncil(
        code="cua-lam",
        name="Hội đồng nhân dân phường Cửa Lam",
        short_name="HĐND phường Cửa Lam",
        place_name="phường Cửa Lam",
        level=CouncilLevel.COMMUNE,
        slug="cualam",
        delegates=19,
        committees=COMMUNE_COMMITTEES,
        groups=("Tổ đại biểu khu phố Cửa Lam 1", "Tổ đại biểu khu phố Cửa Lam 2", "Tổ đại biểu khu phố Bãi Ngang"),
        seed=20260703,
    ),
    DemoCouncil(
        code="nui-may",
        name="Hội đồng nhân dân xã Núi Mây",
        short_name="HĐND xã Núi Mây",
        place_name="xã Núi Mây",
        level=CouncilLevel.COMMUNE,
        slug="nuimay",
        delegates=15,
        committees=COMMUNE_COMMITTEES,
        groups=("Tổ đại biểu thôn Mây Thượng", "Tổ đại biểu thôn Mây Hạ"),
        seed=20260704,
    ),
    DemoCouncil(
        code="ho-sen",
        name="Hội đồng nhân dân xã Hồ Sen",
        short_name="HĐND xã Hồ Sen",
        place_name="xã Hồ Sen",
        level=CouncilLevel.COMMUNE,
        slug="hosen",
        delegates=17,
        committees=COMMUNE_COMMITTEES,
        groups=("Tổ đại biểu thôn Sen Hồng", "Tổ đại biểu thôn Sen Trắng", "Tổ đại biểu thôn Bãi Sậy"),
        seed=20260705,
    ),
)
# The commune councils under the province; their seeds are chosen so that no name repeats across councils.
COMMUNES = (COMMUNE, *MORE_COMMUNES)
DEMO_COUNCILS = (PROVINCE, *COMMUNES)


@dataclass(frozen=True)
class DemoPerson:
    full_name: str
    gender: str
    birth_year: int
    ethnicity: str
    occupation: str


def demo_people(council: DemoCouncil) -> list[DemoPerson]:
    """``council.delegates`` distinct invented people, the same on every call."""
    rng = random.Random(council.seed)
    people: list[DemoPerson] = []
    names: set[str] = set()
    while len(people) < council.delegates:
        gender = rng.choice(["male", "female"])
        name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE[gender])} {rng.choice(GIVEN[gender])}"
        birth_year, ethnicity, occupation = rng.randint(1966, 1994), rng.choice(ETHNICITIES), rng.choice(OCCUPATIONS)
        if name in names:
            continue
        names.add(name)
        people.append(DemoPerson(name, gender, birth_year, ethnicity, occupation))
    return people
