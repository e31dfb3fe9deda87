"""The public site's editorial pages; the catalog and dossier pages are composed in from their apps."""

from __future__ import annotations

from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    hero_title = models.CharField(
        _("tiêu đề chính"), max_length=255, default="Tra cứu thủ tục, nộp hồ sơ, theo dõi kết quả"
    )
    hero_text = models.TextField(
        _("lời giới thiệu"),
        blank=True,
        default="Cổng dịch vụ công của tỉnh: danh mục thủ tục hành chính, nơi tiếp nhận và tra cứu tình trạng hồ sơ.",
    )
    body = RichTextField(_("nội dung"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("hero_title"),
        FieldPanel("hero_text"),
        FieldPanel("body"),
    ]
    max_count = 1

    class Meta:
        verbose_name = _("trang chủ")

    def get_context(self, request, *args, **kwargs):
        from catalog.models import Center, Field, Procedure
        from workflows.models import Dossier, DossierStatus

        context = super().get_context(request, *args, **kwargs)
        year_start = timezone.localdate().replace(month=1, day=1)
        context["procedure_count"] = Procedure.objects.published().count()
        context["online_count"] = Procedure.objects.published().filter(online_level="full").count()
        context["centers"] = Center.objects.open_on().select_related("agency").order_by("kind", "name")[:6]
        context["fields"] = (
            Field.objects.annotate(
                n=Count("procedures", filter=Q(procedures__status="active", procedures__live=True))
            )
            .filter(n__gt=0)
            .order_by("-n")[:12]
        )
        done = Dossier.objects.filter(status=DossierStatus.RETURNED, returned_at__date__gte=year_start)
        context["returned_count"] = done.count()
        on_time = done.filter(timeliness__in=["early", "on_time"]).count()
        context["on_time_share"] = (
            round(100 * on_time / context["returned_count"]) if context["returned_count"] else None
        )
        context["recent"] = Procedure.objects.published().for_listing().order_by("-updated_at")[:6]
        return context
