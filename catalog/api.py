"""The public catalog API (../shared/API.md): procedures, decisions, agencies, centers."""

from __future__ import annotations

from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers

from .models import Agency, Center, Decision, Procedure, ProcedureEvent
from .services import search_catalog


class ProcedureListSerializer(serializers.ModelSerializer):
    level = serializers.SerializerMethodField()
    field = serializers.SerializerMethodField()
    agency = serializers.SerializerMethodField()
    processing_time = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Procedure
        fields = [
            "code",
            "name",
            "level",
            "field",
            "agency",
            "processing_time",
            "online_level",
            "status",
            "url",
        ]

    def get_level(self, obj) -> list[str]:
        return [lv.code for lv in obj.levels.all()]

    def get_field(self, obj) -> list[str]:
        return [f.name for f in obj.fields.all()]

    def get_agency(self, obj) -> dict | None:
        return {"identifier": obj.agency.identifier, "name": obj.agency.name} if obj.agency else None

    def get_processing_time(self, obj) -> dict:
        return obj.processing_time_dict()

    def get_url(self, obj) -> str:
        request = self.context.get("request")
        url = obj.get_absolute_url()
        return request.build_absolute_uri(url) if request else url


class ProcedureDetailSerializer(ProcedureListSerializer):
    channels = serializers.SerializerMethodField()
    fees = serializers.SerializerMethodField()
    components = serializers.SerializerMethodField()
    steps = serializers.SerializerMethodField()
    legal_basis = serializers.SerializerMethodField()
    agencies = serializers.SerializerMethodField()
    decisions = serializers.SerializerMethodField()
    related = serializers.SerializerMethodField()
    centers = serializers.SerializerMethodField()
    onsite = serializers.SerializerMethodField()

    class Meta(ProcedureListSerializer.Meta):
        fields = [
            *ProcedureListSerializer.Meta.fields,
            "procedure_type",
            "applicant_types",
            "channels",
            "fees",
            "components",
            "steps",
            "requirements",
            "result",
            "legal_basis",
            "agencies",
            "decisions",
            "related",
            "centers",
            "onsite",
            "inter_agency",
            "effective_from",
            "effective_to",
        ]

    def get_channels(self, obj) -> list[dict]:
        return [
            {
                "channel": c.channel,
                "processing_time": {
                    "value": (
                        int(c.processing_time_value)
                        if c.processing_time_value is not None
                        and c.processing_time_value == int(c.processing_time_value)
                        else (float(c.processing_time_value) if c.processing_time_value is not None else None)
                    ),
                    "unit": c.processing_time_unit or None,
                    "text": c.processing_time_text,
                },
                "fees": c.fees,
                "fee_text": c.fee_text,
                "description": c.description,
            }
            for c in obj.channels.all()
        ]

    def get_fees(self, obj) -> list[dict]:
        return [dict(fee, channel=c.channel) for c in obj.channels.all() for fee in c.fees]

    def get_components(self, obj) -> list[dict]:
        return [
            {
                "name": c.name,
                "originals": c.originals,
                "copies": c.copies,
                "required": c.required,
                "template": c.template_name,
            }
            for c in obj.components.all()
        ]

    def get_steps(self, obj) -> list[str]:
        return [s.text for s in obj.steps.all()]

    def get_legal_basis(self, obj) -> list[dict]:
        return [
            {"number": lb.number, "title": lb.title, "issued": lb.issued, "issuer": lb.issuer}
            for lb in obj.legal_basis.all()
        ]

    def get_agencies(self, obj) -> dict:
        return {
            "implementing": self.get_agency(obj),
            "competent": obj.competent_agency,
            "cooperating": obj.cooperating_agencies,
            "delegated": obj.delegated_agency,
        }

    def get_decisions(self, obj) -> list[dict]:
        return [
            {
                "number": e.decision.number if e.decision else None,
                "kind": e.kind,
                "effective": e.effective,
                "note": e.note,
            }
            for e in obj.events.all()
        ]

    def get_related(self, obj) -> list[str]:
        return [r.code for r in obj.related.all()]

    def get_centers(self, obj) -> list[str]:
        return [c.code for c in obj.centers.all()]

    def get_onsite(self, obj) -> dict:
        return {
            "receive": obj.onsite_receive,
            "appraise": obj.onsite_appraise,
            "approve": obj.onsite_approve,
            "return": obj.onsite_return,
        }


