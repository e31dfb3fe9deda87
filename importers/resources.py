"""The django-import-export Resources through which every imported row lands, keyed by natural keys.

Procedure code; (decision, procedure code); (agency, date); (plan, task number). Each is a
`BulkModelResource` (importers.bulk): the engine's widgets, row errors and unchanged-row detection, with a
batch's reads and writes done in a few queries.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from import_export import fields

from catalog.models import Agency, AgencyLevel, Decision, DecisionItem, Field, Procedure, ProcedureChannel
from catalog.parsing import fold, marked_words
from catalog.services import (
    CHANNEL_ATTRS,
    CatalogLookups,
    index_procedures,
    national_aliases,
    refresh_references,
    search_aliases_for,
    search_body,
)

from . import journal
from .bulk import BulkModelResource, CachedForeignKeyWidget, CachedManyToManyWidget, JSONValueWidget
from .inserts import insert_rows
from .models import AgencyStat, Plan, PlanTask

__all__ = ["AgencyStatResource", "DecisionItemResource", "PlanTaskResource", "ProcedureResource"]


class ProcedureResource(BulkModelResource):
    """Procedures from a list export (national portal, a province's one-stop system), keyed by code.

    A column the file does not have is left out of the row, so the engine leaves that attribute as it was.
    """

    agency = fields.Field(
        attribute="agency",
        column_name="agency",
        widget=CachedForeignKeyWidget(Agency, "identifier", label="cơ quan mã"),
    )
    levels = fields.Field(
        attribute="levels",
        column_name="levels",
        widget=CachedManyToManyWidget(AgencyLevel, ",", "code", label="cấp thực hiện"),
    )
    fields_ = fields.Field(
        attribute="fields",
        column_name="fields",
        widget=CachedManyToManyWidget(Field, "|", "code", label="lĩnh vực"),
    )
    derived_fields = ("search_name", "search_marks", "search_body", "search_aliases", "aliases", "updated_at")
    # procedure_type and result feed search_body; after_bulk_write hands the written instances to the search
    # index, which reads its own columns (online_level…): deferred, each would cost a query per updated row.
    extra_loaded_fields = (
        "procedure_type",
        "result",
        *dict.fromkeys(field.field_name for field in Procedure.search_fields),
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

    def __init__(self, *, lookups: CatalogLookups | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._channel_rows: set[int] = set()
        self._lookups = lookups or CatalogLookups()

    def remember_field(self, field: Field) -> None:
        """A sector created by this import (the profile creates them before landing)."""
        self.fields["fields_"].widget.remember(field)

    def before_save_instance(self, instance: Procedure, row: dict, **kwargs: Any) -> None:
        if kwargs.get("dry_run"):
            return  # derived columns are never compared, and a dry run writes nothing
        # The same folded columns catalog.services.records writes, so search finds imported procedures alike.
        names = [f.name for f in self._m2m_row.get("fields", ())]
        instance.search_name = fold(instance.name)
        instance.search_marks = marked_words(instance.name)
        instance.search_body = search_body(instance.procedure_type, instance.result, names)
        if instance.pk is None and not instance.aliases:
            instance.aliases = national_aliases(instance.code or "")
        instance.search_aliases = search_aliases_for(instance.search_name, instance.aliases)
        instance.updated_at = timezone.now()
        if any(column in row for column in CHANNEL_ATTRS):
            self._channel_rows.add(id(instance))

    def after_bulk_write(self, created: list[Procedure], updated: list[Procedure]) -> None:
        # Bulk writes send no post_save: the catalog re-indexes the batch (in this transaction for the
        # database backend, after commit for an external one) and refreshes its references.
        index_procedures([*created, *updated])
        refresh_references([*created, *updated])  # Wagtail's reference index: which procedures name an agency
        channel_rows, self._channel_rows = self._channel_rows, set()
        written = [p for p in [*created, *updated] if id(p) in channel_rows]
        if not written:
            return
        # The principal (direct) channel carries the parsed time and fees; other channels stay as edited.
        # Only updated procedures can have one already, and most of those (a renamed procedure) keep theirs
        # as it is: only a channel whose values differ is written.
        updated_ids = [p.pk for p in updated if id(p) in channel_rows]
        existing = {  # an empty IN list sends no query
            c.procedure_id: c
            for c in ProcedureChannel.objects.filter(procedure__in=updated_ids, channel="direct").only(
                "pk", "procedure_id", "fees", *CHANNEL_ATTRS
            )
        }
        changed: list[tuple[int, dict[str, Any]]] = []
        new: list[ProcedureChannel] = []
        for procedure in written:
            values = {column: getattr(procedure, column) for column in CHANNEL_ATTRS}
            values["fees"] = self._lookups.fees(procedure.fee_text)
            channel = existing.get(procedure.pk)
            if channel is None:
                new.append(
                    ProcedureChannel(procedure_id=procedure.pk, channel="direct", sort_order=0, **values)
                )
            elif any(getattr(channel, column) != value for column, value in values.items()):
                changed.append((channel.pk, values))
        if updated_ids and (changed or new):
            # New procedures' channels go with them when undone; updated ones get their old channel back.
            journal.before_replace(ProcedureChannel, procedure_id__in=updated_ids, channel="direct")
        insert_rows(ProcedureChannel, new, batch_size=self._meta.batch_size)
        for pk, values in changed:  # one short UPDATE each, as in BulkModelResource.flush
            ProcedureChannel.objects.filter(pk=pk).update(**values)


class DecisionItemResource(BulkModelResource):
    """A decision appendix's items, keyed by procedure code within one (possibly not yet saved) decision."""

    data = fields.Field(attribute="data", column_name="data", widget=JSONValueWidget())

    class Meta:
        model = DecisionItem
        import_id_fields = ["code"]
        fields = ["code", "kind", "name", "replaces_code", "data", "sort_order"]

    def __init__(self, decision: Decision, **kwargs: Any) -> None:
        self.decision = decision
        super().__init__(**kwargs)

    def get_queryset(self) -> QuerySet[DecisionItem]:
        if self.decision.pk is None:
            return DecisionItem.objects.none()  # a dry run of a decision not drafted yet: every item is new
        return DecisionItem.objects.filter(decision=self.decision)

    def init_instance(self, row: dict | None = None) -> DecisionItem:
        return DecisionItem(decision=self.decision)


class AgencyStatResource(BulkModelResource):
    """Seed 004's figures per agency (folded name) and date."""

    agency = fields.Field(
        attribute="agency",
        column_name="agency",
        widget=CachedForeignKeyWidget(Agency, "identifier", label="cơ quan mã"),
    )
    derived_fields = ("source",)

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

    def __init__(self, run_id: int | None = None, **kwargs: Any) -> None:
        self.run_id = run_id
        super().__init__(**kwargs)

    def before_save_instance(self, instance: AgencyStat, row: dict, **kwargs: Any) -> None:
        instance.source_id = self.run_id  # the history links each figure to the upload it came from


class PlanTaskResource(BulkModelResource):
    """A plan's tasks, keyed by number within the plan. Status is the lead agency's: never imported."""

    lead_agencies = fields.Field(
        attribute="lead_agencies", column_name="lead_agencies", widget=JSONValueWidget()
    )
    cooperating_agencies = fields.Field(
        attribute="cooperating_agencies", column_name="cooperating_agencies", widget=JSONValueWidget()
    )
    deadlines = fields.Field(attribute="deadlines", column_name="deadlines", widget=JSONValueWidget())
    lead = fields.Field(
        attribute="lead",
        column_name="lead",
        widget=CachedManyToManyWidget(Agency, "|", "identifier", label="cơ quan chủ trì"),
    )

    class Meta:
        model = PlanTask
        import_id_fields = ["number"]
        fields = [
            "number",
            "order",
            "section",
            "content",
            "output",
            "lead_agencies",
            "cooperating_agencies",
            "lead",
            "deadline_text",
            "deadlines",
            "due",
            "recurring",
        ]

    def __init__(self, plan: Plan, **kwargs: Any) -> None:
        self.plan = plan
        super().__init__(**kwargs)

    def get_queryset(self) -> QuerySet[PlanTask]:
        return PlanTask.objects.filter(plan=self.plan) if self.plan.pk else PlanTask.objects.none()

    def init_instance(self, row: dict | None = None) -> PlanTask:
        return PlanTask(plan=self.plan)
