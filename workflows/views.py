"""Public pages of the workflows app: the dossier lookup (/tra-cuu/) and the printable statutory forms."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods

from .forms import FORMS, form_context
from .models import Dossier
from .permissions import visible_dossiers
from .services.lookup import lookup_dossier, rate_limited


def client_key(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "unknown")


@require_http_methods(["GET", "POST"])
def lookup(request: HttpRequest) -> HttpResponse:
    """A POST form, so codes and secrets never sit in logged URLs."""
    context: dict = {}
    status = 200
    if request.method == "POST":
        if rate_limited(client_key(request)):
            context["error"] = "Bạn đã tra cứu quá nhiều lần. Vui lòng thử lại sau ít phút."
            status = 429
        else:
            result = lookup_dossier(request.POST.get("code", ""), request.POST.get("secret", ""))
            if result is None:
                context["error"] = (
                    "Không tìm thấy hồ sơ với mã và 4 số đã nhập. Vui lòng kiểm tra lại giấy hẹn."
                )
                status = 404
            context["result"] = result
        context["code"] = request.POST.get("code", "")[:64]
    return render(request, "workflows/lookup.html", context, status=status)


@login_required(login_url="wagtailadmin_login")
def print_form(request: HttpRequest, code: str, form: str) -> HttpResponse:
    if form not in FORMS:
        raise Http404
    dossier = get_object_or_404(
        visible_dossiers(request.user).select_related("procedure", "center", "agency"), code=code
    )
    return render(request, FORMS[form]["template"], form_context(request, dossier, form))


__all__ = ["Dossier", "lookup", "print_form"]
