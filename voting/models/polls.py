"""Polls, their options and candidates, ballots, the counting committee and the secret tally.

Named ballots are ordinary rows (person + choice). A secret ballot is encrypted on the tablet and never
readable by the server: ``SecretParticipation`` says who took part, ``EncryptedBallot`` holds ciphertexts
only; see ``voting.crypto`` and docs/voting.md."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from sessions_app.models import Council, Person, Session, Sitting


class PollKind(models.TextChoices):
    RESOLUTION = "resolution", _("Thông qua nghị quyết")
    PROCEDURAL = "procedural", _("Biểu quyết thủ tục")
    ELECTION = "election", _("Bầu chức danh")
    CONFIDENCE = "confidence", _("Lấy phiếu tín nhiệm")
    NO_CONFIDENCE = "no_confidence", _("Bỏ phiếu tín nhiệm")
    DISMISSAL = "dismissal", _("Miễn nhiệm, bãi nhiệm chức danh")
    RECALL_DELEGATE = "recall_delegate", _("Bãi nhiệm đại biểu HĐND")
    OTHER = "other", _("Khác")


class PollMethod(models.TextChoices):
    NAMED = "named", _("Biểu quyết điện tử công khai")
    SECRET = "secret", _("Bỏ phiếu kín điện tử")
    SHOW_OF_HANDS = "show_of_hands", _("Biểu quyết giơ tay")


class PollStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    OPEN = "open", _("Đang biểu quyết")
    CLOSED = "closed", _("Đã kết thúc")
    PUBLISHED = "published", _("Đã công bố")
    CANCELLED = "cancelled", _("Đã hủy")


class MajorityRule(models.TextChoices):
    """Keys of ``voting.rules.RULES``: the threshold a poll's approving option (or a candidate) must reach.
    Council decisions count on the total (``voting.rules.KIND_RULE``); the two rules on those taking part or
    present exist only for a procedural show of hands the council itself defines."""

    GT_HALF_TOTAL = "gt_half_total", _("Quá 1/2 tổng số đại biểu")
    GE_TWO_THIRDS_TOTAL = "ge_two_thirds_total", _("Ít nhất 2/3 tổng số đại biểu")
    GT_HALF_CAST = "gt_half_cast", _("Quá 1/2 số đại biểu tham gia biểu quyết (chỉ biểu quyết thủ tục giơ tay)")
    GT_HALF_ELIGIBLE = "gt_half_eligible", _("Quá 1/2 số đại biểu có mặt (chỉ biểu quyết thủ tục giơ tay)")


class Poll(models.Model):
    council = models.ForeignKey(Council, verbose_name=_("HĐND"), on_delete=models.PROTECT, related_name="polls")
    session = models.ForeignKey(Session, verbose_name=_("kỳ họp"), on_delete=models.CASCADE, related_name="polls")
    sitting = models.ForeignKey(Sitting, verbose_name=_("phiên họp"), on_delete=models.PROTECT, related_name="polls")
    agenda_item = models.ForeignKey(
        "agenda.AgendaItem",
        verbose_name=_("mục chương trình"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="polls",
    )
    title = models.CharField(_("nội dung biểu quyết"), max_length=300)
    description = models.TextField(_("mô tả"), blank=True)
    kind = models.CharField(_("loại"), max_length=16, choices=PollKind.choices, default=PollKind.RESOLUTION)
    method = models.CharField(_("hình thức"), max_length=16, choices=PollMethod.choices, default=PollMethod.NAMED)
    majority_rule = models.CharField(
        _("điều kiện thông qua"), max_length=24, choices=MajorityRule.choices, default=MajorityRule.GT_HALF_TOTAL
    )
    change_allowed = models.BooleanField(_("cho phép thay đổi lựa chọn"), default=False)
    show_running_counts = models.BooleanField(_("hiển thị kết quả tạm thời"), default=False)
    seats = models.PositiveSmallIntegerField(_("số người được bầu"), default=1)
    status = models.CharField(_("trạng thái"), max_length=16, choices=PollStatus.choices, default=PollStatus.DRAFT)
    created_at = models.DateTimeField(_("tạo lúc"))
    opened_at = models.DateTimeField(_("mở lúc"), null=True, blank=True)
    closed_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    # Optional time limit set when the vote opens: a countdown on every screen. It closes nothing: at zero the
    # screens say "Hết giờ" and the chair closes the vote (docs/realtime-protocol.md, "Vote countdown").
    deadline = models.DateTimeField(_("hết giờ biểu quyết lúc"), null=True, blank=True)
    published_at = models.DateTimeField(_("công bố lúc"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("hủy lúc"), null=True, blank=True)
    # Snapshotted when the poll opens (domain.md: the total as of the moment the vote opens).
    total_delegates = models.PositiveIntegerField(_("tổng số đại biểu"), null=True, blank=True)
    eligible_person_ids = models.JSONField(_("đại biểu được biểu quyết"), default=list, blank=True)
    eligible_count = models.PositiveIntegerField(_("số đại biểu được biểu quyết"), default=0)
    late_checkin_may_vote = models.BooleanField(_("đại biểu đến muộn được biểu quyết"), default=False)
    cast_count = models.PositiveIntegerField(_("số đại biểu đã biểu quyết"), default=0)
    hands_counts = models.JSONField(_("kết quả giơ tay"), null=True, blank=True)
    # Opened while fewer than the quorum (2/3 of the total) were checked in: the chair confirmed it.
    quorum_confirmed = models.BooleanField(_("chủ tọa xác nhận mở khi chưa đủ 2/3"), default=False)
    # The poll this one follows from: an election's earlier round, the confidence vote behind a vote of no
    # confidence, the secret ballot a confirming resolution's vote confirms.
    origin = models.ForeignKey(
        "self",
        verbose_name=_("xuất phát từ biểu quyết"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="followups",
    )
    # Confidence votes: officials left off the ballot and why: [{"name", "title", "reason"}].
    exclusions = models.JSONField(_("người không lấy phiếu"), default=list, blank=True)
    result = models.JSONField(_("kết quả"), null=True, blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("biểu quyết")
        verbose_name_plural = _("biểu quyết")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=PollKind.values), name="poll_kind_valid"),
            models.CheckConstraint(condition=Q(method__in=PollMethod.values), name="poll_method_valid"),
            models.CheckConstraint(condition=Q(status__in=PollStatus.values), name="poll_status_valid"),
            models.CheckConstraint(condition=Q(majority_rule__in=MajorityRule.values), name="poll_rule_valid"),
            models.CheckConstraint(condition=Q(seats__gte=1), name="poll_seats_positive"),
            models.CheckConstraint(
                condition=~Q(method=PollMethod.SECRET, change_allowed=True), name="poll_secret_no_change"
            ),
            models.CheckConstraint(
                condition=Q(status__in=[PollStatus.DRAFT, PollStatus.CANCELLED])
                | Q(opened_at__isnull=False, total_delegates__gte=1),
                name="poll_opened_has_total",
            ),
            # A closed secret poll waits for its counting committee's decryptions before it has a result.
            models.CheckConstraint(
                condition=~Q(status=PollStatus.PUBLISHED) | Q(result__isnull=False),
                name="poll_published_has_result",
            ),
            models.CheckConstraint(
                condition=~Q(status=PollStatus.CLOSED) | Q(result__isnull=False) | Q(method=PollMethod.SECRET),
                name="poll_closed_has_result",
            ),
            models.UniqueConstraint(fields=["sitting"], condition=Q(status="open"), name="poll_one_open_per_sitting"),
            models.CheckConstraint(
                condition=Q(deadline__isnull=True) | Q(opened_at__isnull=False, deadline__gt=F("opened_at")),
                name="poll_deadline_after_opening",
            ),
            # domain.md: every decision needs more than half of the TOTAL; recalling a delegate at least 2/3
            # of the total; rules on those present or taking part only for a procedural show of hands.
            models.CheckConstraint(
                condition=Q(kind=PollKind.RECALL_DELEGATE, majority_rule=MajorityRule.GE_TWO_THIRDS_TOTAL)
                | (
                    ~Q(kind__in=[PollKind.RECALL_DELEGATE, PollKind.PROCEDURAL])
                    & Q(majority_rule=MajorityRule.GT_HALF_TOTAL)
                )
                | Q(
                    kind=PollKind.PROCEDURAL,
                    majority_rule__in=[MajorityRule.GT_HALF_TOTAL, MajorityRule.GE_TWO_THIRDS_TOTAL],
                )
                | Q(kind=PollKind.PROCEDURAL, method=PollMethod.SHOW_OF_HANDS),
                name="poll_rule_lawful_for_kind",
            ),
        ]
        indexes = [models.Index(fields=["session", "status"], name="poll_session_status_idx")]

    def __str__(self) -> str:
        return self.title


class PollOption(models.Model):
    """A choice on the ballot (tán thành / không tán thành / không biểu quyết), or a confidence level.
    ``approves``: the option whose count decides whether the poll passes."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="options")
    key = models.SlugField(_("mã"), max_length=32)
    label = models.CharField(_("nhãn"), max_length=120)
    label_en = models.CharField(_("nhãn tiếng Anh"), max_length=120, blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    approves = models.BooleanField(_("là lựa chọn tán thành"), default=False)

    class Meta:
        verbose_name = _("lựa chọn")
        verbose_name_plural = _("lựa chọn")
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["poll", "key"], name="poll_option_key_unique"),
            models.UniqueConstraint(fields=["poll", "position"], name="poll_option_position_unique"),
            models.UniqueConstraint(fields=["poll"], condition=Q(approves=True), name="poll_option_one_approving"),
        ]

    def __str__(self) -> str:
        return self.label


