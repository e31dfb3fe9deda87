"""Private files: a dossier's uploads go to staff who may see the dossier and to its applicant, never to a
public URL; the applicant proves who they are with the dossier code and the last four digits (the lookup)."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_http_methods

from workflows.services import dossier_file
from workflows.services.lookup import lookup_dossier, rate_limited

from .services import SESSION_KEY, grant_access, may_download
from .submissions import OnlineSubmission


@xframe_options_sameorigin  # the staff preview frames PDFs from this same site
def serve_file(request: HttpRequest, pk: int) -> HttpResponse:
    stored = dossier_file(pk)
    if stored is None or not may_download(request, stored):
        raise Http404  # the same answer as a file that does not exist
    inline = request.GET.get("xem") == "1" and stored.previewable
    response = FileResponse(
        stored.file.open("rb"),
        content_type=stored.content_type,
        as_attachment=not inline,
        filename=stored.original_name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    if stored.is_image:
        response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    return response


@require_http_methods(["GET", "POST"])
def applicant_files(request: HttpRequest) -> HttpResponse:
    """The files of the online dossiers this browser submitted or looked up (code + four digits)."""
    context: dict = {}
    status = 200
    if request.method == "POST":
        context["code"] = request.POST.get("code", "")[:64]
        if rate_limited(request.META.get("REMOTE_ADDR", "unknown")):
            context["error"] = "Bạn đã tra cứu quá nhiều lần. Vui lòng thử lại sau ít phút."
            status = 429
        else:
            result = lookup_dossier(request.POST.get("code", ""), request.POST.get("secret", ""))
            submission = (
                OnlineSubmission.objects.filter(dossier__code=result["code"]).first() if result else None
            )
            if submission is None:
                context["error"] = "Không tìm thấy hồ sơ nộp trực tuyến với mã và 4 số đã nhập."
                status = 404
            else:
                grant_access(request.session, submission.dossier_id)
                context["result"] = result
    granted = request.session.get(SESSION_KEY, [])
    context["submissions"] = (
        OnlineSubmission.objects.filter(dossier_id__in=granted)
        .select_related("dossier", "procedure")
        .prefetch_related("dossier__files")
    )
    return render(request, "eforms/applicant_files.html", context, status=status)
