"""Agencies (a tree whose levels are data), centers that receive dossiers, and fields (lĩnh vực)."""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

# QCVN 102:2016/BTTTT identifiers: four groups, the last naming the province or ministry (H22, G01…),
# e.g. 000.00.12.H22. A bare province/ministry code (H22) is accepted for the top of the tree.
AGENCY_IDENTIFIER_RE = re.compile(r"^(?:[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.)?[A-Z][0-9]{2}$")


def validate_agency_identifier(value: str) -> None:
    if not AGENCY_IDENTIFIER_RE.match(value or ""):
        raise ValidationError(
            _("Mã định danh “%(value)s” không đúng dạng QCVN 102:2016 (ví dụ 000.00.12.H22)."),
            params={"value": value},
        )


class OpenQuerySet(models.QuerySet):
    """Rows still in service on a day: a closed level or center stays for old dossiers and past figures."""

    def open_on(self, day: dt.date | None = None):
        day = day or timezone.localdate()
        return self.filter(models.Q(closed_on__isnull=True) | models.Q(closed_on__gt=day))

    def closed_on_or_before(self, day: dt.date | None = None):
        return self.filter(closed_on__lte=day or timezone.localdate())


class AgencyLevel(models.Model):
    """A level of government (province, district, commune…); data, since provinces reorganise.

    The district level ended on 1/7/2025 (Resolution 202/2025/QH15 and the amended Law on the Organisation of
    Local Government, Law 72/2025/QH15): its row stays, with `closed_on`, for the dossiers and figures before.
    """

    code = models.SlugField(_("mã"), max_length=32, unique=True)
    name = models.CharField(_("tên"), max_length=100)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    closed_on = models.DateField(
        _("ngừng áp dụng từ ngày"),
        null=True,
        blank=True,
        help_text=_("Cấp đã bãi bỏ (ví dụ cấp huyện từ 01/7/2025): chỉ còn trên hồ sơ và số liệu trước đó."),
    )

    objects = OpenQuerySet.as_manager()

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("cấp hành chính")
        verbose_name_plural = _("cấp hành chính")

    def __str__(self) -> str:
        return self.name


