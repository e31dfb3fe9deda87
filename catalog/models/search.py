"""What editors teach the catalog search: synonyms (colloquial wording → official), and what citizens asked.

Queries themselves are Wagtail's `search_promotions.Query` (with its daily hits); `SearchQueryStat` adds what
that model lacks for an editor deciding what to fix: how many procedures the last search found, how good
the match was, and whether anybody opened a result.
"""

from __future__ import annotations

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from ..parsing.text import fold

# The cache key of the folded synonym table (catalog.services.synonyms); deleted whenever a synonym changes,
# so the next search reads the table again, in every process sharing the cache.
SYNONYMS_CACHE_KEY = "catalog:search-synonyms"
# The questions editors promoted results for (catalog.services.search_log.promotions_for), dropped on any change.
PROMOTED_CACHE_KEY = "catalog:promoted-queries"


class SearchSynonym(models.Model):
    term = models.CharField(
        _("cách gọi thông thường"),
        max_length=100,
        help_text=_(
            "Cách người dân hay gọi, ví dụ “sổ đỏ”, “hộ khẩu”, “báo tử”. Có dấu hay không dấu đều được."
        ),
    )
    replacement = models.CharField(
        _("tên gọi chính thức"),
        max_length=255,
        blank=True,
        help_text=_(
            "Cách gọi trong tên thủ tục, ví dụ “giấy chứng nhận quyền sử dụng đất”. Để trống nếu đây chỉ là "
            "từ ngữ cảnh (“cho con”, “bị mất”) không bắt buộc phải có trong thủ tục."
        ),
    )

    class Kind(models.TextChoices):
        REPLACE = "replace", _("Thay bằng tên gọi chính thức")
        HINT = "hint", _("Chỉ gợi ý, không bắt buộc")

    kind = models.CharField(
        _("cách dùng"),
        max_length=8,
        choices=Kind.choices,
        default=Kind.REPLACE,
        help_text=_(
            "“Thay bằng tên gọi chính thức”: chỉ tìm thủ tục có tên gọi chính thức. “Chỉ gợi ý”: thủ tục có "
            "tên gọi chính thức được xếp trước nhưng không bắt buộc, ví dụ “Hàn Quốc” → “nước ngoài” (tên "
            "thủ tục không nêu từng nước)."
        ),
    )
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    active = models.BooleanField(_("đang dùng"), default=True)
    # The folded term, unique: "Sổ đỏ" and "so do" are one synonym.
    folded_term = models.CharField(max_length=100, unique=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["folded_term"]
        verbose_name = _("từ đồng nghĩa tìm kiếm")
        verbose_name_plural = _("từ đồng nghĩa tìm kiếm")

    def __str__(self) -> str:
        return f"{self.term} → {self.replacement}" if self.replacement else self.term

    def save(self, *args, **kwargs) -> None:
        self.folded_term = " ".join(fold(self.term).split())[:100]
        super().save(*args, **kwargs)

    def clean(self) -> None:
        folded = " ".join(fold(self.term).split())
        if not folded:
            raise ValidationError({"term": _("Cách gọi phải có ít nhất một chữ hoặc số.")})
        if folded == " ".join(fold(self.replacement).split()):
            raise ValidationError({"replacement": _("Tên gọi chính thức phải khác cách gọi thông thường.")})
        if self.kind == self.Kind.HINT and not fold(self.replacement).strip():
            raise ValidationError(
                {"replacement": _("Gợi ý cần có tên gọi chính thức để xếp thủ tục lên trước.")}
            )
        clash = SearchSynonym.objects.filter(folded_term=folded).exclude(pk=self.pk)
        if clash.exists():
            raise ValidationError(
                {"term": _("Đã có từ đồng nghĩa cho “%(term)s”.") % {"term": clash.first().term}}
            )


@receiver(post_save, sender=SearchSynonym)
@receiver(post_delete, sender=SearchSynonym)
def _forget_synonyms(**kwargs) -> None:
    cache.delete(SYNONYMS_CACHE_KEY)


@receiver(post_save, sender=SearchPromotion)
@receiver(post_delete, sender=SearchPromotion)
def _forget_promoted(**kwargs) -> None:
    cache.delete(PROMOTED_CACHE_KEY)


class SearchQueryStat(models.Model):
    """Per logged query (already masked of ID and phone numbers): the last outcome and the clicks."""

    class Quality(models.TextChoices):
        EXACT = "exact", _("Khớp tên thủ tục")
        CLOSE = "close", _("Gần đúng")
        WEAK = "weak", _("Có thể bạn muốn tìm")
        NONE = "none", _("Không có kết quả")

    query = models.OneToOneField(
        Query,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="catalog_stat",
        verbose_name=_("từ khóa"),
    )
    results = models.PositiveIntegerField(_("số kết quả lần gần nhất"), default=0)
    quality = models.CharField(_("mức khớp"), max_length=8, choices=Quality.choices, default=Quality.NONE)
    searches = models.PositiveIntegerField(_("số lần tìm"), default=0)
    clicks = models.PositiveIntegerField(_("số lần mở kết quả"), default=0)
    last_searched = models.DateTimeField(_("tìm gần nhất"), auto_now=True)

    class Meta:
        ordering = ["-searches"]
        verbose_name = _("từ khóa người dân tìm")
        verbose_name_plural = _("từ khóa người dân tìm")

    def __str__(self) -> str:
        return self.query.query_string