class PollCandidate(models.Model):
    """A candidate of an election or an official on a confidence ballot (officials are not delegates)."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="candidates")
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    name = models.CharField(_("họ và tên"), max_length=120)
    title = models.CharField(_("chức vụ"), max_length=200, blank=True)
    agency = models.CharField(_("cơ quan"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("ứng cử viên / người được lấy phiếu")
        verbose_name_plural = _("ứng cử viên / người được lấy phiếu")
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["poll", "position"], name="poll_candidate_position_unique")]

    def __str__(self) -> str:
        return self.name


class NamedBallot(models.Model):
    """One delegate's open vote. ``client_id`` is the id of the request that set the current choice."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="named_ballots")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="named_ballots")
    choice = models.JSONField(_("lựa chọn"))
    client_id = models.UUIDField()
    receipt = models.CharField(max_length=16)
    cast_at = models.DateTimeField(_("biểu quyết lúc"))
    changed_at = models.DateTimeField(_("thay đổi lúc"), null=True, blank=True)
    revision = models.PositiveSmallIntegerField(default=1)

    class Meta:
        verbose_name = _("phiếu biểu quyết công khai")
        verbose_name_plural = _("phiếu biểu quyết công khai")
        constraints = [
            models.UniqueConstraint(fields=["poll", "person"], name="named_ballot_one_per_delegate"),
            models.UniqueConstraint(fields=["poll", "client_id"], name="named_ballot_client_id_unique"),
        ]


