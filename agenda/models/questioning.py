"""Questioning (chất vấn): respondents, question slips, the live steps, written answers and promises;
and explanation sessions (phiên giải trình)."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from agenda.models.clock import TimedTurn
from agenda.models.items import AgendaItem
from sessions_app.models import Council, Person, Session


class Official(models.Model):
    """An official who answers questions (UBND chair, department heads, court, procuracy); not a delegate."""

    council = models.ForeignKey(Council, verbose_name=_("HĐND"), on_delete=models.PROTECT, related_name="officials")
    full_name = models.CharField(_("họ và tên"), max_length=120)
    title = models.CharField(_("chức vụ"), max_length=200)
    agency = models.CharField(_("cơ quan"), max_length=200)

    class Meta:
        verbose_name = _("người bị chất vấn")
        verbose_name_plural = _("người bị chất vấn")
        ordering = ["council", "full_name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["council", "full_name", "title"], name="official_unique_per_council"),
        ]

    def __str__(self) -> str:
        return f"{self.full_name}, {self.title}"


class SessionRespondent(models.Model):
    """The session's list of officials who may be questioned."""

    session = models.ForeignKey(Session, verbose_name=_("kỳ họp"), on_delete=models.CASCADE, related_name="respondents")
    official = models.ForeignKey(
        Official, verbose_name=_("người bị chất vấn"), on_delete=models.PROTECT, related_name="+"
    )
    position = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("người bị chất vấn tại kỳ họp")
        verbose_name_plural = _("người bị chất vấn tại kỳ họp")
        ordering = ["session", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["session", "official"], name="session_respondent_unique")]


class QuestionTopic(models.Model):
    """A group of questions on one subject, answered by the topic's respondents."""

    session = models.ForeignKey(
        Session, verbose_name=_("kỳ họp"), on_delete=models.CASCADE, related_name="question_topics"
    )
    item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("mục chương trình"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="question_topics",
    )
    title = models.CharField(_("nhóm vấn đề"), max_length=300)
    position = models.PositiveIntegerField(_("thứ tự"), default=0)
    respondents = models.ManyToManyField(Official, verbose_name=_("người trả lời"), related_name="+", blank=True)

    class Meta:
        verbose_name = _("nhóm vấn đề chất vấn")
        verbose_name_plural = _("nhóm vấn đề chất vấn")
        ordering = ["session", "position", "pk"]

    def __str__(self) -> str:
        return self.title


class QuestionStatus(models.TextChoices):
    REGISTERED = "registered", _("Đã đăng ký")
    GROUPED = "grouped", _("Đã xếp nhóm")
    ASKED = "asked", _("Đã chất vấn")
    ANSWERED = "answered", _("Đã trả lời")
    WRITTEN = "written", _("Trả lời bằng văn bản")
    WITHDRAWN = "withdrawn", _("Đã rút")


class QuestionSource(models.TextChoices):
    DELEGATE = "delegate", _("Đại biểu gửi")
    SECRETARIAT = "secretariat", _("Thư ký ghi nhận")
    TABLET = "tablet", _("Gửi từ máy tính bảng tại phiên họp")


class Question(models.Model):
    """A question slip (phiếu chất vấn) and what became of it."""

    session = models.ForeignKey(Session, verbose_name=_("kỳ họp"), on_delete=models.CASCADE, related_name="questions")
    asker = models.ForeignKey(
        Person, verbose_name=_("đại biểu chất vấn"), on_delete=models.PROTECT, related_name="questions"
    )
    respondent = models.ForeignKey(
        Official, verbose_name=_("người bị chất vấn"), on_delete=models.PROTECT, related_name="questions"
    )
    topic = models.ForeignKey(
        QuestionTopic,
        verbose_name=_("nhóm vấn đề"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions",
    )
    text = models.TextField(_("nội dung chất vấn"))
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=QuestionStatus.choices, default=QuestionStatus.REGISTERED
    )
    source = models.CharField(_("nguồn"), max_length=16, choices=QuestionSource.choices)
    position = models.PositiveIntegerField(_("thứ tự"), default=0)
    registered_at = models.DateTimeField(_("đăng ký lúc"))
    on_floor = models.BooleanField(_("đang chất vấn"), default=False)
    written_due = models.DateField(_("hạn trả lời bằng văn bản"), null=True, blank=True)
    written_answer = models.TextField(_("trả lời bằng văn bản"), blank=True)
    written_answered_at = models.DateTimeField(_("trả lời bằng văn bản lúc"), null=True, blank=True)
    # The questioning resolution that concludes this question. A plain id, not a foreign key: agenda must not
    # depend on voting; the voting app fills it (with the official number) when it adopts the resolution.
    resolution_id = models.PositiveBigIntegerField(_("nghị quyết chất vấn (mã)"), null=True, blank=True, db_index=True)
    resolution_number = models.CharField(_("số nghị quyết chất vấn"), max_length=40, blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("phiếu chất vấn")
        verbose_name_plural = _("phiếu chất vấn")
        ordering = ["session", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=[c.value for c in QuestionStatus]), name="question_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(source__in=[c.value for c in QuestionSource]), name="question_source_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status="written") | Q(written_due__isnull=False), name="question_written_has_due"
            ),
            models.CheckConstraint(
                condition=~Q(on_floor=True) | Q(status__in=["asked", "answered"]), name="question_on_floor_is_live"
            ),
            models.UniqueConstraint(
                fields=["session"], condition=Q(on_floor=True), name="question_one_on_floor_per_session"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.asker} → {self.respondent}"


