"""django-import-export Resources through which every imported row lands, keyed by natural keys.

The engine gives us the dry run, the diff (new / update / skip) and row errors; `land()` drives it the same
way for every profile and maps its results back to worksheet rows.
"""

from __future__ import annotations

from typing import Any

import tablib
from import_export import fields, resources, widgets

from catalog.models import Agency, AgencyLevel, Decision, DecisionItem, Field, Procedure, ProcedureChannel
from catalog.parsing import fold, parse_fees
from catalog.services.records import _fees_json

from .models import AgencyStat, Plan, PlanTask
from .profiles.base import ProfileRow

ACTIONS = {"new": "create", "update": "update", "skip": "unchanged", "delete": "delete"}


class ProcedureResource(resources.ModelResource):
    """Procedures from a list export (national portal, a province's one-stop system), keyed by code."""

    agency = fields.Field(
        attribute="agency", column_name="agency", widget=widgets.ForeignKeyWidget(Agency, "identifier")
    )
    levels = fields.Field(
        attribute="levels", column_name="levels", widget=widgets.ManyToManyWidget(AgencyLevel, ",", "code")
    )
    fields_ = fields.Field(
        attribute="fields", column_name="fields", widget=widgets.ManyToManyWidget(Field, "|", "code")
    )

    class Meta:
        model = Procedure
        import_id_fields = ["code"]
        fields = [
            "code",
            "name",
            "agency",
            "levels",
            "fields_",
            "processing_time_text",
            "processing_time_value",
            "processing_time_unit",
            "fee_text",
            "legal_basis_text",
            "competent_agency",
            "status",
        ]
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = False

    def before_save_instance(self, instance: Procedure, row, **kwargs) -> None:
        instance.search_name = fold(instance.name)
        instance.search_body = fold(
            " ".join([instance.procedure_type, instance.legal_basis_text, instance.result])
        )

    def after_save_instance(self, instance: Procedure, row, **kwargs) -> None:
        if kwargs.get("dry_run"):
            return
        # The principal (direct) channel carries the parsed time and fees; other channels are left as edited.
        ProcedureChannel.objects.update_or_create(
            procedure=instance,
            channel="direct",
            defaults={
                "processing_time_text": instance.processing_time_text,
                "processing_time_value": instance.processing_time_value,
                "processing_time_unit": instance.processing_time_unit,
                "fee_text": instance.fee_text,
                "fees": _fees_json(instance.fee_text),
                "sort_order": 0,
            },
        )


class DecisionItemResource(resources.ModelResource):
    """A decision appendix's items, keyed by (decision, procedure code)."""

    decision = fields.Field(
        attribute="decision", column_name="decision", widget=widgets.ForeignKeyWidget(Decision, "pk")
    )
    data = fields.Field(attribute="data", column_name="data", widget=widgets.JSONWidget())

    class Meta:
        model = DecisionItem
        import_id_fields = ["decision", "code"]
        fields = ["decision", "code", "kind", "name", "replaces_code", "data", "sort_order"]
        skip_unchanged = True
        report_skipped = True


class AgencyStatResource(resources.ModelResource):
    agency = fields.Field(
        attribute="agency", column_name="agency", widget=widgets.ForeignKeyWidget(Agency, "identifier")
    )

    class Meta:
        model = AgencyStat
        import_id_fields = ["agency_key", "as_of"]
        fields = [
            "agency_key",
            "as_of",
            "agency_name",
            "agency",
            "section",
            "c3",
            "c4",
            "c5",
            "c6",
            "c7",
            "c8",
        ]
        skip_unchanged = True
        report_skipped = True


class PlanTaskResource(resources.ModelResource):
    plan = fields.Field(attribute="plan", column_name="plan", widget=widgets.ForeignKeyWidget(Plan, "pk"))
    lead_agencies = fields.Field(
        attribute="lead_agencies", column_name="lead_agencies", widget=widgets.JSONWidget()
    )
    cooperating_agencies = fields.Field(
        attribute="cooperating_agencies", column_name="cooperating_agencies", widget=widgets.JSONWidget()
    )
    deadlines = fields.Field(attribute="deadlines", column_name="deadlines", widget=widgets.JSONWidget())

    class Meta:
        model = PlanTask
        import_id_fields = ["plan", "number"]
        # Status is the lead agency's to edit: a re-import never overwrites it.
        fields = [
            "plan",
            "number",
            "order",
            "section",
            "content",
            "output",
            "lead_agencies",
            "cooperating_agencies",
            "deadline_text",
            "deadlines",
            "due",
            "recurring",
        ]
        skip_unchanged = True
        report_skipped = True


def land(
    resource: resources.ModelResource,
    rows: list[ProfileRow],
    to_columns,
    *,
    dry_run: bool,
    progress=None,
) -> None:
    """Import the error-free rows through `resource`; set each row's action, or its errors.

    Runs inside the caller's transaction (the engine's own savepoint rolls a dry run back), so an apply is
    all rows or none: the caller raises when any row failed.
    """
    valid = [r for r in rows if not r.errors]
    if not valid:
        return
    first = to_columns(valid[0])
    dataset = tablib.Dataset(headers=list(first))
    for r in valid:
        dataset.append([_cell(v) for v in to_columns(r).values()])
    result = resource.import_data(
        dataset,
        dry_run=dry_run,
        raise_errors=False,
        use_transactions=True,
        rollback_on_validation_errors=True,
        collect_failed_rows=True,
    )
    for index, row_result in enumerate(result.rows):
        target = valid[index]
        target.action = ACTIONS.get(row_result.import_type, row_result.import_type)
        for error in row_result.errors:
            target.error("", f"Không ghi được dòng này: {error.error}")
        if row_result.validation_error is not None:
            for fld, messages in row_result.validation_error.message_dict.items():
                for message in messages:
                    target.error(fld, message)
        if progress and index % 200 == 0:
            progress(index + 1, len(valid))
    for err in result.base_errors:
        valid[0].error("", f"Lỗi khi ghi dữ liệu: {err.error}")
    if progress:
        progress(len(valid), len(valid))


def _cell(value: Any) -> Any:
    return value


__all__ = [
    "AgencyStatResource",
    "DecisionItemResource",
    "PlanTaskResource",
    "ProcedureResource",
    "land",
    "parse_fees",
]
