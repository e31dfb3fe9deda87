"""The workflows API (../shared/API.md): the calendar, the public lookup, and the staff dossier endpoints."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import APIException
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from catalog.models import Agency, Center, Procedure
from catalog.models.procedures import Channel
from catalog.parsing.text import normalize_text

from .models import Dossier, DossierStatus
from .permissions import visible_dossiers
from .services import (
    ActionNotAllowed,
    Conflict,
    ReceptionError,
    ReceptionForbidden,
    due_date,
    perform_action,
    receipt_cutoff,
    receive_dossier,
    record_desk_payment,
)
from .services.access import LookupGuard, client_ip, record_access
from .services.lookup import lookup_dossier


class ApiError(APIException):
    """An API error with our own code and a Vietnamese message (cms formats it as {"error": {…}})."""

    vietnamese = True

    def __init__(self, code: str, message: str, status_code: int = status.HTTP_400_BAD_REQUEST):
        super().__init__(detail=message, code=code)
        self.status_code = status_code


def _iso(value):
    return timezone.localtime(value).isoformat() if value else None


def dossier_json(dossier: Dossier) -> dict:
    step = dossier.step() or {}
    return {
        "code": dossier.code,
        "procedure": dossier.procedure.code,
        "center": dossier.center.code,
        # The competent agency (Decree 118/2025: not necessarily the receiving center's).
        "agency": dossier.agency.identifier,
        "channel": dossier.channel,
        "status": {"code": dossier.status, "label": DossierStatus(dossier.status).label},
        "step": {"code": step.get("code"), "name": step.get("name"), "due": _iso(dossier.step_due_at)}
        if step
        else None,
        "received_at": _iso(dossier.received_at),
        "due": _iso(dossier.due_at),
        "due_explanation": dossier.due_explanation,
        "rule_set": dossier.rule_set,
        "timeliness": dossier.timeliness or None,
        "version": dossier.version,
        "applicant": {"name": dossier.applicant_name, "kind": dossier.applicant_kind},
        "history": [
            {
                "at": _iso(e.at),
                "action": e.action,
                "actor": e.actor_name,
                "from_status": e.from_status,
                "to_status": e.to_status,
                "from_step": e.from_step,
                "to_step": e.to_step,
                "note": e.note,
            }
            for e in dossier.events.all()
        ],
    }


class CalendarDue(APIView):
    @extend_schema(
        parameters=[
            OpenApiParameter("start", str, required=True),
            OpenApiParameter("value", float),
            OpenApiParameter("unit", str, enum=["working_day", "day", "hour"]),
            OpenApiParameter("procedure", str),
        ]
    )
    def get(self, request):
        params = request.query_params
        start = parse_datetime(params.get("start", "")) if params.get("start") else None
        if start is None:
            raise ApiError("invalid_start", "Tham số start phải là thời điểm dạng 2026-02-13T15:30:00.")
        if timezone.is_naive(start):
            start = timezone.make_aware(start)
        cutoff = None
        value, unit = params.get("value"), params.get("unit")
        if params.get("procedure"):
            procedure = Procedure.objects.filter(code=params["procedure"]).first()
            if procedure is None:
                raise ApiError("unknown_procedure", "Không có thủ tục với mã này.", status.HTTP_404_NOT_FOUND)
            if value is None:
                value, unit = procedure.processing_time_value, procedure.processing_time_unit or None
        if unit not in (None, "", "working_day", "day", "hour"):
            raise ApiError("invalid_unit", "Đơn vị phải là working_day, day hoặc hour.")
        try:
            value = Decimal(str(value)) if value not in (None, "") else None
        except InvalidOperation:
            raise ApiError("invalid_value", "Giá trị thời hạn phải là một số.") from None
        # NaN and Infinity parse as Decimals; NaN would then raise on the comparison below (a 500).
        if value is not None and (not value.is_finite() or value < 0 or value > 3650):
            raise ApiError("invalid_value", "Giá trị thời hạn phải từ 0 đến 3650.")
        if params.get("procedure"):
            cutoff = receipt_cutoff(procedure, value, unit or None, start)
        try:
            due, explanation = due_date(start, value, unit or None, cutoff=cutoff)
        except ValueError as exc:
            raise ApiError("out_of_range", f"Không tính được hạn: {exc}") from None
        return Response({"due": _iso(due), "explanation": explanation})


class LookupSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=64)
    secret = serializers.CharField(max_length=16)


class Lookup(APIView):
    """Misses are counted per client and per code (`access.LookupGuard`); hits cost nothing."""

    @extend_schema(request=LookupSerializer)
    def post(self, request):
        data = request.data if isinstance(request.data, dict) else {}
        code = str(data.get("code", ""))
        guard = LookupGuard("api", client_ip(request), code)
        if guard.blocked:
            raise ApiError(
                "too_many_requests",
                "Bạn đã tra cứu sai quá nhiều lần. Vui lòng thử lại sau ít phút.",
                status.HTTP_429_TOO_MANY_REQUESTS,
            )
        result = lookup_dossier(code, str(data.get("secret", "")))
        if result is None:
            guard.failed()
            raise ApiError(
                "not_found", "Không tìm thấy hồ sơ với mã và mã bí mật đã nhập.", status.HTTP_404_NOT_FOUND
            )
        return Response(result)


class ApplicantSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["person", "organisation"], default="person")
    name = serializers.CharField(max_length=255)
    id_number = serializers.CharField(max_length=32, required=False, allow_blank=True)
    phone = serializers.CharField(max_length=32, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    address = serializers.CharField(max_length=255, required=False, allow_blank=True)


class DossierInSerializer(serializers.Serializer):
    procedure = serializers.CharField()
    center = serializers.CharField()
    # The competent agency's identifier (Decree 118: any agency of the province); default the center's own.
    agency = serializers.CharField(required=False, allow_blank=True)
    channel = serializers.ChoiceField(choices=Channel.values)
    applicant = ApplicantSerializer()
    components = serializers.ListField(child=serializers.DictField(), required=False, default=list)


class DossierCreate(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=DossierInSerializer)
    def post(self, request):
        payload = DossierInSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        procedure = Procedure.objects.filter(code=data["procedure"]).first()
        center = Center.objects.select_related("agency").filter(code=data["center"]).first()
        if procedure is None or center is None:
            raise ApiError("unknown_reference", "Không có thủ tục hoặc nơi tiếp nhận với mã đã gửi.")
        agency = None
        if data.get("agency"):
            agency = Agency.objects.filter(identifier=data["agency"]).first()
            if agency is None:
                raise ApiError("unknown_reference", "Không có cơ quan có thẩm quyền với mã định danh đã gửi.")
        if not request.user.has_perm("workflows.act_on_dossier"):
            raise ApiError(
                "forbidden", "Tài khoản không được phân công tiếp nhận hồ sơ.", status.HTTP_403_FORBIDDEN
            )
        try:
            dossier = receive_dossier(
                procedure=procedure,
                center=center,
                agency=agency,
                channel=data["channel"],
                applicant=data["applicant"],
                components=data["components"],
                user=request.user,
            )
        except ReceptionForbidden as exc:
            raise ApiError("forbidden", str(exc), status.HTTP_403_FORBIDDEN) from None
        except ReceptionError as exc:
            raise ApiError("not_received", str(exc)) from None
        return Response(dossier_json(dossier), status=status.HTTP_201_CREATED)


class DossierDetail(APIView):
    permission_classes = [IsAuthenticated]

    def get(self, request, code):
        dossier = get_object_or_404(
            visible_dossiers(request.user).select_related("procedure", "center", "agency"), code=code
        )
        record_access(request, dossier.pk, "api")
        return Response(dossier_json(dossier))


class DossierActions(APIView):
    permission_classes = [IsAuthenticated]

    def post(self, request, code):
        dossier = get_object_or_404(
            visible_dossiers(request.user).select_related("procedure", "center", "agency"), code=code
        )
        data = request.data if isinstance(request.data, dict) else {}
        action = str(data.get("action", ""))
        params = {}
        if data.get("to_step"):
            params["to_step"] = str(data["to_step"])
        if data.get("assignee"):
            # By username; the state machine checks that they belong to the step's group and agency.
            assignee = get_user_model().objects.filter(username=str(data["assignee"])).first()
            if assignee is None:
                raise ApiError("unknown_assignee", "Không có cán bộ với tên đăng nhập này.")
            params["assignee"] = assignee
        if data.get("new_due"):
            new_due = parse_datetime(str(data["new_due"]))
            if new_due is None:
                try:
                    day = dt.date.fromisoformat(str(data["new_due"]))
                    new_due = dt.datetime.combine(day, dt.time(17, 0))
                except ValueError:
                    raise ApiError("invalid_new_due", "Ngày hẹn mới không đúng định dạng.") from None
            params["new_due"] = timezone.make_aware(new_due) if timezone.is_naive(new_due) else new_due
        if isinstance(data.get("missing"), list):
            # The documents a supplement request asks for (Mẫu 02's table), by their names in the checklist.
            params["missing"] = [str(m)[:255] for m in data["missing"][:50]]
        if data.get("branch"):
            params["branch"] = str(data["branch"])
        if "version" in data and str(data["version"]) != str(dossier.version):
            raise ApiError("conflict", Conflict.message, status.HTTP_409_CONFLICT)
        note = normalize_text(str(data.get("note", "")))[:2000]
        try:
            if action == "payment_at_desk":
                # The note is the receipt's number; the paid Payment and the action are written together.
                record_desk_payment(dossier, request.user, receipt=note)
                dossier.refresh_from_db()
            else:
                dossier = perform_action(dossier, action, request.user, note=note, **params)
        except ActionNotAllowed as exc:
            code_ = "forbidden" if exc.forbidden else "not_allowed"
            raise ApiError(
                code_, exc.message, status.HTTP_403_FORBIDDEN if exc.forbidden else status.HTTP_409_CONFLICT
            ) from None
        except Conflict:
            raise ApiError("conflict", Conflict.message, status.HTTP_409_CONFLICT) from None
        return Response(dossier_json(dossier))
