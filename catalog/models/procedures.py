"""Procedures (TTHC) with the national field set, their channels, components and legal basis."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from functools import partial

from django.contrib.contenttypes.fields import GenericRelation
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import DraftStateMixin, Orderable, RevisionMixin, WorkflowMixin
from wagtail.search import index
from wagtail.search.backends import get_search_backends
from wagtail.search.backends.base import BaseSearchBackend

from ..parsing.text import fold, marked_words
from .agencies import Agency, AgencyLevel, Center, Field

logger = logging.getLogger(__name__)

# 1.001234, 2.000889, with optional local suffixes (1.012753.H19, 2.002154.000.00.00.H29).
PROCEDURE_CODE_RE = re.compile(r"^\d\.\d{6}(?:\.[0-9A-Z]{2,3})*$")


ALIAS_SEPARATOR = " | "


def fold_aliases(text: str) -> str:
    """The folded aliases, one a line or separated by `;`, joined by " | ": the ranking looks for " word "
    and " word word " pieces, and the bar keeps two aliases from making a pair of words."""
    lines = (" ".join(fold(line).split()) for line in (text or "").replace(";", "\n").splitlines())
    return ALIAS_SEPARATOR.join(dict.fromkeys(line for line in lines if line))


# Abbreviations the official names use ("sổ BHXH, thẻ BHYT") and citizens spell out, or the other way round:
# the spelled-out words go into the procedure's indexed aliases, so either finds it.
ABBREVIATIONS = {
    "bhxh": "bao hiem xa hoi",
    "bhyt": "bao hiem y te",
    "bhtn": "bao hiem that nghiep",
    "bhtnld": "bao hiem tai nan lao dong",
    "tnld": "tai nan lao dong",
    "bnn": "benh nghe nghiep",
    "tncn": "thu nhap ca nhan",
    "tndn": "thu nhap doanh nghiep",
    "gtgt": "gia tri gia tang",
    "tnhh": "trach nhiem huu han",
    "htx": "hop tac xa",
    "ubnd": "uy ban nhan dan",
    "cccd": "can cuoc cong dan",
    "cmnd": "chung minh nhan dan",
    "gplx": "giay phep lai xe",
}


def search_aliases_for(search_name: str, aliases: str) -> str:
    """What the index holds as the procedure's aliases: the editors' (folded), and the spelled-out form
    of each abbreviation its folded name uses."""
    words = set((search_name or "").split())
    spelled = [ABBREVIATIONS[w] for w in ABBREVIATIONS if w in words]
    folded = fold_aliases(aliases)
    return ALIAS_SEPARATOR.join(a for a in [folded, *spelled] if a)


def fold_components(names) -> str:
    """The folded component names, joined like aliases."""
    folded = (" ".join(fold(n).split()) for n in names if n and n.strip())
    return ALIAS_SEPARATOR.join(dict.fromkeys(folded))


def validate_procedure_code(value: str) -> None:
    if not PROCEDURE_CODE_RE.match(value or ""):
        raise ValidationError(
            _("Mã thủ tục “%(value)s” không đúng dạng (ví dụ 1.001234 hoặc 2.002154.000.00.00.H29)."),
            params={"value": value},
        )


class TimeUnit(models.TextChoices):
    WORKING_DAY = "working_day", _("ngày làm việc")
    DAY = "day", _("ngày")
    HOUR = "hour", _("giờ làm việc")


class OnlineLevel(models.TextChoices):
    FULL = "full", _("Toàn trình")
    PARTIAL = "partial", _("Một phần")
    NONE = "none", _("Không trực tuyến")


class Channel(models.TextChoices):
    DIRECT = "direct", _("Trực tiếp")
    ONLINE = "online", _("Trực tuyến")
    POSTAL = "postal", _("Qua bưu chính")


class ProcedureQuerySet(models.QuerySet):
    def published(self) -> ProcedureQuerySet:
        # `live`: a procedure created in the admin stays out of the public catalog until it is approved.
        return self.filter(status=Procedure.Status.ACTIVE, live=True)

    def for_listing(self) -> ProcedureQuerySet:
        """What a listing row shows, in a fixed number of queries whatever the page size."""
        return self.select_related("agency", "agency__level").prefetch_related("levels", "fields")

    # The many-to-many filters go through `pk IN (…)` rather than joins: no duplicate rows, so no DISTINCT
    # over every column of every match to count and page them.
    def at_level(self, code: str) -> ProcedureQuerySet:
        links = Procedure.levels.through.objects.filter(agencylevel__code=code)
        return self.filter(pk__in=links.values("procedure"))

    def in_field(self, key: str, *, or_name: bool = False) -> ProcedureQuerySet:
        """In the field whose code is `key` (or, with `or_name`, whose name is `key` in any case)."""
        match = models.Q(field__code=key)
        if or_name:
            match |= models.Q(field__name__iexact=key)
        links = Procedure.fields.through.objects.filter(match)
        return self.filter(pk__in=links.values("procedure"))


class Procedure(WorkflowMixin, DraftStateMixin, RevisionMixin, index.Indexed, ClusterableModel):
    """A procedure. Its row is the published (live) version: an edit in the admin is a draft revision that
    goes through the moderation workflow and reaches the row only when approved (DraftStateMixin), while
    decisions and imports, reviewed on their own path, write the row directly."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        ACTIVE = "active", _("Đang áp dụng")
        ABOLISHED = "abolished", _("Đã bãi bỏ")
        REPLACED = "replaced", _("Đã bị thay thế")

    code = models.CharField(_("mã thủ tục"), max_length=40, unique=True, validators=[validate_procedure_code])
    name = models.TextField(_("tên thủ tục"))
    procedure_type = models.CharField(_("loại thủ tục"), max_length=255, blank=True)
    # Parental many-to-many fields: a draft's levels, sectors, centers and related procedures live in its
    # revision and reach the tables only when the draft is published.
    levels = ParentalManyToManyField(AgencyLevel, verbose_name=_("cấp thực hiện"), blank=True)
    fields = ParentalManyToManyField(Field, verbose_name=_("lĩnh vực"), blank=True, related_name="procedures")
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan thực hiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="procedures",
    )
    competent_agency = models.TextField(_("cơ quan có thẩm quyền"), blank=True)
    cooperating_agencies = models.TextField(_("cơ quan phối hợp"), blank=True)
    delegated_agency = models.TextField(_("cơ quan được ủy quyền, phân cấp"), blank=True)
    applicant_types = models.JSONField(_("đối tượng thực hiện"), default=list, blank=True)
    requirements = models.TextField(_("yêu cầu, điều kiện"), blank=True)
    result = models.TextField(_("kết quả thực hiện"), blank=True)
    related = ParentalManyToManyField("self", verbose_name=_("thủ tục liên quan"), blank=True)
    online_level = models.CharField(
        _("mức độ dịch vụ công trực tuyến"),
        max_length=16,
        choices=OnlineLevel.choices,
        default=OnlineLevel.NONE,
    )
    centers = ParentalManyToManyField(
        Center, verbose_name=_("nơi tiếp nhận"), blank=True, related_name="procedures"
    )
    # The "4 tại chỗ" targets of the provincial plans under Decision 985/QĐ-TTg count procedures whose four
    # stages all happen at the center.
    onsite_receive = models.BooleanField(_("tiếp nhận tại chỗ"), default=True)
    onsite_appraise = models.BooleanField(_("thẩm định tại chỗ"), default=False)
    onsite_approve = models.BooleanField(_("phê duyệt tại chỗ"), default=False)
    onsite_return = models.BooleanField(_("trả kết quả tại chỗ"), default=True)
    inter_agency = models.BooleanField(_("liên thông"), default=False)
    status = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.ACTIVE)
    effective_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    effective_to = models.DateField(_("hết hiệu lực"), null=True, blank=True)
    # The principal processing time (of the direct channel), parsed; the original text is kept beside it.
    processing_time_text = models.TextField(_("thời hạn giải quyết"), blank=True)
    processing_time_value = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    processing_time_unit = models.CharField(max_length=16, choices=TimeUnit.choices, blank=True)
    fee_text = models.TextField(_("phí, lệ phí"), blank=True)
    legal_basis_text = models.TextField(_("căn cứ pháp lý (nguyên văn)"), blank=True)
    receipt_cutoff = models.TimeField(
        _("giờ chốt tiếp nhận"),
        null=True,
        blank=True,
        help_text=_(
            "Hồ sơ nhận sau giờ này được tính từ ngày làm việc tiếp theo (để trống: theo giờ chung)."
        ),
    )
    # Accent-folded copies for search (`giay phep xay dung` must find `Cấp giấy phép xây dựng`).
    search_name = models.TextField(editable=False, blank=True)
    # The name's words with their marks, lowered (`marked_words`): the search tells a word typed with its
    # marks ("thuế") from its folded twin ("thuê") on this, not by lowering and cleaning every name in SQL.
    search_marks = models.TextField(editable=False, blank=True)
    search_body = models.TextField(editable=False, blank=True)
    # What citizens call the procedure ("cà vẹt xe", "sổ đỏ lần đầu"), kept by editors, one a line: indexed
    # with the procedure (after the name, before the body), so a colloquial word finds it whatever the query
    # rewriting does. `search_aliases` is its folded copy.
    aliases = models.TextField(
        _("tên gọi khác"),
        blank=True,
        help_text=_("Cách người dân hay gọi thủ tục này, mỗi dòng một cách gọi (ví dụ “sổ đỏ lần đầu”)."),
    )
    search_aliases = models.TextField(editable=False, blank=True)
    # The folded names of the dossier components: indexed with the lowest weight (a citizen names a paper
    # they hold, "giấy chứng sinh", more often than the procedure that asks for it).
    search_components = models.TextField(editable=False, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Wagtail's recommended reverse relations, so revisions and workflow states go with a deleted procedure.
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="procedure")
    _workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="procedure",
        for_concrete_model=False,
    )

    objects = ProcedureQuerySet.as_manager()

    # Wagtail indexes the folded copies, so every backend compares ASCII with ASCII (catalog.services.search).
    # Autocomplete covers the body too: citizens' last word is often half typed, wherever it matches.
    search_fields = [
        index.SearchField("search_name", boost=4),
        index.SearchField("search_aliases", boost=2),
        index.SearchField("search_body"),
        index.SearchField("search_components", boost=0.5),
        index.AutocompleteField("search_name"),
        index.AutocompleteField("search_aliases"),
        index.AutocompleteField("search_body"),
        index.AutocompleteField("search_components"),
        index.FilterField("status"),
        index.FilterField("online_level"),
        index.FilterField("agency_id"),
    ]
    # Wagtail's own handlers index from a background task that can run before the writer's transaction
    # commits (it then indexes the old text, or finds no row); the receivers below index in step instead.
    search_auto_update = False

    class Meta:
        ordering = ["code"]
        verbose_name = _("thủ tục hành chính")
        verbose_name_plural = _("thủ tục hành chính")

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    def save(self, *args, **kwargs) -> None:
        # The admin edits `name` but never sees `search_name`: keep the folded copy in step with it.
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "name" in update_fields:
            self.search_name = fold(self.name)
            self.search_marks = marked_words(self.name)
            if not self.search_body:
                self.search_body = fold(f"{self.procedure_type} {self.result}")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "search_name", "search_marks", "search_body"}
        if update_fields is None or {"aliases", "name"} & set(update_fields):
            self.search_aliases = search_aliases_for(self.search_name, self.aliases)
            if update_fields is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "search_aliases"}
        if update_fields is None:
            # Components are children saved with the procedure (modelcluster): in memory here, new or not.
            self.search_components = fold_components(c.name for c in self.components.all())
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("catalog:procedure", kwargs={"code": self.code})

    @property
    def takes_online_submission(self) -> bool:
        """Its online level promises online submission (toàn trình or một phần) and a center receives it."""
        return (
            self.status == self.Status.ACTIVE
            and self.live
            and self.online_level in (OnlineLevel.FULL, OnlineLevel.PARTIAL)
            and self.centers.open_on().exists()
        )

    @property
    def fully_onsite(self) -> bool:
        return self.onsite_receive and self.onsite_appraise and self.onsite_approve and self.onsite_return

    def processing_time_dict(self) -> dict:
        value = self.processing_time_value
        if value is not None:
            value = int(value) if value == value.to_integral_value() else float(value)
        return {"value": value, "unit": self.processing_time_unit or None, "text": self.processing_time_text}


