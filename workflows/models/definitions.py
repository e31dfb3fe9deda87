"""Workflows defined in the admin without code: ordered steps, who acts, their time budget, what comes next."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable, RevisionMixin

from catalog.models import Agency, Procedure
from catalog.models.procedures import Channel

END = "END"


class StepKind(models.TextChoices):
    RECEPTION = "reception", _("Tiếp nhận")
    ASSIGNMENT = "assignment", _("Phân công")
    APPRAISAL = "appraisal", _("Thẩm định")
    APPROVAL = "approval", _("Phê duyệt, ký")
    FINANCIAL = "financial", _("Thực hiện nghĩa vụ tài chính")
    INTER_AGENCY = "inter_agency", _("Chuyển liên thông")
    RETURN = "return", _("Trả kết quả")
    CUSTOM = "custom", _("Khác")
    # Inter-agency steps run in parallel (Decree 63/2024): a fork starts every step it lists as a branch,
    # each with its own agency and budget; the branches meet at a join before the workflow goes on.
    FORK = "fork", _("Tách các bước liên thông song song")
    JOIN = "join", _("Hợp nhất kết quả liên thông")


class BudgetUnit(models.TextChoices):
    WORKING_DAY = "working_day", _("ngày làm việc")
    HOUR = "hour", _("giờ làm việc")


class Workflow(RevisionMixin, ClusterableModel):
    name = models.CharField(_("tên quy trình"), max_length=255)
    procedure = models.ForeignKey(
        Procedure, verbose_name=_("thủ tục"), on_delete=models.CASCADE, related_name="workflows"
    )
    channel = models.CharField(
        _("áp dụng cho cách thức"),
        max_length=16,
        blank=True,
        choices=[("", _("Mọi cách thức")), *Channel.choices],
    )
    case = models.CharField(_("trường hợp"), max_length=255, blank=True)
    active = models.BooleanField(_("đang áp dụng"), default=True)
    # Bumped on every save: a dossier keeps the version (and a snapshot of the steps) it was received under.
    version = models.PositiveIntegerField(_("phiên bản"), default=1, editable=False)
    source = models.CharField(
        _("nguồn"), max_length=255, blank=True, help_text=_("Ví dụ: nhập từ E-PAR TN02")
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["procedure__code", "channel", "case"]
        verbose_name = _("quy trình")
        verbose_name_plural = _("quy trình")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if self.pk:
            self.version = (
                type(self).objects.filter(pk=self.pk).values_list("version", flat=True).first() or 0
            ) + 1
        super().save(*args, **kwargs)

    def snapshot(self) -> dict:
        """The definition as data, frozen on each dossier at reception."""
        return {
            "workflow": self.pk,
            "version": self.version,
            "name": self.name,
            # A step names its group and agency: read them with the steps, not one query each.
            "steps": [s.as_dict() for s in self.steps.select_related("group", "agency")],
        }


class WorkflowStep(Orderable):
    workflow = ParentalKey(Workflow, on_delete=models.CASCADE, related_name="steps")
    code = models.SlugField(_("mã bước"), max_length=64)
    name = models.CharField(_("tên bước"), max_length=255)
    kind = models.CharField(_("loại bước"), max_length=32, choices=StepKind.choices, default=StepKind.CUSTOM)
    group = models.ForeignKey(
        Group,
        verbose_name=_("nhóm thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    role = models.CharField(_("vai trò"), max_length=128, blank=True)
    budget_value = models.DecimalField(_("thời gian"), max_digits=6, decimal_places=2, default=0)
    budget_unit = models.CharField(
        _("đơn vị"), max_length=16, choices=BudgetUnit.choices, default=BudgetUnit.WORKING_DAY
    )
    next_steps = models.CharField(
        _("bước tiếp theo"),
        max_length=255,
        blank=True,
        help_text=_(
            "Mã các bước tiếp theo, cách nhau bởi dấu phẩy; để trống là bước kế tiếp; END là kết thúc."
        ),
    )
    back_step = models.CharField(_("trả lại bước"), max_length=64, blank=True)
    pauses_clock = models.BooleanField(
        _("dừng tính thời gian"),
        default=False,
        help_text=_("Hồ sơ chờ bên ngoài (cơ quan thuế, người nộp) nên không tính vào thời hạn."),
    )
    decides = models.BooleanField(_("bước ra quyết định"), default=False)
    automatic = models.BooleanField(
        _("tự động chuyển tiếp"),
        default=False,
        help_text=_(
            "Hệ thống tự chuyển hồ sơ sang bước sau ngay khi đến bước này (ví dụ: gửi liên thông điện tử)."
        ),
    )

    class Meta(Orderable.Meta):
        verbose_name = _("bước xử lý")
        verbose_name_plural = _("bước xử lý")

    def __str__(self) -> str:
        return f"{self.code}: {self.name}"

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "name": self.name,
            "kind": self.kind,
            "group": self.group.name if self.group_id else "",
            "agency": self.agency.identifier if self.agency_id else "",
            "role": self.role,
            "budget_value": str(self.budget_value),
            "budget_unit": self.budget_unit,
            "next": [c.strip() for c in self.next_steps.split(",") if c.strip()],
            "back": self.back_step,
            "pauses_clock": self.pauses_clock,
            "decides": self.decides,
            "automatic": self.automatic,
        }
