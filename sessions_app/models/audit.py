"""The append-only, hash-chained audit trail."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """One state change. ``hash`` = HMAC(audit key, canonical entry including ``prev_hash``), so altering,
    deleting or inserting a row out of band breaks the chain (``manage.py verify_audit``)."""

    created_at = models.DateTimeField(_("thời điểm"))
    actor_id = models.BigIntegerField(_("mã tài khoản"), null=True, blank=True)
    actor_label = models.CharField(_("người thực hiện"), max_length=150, blank=True)
    action = models.CharField(_("hành động"), max_length=64)
    object_type = models.CharField(_("loại đối tượng"), max_length=64)
    object_id = models.CharField(_("mã đối tượng"), max_length=64)
    council_id = models.BigIntegerField(_("mã HĐND"), null=True, blank=True)
    data = models.JSONField(_("dữ liệu"), default=dict)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("nhật ký kiểm toán")
        verbose_name_plural = _("nhật ký kiểm toán")
        ordering = ["id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object_idx")]


class AuditHead(models.Model):
    """Single row holding the chain's tip; writers lock it so appends are serialized."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_entry_id = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("đầu chuỗi nhật ký")
        verbose_name_plural = _("đầu chuỗi nhật ký")
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="audit_head_singleton")]
