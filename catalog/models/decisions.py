"""Decisions (quyết định công bố) and their items; the history they write on each procedure.

A decision is a Wagtail snippet under Wagtail's own moderation workflow: drafted, reviewed by the
procedure-control team, approved by a leader, and published. Publishing applies its items at its effective
date (scheduled publishing for future dates) through `catalog.services.apply_decision`, atomically.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import DraftStateMixin, LockableMixin, Orderable, RevisionMixin, WorkflowMixin
from wagtail.search import index

from .agencies import Agency
from .procedures import Procedure


class ItemKind(models.TextChoices):
    NEW = "new", _("Mới ban hành")
    AMENDED = "amended", _("Sửa đổi, bổ sung")
    REPLACED = "replaced", _("Thay thế")
    ABOLISHED = "abolished", _("Bãi bỏ")


class Decision(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, index.Indexed, ClusterableModel):
    number = models.CharField(
        _("số quyết định"), max_length=64, unique=True, help_text=_("Ví dụ: 1234/QĐ-UBND")
    )
    title = models.TextField(_("trích yếu"))
    issued = models.DateField(_("ngày ký"))
    effective = models.DateField(_("ngày hiệu lực"))
    issuer = models.ForeignKey(
        Agency, verbose_name=_("cơ quan ban hành"), on_delete=models.PROTECT, related_name="+"
    )
    signer = models.CharField(_("người ký"), max_length=255, blank=True)
    signed_file = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("tệp quyết định đã ký"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    applied_at = models.DateTimeField(_("đã áp dụng lúc"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    search_fields = [
        index.SearchField("number"),
        index.SearchField("title"),
        index.AutocompleteField("number"),
    ]

    class Meta:
        ordering = ["-issued", "-pk"]
        verbose_name = _("quyết định công bố")
        verbose_name_plural = _("quyết định công bố")

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("catalog:decision", kwargs={"pk": self.pk})

    def problems(self) -> list[str]:
        """What would stop the decision from applying, in Vietnamese; empty when it can be published. The
        moderation task withholds "approve" on these and `apply_decision` refuses them."""
        problems: list[str] = []
        # Works on a revision's object too: its items are then in memory, not yet in the database.
        items = list(self.items.all())
        if not items:
            problems.append("Quyết định chưa có thủ tục nào.")
        codes = [i.code for i in items]
        existing = set(Procedure.objects.filter(code__in=codes).values_list("code", flat=True))
        replaced = set(
            Procedure.objects.filter(
                code__in=[i.replaces_code for i in items if i.replaces_code]
            ).values_list("code", flat=True)
        )
        for item in items:
            if item.kind in (ItemKind.AMENDED, ItemKind.ABOLISHED) and item.code not in existing:
                problems.append(
                    f"Thủ tục {item.code} chưa có trong danh mục nên không thể {item.get_kind_display().lower()}."
                )
            if item.kind == ItemKind.REPLACED and item.replaces_code and item.replaces_code not in replaced:
                problems.append(f"Thủ tục bị thay thế {item.replaces_code} chưa có trong danh mục.")
            if (
                item.kind in (ItemKind.NEW, ItemKind.REPLACED)
                and item.code not in existing
                and not (item.name or item.data.get("name"))
            ):
                problems.append(f"Thủ tục mới {item.code} thiếu tên.")
            elif (
                item.kind in (ItemKind.NEW, ItemKind.REPLACED)
                and item.code not in existing
                and not item.has_content()
            ):
                problems.append(
                    f"Thủ tục mới {item.code} chưa có nội dung (thời hạn, phí, thành phần, cơ quan, lĩnh vực…)."
                )
        return problems


class DecisionItem(Orderable):
    decision = ParentalKey(Decision, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("loại"), max_length=16, choices=ItemKind.choices)
    code = models.CharField(_("mã thủ tục"), max_length=40)
    name = models.TextField(_("tên thủ tục"), blank=True)
    replaces_code = models.CharField(_("thay thế thủ tục"), max_length=40, blank=True)
    # The procedure record this item brings in (for new, amended and replacing items), as the importer or the
    # editor gave it; `catalog.services.apply_decision` writes it into the catalog.
    data = models.JSONField(_("nội dung thủ tục"), default=dict, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("thủ tục trong quyết định")
        verbose_name_plural = _("thủ tục trong quyết định")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.code}"

    def has_content(self) -> bool:
        """Whether the record says more than a code and a name: a new procedure of a name alone would be
        published empty (issue 13)."""
        return any(
            value not in (None, "", [], {}) for key, value in self.data.items() if key not in ("code", "name")
        )


class ProcedureEvent(models.Model):
    """One line of a procedure's history: which decision created, amended, replaced or abolished it."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="events")
    decision = models.ForeignKey(
        Decision, on_delete=models.PROTECT, related_name="events", null=True, blank=True
    )
    kind = models.CharField(_("loại"), max_length=16, choices=ItemKind.choices)
    effective = models.DateField(_("ngày hiệu lực"))
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["effective", "pk"]
        verbose_name = _("lịch sử thủ tục")
        verbose_name_plural = _("lịch sử thủ tục")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.effective:%d/%m/%Y}"
