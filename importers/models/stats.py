"""Seed 004's appendix figures as the province reported them, per agency (or district) and date."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from catalog.models import Agency


class AgencyStat(models.Model):
    agency_name = models.CharField(_("cơ quan, đơn vị"), max_length=255)
    agency_key = models.CharField(max_length=255, editable=False)
    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    as_of = models.DateField(_("số liệu tại ngày"))
    section = models.CharField(_("nhóm"), max_length=255, blank=True)
    c3 = models.IntegerField(_("tổng số TTHC"), null=True, blank=True)
    c4 = models.IntegerField(_("chưa đưa vào Trung tâm"), null=True, blank=True)
    c5 = models.IntegerField(_("đưa vào Trung tâm"), null=True, blank=True)
    c6 = models.IntegerField(_("cột 6"), null=True, blank=True)
    c7 = models.IntegerField(_("cột 7"), null=True, blank=True)
    c8 = models.IntegerField(_("cột 8"), null=True, blank=True)
    source = models.ForeignKey(
        "importers.ImportRun", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["as_of", "agency_name"]
        verbose_name = _("số liệu TTHC theo đơn vị")
        verbose_name_plural = _("số liệu TTHC theo đơn vị")
        constraints = [models.UniqueConstraint(fields=["agency_key", "as_of"], name="unique_agency_stat")]

    def __str__(self) -> str:
        return f"{self.agency_name} ({self.as_of:%d/%m/%Y})"
