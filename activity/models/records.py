"""What a council does between sittings, entered by its secretariat: thematic supervision missions, surveys,
citizen reception, voter meetings and the petitions they raise, and good practices with their evidence.
Everything the archive already knows (sessions, questions, promises, explanation sessions) is not kept here:
statistics read it from the other apps."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from sessions_app.models import Committee, Council, DelegateGroup, Person, Session


class SupervisionMission(models.Model):
    """A thematic supervision mission (giám sát chuyên đề). Its report is due on ``report_due``; a report
    filed after it, or still missing once it has passed, counts as late."""

    council = models.ForeignKey(Council, verbose_name=_("HĐND"), on_delete=models.PROTECT, related_name="supervisions")
    committee = models.ForeignKey(
        Committee,
        verbose_name=_("ban thực hiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supervisions",
    )
    title = models.CharField(_("chuyên đề giám sát"), max_length=300)
    field = models.CharField(_("lĩnh vực"), max_length=120, blank=True)
    start_date = models.DateField(_("từ ngày"))
    end_date = models.DateField(_("đến ngày"))
    report_due = models.DateField(_("hạn nộp báo cáo"), null=True, blank=True)
    report_submitted_on = models.DateField(_("ngày nộp báo cáo"), null=True, blank=True)
    conclusion = models.TextField(_("kết luận, kiến nghị"), blank=True)
    delegates = models.ManyToManyField(
        Person, verbose_name=_("đại biểu tham gia"), blank=True, related_name="supervisions"
    )

    class Meta:
        verbose_name = _("giám sát chuyên đề")
        verbose_name_plural = _("giám sát chuyên đề")
        ordering = ["-start_date", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="supervision_dates_ordered"),
        ]

    def __str__(self) -> str:
        return self.title


class Survey(models.Model):
    """A survey (khảo sát) by the council, its standing committee or one of its committees."""

    council = models.ForeignKey(Council, verbose_name=_("HĐND"), on_delete=models.PROTECT, related_name="surveys")
    committee = models.ForeignKey(
        Committee,
        verbose_name=_("ban thực hiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="surveys",
    )
    title = models.CharField(_("nội dung khảo sát"), max_length=300)
    date = models.DateField(_("ngày khảo sát"))
    place = models.CharField(_("địa điểm"), max_length=200, blank=True)
    delegates = models.ManyToManyField(Person, verbose_name=_("đại biểu tham gia"), blank=True, related_name="surveys")

    class Meta:
        verbose_name = _("khảo sát")
        verbose_name_plural = _("khảo sát")
        ordering = ["-date", "pk"]

    def __str__(self) -> str:
        return self.title


class ReceptionKind(models.TextChoices):
    """NQ 759/2014/UBTVQH13: periodic reception by delegates, and the office's regular (daily) reception."""

    PERIODIC = "periodic", _("Tiếp công dân định kỳ")
    REGULAR = "regular", _("Tiếp công dân thường xuyên")


class CitizenReception(models.Model):
    """A citizen reception session (buổi tiếp công dân), periodic or regular, with the opinions, petitions and
    reflections heard and the written complaints (đơn thư) received."""

    council = models.ForeignKey(
        Council, verbose_name=_("HĐND"), on_delete=models.PROTECT, related_name="citizen_receptions"
    )
    kind = models.CharField(
        _("hình thức tiếp"), max_length=10, choices=ReceptionKind.choices, default=ReceptionKind.PERIODIC
    )
    date = models.DateField(_("ngày tiếp"))
    place = models.CharField(_("địa điểm"), max_length=200, blank=True)
    delegates = models.ManyToManyField(
        Person, verbose_name=_("đại biểu tiếp"), blank=True, related_name="citizen_receptions"
    )
    citizens_received = models.PositiveIntegerField(_("lượt công dân"))
    opinions_received = models.PositiveIntegerField(_("ý kiến, kiến nghị, phản ánh"), default=0)
    petitions_received = models.PositiveIntegerField(_("đơn thư tiếp nhận"), default=0)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("buổi tiếp công dân")
        verbose_name_plural = _("buổi tiếp công dân")
        ordering = ["-date", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=[c.value for c in ReceptionKind]), name="reception_kind_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.council} {self.date:%d/%m/%Y}"


