"""Admin UI of the catalog: Wagtail viewsets grouped under one menu (registered in wagtail_hooks)."""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .admin_forms import ChannelForm, ParsedInlinePanel, ProcedureForm
from .models import Agency, AgencyLevel, Center, Decision, Field, Procedure, SearchQueryStat, SearchSynonym
from .services import search_catalog


class CatalogIndexView(SnippetIndexView):
    """Exports are formula-safe for every viewset at once (cms.exports)."""


class ProcedureIndexView(CatalogIndexView):
    """The admin's procedure search is the citizens' one: accents optional, codes, name matches first.

    Wagtail's own would pass the viewset's `search_fields` to the search backend, which indexes only the
    folded copies (a `SearchFieldError` on "code"), and would compare the officer's accented words with them.
    """

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        found = search_catalog(self.search_query, queryset)
        if self.is_explicitly_ordered:  # the officer sorted by a column: keep that order
            return queryset.filter(pk__in=found.unordered.values("pk"))
        return found.procedures


class ProcedureChooserFilterForm(BaseFilterForm):
    """The procedure chooser searches as citizens do: by code (`1.000894`), with or without accents."""

    q = forms.CharField(
        label=_("Tìm"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Mã hoặc tên thủ tục")}),
    )

    def filter(self, objects):
        objects = super().filter(objects)
        query = self.cleaned_data.get("q")
        if query:
            self.is_searching = True
            self.search_query = query
            return search_catalog(query, objects).procedures
        return objects


class ProcedureChooseView(ChooseView):
    filter_form_class = ProcedureChooserFilterForm


class ProcedureChooseResultsView(ChooseResultsView):
    filter_form_class = ProcedureChooserFilterForm


class ProcedureChooserViewSet(SnippetChooserViewSet):
    choose_view_class = ProcedureChooseView
    choose_results_view_class = ProcedureChooseResultsView


class AgencyLevelViewSet(ModelViewSet):
    model = AgencyLevel
    icon = "list-ol"
    menu_label = _("Cấp hành chính")
    list_display = ["name", "code", "order", "closed_on"]
    form_fields = ["code", "name", "order", "closed_on"]
    add_to_admin_menu = False


class AgencyViewSet(SnippetViewSet):
    model = Agency
    icon = "group"
    menu_label = _("Cơ quan")
    list_display = ["name", "identifier", "level", "parent", "active"]
    list_filter = ["level", "kind", "active"]
    search_fields = ["name", "identifier"]
    list_export = ["identifier", "name", "short_name", "level", "parent", "active"]
    export_filename = "co-quan"
    index_view_class = CatalogIndexView
    panels = [
        FieldRowPanel([FieldPanel("identifier"), FieldPanel("short_name")]),
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("level")]),
        FieldPanel("parent"),
        MultiFieldPanel(
            [FieldPanel("active"), FieldRowPanel([FieldPanel("merged_into"), FieldPanel("merged_on")])],
            heading=_("Hợp nhất"),
        ),
    ]


class CenterViewSet(SnippetViewSet):
    model = Center
    icon = "site"
    menu_label = _("Trung tâm, bộ phận một cửa")
    list_display = ["name", "code", "kind", "agency", "closed_on"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]
    list_export = ["code", "name", "kind", "agency", "address", "phone", "email"]
    export_filename = "trung-tam"
    index_view_class = CatalogIndexView
    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("kind")]),
        FieldPanel("name"),
        FieldPanel("agency"),
        FieldPanel("agencies"),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
        FieldPanel("opening_hours"),
        FieldRowPanel([FieldPanel("closed_on"), FieldPanel("successor")], heading=_("Ngừng tiếp nhận")),
    ]


class FieldViewSet(SnippetViewSet):
    model = Field
    icon = "tag"
    menu_label = _("Lĩnh vực")
    list_display = ["name", "code"]
    search_fields = ["name", "code"]
    list_export = ["code", "name"]
    export_filename = "linh-vuc"
    index_view_class = CatalogIndexView