# The columns the search index is built from: all a re-index needs to load (catalog.services.search).
INDEXED_COLUMNS = tuple(dict.fromkeys(field.field_name for field in Procedure.search_fields))
# Saves that change none of these leave the search index as it is (`agency` is `agency_id` by its field
# name; `name` is what save() folds into `search_name`).
INDEXED_ATTRS = frozenset({*INDEXED_COLUMNS, "agency", "name", "aliases"})
# The cached word frequencies of the names (catalog.services.search_words), deleted whenever the index changes.
SEARCH_DF_CACHE_KEY = "catalog:search-df"


def update_search_index(backend: BaseSearchBackend, update: Callable[[], object], label: str) -> None:
    """Run `update` (a write to `backend`'s index) in step with the current transaction."""
    # The search weighs words by how many names have them (catalog.services.search_words): counted again
    # after any change.
    cache.delete(SEARCH_DF_CACHE_KEY)
    if not backend.catch_indexing_errors:
        # A database backend keeps its index in the same database: written in the same transaction, the
        # index commits or rolls back with the procedures (an import's dry run leaves nothing behind).
        update()
        return

    def later() -> None:
        # An external service (OpenSearch) sees only committed procedures and must not fail the write.
        try:
            update()
        except Exception:
            logger.exception("Search index update failed for %s", label)

    transaction.on_commit(later)