class SecretParticipation(models.Model):
    """Who took part in a secret poll, and nothing about what they chose."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="secret_participations")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="secret_participations")
    token_hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("tham gia bỏ phiếu kín")
        verbose_name_plural = _("tham gia bỏ phiếu kín")
        constraints = [
            models.UniqueConstraint(fields=["poll", "person"], name="secret_participation_one_per_delegate"),
            models.UniqueConstraint(fields=["poll", "token_hash"], name="secret_participation_token_unique"),
        ]


class CommitteeRole(models.TextChoices):
    HEAD = "head", _("Trưởng ban")
    MEMBER = "member", _("Thành viên")


class CountingCommitteeMember(models.Model):
    """A member of the counting committee (Ban kiểm phiếu) of a secret poll: the delegates the council
    elects to count it, one of them its head (Trưởng ban). The same people sign the counting record
    (biên bản kiểm phiếu) and hold the election key: each member's tablet makes a key share and publishes
    ``public_share`` with a proof of knowledge; after the close it returns ``partial``, the partial
    decryption of the sums with its proofs. The secret share itself never reaches the server.
    ``position`` (1..n, the head first) is what the proofs are bound to."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="committee")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="counting_committees")
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    role = models.CharField(_("vai trò"), max_length=8, choices=CommitteeRole.choices, default=CommitteeRole.MEMBER)
    public_share = models.CharField(_("khóa công khai thành phần"), max_length=64, blank=True)
    share_proof = models.JSONField(null=True, blank=True)
    partial = models.JSONField(null=True, blank=True)

    class Meta:
        verbose_name = _("thành viên Ban kiểm phiếu")
        verbose_name_plural = _("thành viên Ban kiểm phiếu")
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["poll", "person"], name="committee_member_once"),
            models.UniqueConstraint(fields=["poll", "position"], name="committee_position_unique"),
            models.CheckConstraint(condition=Q(position__gte=1), name="committee_position_positive"),
            models.CheckConstraint(condition=Q(role__in=CommitteeRole.values), name="committee_role_valid"),
            models.UniqueConstraint(fields=["poll"], condition=Q(role="head"), name="committee_one_head"),
        ]


class EncryptedBallot(models.Model):
    """One secret ballot as the tablet encrypted it: ciphertexts and proofs, keyed by its receipt. Nothing
    names the voter (``tag`` is a hash of the poll and the vote's client id, which is stored nowhere)."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="encrypted_ballots")
    receipt = models.CharField(max_length=16)
    tag = models.CharField(max_length=64)
    ballot = models.JSONField()

    class Meta:
        verbose_name = _("phiếu kín đã mã hóa")
        verbose_name_plural = _("phiếu kín đã mã hóa")
        constraints = [
            models.UniqueConstraint(fields=["poll", "receipt"], name="encrypted_ballot_receipt_unique"),
            models.UniqueConstraint(fields=["poll", "tag"], name="encrypted_ballot_tag_unique"),
        ]


class SecretTally(models.Model):
    """The election key of a secret poll (sum of the committee's shares), and after the close the
    homomorphic sums and, once every member has decrypted them, the counts. Never a running count."""

    poll = models.OneToOneField(Poll, primary_key=True, on_delete=models.CASCADE, related_name="secret_tally")
    key = models.CharField(_("khóa bầu cử"), max_length=64)
    layout = models.JSONField()
    sums = models.JSONField(null=True, blank=True)
    ballots = models.PositiveIntegerField(null=True, blank=True)
    counts = models.JSONField(null=True, blank=True)

    class Meta:
        verbose_name = _("kiểm phiếu kín")
        verbose_name_plural = _("kiểm phiếu kín")
