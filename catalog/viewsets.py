"""Admin UI of the catalog: Wagtail viewsets grouped under one menu (registered in wagtail_hooks)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Agency, AgencyLevel, Center, Decision, Field, Procedure
from .services import search_catalog

# What makes a spreadsheet read a cell as a formula (OWASP "CSV injection"): `=`, `+`, `-`, `@`, and a tab
# or carriage return before them.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(value: object) -> object:
    """A text cell that a spreadsheet would run as a formula, made plain text by a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


class FormulaSafeExportMixin:
    """Exports whose CSV cannot run formulas. Wagtail 8's SpreadsheetExportMixin writes every XLSX value as
    a string cell (it turns openpyxl's formula cells back into strings), which Excel never evaluates, but
    writes CSV cells as they are: `=HYPERLINK(…)` in an agency's or a procedure's name would run when an
    officer opens the file."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return formula_safe(value) if export_format == self.FORMAT_CSV else value


class CatalogIndexView(FormulaSafeExportMixin, SnippetIndexView):
    pass


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
    list_display = ["code", "name", "agency", "online_level", "status"]
    list_filter = ["status", "online_level", "levels", "fields", "inter_agency"]
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
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldRowPanel([FieldPanel("code"), FieldPanel("status")]),
                    FieldPanel("name"),
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
                    FieldPanel("processing_time_text"),
                    FieldPanel("fee_text"),
                    FieldPanel("receipt_cutoff"),
                    InlinePanel("channels", heading=_("Cách thức thực hiện"), label=_("Cách thức")),
                    FieldPanel("online_level"),
                ],
                heading=_("Thời hạn, phí"),
            ),
            ObjectList(
                [
                    InlinePanel("components", heading=_("Thành phần hồ sơ"), label=_("Giấy tờ")),
                    FieldPanel("steps"),
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
        ]
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
    )
