"""Councils, their terms, people, organs and memberships."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class CouncilLevel(models.TextChoices):
    PROVINCE = "province", _("Cấp tỉnh")
    COMMUNE = "commune", _("Cấp xã")
    DISTRICT = "district", _("Cấp huyện (dữ liệu trước 2025)")


class Council(models.Model):
    """A People's Council (HĐND) of a province or commune; district councils exist only in old records."""

    name = models.CharField(_("tên"), max_length=200)
    short_name = models.CharField(_("tên ngắn"), max_length=100, blank=True)
    level = models.CharField(_("cấp"), max_length=16, choices=CouncilLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("HĐND cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    code = models.SlugField(_("mã"), max_length=32, unique=True)
    place_name = models.CharField(_("địa danh"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("Hội đồng nhân dân")
        verbose_name_plural = _("Hội đồng nhân dân")
        ordering = ["level", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(level__in=[c.value for c in CouncilLevel]), name="council_level_valid"),
            models.CheckConstraint(condition=~Q(parent=F("pk")), name="council_not_own_parent"),
        ]

    def __str__(self) -> str:
        return self.name


class Term(models.Model):
    """A five-year term (nhiệm kỳ) of one council, e.g. "2026-2031", "khóa XI"."""

    council = models.ForeignKey(Council, verbose_name=_("HĐND"), on_delete=models.PROTECT, related_name="terms")
    label = models.CharField(_("nhiệm kỳ"), max_length=20)
    ordinal = models.CharField(_("khóa"), max_length=20)
    start_date = models.DateField(_("ngày bắt đầu"))
    end_date = models.DateField(_("ngày kết thúc"))

    class Meta:
        verbose_name = _("nhiệm kỳ")
        verbose_name_plural = _("nhiệm kỳ")
        ordering = ["council", "-start_date"]
        constraints = [
            models.UniqueConstraint(fields=["council", "label"], name="term_label_unique_per_council"),
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="term_dates_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.council} {self.ordinal} ({self.label})"


class Person(models.Model):
    """A person known to the system: delegates and staff. Contact data is never public."""

    class Gender(models.TextChoices):
        FEMALE = "female", _("Nữ")
        MALE = "male", _("Nam")
        OTHER = "other", _("Khác")

    full_name = models.CharField(_("họ và tên"), max_length=120)
    gender = models.CharField(_("giới tính"), max_length=8, choices=Gender.choices, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"), null=True, blank=True)
    ethnicity = models.CharField(_("dân tộc"), max_length=40, blank=True)
    occupation = models.CharField(_("nghề nghiệp, chức vụ"), max_length=200, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("người")
        verbose_name_plural = _("người")
        ordering = ["full_name", "pk"]

    def __str__(self) -> str:
        return self.full_name


class Committee(models.Model):
    """A committee (Ban) of a council for one term; the set differs per council and term."""

    council = models.ForeignKey(Council, verbose_name=_("HĐND"), on_delete=models.PROTECT, related_name="committees")
    term = models.ForeignKey(Term, verbose_name=_("nhiệm kỳ"), on_delete=models.PROTECT, related_name="committees")
    name = models.CharField(_("tên"), max_length=120)

    class Meta:
        verbose_name = _("ban")
        verbose_name_plural = _("các ban")
        ordering = ["council", "name"]
        constraints = [models.UniqueConstraint(fields=["term", "name"], name="committee_name_unique_per_term")]

    def __str__(self) -> str:
        return self.name


class DelegateGroup(models.Model):
    """A delegate group by constituency (Tổ đại biểu)."""

    council = models.ForeignKey(Council, verbose_name=_("HĐND"), on_delete=models.PROTECT, related_name="groups")
    term = models.ForeignKey(Term, verbose_name=_("nhiệm kỳ"), on_delete=models.PROTECT, related_name="groups")
    name = models.CharField(_("tên"), max_length=120)
    constituency = models.CharField(_("đơn vị bầu cử"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("tổ đại biểu")
        verbose_name_plural = _("tổ đại biểu")
        ordering = ["council", "name"]
        constraints = [models.UniqueConstraint(fields=["term", "name"], name="group_name_unique_per_term")]

    def __str__(self) -> str:
        return self.name


class MembershipRole(models.TextChoices):
    CHAIR = "chair", _("Chủ tịch HĐND")
    VICE_CHAIR = "vice_chair", _("Phó Chủ tịch HĐND")
    COMMITTEE_HEAD = "committee_head", _("Trưởng ban")
    COMMITTEE_DEPUTY = "committee_deputy", _("Phó Trưởng ban")
    DELEGATE = "delegate", _("Đại biểu")


class Membership(models.Model):
    """A person's seat in a council for a term. ``end_date`` is the last day of the mandate (vacancy after).

    Every membership is a delegate seat; ``role`` says which post the delegate holds besides.
    Overlaps (same person twice, or one seat held by two people at once) are refused by the service,
    which locks the term's memberships while it checks.
    """

    person = models.ForeignKey(Person, verbose_name=_("người"), on_delete=models.PROTECT, related_name="memberships")
    council = models.ForeignKey(Council, verbose_name=_("HĐND"), on_delete=models.PROTECT, related_name="memberships")
    term = models.ForeignKey(Term, verbose_name=_("nhiệm kỳ"), on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(
        _("chức vụ"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.DELEGATE
    )
    committee = models.ForeignKey(
        Committee, verbose_name=_("ban"), null=True, blank=True, on_delete=models.PROTECT, related_name="memberships"
    )
    group = models.ForeignKey(
        DelegateGroup,
        verbose_name=_("tổ đại biểu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    full_time = models.BooleanField(_("chuyên trách"), default=False)
    seat = models.PositiveSmallIntegerField(_("số ghế"))
    start_date = models.DateField(_("từ ngày"))
    end_date = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("đại biểu (tư cách thành viên)")
        verbose_name_plural = _("đại biểu (tư cách thành viên)")
        ordering = ["council", "seat"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")), name="membership_dates_ordered"
            ),
            models.CheckConstraint(
                condition=Q(role__in=[c.value for c in MembershipRole]), name="membership_role_valid"
            ),
            models.CheckConstraint(condition=Q(seat__gte=1), name="membership_seat_positive"),
            models.UniqueConstraint(fields=["term", "person", "start_date"], name="membership_person_start_unique"),
            models.UniqueConstraint(fields=["term", "seat", "start_date"], name="membership_seat_start_unique"),
        ]
        indexes = [models.Index(fields=["council", "start_date", "end_date"], name="membership_active_idx")]

    def __str__(self) -> str:
        return f"{self.person} — {self.council} ({self.get_role_display()})"
