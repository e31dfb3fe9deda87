"""Public pages of the workflows app: the dossier lookup (/tra-cuu/) and the printable statutory forms."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.db.models import Min, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from .calendar.rules import rule_set_for
from .forms import FORMS, FormUnavailable, form_context
from .models import Dossier
from .permissions import visible_dossiers
from .services import ratings
from .services.access import LookupGuard, client_ip, rate_limited, record_access
from .services.lookup import lookup_dossier

TOO_MANY = "Bạn đã tra cứu sai quá nhiều lần. Vui lòng thử lại sau ít phút."


def shown_dates(result: dict) -> dict[str, str]:
    """The lookup's ISO dates (the API's shape) as the citizen reads them: 25/12/2026, 16:30 25/12/2026."""
    shown = {}
    for key, pattern in (
        ("received_at", "%H:%M %d/%m/%Y"),
        ("due", "%H:%M %d/%m/%Y"),
        ("returned_at", "%H:%M %d/%m/%Y"),
    ):
        value = result.get(key)
        shown[key] = dt.datetime.fromisoformat(value).strftime(pattern) if value else ""
    return shown


@require_http_methods(["GET", "POST"])
def lookup(request: HttpRequest) -> HttpResponse:
    """A POST form, so codes and secrets never sit in logged URLs."""
    context: dict = {}
    status = 200
    if request.method == "POST":
        guard = LookupGuard("web", client_ip(request), request.POST.get("code", ""))
        if guard.blocked:
            context["error"] = TOO_MANY
            status = 429
        else:
            result = lookup_dossier(request.POST.get("code", ""), request.POST.get("secret", ""))
            if result is None:
                guard.failed()
                context["error"] = (
                    "Không tìm thấy hồ sơ với mã và mã bí mật đã nhập. Vui lòng kiểm tra lại giấy hẹn."
                )
                status = 404
            context["result"] = result
            if result is not None:
                context["rating_token"] = ratings.token_for(result["code"])
                context["dates"] = shown_dates(result)
        context["code"] = request.POST.get("code", "")[:64]
    return render(request, "workflows/lookup.html", context, status=status)


@require_http_methods(["GET", "POST"])
def rate(request: HttpRequest) -> HttpResponse:
    """The rating form, reached from a successful lookup; the token travels in the POST body only."""
    if request.method == "GET":
        return redirect("lookup")
    if rate_limited("rating", client_ip(request)):
        return render(
            request,
            "workflows/rating.html",
            {"error": "Bạn đã gửi quá nhiều lần. Vui lòng thử lại sau ít phút."},
            status=429,
        )
    token = request.POST.get("token", "")
    context = {"token": token, "criteria": ratings.criteria()["criteria"], "answers": {}}
    try:
        dossier = ratings.dossier_for(token)
        context["code"] = dossier.code
        if request.POST.get("submit"):
            answers = {c["key"]: request.POST.get(c["key"], "") for c in context["criteria"]}
            context["answers"] = answers
            rating = ratings.rate(dossier, answers, request.POST.get("comment", ""))
            context["done"] = rating
    except ratings.RatingError as exc:
        context["error"] = str(exc)
        return render(
            request, "workflows/rating.html", context, status=400 if request.POST.get("submit") else 200
        )
    return render(request, "workflows/rating.html", context)


def pdf_response(html: str, filename: str, *, title: str, qr_data: str | None = None) -> HttpResponse:
    """A rendered form page as an inline A4 PDF. fpdf2 is imported here, on the first PDF asked for, not
    with the URLconf: it takes a third of a second that no other page needs."""
    from .pdf import form_pdf

    response = HttpResponse(form_pdf(html, qr_data=qr_data, title=title), "application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@login_required(login_url="wagtailadmin_login")
def print_form(request: HttpRequest, code: str, form: str) -> HttpResponse:
    if form not in FORMS:
        raise Http404
    dossier = get_object_or_404(
        visible_dossiers(request.user).select_related("procedure", "center", "agency"), code=code
    )
    try:
        context = form_context(request, dossier, form, pdf=bool(request.GET.get("pdf")))
    except FormUnavailable as exc:
        return render(
            request,
            "workflows/forms/unavailable.html",
            {"dossier": dossier, "message": exc.message},
            status=409,
        )
    record_access(request, dossier.pk, "print", form)
    if context["form"] is None:
        return render(
            request,
            "workflows/forms/unavailable.html",
            {"dossier": dossier, "message": "Quy định áp dụng cho hồ sơ này không có biểu mẫu đó."},
            status=404,
        )
    template = FORMS[form].template
    if context["pdf"]:
        html = render_to_string(template, context, request=request)
        return pdf_response(
            html,
            f"{form}-{dossier.code}.pdf",
            title=context["form"].label,
            qr_data=context["lookup_link"] if form == "receipt_appointment" else None,
        )
    return render(request, template, context)


@login_required(login_url="wagtailadmin_login")
def register(request: HttpRequest) -> HttpResponse:
    """The tracking book (sổ theo dõi hồ sơ) of the officer's dossiers received in a period, to print or PDF.

    Its parameters are a center code and dates, never a dossier code or anything personal.
    """
    today = timezone.localdate()
    try:
        first = (
            dt.date.fromisoformat(request.GET.get("tu", ""))
            if request.GET.get("tu")
            else today.replace(day=1)
        )
        last = dt.date.fromisoformat(request.GET.get("den", "")) if request.GET.get("den") else today
    except ValueError:
        raise Http404("Ngày không đúng dạng YYYY-MM-DD.") from None
    dossiers = (
        visible_dossiers(request.user)
        .filter(received_at__date__gte=first, received_at__date__lte=last)
        .select_related("procedure", "center", "agency")
        # Mẫu 06's "chuyển hồ sơ đến cơ quan giải quyết": the first hand-off from the desk.
        .annotate(handed_at=Min("events__at", filter=Q(events__action="transfer")))
        .order_by("received_at", "pk")
    )
    if request.GET.get("noi"):
        dossiers = dossiers.filter(center__code=request.GET["noi"])
    rule_set = rule_set_for(last)
    context = {
        "rows": dossiers[:5000],
        "first": first,
        "last": last,
        "rule_set": rule_set,
        "form": rule_set.form("tracking_book"),
        "now": timezone.localtime(),
        "pdf": bool(request.GET.get("pdf")),
    }
    if context["pdf"]:
        html = render_to_string("workflows/forms/register.html", context, request=request)
        return pdf_response(html, f"so-theo-doi-{first}-{last}.pdf", title=context["form"].label)
    return render(request, "workflows/forms/register.html", context)


__all__ = ["Dossier", "lookup", "print_form", "rate", "register"]
