"""`GET /api/v1/forms/` and `/api/v1/forms/<id>/` (../shared/API.md): published declaration forms and their
definitions, so a kiosk or the mobile app can render the same form; plus the address reference lists."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView
from wagtail.rich_text import expand_db_html

from . import validation
from .pages import DeclarationFormPage, summary_channel
from .specs import CHOICE_TYPES, FILE, SECTION, FieldSpec


def _absolute(request, url: str | None) -> str | None:
    return request.build_absolute_uri(url) if request and url else url


def field_json(spec: FieldSpec, by_name: dict[str, FieldSpec], request) -> dict:
    """One field as a client renders it; `conditions` lists every condition that must hold to show it
    (its own and its section's), each as the field to watch and the values that show it."""
    conditions = []
    for owner in (by_name.get(spec.section), spec):
        if owner is not None and owner.condition_field:
            conditions.append(
                {
                    "field": owner.condition_field,
                    "values": [v.strip() for v in owner.condition_value.split("|")],
                }
            )
    data = {
        "name": spec.clean_name,
        "label": spec.label,
        "type": spec.field_type,
        "required": spec.required,
        "help_text": spec.help_text,
        "default": spec.default_value,
        "section": spec.section or None,
        "choices": [{"value": c, "label": c} for c in spec.choice_list]
        if spec.field_type in CHOICE_TYPES
        else [],
        "conditions": conditions,
        "upload": None,
        "address": None,
    }
    if spec.field_type == FILE:
        data["upload"] = {
            "allowed_types": [
                {"extension": t, "mime": validation.FILE_TYPES[t][0], "label": validation.FILE_TYPES[t][1]}
                for t in validation.accepted_types(spec.allowed_types)
            ],
            "max_bytes": spec.max_bytes,
            "checked_by": "content",
        }
    elif spec.field_type == "address":
        data["address"] = {
            "default_province": validation.find_province(spec.default_value),
            "provinces_url": _absolute(request, reverse("api-form-provinces")),
            "communes_url": _absolute(request, reverse("api-form-communes", args=["PROVINCE"])).replace(
                "PROVINCE", "{province}"
            ),
            "parts": ["province", "commune", "detail"],
        }
    elif spec.field_type == "cccd":
        data["pattern"] = r"^\d{12}$"
    elif spec.field_type == "phone":
        data["pattern"] = validation.PHONE_PATTERN
    return data


class FormListSerializer(serializers.ModelSerializer):
    procedure = serializers.CharField(source="procedure.code")
    procedure_name = serializers.CharField(source="procedure.name")
    center = serializers.CharField(source="center.code")
    center_name = serializers.CharField(source="center.name")
    url = serializers.SerializerMethodField()
    version = serializers.IntegerField(source="live_revision_id")

    class Meta:
        model = DeclarationFormPage
        fields = ["id", "title", "procedure", "procedure_name", "center", "center_name", "url", "version"]

    def get_url(self, obj) -> str:
        return _absolute(self.context.get("request"), obj.url)


class FormDetailSerializer(FormListSerializer):
    """The list entry plus the definition. (`fields` is built in `to_representation`: on a DRF serializer
    that name is taken by the serializer's own field list.)"""

    def to_representation(self, instance) -> dict:
        data = super().to_representation(instance)
        data["intro"] = expand_db_html(instance.intro)
        data["summary"] = self.get_summary(instance)
        data["fields"] = self.get_definition(instance)
        data["submit"] = self.get_submit(instance)
        return data

    def get_summary(self, obj) -> dict:
        procedure = obj.procedure
        channel = summary_channel(procedure)
        return {
            "processing_time": procedure.processing_time_dict(),
            "fee": (channel.fee_text if channel else "") or procedure.fee_text,
            "components": [
                {"name": c.name, "originals": c.originals, "copies": c.copies, "required": c.required}
                for c in procedure.components.all()
            ],
        }

    def get_definition(self, obj) -> list[dict]:
        specs = obj.get_form_fields()
        by_name = {s.clean_name: s for s in specs if s.field_type == SECTION}
        return [field_json(s, by_name, self.context.get("request")) for s in specs]

    def get_submit(self, obj) -> dict:
        return {
            "url": _absolute(self.context.get("request"), obj.url),
            "method": "POST",
            "enctype": "multipart/form-data",
            "token_field": "_token",
        }


def published_forms():
    return (
        DeclarationFormPage.objects.live()
        .public()
        .select_related("center", "procedure", "shared_form")
        .order_by("pk")
    )


@extend_schema(parameters=[OpenApiParameter("procedure", str), OpenApiParameter("center", str)])
class FormList(generics.ListAPIView):
    serializer_class = FormListSerializer

    def get_queryset(self):
        queryset = published_forms()
        if self.request.query_params.get("procedure"):
            queryset = queryset.filter(procedure__code=self.request.query_params["procedure"])
        if self.request.query_params.get("center"):
            queryset = queryset.filter(center__code=self.request.query_params["center"])
        return queryset


class FormDetail(generics.RetrieveAPIView):
    serializer_class = FormDetailSerializer

    def get_queryset(self):
        return published_forms().prefetch_related(
            "form_fields", "procedure__channels", "procedure__components"
        )


class ProvinceList(APIView):
    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request):
        return Response(
            {"provinces": [{"code": p["code"], "name": p["name"]} for p in validation.provinces()]}
        )


class CommuneList(APIView):
    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request, code: str):
        found = validation.province(code)
        if found is None:
            raise NotFound()
        communes = [{"code": c, "name": n} for c, n in validation.communes(code)]
        return Response({"code": found["code"], "name": found["name"], "communes": communes})