@extend_schema(
    parameters=[
        OpenApiParameter("q", str, description="Tìm không dấu, không phân biệt hoa thường"),
        OpenApiParameter("level", str),
        OpenApiParameter("field", str),
        OpenApiParameter("agency", str),
        OpenApiParameter("online", str, enum=["full", "partial", "none"]),
    ]
)
class ProcedureList(generics.ListAPIView):
    serializer_class = ProcedureListSerializer

    def get_queryset(self):
        params = self.request.query_params
        qs = Procedure.objects.published()
        if params.get("level"):
            qs = qs.at_level(params["level"])
        if params.get("field"):
            qs = qs.in_field(params["field"], or_name=True)
        if params.get("agency"):
            qs = qs.filter(agency__identifier=params["agency"])
        if params.get("online") in ("full", "partial", "none"):
            qs = qs.filter(online_level=params["online"])
        q = params.get("q", "")
        found = search_catalog(q, qs)
        # How well the results answer `q`: exact (a name has every word), close, weak (only some words:
        # "có thể bạn muốn tìm"), none. Listing every procedure (no `q`) is exact.
        self.match_quality = found.quality
        return found.procedures.for_listing()

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        if isinstance(response.data, dict):
            response.data["match"] = self.match_quality
        return response


class ProcedureDetail(generics.RetrieveAPIView):
    serializer_class = ProcedureDetailSerializer
    lookup_field = "code"

    def get_queryset(self):
        return (
            Procedure.objects.exclude(status=Procedure.Status.DRAFT)
            .filter(live=True)
            .select_related("agency")
            .prefetch_related(
                "levels",
                "fields",
                "channels",
                "components",
                "steps",
                "legal_basis",
                "related",
                "centers",
                Prefetch("events", queryset=ProcedureEvent.objects.select_related("decision")),
            )
        )


class DecisionSerializer(serializers.ModelSerializer):
    issuer = serializers.CharField(source="issuer.name")
    items = serializers.SerializerMethodField()

    class Meta:
        model = Decision
        fields = ["id", "number", "title", "issued", "effective", "issuer", "signer", "items"]

    def get_items(self, obj) -> list[dict]:
        return [
            {
                "code": i.code,
                "kind": i.kind,
                "name": i.name or i.data.get("name", ""),
                "replaces": i.replaces_code or None,
            }
            for i in obj.items.all()
        ]


class DecisionList(generics.ListAPIView):
    serializer_class = DecisionSerializer
    queryset = Decision.objects.filter(live=True).select_related("issuer").prefetch_related("items")


class AgencySerializer(serializers.ModelSerializer):
    level = serializers.CharField(source="level.code")
    parent = serializers.CharField(source="parent.identifier", default=None)
    merged_into = serializers.CharField(source="merged_into.identifier", default=None)

    class Meta:
        model = Agency
        fields = ["identifier", "name", "short_name", "kind", "level", "parent", "active", "merged_into"]


class AgencyList(generics.ListAPIView):
    serializer_class = AgencySerializer
    queryset = Agency.objects.select_related("level", "parent", "merged_into")


class CenterSerializer(serializers.ModelSerializer):
    agency = serializers.CharField(source="agency.identifier")
    procedures = serializers.SerializerMethodField()

    class Meta:
        model = Center
        fields = [
            "code",
            "name",
            "kind",
            "agency",
            "address",
            "phone",
            "email",
            "opening_hours",
            "procedures",
        ]

    def get_procedures(self, obj) -> list[str]:
        return [p.code for p in obj.procedures.all() if p.status == Procedure.Status.ACTIVE and p.live]


class CenterList(generics.ListAPIView):
    serializer_class = CenterSerializer
    # Centers receiving today; closed ones (district desks before 1/7/2025) live on in their dossiers only.
    queryset = (
        Center.objects.open_on()
        .select_related("agency")
        .prefetch_related(Prefetch("procedures", queryset=Procedure.objects.only("code", "status", "live")))
    )
