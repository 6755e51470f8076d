"""Sessions (kỳ họp), their sittings (phiên họp) and attendance."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.errors import ServiceError
from sessions_app.errors import SESSION_DATES_INVALID, SITTING_OUTSIDE_SESSION
from sessions_app.models.council import Council, Person, Term


class SessionType(models.TextChoices):
    REGULAR = "regular", _("Thường lệ")
    THEMATIC = "thematic", _("Chuyên đề / giải quyết công việc phát sinh đột xuất")
    EXTRAORDINARY = "extraordinary", _("Bất thường (dữ liệu trước 2019)")


class SessionStatus(models.TextChoices):
    PLANNED = "planned", _("Dự kiến")
    IN_PROGRESS = "in_progress", _("Đang họp")
    CLOSED = "closed", _("Đã bế mạc")


class Session(models.Model):
    """A numbered session of a council's term: "Kỳ họp thứ 5, HĐND tỉnh khóa XI"."""

    council = models.ForeignKey(Council, verbose_name=_("HĐND"), on_delete=models.PROTECT, related_name="sessions")
    term = models.ForeignKey(Term, verbose_name=_("nhiệm kỳ"), on_delete=models.PROTECT, related_name="sessions")
    number = models.PositiveSmallIntegerField(_("kỳ họp thứ"))
    type = models.CharField(_("loại kỳ họp"), max_length=16, choices=SessionType.choices, default=SessionType.REGULAR)
    title = models.CharField(_("tên kỳ họp"), max_length=300)
    venue = models.CharField(_("địa điểm"), max_length=200, blank=True)
    start_date = models.DateField(_("ngày khai mạc"))
    end_date = models.DateField(_("ngày bế mạc"))
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=SessionStatus.choices, default=SessionStatus.PLANNED
    )
    is_public = models.BooleanField(_("công khai"), default=True)
    convening_notice = models.FileField(_("giấy triệu tập"), upload_to="sessions/notices/", max_length=200, blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("kỳ họp")
        verbose_name_plural = _("kỳ họp")
        ordering = ["-start_date", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["term", "number"], name="session_number_unique_per_term"),
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="session_dates_ordered"),
            models.CheckConstraint(
                condition=Q(status__in=[c.value for c in SessionStatus]), name="session_status_valid"
            ),
            models.CheckConstraint(condition=Q(type__in=[c.value for c in SessionType]), name="session_type_valid"),
            models.CheckConstraint(condition=Q(number__gte=1), name="session_number_positive"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        """The service's rule, for forms (admin): a session cannot end before it starts."""
        if self.start_date and self.end_date and self.end_date < self.start_date:
            error = ServiceError(SESSION_DATES_INVALID)
            raise ValidationError({"end_date": error.message()}, code=error.code)


class SittingStatus(models.TextChoices):
    PLANNED = "planned", _("Chưa họp")
    OPEN = "open", _("Đang họp")
    CLOSED = "closed", _("Đã kết thúc")


class Sitting(models.Model):
    """One sitting (phiên họp) of a session; closed-door sittings (họp kín) are never shown publicly."""

    session = models.ForeignKey(Session, verbose_name=_("kỳ họp"), on_delete=models.CASCADE, related_name="sittings")
    number = models.PositiveSmallIntegerField(_("phiên số"))
    title = models.CharField(_("tên phiên"), max_length=200, blank=True)
    date = models.DateField(_("ngày"))
    start_time = models.TimeField(_("giờ bắt đầu"))
    end_time = models.TimeField(_("giờ kết thúc"), null=True, blank=True)
    venue = models.CharField(_("địa điểm"), max_length=200, blank=True)
    is_closed_door = models.BooleanField(_("họp kín"), default=False)
    closed_door_decision = models.CharField(_("quyết định họp kín"), max_length=300, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=SittingStatus.choices, default=SittingStatus.PLANNED
    )
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("phiên họp")
        verbose_name_plural = _("phiên họp")
        ordering = ["session", "number"]
        constraints = [
            models.UniqueConstraint(fields=["session", "number"], name="sitting_number_unique_per_session"),
            models.CheckConstraint(
                condition=Q(end_time__isnull=True) | Q(end_time__gt=F("start_time")), name="sitting_times_ordered"
            ),
            models.CheckConstraint(
                condition=Q(status__in=[c.value for c in SittingStatus]), name="sitting_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.session} — phiên {self.number}"

    def clean(self) -> None:
        """The service's rule, for forms (admin): the sitting falls within its session's dates."""
        session = Session.objects.filter(pk=self.session_id).first() if self.session_id else None
        if session is not None and self.date and not session.start_date <= self.date <= session.end_date:
            error = ServiceError(
                SITTING_OUTSIDE_SESSION,
                start=session.start_date.strftime("%d/%m/%Y"),
                end=session.end_date.strftime("%d/%m/%Y"),
            )
            raise ValidationError({"date": error.message()}, code=error.code)


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Có mặt")
    EXCUSED = "excused", _("Vắng có lý do")
    ABSENT = "absent", _("Vắng không lý do")


class CheckInMethod(models.TextChoices):
    QR = "qr", _("Mã QR")
    TABLET = "tablet", _("Máy tính bảng")
    MANUAL = "manual", _("Thư ký ghi nhận")


class Attendance(models.Model):
    sitting = models.ForeignKey(
        Sitting, verbose_name=_("phiên họp"), on_delete=models.CASCADE, related_name="attendance"
    )
    person = models.ForeignKey(Person, verbose_name=_("đại biểu"), on_delete=models.PROTECT, related_name="attendance")
    status = models.CharField(_("tình trạng"), max_length=16, choices=AttendanceStatus.choices)
    method = models.CharField(_("cách ghi nhận"), max_length=16, choices=CheckInMethod.choices)
    checked_in_at = models.DateTimeField(_("giờ điểm danh"), null=True, blank=True)
    checked_out_at = models.DateTimeField(_("giờ rời phiên"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("điểm danh")
        verbose_name_plural = _("điểm danh")
        ordering = ["sitting", "person"]
        constraints = [
            models.UniqueConstraint(fields=["sitting", "person"], name="attendance_once_per_sitting"),
            models.CheckConstraint(
                condition=Q(status__in=[c.value for c in AttendanceStatus]), name="attendance_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(method__in=[c.value for c in CheckInMethod]), name="attendance_method_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status="present") | Q(checked_in_at__isnull=False), name="attendance_present_has_time"
            ),
            models.CheckConstraint(
                condition=Q(checked_out_at__isnull=True) | Q(checked_out_at__gte=F("checked_in_at")),
                name="attendance_checkout_after_checkin",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} @ {self.sitting}: {self.get_status_display()}"