class Agency(index.Indexed, models.Model):
    class Kind(models.TextChoices):
        PEOPLE_COMMITTEE = "people_committee", _("Ủy ban nhân dân")
        DEPARTMENT = "department", _("Sở, ban, ngành")
        OTHER = "other", _("Cơ quan khác")

    identifier = models.CharField(
        _("mã định danh"), max_length=32, unique=True, validators=[validate_agency_identifier]
    )
    name = models.CharField(_("tên cơ quan"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=64, blank=True)
    kind = models.CharField(_("loại"), max_length=32, choices=Kind.choices, default=Kind.DEPARTMENT)
    level = models.ForeignKey(
        AgencyLevel, verbose_name=_("cấp"), on_delete=models.PROTECT, related_name="agencies"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("cơ quan cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    active = models.BooleanField(_("đang hoạt động"), default=True)
    # A merged agency keeps its row (and name) so old dossiers and reports still say who handled them.
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("đã hợp nhất vào"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_agencies",
    )
    merged_on = models.DateField(_("ngày hợp nhất"), null=True, blank=True)

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("active"),
    ]

    class Meta:
        ordering = ["level__order", "identifier"]
        verbose_name = _("cơ quan")
        verbose_name_plural = _("cơ quan")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.merged_into_id and self.merged_into_id == self.pk:
            raise ValidationError({"merged_into": _("Một cơ quan không thể hợp nhất vào chính nó.")})
        if self.merged_into_id and self.active:
            raise ValidationError({"active": _("Cơ quan đã hợp nhất thì không còn hoạt động.")})

    @property
    def current(self) -> Agency:
        """The agency that carries on this one's work today (follows merges)."""
        agency, seen = self, set()
        while agency.merged_into_id and agency.pk not in seen:
            seen.add(agency.pk)
            agency = agency.merged_into
        return agency


class Center(index.Indexed, models.Model):
    """A place that receives dossiers: since 1/7/2025 the province's and the communes' public administrative
    service centers (Decree 118/2025/NĐ-CP, art. 7); district and commune one-stop desks are history, kept with
    `closed_on` (and their `successor`) for the dossiers they received."""

    class Kind(models.TextChoices):
        PROVINCE_CENTER = "province_center", _("Trung tâm Phục vụ hành chính công tỉnh")
        COMMUNE_CENTER = "commune_center", _("Trung tâm Phục vụ hành chính công cấp xã")
        # Before the two-level government (until 30/6/2025): kept for old dossiers and past figures.
        DISTRICT_DESK = "district_desk", _("Bộ phận Một cửa cấp huyện (đến 30/6/2025)")
        COMMUNE_DESK = "commune_desk", _("Bộ phận Một cửa cấp xã (đến 30/6/2025)")

    #: The kinds a center can be opened as today.
    CURRENT_KINDS = (Kind.PROVINCE_CENTER, Kind.COMMUNE_CENTER)

    code = models.SlugField(_("mã"), max_length=64, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    kind = models.CharField(_("loại"), max_length=32, choices=Kind.choices)
    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan chủ quản"), on_delete=models.PROTECT, related_name="centers"
    )
    agencies = models.ManyToManyField(
        Agency, verbose_name=_("tiếp nhận TTHC của các cơ quan"), blank=True, related_name="served_by_centers"
    )
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=64, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    opening_hours = models.CharField(_("giờ làm việc"), max_length=255, blank=True)
    closed_on = models.DateField(
        _("ngừng tiếp nhận từ ngày"),
        null=True,
        blank=True,
        help_text=_("Nơi tiếp nhận đã giải thể hoặc sáp nhập: không còn trong danh sách tiếp nhận hồ sơ."),
    )
    successor = models.ForeignKey(
        "self",
        verbose_name=_("nơi tiếp nhận kế thừa"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
    )

    objects = OpenQuerySet.as_manager()

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("trung tâm / bộ phận một cửa")
        verbose_name_plural = _("trung tâm / bộ phận một cửa")

    def __str__(self) -> str:
        return self.name

    def is_open(self, day: dt.date | None = None) -> bool:
        return self.closed_on is None or self.closed_on > (day or timezone.localdate())

    @property
    def current(self) -> Center:
        """The center that receives today in this one's place (follows successors)."""
        center, seen = self, set()
        while center.successor_id and center.pk not in seen:
            seen.add(center.pk)
            center = center.successor
        return center


class Field(models.Model):
    """A sector (lĩnh vực) grouping procedures."""

    code = models.SlugField(_("mã"), max_length=64, unique=True)
    name = models.CharField(_("tên lĩnh vực"), max_length=255, unique=True)
    # Sector rules such as chứng thực and hộ tịch say "tiếp nhận sau 15 giờ thì trả kết quả trong ngày làm
    # việc tiếp theo"; the hour itself is the rule set's ``same_day_cutoff``.
    same_day_cutoff = models.BooleanField(
        _("áp dụng giờ chốt cho thủ tục trong ngày"),
        default=False,
        help_text=_(
            "Thủ tục giải quyết trong ngày của lĩnh vực này: hồ sơ tiếp nhận sau giờ chốt (15:00) "
            "được trả kết quả trong ngày làm việc tiếp theo."
        ),
    )

    #: Sectors created with the cut-off on (the province can turn it off); see migration 0007 for the sources.
    CUTOFF_SECTORS = ("chứng thực", "hộ tịch")

    class Meta:
        ordering = ["name"]
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        # A sector new to the catalog (from an import or the admin) starts with its sector rule's cut-off.
        if self._state.adding and any(word in self.name.lower() for word in self.CUTOFF_SECTORS):
            self.same_day_cutoff = True
        super().save(*args, **kwargs)