@receiver(post_save, sender=Procedure, dispatch_uid="catalog_procedure_index_on_save")
def index_saved_procedure(
    sender, instance: Procedure, raw: bool = False, update_fields=None, **kwargs
) -> None:
    if raw or (update_fields is not None and INDEXED_ATTRS.isdisjoint(update_fields)):
        return
    for backend in get_search_backends(with_auto_update=True):
        update_search_index(backend, partial(backend.add, instance), f"procedure {instance.pk}")


@receiver(post_delete, sender=Procedure, dispatch_uid="catalog_procedure_unindex_on_delete")
def unindex_deleted_procedure(sender, instance: Procedure, **kwargs) -> None:
    for backend in get_search_backends(with_auto_update=True):
        update_search_index(backend, partial(backend.delete, instance), f"procedure {instance.pk}")


class ProcedureChannel(Orderable):
    procedure = ParentalKey(Procedure, on_delete=models.CASCADE, related_name="channels")
    channel = models.CharField(_("cách thức"), max_length=16, choices=Channel.choices)
    processing_time_text = models.TextField(_("thời hạn giải quyết"), blank=True)
    processing_time_value = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    processing_time_unit = models.CharField(max_length=16, choices=TimeUnit.choices, blank=True)
    fee_text = models.TextField(_("phí, lệ phí"), blank=True)
    fees = models.JSONField(_("phí, lệ phí (đã phân tích)"), default=list, blank=True)
    description = models.TextField(_("mô tả"), blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("cách thức thực hiện")
        verbose_name_plural = _("cách thức thực hiện")


class ProcedureStep(Orderable):
    """One step of the procedure's "trình tự thực hiện", in order."""

    procedure = ParentalKey(Procedure, on_delete=models.CASCADE, related_name="steps")
    text = models.TextField(_("nội dung bước"))

    class Meta(Orderable.Meta):
        verbose_name = _("bước thực hiện")
        verbose_name_plural = _("trình tự thực hiện")

    def __str__(self) -> str:
        return self.text


class ProcedureComponent(Orderable):
    procedure = ParentalKey(Procedure, on_delete=models.CASCADE, related_name="components")
    name = models.TextField(_("tên giấy tờ"))
    originals = models.PositiveSmallIntegerField(_("số bản chính"), default=1)
    copies = models.PositiveSmallIntegerField(_("số bản sao"), default=0)
    required = models.BooleanField(_("bắt buộc"), default=True)
    template_name = models.CharField(_("mẫu đơn, tờ khai"), max_length=255, blank=True)
    template_file = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("tệp mẫu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta(Orderable.Meta):
        verbose_name = _("thành phần hồ sơ")
        verbose_name_plural = _("thành phần hồ sơ")


class LegalBasis(Orderable):
    procedure = ParentalKey(Procedure, on_delete=models.CASCADE, related_name="legal_basis")
    number = models.CharField(_("số, ký hiệu"), max_length=128)
    title = models.TextField(_("trích yếu"), blank=True)
    issued = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=255, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("căn cứ pháp lý")
        verbose_name_plural = _("căn cứ pháp lý")

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()
