"""What the demo's activity records are made of (``demo.activity``, ``demo.score_sheets``): how active each demo
council is (its profile), the invented topics, petitions, good practices and officials' titles, and the evidence
file a record or an assessment is backed by. Names and places are invented."""

from __future__ import annotations

from dataclasses import dataclass

from activity.models import Evidence, GoodPractice, PetitionField
from activity.services import records
from demo import councils as demo
from demo.past_session import demo_pdf
from sessions_app.models import Council, User


@dataclass(frozen=True)
class Profile:
    """How active a council is in a year, before the seeded variation."""

    supervisions: int
    late_reports: int
    surveys: int
    receptions: int
    meeting_rounds: int  # each delegate group meets its voters once per round (before a regular session)
    petitions_per_meeting: int
    resolved_share: float
    good_practices: int
    explanations: int
    quality: float  # the share of a manual criterion's maximum its assessment earns, before variation


PROFILES = {
    demo.PROVINCE.code: Profile(7, 1, 5, 12, 2, 2, 0.8, 2, 2, 0.85),
    "ben-do": Profile(4, 1, 3, 11, 2, 2, 0.74, 1, 1, 0.8),
    "cua-lam": Profile(5, 0, 4, 12, 2, 2, 0.86, 2, 2, 0.9),
    "nui-may": Profile(2, 2, 2, 7, 1, 3, 0.55, 0, 0, 0.66),
    "ho-sen": Profile(3, 1, 3, 9, 2, 2, 0.7, 1, 1, 0.76),
}
DEFAULT_PROFILE = PROFILES["ho-sen"]  # for a commune added by hand under the demo province
ROUND_MONTHS = (6, 11)

SUPERVISION_TOPICS = [
    ("Việc quản lý, sử dụng đất công và đất nông nghiệp công ích", "Đất đai - môi trường"),
    ("Tiến độ thực hiện các công trình giao thông nông thôn", "Giao thông - xây dựng"),
    ("Công tác giải quyết khiếu nại, tố cáo và kiến nghị của công dân", "Pháp chế"),
    ("Việc thực hiện chính sách bảo hiểm y tế cho người cao tuổi và hộ cận nghèo", "Văn hóa - xã hội"),
    ("Công tác bảo đảm an toàn thực phẩm tại bếp ăn trường học", "Y tế - giáo dục"),
    ("Việc thu, chi và quyết toán ngân sách năm trước", "Kinh tế - ngân sách"),
    ("Công tác phòng, chống thiên tai và tìm kiếm cứu nạn", "Quốc phòng - an ninh"),
    ("Việc cải cách thủ tục hành chính tại bộ phận một cửa", "Cải cách hành chính"),
]
SURVEY_TOPICS = [
    "Thực trạng cơ sở vật chất các điểm trường mầm non",
    "Tình hình sản xuất vụ Đông Xuân",
    "Công tác thu gom, xử lý rác thải sinh hoạt",
    "Hoạt động của trạm y tế và y tế thôn bản",
    "Việc chi trả trợ cấp xã hội hằng tháng",
    "Tình hình an ninh trật tự tại khu vực chợ",
]
PETITIONS = [
    (PetitionField.INFRASTRUCTURE, "Đề nghị sửa chữa, nâng cấp tuyến đường liên thôn đã xuống cấp"),
    (PetitionField.LAND, "Đề nghị đẩy nhanh việc cấp giấy chứng nhận quyền sử dụng đất cho các hộ dân"),
    (PetitionField.HEALTH, "Đề nghị bổ sung thuốc và trang thiết bị cho trạm y tế"),
    (PetitionField.EDUCATION, "Đề nghị xây thêm phòng học cho điểm trường tiểu học"),
    (PetitionField.SOCIAL, "Đề nghị hỗ trợ kinh phí sửa chữa nhà văn hóa"),
    (PetitionField.ECONOMY, "Đề nghị hỗ trợ giống, vật tư cho hộ nuôi trồng bị thiệt hại do mưa lũ"),
    (PetitionField.SECURITY, "Đề nghị lắp đặt camera an ninh tại các tuyến đường trọng điểm"),
    (PetitionField.ADMINISTRATION, "Đề nghị rút ngắn thời gian giải quyết thủ tục chuyển nhượng đất đai"),
    (PetitionField.INFRASTRUCTURE, "Đề nghị lắp đặt hệ thống chiếu sáng công cộng"),
    (PetitionField.OTHER, "Đề nghị công khai việc sử dụng quỹ phòng, chống thiên tai"),
    (PetitionField.LAND, "Đề nghị xử lý tình trạng ô nhiễm do rác thải gần khu dân cư"),
    (PetitionField.SOCIAL, "Đề nghị xem xét chế độ cho người có công chưa được hưởng"),
]
GOOD_PRACTICES = [
    ("Mô hình “Ngày thứ Bảy lắng nghe cử tri”", "Mỗi tháng một buổi đại biểu trực tiếp nghe và trả lời cử tri."),
    ("Sổ tay điện tử theo dõi kiến nghị cử tri", "Cử tri tra cứu tiến độ giải quyết kiến nghị bằng mã QR."),
    ("Giám sát theo chuỗi sau giám sát chuyên đề", "Tái giám sát sau sáu tháng việc thực hiện kết luận giám sát."),
    ("Tổ đại biểu gắn với tổ dân phố văn minh", "Tổ đại biểu phối hợp tổ dân phố tiếp nhận phản ánh hằng tuần."),
]
EXPLANATION_TOPICS = [
    "Việc chậm giải quyết hồ sơ đất đai tồn đọng",
    "Tiến độ thi công các công trình đường giao thông",
    "Công tác quản lý chợ và an toàn thực phẩm",
    "Việc khắc phục hậu quả mưa lũ",
]
OFFICIAL_TITLES = [
    ("Chủ tịch Ủy ban nhân dân", "Ủy ban nhân dân"),
    ("Phó Chủ tịch Ủy ban nhân dân", "Ủy ban nhân dân"),
    ("Trưởng Công an", "Công an"),
]


def evidence_add(*, actor: User, council: Council, title: str, good_practice: GoodPractice | None = None) -> Evidence:
    pdf = demo_pdf(title)
    return records.evidence_upload(
        actor=actor,
        council=council,
        title=title,
        stream=pdf,
        size=pdf.size,
        original_name="minh-chung.pdf",
        good_practice=good_practice,
    )
