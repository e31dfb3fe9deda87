"""Every API error as `{"error": {"code": "…", "message": "… (Vietnamese)"}}` with a 4xx status."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import Http404
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_handler

MESSAGES = {
    exceptions.NotAuthenticated: ("not_authenticated", "Cần đăng nhập hoặc mã truy cập (token) hợp lệ."),
    exceptions.AuthenticationFailed: ("authentication_failed", "Mã truy cập không hợp lệ."),
    exceptions.PermissionDenied: ("forbidden", "Bạn không có quyền thực hiện thao tác này."),
    exceptions.NotFound: ("not_found", "Không tìm thấy."),
    exceptions.MethodNotAllowed: ("method_not_allowed", "Phương thức không được hỗ trợ."),
    exceptions.Throttled: ("too_many_requests", "Bạn đã thử quá nhiều lần. Vui lòng thử lại sau."),
    exceptions.ParseError: ("parse_error", "Dữ liệu gửi lên không đúng định dạng JSON."),
}


class BodyTooLarge(exceptions.APIException):
    status_code = 413
    vietnamese = True

    def __init__(self):
        super().__init__(
            detail=f"Dữ liệu gửi lên quá lớn (tối đa {settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 1024} KB).",
            code="too_large",
        )


def exception_handler(exc, context):
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, RequestDataTooBig):
        # Raised by Django when DRF reads a body over DATA_UPLOAD_MAX_MEMORY_SIZE; left alone it becomes
        # Django's HTML 400 page.
        exc = BodyTooLarge()
    response = drf_handler(exc, context)
    if response is None:
        return None
    if getattr(exc, "vietnamese", False):
        # The domain apps raise APIException subclasses carrying their own code and Vietnamese message.
        code, message = exc.detail.code, str(exc.detail)
    elif isinstance(exc, exceptions.ValidationError):
        code, message = "invalid", "Dữ liệu không hợp lệ."
        return Response(
            {"error": {"code": code, "message": message, "fields": exc.detail}}, status=response.status_code
        )
    else:
        code, message = next(
            (v for k, v in MESSAGES.items() if isinstance(exc, k)),
            ("error", str(getattr(exc, "detail", exc))),
        )
    headers = {k: response[k] for k in ("Retry-After", "WWW-Authenticate") if response.has_header(k)}
    return Response(
        {"error": {"code": code, "message": message}}, status=response.status_code, headers=headers
    )