class VoterMeeting(models.Model):
    """A voter meeting (tiếp xúc cử tri) held by a delegate group."""

    council = models.ForeignKey(
        Council, verbose_name=_("HĐND"), on_delete=models.PROTECT, related_name="voter_meetings"
    )
    group = models.ForeignKey(
        DelegateGroup,
        verbose_name=_("tổ đại biểu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="voter_meetings",
    )
    date = models.DateField(_("ngày tiếp xúc"))
    place = models.CharField(_("địa điểm"), max_length=200, blank=True)
    delegates = models.ManyToManyField(Person, verbose_name=_("đại biểu dự"), blank=True, related_name="voter_meetings")
    voters_attending = models.PositiveIntegerField(_("số cử tri dự"))
    petitions_raised = models.PositiveIntegerField(_("số ý kiến, kiến nghị"), default=0)

    class Meta:
        verbose_name = _("buổi tiếp xúc cử tri")
        verbose_name_plural = _("buổi tiếp xúc cử tri")
        ordering = ["-date", "pk"]

    def __str__(self) -> str:
        return f"{self.group or self.council} {self.date:%d/%m/%Y}"


class PetitionStatus(models.TextChoices):
    RECEIVED = "received", _("Đã tiếp nhận")
    IN_PROGRESS = "in_progress", _("Đang giải quyết")
    RESOLVED = "resolved", _("Đã giải quyết")
    EXPLAINED = "explained", _("Đã giải trình, thông tin")


# received → in_progress → resolved | explained; a change may not skip a step or go back.
PETITION_NEXT: dict[str, set[str]] = {
    PetitionStatus.RECEIVED: {PetitionStatus.IN_PROGRESS},
    PetitionStatus.IN_PROGRESS: {PetitionStatus.RESOLVED, PetitionStatus.EXPLAINED},
}


class PetitionField(models.TextChoices):
    ECONOMY = "economy", _("Kinh tế - ngân sách")
    LAND = "land", _("Đất đai - môi trường")
    INFRASTRUCTURE = "infrastructure", _("Giao thông - xây dựng")
    SOCIAL = "social", _("Văn hóa - xã hội")
    HEALTH = "health", _("Y tế")
    EDUCATION = "education", _("Giáo dục")
    SECURITY = "security", _("Quốc phòng - an ninh, trật tự")
    ADMINISTRATION = "administration", _("Cải cách hành chính")
    OTHER = "other", _("Lĩnh vực khác")


class AuthorityLevel(models.TextChoices):
    CENTRAL = "central", _("Trung ương")
    PROVINCE = "province", _("Cấp tỉnh")
    COMMUNE = "commune", _("Cấp xã")


class AnsweringAgency(models.Model):
    """An agency that answers voter petitions (cơ quan trả lời): the council's people's committee, its
    departments, the courts … of the council's level. Data, kept by the council's secretariat."""

    council = models.ForeignKey(
        Council, verbose_name=_("HĐND"), on_delete=models.PROTECT, related_name="answering_agencies"
    )
    name = models.CharField(_("tên cơ quan"), max_length=200)
    short_name = models.CharField(_("tên viết tắt"), max_length=60, blank=True)
    active = models.BooleanField(_("đang sử dụng"), default=True)

    class Meta:
        verbose_name = _("cơ quan trả lời kiến nghị")
        verbose_name_plural = _("cơ quan trả lời kiến nghị")
        ordering = ["name", "pk"]
        constraints = [models.UniqueConstraint(fields=["council", "name"], name="answering_agency_unique")]

    def __str__(self) -> str:
        return self.name


class SessionPhase(models.TextChoices):
    """Voters' petitions are collected at the meetings before a session (reported to it) or after it."""

    BEFORE = "before", _("Trước kỳ họp")
    AFTER = "after", _("Sau kỳ họp")


ANSWERED_STATUSES = ["resolved", "explained"]


class VoterPetition(models.Model):
    """A voter petition (kiến nghị cử tri) and how far its answer has come: numbered per council and year
    (``code`` "KN-2026-0012"), grouped under the session it was collected for (before or after it), assigned to
    the agency that answers it, answered with a text, a date and the answering document."""

    council = models.ForeignKey(
        Council, verbose_name=_("HĐND"), on_delete=models.PROTECT, related_name="voter_petitions"
    )
    meeting = models.ForeignKey(
        VoterMeeting,
        verbose_name=_("buổi tiếp xúc cử tri"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="petitions",
    )
    content = models.TextField(_("nội dung kiến nghị"))
    field = models.CharField(_("lĩnh vực"), max_length=20, choices=PetitionField.choices, default=PetitionField.OTHER)
    authority_level = models.CharField(_("thẩm quyền giải quyết"), max_length=10, choices=AuthorityLevel.choices)
    status = models.CharField(
        _("tình trạng"), max_length=12, choices=PetitionStatus.choices, default=PetitionStatus.RECEIVED
    )
    received_on = models.DateField(_("ngày tiếp nhận"))
    status_changed_on = models.DateField(_("ngày cập nhật tình trạng"))
    response = models.TextField(_("kết quả trả lời, giải quyết"), blank=True)
    year = models.PositiveSmallIntegerField(_("năm"), null=True, blank=True)
    number = models.PositiveIntegerField(_("số thứ tự trong năm"), null=True, blank=True)
    session = models.ForeignKey(
        Session,
        verbose_name=_("kỳ họp"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="voter_petitions",
    )
    session_phase = models.CharField(
        _("thời điểm tiếp xúc"), max_length=6, choices=SessionPhase.choices, blank=True, default=""
    )
    agency = models.ForeignKey(
        AnsweringAgency,
        verbose_name=_("cơ quan trả lời"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="petitions",
    )
    assigned_on = models.DateField(_("ngày chuyển cơ quan trả lời"), null=True, blank=True)
    answered_on = models.DateField(_("ngày trả lời"), null=True, blank=True)
    answer_document = models.CharField(_("văn bản trả lời (số, ký hiệu)"), max_length=200, blank=True)
    search_text = models.TextField(editable=False, blank=True, default="")  # folded: code, content, answer, agency

    class Meta:
        verbose_name = _("kiến nghị cử tri")
        verbose_name_plural = _("kiến nghị cử tri")
        ordering = ["-received_on", "pk"]
        indexes = [models.Index(fields=["council", "session"], name="petition_council_session")]
        constraints = [
            models.UniqueConstraint(fields=["council", "year", "number"], name="petition_number_unique"),
            models.CheckConstraint(
                condition=(Q(session__isnull=True) & Q(session_phase=""))
                | (Q(session__isnull=False) & Q(session_phase__in=[c.value for c in SessionPhase])),
                name="petition_session_phase",
            ),
            models.CheckConstraint(
                condition=Q(answered_on__isnull=True) | Q(answered_on__gte=F("received_on")),
                name="petition_answer_after_receipt",
            ),
            models.CheckConstraint(
                condition=Q(status__in=[c.value for c in PetitionStatus]), name="petition_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(field__in=[c.value for c in PetitionField]), name="petition_field_valid"
            ),
            models.CheckConstraint(
                condition=Q(authority_level__in=[c.value for c in AuthorityLevel]), name="petition_authority_valid"
            ),
            models.CheckConstraint(condition=Q(status_changed_on__gte=F("received_on")), name="petition_dates_ordered"),
        ]

    def __str__(self) -> str:
        return self.content[:80]

    @property
    def code(self) -> str:
        return petition_code(self.year, self.number)


def petition_code(year: int | None, number: int | None) -> str:
    """ "KN-2026-0012": the petition's number in its council and year, as citizens quote it."""
    return f"KN-{year}-{number:04d}" if year and number else ""


class GoodPractice(models.Model):
    """A good practice (mô hình, cách làm hay) recognised for the council, with its evidence files."""

    council = models.ForeignKey(
        Council, verbose_name=_("HĐND"), on_delete=models.PROTECT, related_name="good_practices"
    )
    title = models.CharField(_("tên mô hình, cách làm hay"), max_length=300)
    description = models.TextField(_("mô tả"))
    recognized_on = models.DateField(_("ngày ghi nhận"))

    class Meta:
        verbose_name = _("mô hình, cách làm hay")
        verbose_name_plural = _("mô hình, cách làm hay")
        ordering = ["-recognized_on", "pk"]

    def __str__(self) -> str:
        return self.title


class Evidence(models.Model):
    """A file that proves a good practice or a hand-assessed score; its type is checked by content."""

    council = models.ForeignKey(Council, verbose_name=_("HĐND"), on_delete=models.PROTECT, related_name="evidence")
    good_practice = models.ForeignKey(
        GoodPractice,
        verbose_name=_("mô hình, cách làm hay"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="evidence",
    )
    title = models.CharField(_("tên minh chứng"), max_length=300)
    file = models.FileField(_("tệp"), upload_to="evidence/%Y/", max_length=200)
    content_type = models.CharField(_("kiểu nội dung"), max_length=100)
    size = models.PositiveBigIntegerField(_("kích thước (byte)"))
    sha256 = models.CharField(max_length=64)
    original_name = models.CharField(_("tên tệp gốc"), max_length=255, blank=True)
    uploaded_at = models.DateTimeField(_("tải lên lúc"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tải lên"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("minh chứng")
        verbose_name_plural = _("minh chứng")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title