class StepKind(models.TextChoices):
    ASK = "ask", _("Chất vấn")
    ANSWER = "answer", _("Trả lời")
    FOLLOWUP = "followup", _("Chất vấn lại")
    DEBATE = "debate", _("Tranh luận")


class QuestionStep(TimedTurn):
    """One timed turn of the live exchange; delegates ask, follow up and debate, the official answers."""

    question = models.ForeignKey(
        Question, verbose_name=_("phiếu chất vấn"), on_delete=models.CASCADE, related_name="steps"
    )
    number = models.PositiveIntegerField(_("lượt"))
    kind = models.CharField(_("loại lượt"), max_length=16, choices=StepKind.choices)
    person = models.ForeignKey(
        Person,
        verbose_name=_("đại biểu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="question_steps",
    )
    official = models.ForeignKey(
        Official,
        verbose_name=_("người trả lời"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="question_steps",
    )

    class Meta:
        verbose_name = _("lượt chất vấn")
        verbose_name_plural = _("lượt chất vấn")
        ordering = ["question", "number"]
        constraints = [
            models.UniqueConstraint(fields=["question", "number"], name="question_step_number_unique"),
            models.CheckConstraint(condition=Q(kind__in=[c.value for c in StepKind]), name="question_step_kind_valid"),
            models.CheckConstraint(
                condition=(Q(kind="answer") & Q(official__isnull=False, person__isnull=True))
                | (~Q(kind="answer") & Q(person__isnull=False, official__isnull=True)),
                name="question_step_speaker_matches_kind",
            ),
            models.UniqueConstraint(
                fields=["question"], condition=Q(ended_at__isnull=True), name="question_one_open_step"
            ),
        ]


class PromiseStatus(models.TextChoices):
    OPEN = "open", _("Đang thực hiện")
    DONE = "done", _("Đã hoàn thành")


class Promise(models.Model):
    """A promise (lời hứa) made in an answer; its owner reports on it before the next session.
    "Overdue" is not stored: it is an open promise past its due date (see selectors)."""

    session = models.ForeignKey(Session, verbose_name=_("kỳ họp"), on_delete=models.CASCADE, related_name="promises")
    question = models.ForeignKey(
        Question,
        verbose_name=_("phiếu chất vấn"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="promises",
    )
    official = models.ForeignKey(
        Official, verbose_name=_("người hứa"), on_delete=models.PROTECT, related_name="promises"
    )
    content = models.TextField(_("nội dung lời hứa"))
    due_date = models.DateField(_("hạn thực hiện"))
    status = models.CharField(_("trạng thái"), max_length=8, choices=PromiseStatus.choices, default=PromiseStatus.OPEN)
    created_at = models.DateTimeField(_("ghi nhận lúc"))
    done_at = models.DateTimeField(_("hoàn thành lúc"), null=True, blank=True)
    report_text = models.TextField(_("báo cáo kết quả"), blank=True)
    reported_at = models.DateTimeField(_("báo cáo lúc"), null=True, blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("lời hứa")
        verbose_name_plural = _("lời hứa")
        ordering = ["due_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=[c.value for c in PromiseStatus]), name="promise_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status="done") | Q(done_at__isnull=False), name="promise_done_has_time"
            ),
        ]

    def __str__(self) -> str:
        return self.content[:80]


class ExplanationSession(models.Model):
    """An explanation session (phiên giải trình) run by the standing committee."""

    council = models.ForeignKey(
        Council, verbose_name=_("HĐND"), on_delete=models.PROTECT, related_name="explanation_sessions"
    )
    session = models.ForeignKey(
        Session,
        verbose_name=_("kỳ họp"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="explanation_sessions",
    )
    topic = models.CharField(_("nội dung giải trình"), max_length=300)
    respondents = models.ManyToManyField(
        Official, verbose_name=_("người giải trình"), related_name="explanation_sessions"
    )
    held_on = models.DateField(_("ngày tổ chức"))
    notice_date = models.DateField(_("ngày thông báo"))
    is_public = models.BooleanField(_("công khai"), default=True)
    conclusion = models.TextField(_("kết luận"), blank=True)
    concluded_at = models.DateTimeField(_("kết luận lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("phiên giải trình")
        verbose_name_plural = _("phiên giải trình")
        ordering = ["-held_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(notice_date__lte=F("held_on")), name="explanation_notice_before_held"),
        ]

    def __str__(self) -> str:
        return self.topic
