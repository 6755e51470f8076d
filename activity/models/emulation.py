"""Emulation score sheets (thang điểm thi đua): one sheet per scoring council, year and kind of target, a tree
of criteria with maximum points, the points each target earned on each criterion, and the ranking.

A sheet is edited and scored while in draft, then locked (nothing on it changes any more, whatever later
happens to the statistics it was computed from) and published. Next year's sheet starts as a copy, so
changing it never touches a past year."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from activity.models.records import Evidence
from sessions_app.models import Committee, Council, DelegateGroup, Person


class TargetKind(models.TextChoices):
    COMMUNE_COUNCILS = "commune_councils", _("HĐND cấp xã trực thuộc")
    COMMITTEES = "committees", _("Các Ban của HĐND")
    DELEGATE_GROUPS = "delegate_groups", _("Các Tổ đại biểu")
    DELEGATES = "delegates", _("Đại biểu HĐND")


class TieRule(models.TextChoices):
    SHARED = "shared", _("Bằng điểm thì đồng hạng")
    CRITERIA_ORDER = (
        "criteria_order",
        _("Bằng điểm thì xét lần lượt điểm các tiêu chí lớn theo thứ tự; vẫn bằng thì đồng hạng"),
    )
    FEWER_DEDUCTIONS = "fewer_deductions", _("Bằng điểm thì ai bị trừ ít điểm hơn xếp trên; vẫn bằng thì đồng hạng")


class SheetStatus(models.TextChoices):
    DRAFT = "draft", _("Đang xây dựng, chấm điểm")
    LOCKED = "locked", _("Đã khóa")
    PUBLISHED = "published", _("Đã công bố")


class ScoreSheet(models.Model):
    council = models.ForeignKey(
        Council, verbose_name=_("HĐND chấm điểm"), on_delete=models.PROTECT, related_name="score_sheets"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    target_kind = models.CharField(_("đối tượng"), max_length=20, choices=TargetKind.choices)
    title = models.CharField(_("tên thang điểm"), max_length=300)
    bonus_cap = models.DecimalField(_("điểm thưởng tối đa"), max_digits=6, decimal_places=2, default=0)
    tie_rule = models.CharField(
        _("quy tắc xếp hạng khi bằng điểm"), max_length=20, choices=TieRule.choices, default=TieRule.SHARED
    )
    status = models.CharField(_("trạng thái"), max_length=10, choices=SheetStatus.choices, default=SheetStatus.DRAFT)
    based_on = models.ForeignKey(
        "self", verbose_name=_("sao chép từ"), null=True, blank=True, on_delete=models.SET_NULL, related_name="copies"
    )
    created_at = models.DateTimeField(_("tạo lúc"))
    ranked_at = models.DateTimeField(_("xếp hạng lúc"), null=True, blank=True)
    # Set by every change to criteria or points, cleared by ranking: a stale ranking cannot be locked.
    ranking_stale = models.BooleanField(_("cần xếp hạng lại"), default=True)
    locked_at = models.DateTimeField(_("khóa lúc"), null=True, blank=True)
    published_at = models.DateTimeField(_("công bố lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thang điểm thi đua")
        verbose_name_plural = _("thang điểm thi đua")
        ordering = ["-year", "council", "target_kind"]
        constraints = [
            models.UniqueConstraint(fields=["council", "year", "target_kind"], name="sheet_one_per_year_and_target"),
            models.CheckConstraint(condition=Q(status__in=[c.value for c in SheetStatus]), name="sheet_status_valid"),
            models.CheckConstraint(
                condition=Q(target_kind__in=[c.value for c in TargetKind]), name="sheet_target_valid"
            ),
            models.CheckConstraint(condition=Q(tie_rule__in=[c.value for c in TieRule]), name="sheet_tie_rule_valid"),
            models.CheckConstraint(condition=Q(bonus_cap__gte=0), name="sheet_bonus_cap_not_negative"),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(locked_at__isnull=False), name="sheet_locked_has_time"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"


class CriterionSection(models.TextChoices):
    REGULAR = "regular", _("Tiêu chí chấm điểm")
    BONUS = "bonus", _("Điểm thưởng")
    DEDUCTION = "deduction", _("Điểm trừ")


class CriterionMethod(models.TextChoices):
    GROUP = "group", _("Nhóm tiêu chí")
    COMPUTED = "computed", _("Tính tự động từ số liệu")
    MANUAL = "manual", _("Chấm trực tiếp, có minh chứng")


class Criterion(models.Model):
    """A line of the sheet. A group's maximum caps the sum of its children; a computed criterion earns points
    by its ``rule`` (see ``activity.rules``); a manual one is assessed by hand with evidence. Points are never
    negative: a deduction criterion's points are subtracted from the total."""

    sheet = models.ForeignKey(
        ScoreSheet, verbose_name=_("thang điểm"), on_delete=models.CASCADE, related_name="criteria"
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("thuộc nhóm"), null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    position = models.PositiveIntegerField(_("thứ tự"), default=0)
    title = models.CharField(_("tiêu chí"), max_length=300)
    description = models.TextField(_("hướng dẫn chấm"), blank=True)
    section = models.CharField(
        _("phần"), max_length=10, choices=CriterionSection.choices, default=CriterionSection.REGULAR
    )
    method = models.CharField(
        _("cách chấm"), max_length=10, choices=CriterionMethod.choices, default=CriterionMethod.MANUAL
    )
    max_points = models.DecimalField(_("điểm tối đa"), max_digits=6, decimal_places=2)
    rule = models.JSONField(_("quy tắc tính điểm"), null=True, blank=True)

    class Meta:
        verbose_name = _("tiêu chí thi đua")
        verbose_name_plural = _("tiêu chí thi đua")
        ordering = ["sheet", "parent_id", "position", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(max_points__gte=0), name="criterion_max_not_negative"),
            models.CheckConstraint(
                condition=Q(section__in=[c.value for c in CriterionSection]), name="criterion_section_valid"
            ),
            models.CheckConstraint(
                condition=Q(method__in=[c.value for c in CriterionMethod]), name="criterion_method_valid"
            ),
            models.CheckConstraint(
                condition=Q(method="computed", rule__isnull=False) | (~Q(method="computed") & Q(rule__isnull=True)),
                name="criterion_rule_iff_computed",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ScoreTarget(models.Model):
    """One council, committee, delegate group or delegate being scored on a sheet."""

    sheet = models.ForeignKey(
        ScoreSheet, verbose_name=_("thang điểm"), on_delete=models.CASCADE, related_name="targets"
    )
    label = models.CharField(_("đối tượng"), max_length=200)
    council = models.ForeignKey(Council, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    committee = models.ForeignKey(Committee, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    group = models.ForeignKey(DelegateGroup, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("đối tượng chấm điểm")
        verbose_name_plural = _("đối tượng chấm điểm")
        ordering = ["sheet", "label", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(council__isnull=False, committee__isnull=True, group__isnull=True, person__isnull=True)
                    | Q(council__isnull=True, committee__isnull=False, group__isnull=True, person__isnull=True)
                    | Q(council__isnull=True, committee__isnull=True, group__isnull=False, person__isnull=True)
                    | Q(council__isnull=True, committee__isnull=True, group__isnull=True, person__isnull=False)
                ),
                name="target_exactly_one_subject",
            ),
            models.UniqueConstraint(fields=["sheet", "council"], name="target_council_once"),
            models.UniqueConstraint(fields=["sheet", "committee"], name="target_committee_once"),
            models.UniqueConstraint(fields=["sheet", "group"], name="target_group_once"),
            models.UniqueConstraint(fields=["sheet", "person"], name="target_person_once"),
        ]

    def __str__(self) -> str:
        return self.label


class EntrySource(models.TextChoices):
    COMPUTED = "computed", _("Tính từ số liệu")
    MANUAL = "manual", _("Chấm trực tiếp")


class ScoreEntry(models.Model):
    """The points a target earned on one criterion. A computed entry keeps the statistic's value it was
    computed from, so a locked sheet explains itself even after the archive has changed."""

    target = models.ForeignKey(
        ScoreTarget, verbose_name=_("đối tượng"), on_delete=models.CASCADE, related_name="entries"
    )
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("tiêu chí"), on_delete=models.CASCADE, related_name="entries"
    )
    points = models.DecimalField(_("điểm"), max_digits=6, decimal_places=2)
    source = models.CharField(_("nguồn điểm"), max_length=10, choices=EntrySource.choices)
    statistic_value = models.DecimalField(_("giá trị số liệu"), max_digits=12, decimal_places=2, null=True, blank=True)
    note = models.TextField(_("nhận xét"), blank=True)
    evidence = models.ManyToManyField(Evidence, verbose_name=_("minh chứng"), blank=True, related_name="entries")
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assessed_at = models.DateTimeField(_("chấm lúc"))

    class Meta:
        verbose_name = _("điểm tiêu chí")
        verbose_name_plural = _("điểm tiêu chí")
        constraints = [
            models.UniqueConstraint(fields=["target", "criterion"], name="entry_once_per_target_criterion"),
            models.CheckConstraint(condition=Q(points__gte=0), name="entry_points_not_negative"),
            models.CheckConstraint(condition=Q(source__in=[c.value for c in EntrySource]), name="entry_source_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.target} · {self.criterion}: {self.points}"


class ScoreResult(models.Model):
    """A target's totals and rank as of the last ranking; frozen with the sheet when it is locked."""

    target = models.OneToOneField(
        ScoreTarget, verbose_name=_("đối tượng"), on_delete=models.CASCADE, related_name="result"
    )
    base = models.DecimalField(_("điểm tiêu chí"), max_digits=8, decimal_places=2)
    bonus = models.DecimalField(_("điểm thưởng"), max_digits=8, decimal_places=2)
    deduction = models.DecimalField(_("điểm trừ"), max_digits=8, decimal_places=2)
    total = models.DecimalField(_("tổng điểm"), max_digits=8, decimal_places=2)
    rank = models.PositiveIntegerField(_("xếp hạng"))
    section_points = models.JSONField(_("điểm các tiêu chí lớn"), default=list)

    class Meta:
        verbose_name = _("kết quả xếp hạng")
        verbose_name_plural = _("kết quả xếp hạng")
        ordering = ["rank", "target__label"]
        constraints = [
            models.CheckConstraint(condition=Q(rank__gte=1), name="result_rank_positive"),
            models.CheckConstraint(
                condition=Q(bonus__gte=0) & Q(deduction__gte=0), name="result_bonus_deduction_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rank}. {self.target}"
