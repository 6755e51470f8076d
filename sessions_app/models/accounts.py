"""Accounts and roles. A delegate is a user whose person holds a current membership; the secretariat and
the chair are roles granted per council; administrators are superusers."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sessions_app.models.council import Council, Person


class User(AbstractUser):
    person = models.OneToOneField(
        Person, verbose_name=_("người"), null=True, blank=True, on_delete=models.SET_NULL, related_name="user"
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("tài khoản")
        verbose_name_plural = _("tài khoản")
        swappable = "AUTH_USER_MODEL"

    def get_full_name(self) -> str:
        """Vietnamese order, family name (``last_name``) before given name: "Trần Xuân Nam" (no query, so it
        is safe on the event loop)."""
        return " ".join(part for part in (self.last_name, self.first_name) if part).strip()


class CouncilRoleKind(models.TextChoices):
    SECRETARIAT = "secretariat", _("Thư ký / Văn phòng")
    CHAIR = "chair", _("Chủ tọa")
    # Gives and takes back the council's roles (accounts); runs nothing else by itself.
    ADMIN = "admin", _("Quản trị tài khoản")


class CouncilRole(models.Model):
    user = models.ForeignKey(User, verbose_name=_("tài khoản"), on_delete=models.CASCADE, related_name="council_roles")
    council = models.ForeignKey(Council, verbose_name=_("HĐND"), on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("vai trò"), max_length=16, choices=CouncilRoleKind.choices)

    class Meta:
        verbose_name = _("vai trò tại HĐND")
        verbose_name_plural = _("vai trò tại HĐND")
        constraints = [
            models.UniqueConstraint(fields=["user", "council", "role"], name="council_role_unique"),
            models.CheckConstraint(condition=Q(role__in=[c.value for c in CouncilRoleKind]), name="council_role_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.council}"


class LoginToken(models.Model):
    """A personal single-use QR login token. Only its hash is stored; the signed token travels in the QR."""

    user = models.ForeignKey(User, verbose_name=_("tài khoản"), on_delete=models.CASCADE, related_name="login_tokens")
    token_hash = models.CharField(max_length=64, unique=True)
    sitting = models.ForeignKey(
        "sessions_app.Sitting",
        verbose_name=_("phiên họp"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="login_tokens",
        help_text=_("Đăng nhập bằng mã này được ghi là điểm danh bằng QR tại phiên họp."),
    )
    created_at = models.DateTimeField(_("tạo lúc"))
    expires_at = models.DateTimeField(_("hết hạn lúc"))
    used_at = models.DateTimeField(_("dùng lúc"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("mã đăng nhập QR")
        verbose_name_plural = _("mã đăng nhập QR")
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("created_at")), name="login_token_expiry_after_creation"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.created_at:%d/%m/%Y %H:%M}"
