"""Plans (kế hoạch) and their tasks, from the seeds' appendix tables."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.models import Agency


class Plan(models.Model):
    title = models.CharField(_("tên kế hoạch"), max_length=500)
    key = models.CharField(max_length=255, unique=True, help_text=_("Khóa tự nhiên: số hiệu hoặc tên tệp"))
    issuer = models.CharField(_("cơ quan ban hành"), max_length=255, blank=True)
    issued = models.DateField(_("ngày ban hành"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plan_detail", kwargs={"pk": self.pk})


class PlanTask(models.Model):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Chưa thực hiện")
        IN_PROGRESS = "in_progress", _("Đang thực hiện")
        DONE = "done", _("Đã hoàn thành")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    number = models.CharField(_("số thứ tự"), max_length=32)
    order = models.PositiveIntegerField(default=0)
    section = models.CharField(_("mục"), max_length=500, blank=True)
    content = models.TextField(_("nội dung"))
    output = models.TextField(_("sản phẩm dự kiến"), blank=True)
    lead_agencies = models.JSONField(_("cơ quan chủ trì"), default=list, blank=True)
    cooperating_agencies = models.JSONField(_("cơ quan phối hợp"), default=list, blank=True)
    lead = models.ManyToManyField(
        Agency, blank=True, related_name="+", verbose_name=_("cơ quan chủ trì (đã đối chiếu)")
    )
    deadline_text = models.TextField(_("thời gian thực hiện"), blank=True)
    deadlines = models.JSONField(default=list, blank=True)
    due = models.DateField(_("hạn gần nhất"), null=True, blank=True)
    recurring = models.BooleanField(_("thường xuyên, hằng năm"), default=False)
    status = models.CharField(
        _("tình trạng"), max_length=16, choices=Status.choices, default=Status.NOT_STARTED
    )
    # Who last changed the status (the lead agency's officer or the office), for the plan's follow-up.
    status_changed_at = models.DateTimeField(_("cập nhật tình trạng lúc"), null=True, blank=True)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người cập nhật tình trạng"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["plan", "order"]
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="unique_plan_task")]

    def __str__(self) -> str:
        return f"{self.number}. {self.content[:80]}"

    @property
    def parsed_deadlines(self) -> list[tuple[dt.date, str]]:
        """(date, scope) of each deadline the text names, for display."""
        return [(dt.date.fromisoformat(d["date"]), d.get("scope", "")) for d in self.deadlines]

    @property
    def overdue(self) -> bool:
        return bool(self.due and self.status != self.Status.DONE and self.due < timezone.localdate())
