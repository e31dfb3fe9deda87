"""Private files: a dossier's uploads go to staff who may see the dossier and to its applicant, never to a
public URL. The applicant is the browser session that submitted the form, or whoever opens the one-time link
sent to the email and phone declared in it (`workflows.services.access`): the lookup secret alone, printed on
a receipt that may be lost or guessed, opens no file."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_http_methods

from workflows.services import dossier_file
from workflows.services.access import (
    LookupGuard,
    client_ip,
    file_link,
    record_access,
    redeem_file_link,
    send_file_link,
)
from workflows.services.lookup import find_dossier

from .services import SESSION_KEY, grant_access, may_download
from .submissions import OnlineSubmission


@xframe_options_sameorigin  # the staff preview frames PDFs from this same site
def serve_file(request: HttpRequest, pk: int) -> HttpResponse:
    stored = dossier_file(pk)
    if stored is None or not may_download(request, stored):
        raise Http404  # the same answer as a file that does not exist
    record_access(request, stored.dossier_id, "download", stored.original_name)
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
    """The files of the online dossiers this browser submitted or opened a link for; code + lookup secret
    sends a one-time link to the applicant's declared email and phone."""
    context: dict = {}
    status = 200
    if request.method == "POST":
        code = request.POST.get("code", "")
        context["code"] = code[:64]
        guard = LookupGuard("files", client_ip(request), code)
        if guard.blocked:
            context["error"] = "Bạn đã tra cứu sai quá nhiều lần. Vui lòng thử lại sau ít phút."
            status = 429
        else:
            dossier = find_dossier(code, request.POST.get("secret", ""))
            submission = OnlineSubmission.objects.filter(dossier=dossier).first() if dossier else None
            if submission is None:
                guard.failed()
                context["error"] = "Không tìm thấy hồ sơ nộp trực tuyến với mã và mã bí mật đã nhập."
                status = 404
            else:
                url = request.build_absolute_uri(reverse("forms:open-files", args=[file_link(dossier.pk)]))
                context["sent"] = send_file_link(dossier, url)
                context["link_requested"] = True
    granted = request.session.get(SESSION_KEY, [])
    context["submissions"] = (
        OnlineSubmission.objects.filter(dossier_id__in=granted)
        .select_related("dossier", "procedure")
        .prefetch_related("dossier__files")
    )
    return render(request, "eforms/applicant_files.html", context, status=status)


def open_files(request: HttpRequest, token: str) -> HttpResponse:
    """A one-time link from `applicant_files`: this browser may now see the dossier's files."""
    dossier_id = redeem_file_link(token)
    if dossier_id is None:
        return render(
            request,
            "eforms/applicant_files.html",
            {"error": "Liên kết đã hết hạn hoặc đã được dùng. Vui lòng yêu cầu liên kết mới."},
            status=410,
        )
    grant_access(request.session, dossier_id)
    return redirect("forms:applicant-files")
