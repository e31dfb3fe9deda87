"""“Nộp trực tuyến” from a procedure's public page: to the center's form, or the generic one built from the
procedure's components (`eforms.generic`); with several receiving centers, the citizen picks one first."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from catalog.models import Procedure

from .generic import offers_online, online_form_for, receiving_centers


def submit_online(request: HttpRequest, code: str) -> HttpResponse:
    procedure = get_object_or_404(
        Procedure.objects.exclude(status=Procedure.Status.DRAFT).filter(live=True), code=code
    )
    if not offers_online(procedure):
        raise Http404("Thủ tục này không nhận hồ sơ trực tuyến.")
    centers = receiving_centers(procedure)
    chosen = request.GET.get("noi", "")
    if len(centers) > 1 and not chosen:
        return render(request, "eforms/choose_center.html", {"procedure": procedure, "centers": centers})
    center = next((c for c in centers if c.code == chosen), None) if chosen else (centers or [None])[0]
    if center is None:
        raise Http404("Không có nơi tiếp nhận hồ sơ trực tuyến cho thủ tục này.")
    page = online_form_for(procedure, center)
    if page is None:
        raise Http404("Chưa có trang nộp hồ sơ trực tuyến.")
    return redirect(page.url)
