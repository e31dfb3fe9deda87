"""Every admin spreadsheet export is formula-safe: one patch of Wagtail's `SpreadsheetExportMixin`.

A cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is run as a formula by spreadsheet
programs (OWASP "CSV injection"): `=HYPERLINK(…)` typed into an online form came out live in
`/admin/dossier/?export=csv` (issue 11 item 3). Every viewset's index view, ours and Wagtail's own (form
submissions, reports), inherits `preprocess_field_value` from that one mixin, so escaping it there covers the
exports that exist and the ones added later, in CSV and XLSX alike; `tests/cms/test_exports.py` walks the
registered viewsets to prove it.
"""

from __future__ import annotations

from wagtail.admin.views.mixins import SpreadsheetExportMixin

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(value: object) -> object:
    """A text cell that a spreadsheet would run as a formula, made plain text by a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def install() -> None:
    """Wrap the mixin's value preprocessing once (called from `CmsConfig.ready`)."""
    original = SpreadsheetExportMixin.preprocess_field_value
    if getattr(original, "formula_safe", False):
        return

    def preprocess_field_value(self, field, value, export_format):
        return formula_safe(original(self, field, value, export_format))

    preprocess_field_value.formula_safe = True
    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