class ProcedureViewSet(SnippetViewSet):
    model = Procedure
    icon = "doc-full"
    menu_label = _("Thủ tục hành chính")
    list_display = ["code", "name", "agency", "online_level", "status", "live"]
    list_filter = ["status", "live", "online_level", "levels", "fields", "inter_agency"]
    search_fields = ["code", "name", "search_name"]
    list_per_page = 50
    list_export = [
        "code",
        "name",
        "procedure_type",
        "agency",
        "processing_time_text",
        "fee_text",
        "online_level",
        "status",
    ]
    export_filename = "thu-tuc-hanh-chinh"
    index_view_class = ProcedureIndexView
    chooser_viewset_class = ProcedureChooserViewSet
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldRowPanel([FieldPanel("code"), FieldPanel("status")]),
                    FieldPanel("name"),
                    FieldPanel("aliases"),
                    FieldPanel("procedure_type"),
                    FieldRowPanel([FieldPanel("levels"), FieldPanel("fields")]),
                    FieldPanel("agency"),
                    FieldPanel("competent_agency"),
                    FieldPanel("cooperating_agencies"),
                    FieldPanel("delegated_agency"),
                    FieldPanel("applicant_types"),
                    FieldRowPanel([FieldPanel("effective_from"), FieldPanel("effective_to")]),
                ],
                heading=_("Thông tin chung"),
            ),
            ObjectList(
                [
                    ParsedInlinePanel(
                        "channels",
                        heading=_("Cách thức thực hiện"),
                        label=_("Cách thức"),
                        form_class=ChannelForm,
                        panels=[
                            FieldPanel("channel"),
                            FieldPanel(
                                "processing_time_text",
                                help_text=_("Ví dụ: 15 ngày làm việc; 02 giờ làm việc; Trong ngày."),
                            ),
                            FieldPanel(
                                "fee_text",
                                help_text=_("Ví dụ: 50.000 đồng/hồ sơ; Lệ phí: 100.000 đồng; Miễn phí."),
                            ),
                            FieldPanel("description"),
                        ],
                    ),
                    FieldPanel("receipt_cutoff"),
                    FieldPanel("online_level"),
                ],
                heading=_("Thời hạn, phí"),
            ),
            ObjectList(
                [
                    InlinePanel("components", heading=_("Thành phần hồ sơ"), label=_("Giấy tờ")),
                    InlinePanel(
                        "steps",
                        heading=_("Trình tự thực hiện"),
                        label=_("Bước"),
                        panels=[FieldPanel("text")],
                    ),
                    FieldPanel("requirements"),
                    FieldPanel("result"),
                    InlinePanel("legal_basis", heading=_("Căn cứ pháp lý"), label=_("Văn bản")),
                    FieldPanel("related"),
                ],
                heading=_("Hồ sơ, trình tự"),
            ),
            ObjectList(
                [
                    FieldPanel("centers"),
                    MultiFieldPanel(
                        [
                            FieldRowPanel([FieldPanel("onsite_receive"), FieldPanel("onsite_appraise")]),
                            FieldRowPanel([FieldPanel("onsite_approve"), FieldPanel("onsite_return")]),
                        ],
                        heading=_("“4 tại chỗ”"),
                    ),
                    FieldPanel("inter_agency"),
                ],
                heading=_("Nơi tiếp nhận"),
            ),
        ],
        base_form_class=ProcedureForm,
    )


class DecisionViewSet(SnippetViewSet):
    model = Decision
    icon = "doc-full-inverse"
    menu_label = _("Quyết định công bố")
    list_display = ["number", "title", "issued", "effective", "live"]
    list_filter = ["issuer", "live"]
    search_fields = ["number", "title"]
    list_export = ["number", "title", "issued", "effective", "signer"]
    export_filename = "quyet-dinh-cong-bo"
    index_view_class = CatalogIndexView
    panels = [
        FieldRowPanel([FieldPanel("number"), FieldPanel("signer")]),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("issued"), FieldPanel("effective")]),
        FieldPanel("issuer"),
        FieldPanel("signed_file"),
        InlinePanel("items", heading=_("Danh mục thủ tục"), label=_("Thủ tục")),
    ]


class SearchSynonymViewSet(ModelViewSet):
    """Editors teach the search citizens' words; a change applies from the next search (cache dropped on save)."""

    model = SearchSynonym
    url_prefix = "catalog/search-synonyms"
    url_namespace = "catalog_search_synonyms"
    icon = "search"
    menu_label = _("Từ đồng nghĩa tìm kiếm")
    list_display = ["term", "replacement", "kind", "active", "note"]
    list_filter = ["active", "kind"]
    search_fields = ["term", "replacement", "folded_term"]
    form_fields = ["term", "replacement", "kind", "active", "note"]
    add_to_admin_menu = False


class SearchQueryFilterSet(WagtailFilterSet):
    outcome = django_filters.ChoiceFilter(
        label=_("Cần xem"),
        method="filter_outcome",
        empty_label=_("Tất cả"),
        choices=[
            ("zero", _("Không có kết quả")),
            ("weak", _("Chỉ có kết quả gần đúng")),
            ("unclicked", _("Có kết quả nhưng chưa ai mở")),
        ],
    )

    class Meta:
        model = SearchQueryStat
        fields = ["quality"]

    def filter_outcome(self, queryset, name, value):
        if value == "zero":
            return queryset.filter(results=0)
        if value == "weak":
            return queryset.filter(quality__in=[SearchQueryStat.Quality.WEAK, SearchQueryStat.Quality.CLOSE])
        if value == "unclicked":
            return queryset.filter(results__gt=0, clicks=0)
        return queryset


class SearchQueryStatViewSet(ModelViewSet):
    """What citizens searched (masked), with zero-hit and never-opened ones to filter: where editors add a
    synonym or a promoted result (Wagtail's "Promoted search results")."""

    model = SearchQueryStat
    url_prefix = "catalog/search-queries"
    url_namespace = "catalog_search_queries"
    icon = "doc-full"
    menu_label = _("Từ khóa người dân tìm")
    list_display = ["query", "searches", "results", "quality", "clicks", "last_searched"]
    filterset_class = SearchQueryFilterSet
    search_fields = ["query__query_string"]
    form_fields = []
    add_to_admin_menu = False
    inspect_view_enabled = True
    copy_view_enabled = False

    def get_queryset(self, request):
        return SearchQueryStat.objects.select_related("query")


class CatalogViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Danh mục TTHC")
    menu_icon = "folder-open-inverse"
    menu_order = 200
    items = (
        ProcedureViewSet,
        DecisionViewSet,
        AgencyViewSet,
        CenterViewSet,
        FieldViewSet,
        AgencyLevelViewSet,
        SearchSynonymViewSet,
        SearchQueryStatViewSet,
    )
