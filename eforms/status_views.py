"""The applicant's status page for one dossier (/ho-so-truc-tuyen/ho-so/<code>/): where it stands, what the
officer asked to supplement (reason and missing components) with an upload per component, and its files.

It opens to the browser that submitted the dossier (or opened the one-time link sent to the applicant), to the
signed-in citizen whose dossier it is (`eforms.accounts`: files and results included), and to
one that unlocked it with the code and the lookup secret, under the lookup's limits per client and per code
(`workflows.services.access.LookupGuard`). A dossier waiting for its fee offers “Thanh toán” (`pay`, to the
payment gateway) and takes the gateway's return (`payment_return`). The secret alone shows the status and takes a supplement, but opens
no file (issue 11): downloads need the submitting session or the one-time link; a wrong code or a wrong secret
answer alike.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from workflows.services import (
    ActionNotAllowed,
    Conflict,
    InvalidNotification,
    PaymentError,
    applicant_dossier,
    apply_notification,
    fee_status,
    format_vnd,
    pending_supplement,
    start_payment,
    submit_supplement,
)
from workflows.services.access import LookupGuard, client_ip
from workflows.services.lookup import find_dossier

from . import validation
from .accounts import owns_dossier
from .services import SESSION_KEY

# Dossiers this session unlocked with code + secret: the status and the supplement form, never the files.
STATUS_KEY = "eforms.status-dossiers"

SUPPLEMENT_TYPES = ["pdf", "jpg", "png", "docx"]
SUPPLEMENT_MAX_BYTES = 10 * 1024 * 1024
OTHER = "Giấy tờ bổ sung khác"


def _unlock(request: HttpRequest, code: str) -> HttpResponse:
    context = {"code": code}
    status = 200
    if request.method == "POST" and "secret" in request.POST:
        guard = LookupGuard("status", client_ip(request), code)
        if guard.blocked:
            context["error"] = "Bạn đã tra cứu sai quá nhiều lần. Vui lòng thử lại sau ít phút."
            status = 429
        else:
            found = find_dossier(code, request.POST.get("secret", ""))
            dossier = applicant_dossier(found.code) if found else None
            if dossier is not None:
                unlocked = [pk for pk in request.session.get(STATUS_KEY, []) if pk != dossier.pk][-19:]
                request.session[STATUS_KEY] = [*unlocked, dossier.pk]
                return redirect("forms:status", code=dossier.code)
            guard.failed()
            context["error"] = (
                "Không tìm thấy hồ sơ với mã và mã bí mật đã nhập. Vui lòng kiểm tra lại giấy hẹn."
            )
            status = 404
    return render(request, "eforms/dossier_unlock.html", context, status=status)


def _uploads(request: HttpRequest, components: list[str]) -> tuple[list, dict[str, str]]:
    """The files sent, one input per missing component (and one for anything else), checked by content."""
    uploads, errors = [], {}
    for index, component in enumerate([*components, OTHER]):
        upload = request.FILES.get(f"file-{index}")
        if upload is None:
            continue
        try:
            upload.checked = validation.check_file(
                upload,
                name=upload.name,
                size=upload.size,
                allowed=SUPPLEMENT_TYPES,
                max_bytes=SUPPLEMENT_MAX_BYTES,
            )
        except ValidationError as exc:
            errors[component] = " ".join(exc.messages)
            continue
        uploads.append((component, upload))
    for component in components:
        if component not in errors and not any(c == component for c, _u in uploads):
            errors[component] = f"Vui lòng đính kèm “{component}”."
    if not components and not uploads and not errors:
        errors[OTHER] = "Vui lòng đính kèm ít nhất một giấy tờ bổ sung."
    return uploads, errors


def _opened(request: HttpRequest, dossier) -> tuple[bool, bool]:
    """(may see the status, may download the files): the submitting session, the one-time link's or the
    signed-in citizen whose dossier it is for both, a session that unlocked it with the code and the secret for the status only."""
    if dossier is None:
        return False, False
    owner = dossier.pk in set(request.session.get(SESSION_KEY, [])) or owns_dossier(request.user, dossier.pk)
    return owner or dossier.pk in set(request.session.get(STATUS_KEY, [])), owner


@require_POST
def pay(request: HttpRequest, code: str) -> HttpResponse:
    """“Thanh toán”: a new attempt at the payment gateway for the fee the dossier waits for."""
    dossier = applicant_dossier(code)
    allowed, _owner = _opened(request, dossier)
    if not allowed:
        return _unlock(request, code)
    status_url = reverse("forms:status", kwargs={"code": dossier.code})
    try:
        _payment, url = start_payment(
            dossier,
            return_url=request.build_absolute_uri(
                reverse("forms:payment-return", kwargs={"code": dossier.code})
            ),
            notify_url=request.build_absolute_uri(reverse("payment-notify")),
        )
    except PaymentError as exc:
        messages.error(request, exc.message)
        return redirect(status_url)
    return redirect(url)


@require_GET
def payment_return(request: HttpRequest, code: str) -> HttpResponse:
    """Where the gateway sends the browser back, with its signed word: applied like its server's notification
    (whichever comes first settles the attempt; the other changes nothing)."""
    dossier = applicant_dossier(code)
    try:
        payment = apply_notification(request.GET.dict())
    except InvalidNotification as exc:
        context = {"code": code, "error": exc.message}
        return render(request, "eforms/payment_invalid.html", context, status=400)
    if dossier is None or payment.dossier_id != dossier.pk:
        context = {"code": code, "error": _("Giao dịch thanh toán không thuộc hồ sơ này.")}
        return render(request, "eforms/payment_invalid.html", context, status=400)
    if payment.status == payment.Status.PAID:
        messages.success(
            request,
            _(
                "Đã thanh toán %(amount)s (mã giao dịch %(transaction)s). Hồ sơ đã được chuyển tới bộ phận tiếp nhận."
            )
            % {"amount": format_vnd(payment.amount), "transaction": payment.provider_transaction_id},
        )
    else:
        messages.error(
            request,
            _("%(status)s. Hồ sơ vẫn chờ thanh toán phí, lệ phí; ông/bà có thể bấm “Thanh toán” để thử lại.")
            % {"status": payment.get_status_display()},
        )
    return redirect(reverse("forms:status", kwargs={"code": dossier.code}))


@require_http_methods(["GET", "POST"])
def dossier_status(request: HttpRequest, code: str) -> HttpResponse:
    dossier = applicant_dossier(code)
    allowed, owner = _opened(request, dossier)
    if not allowed:
        return _unlock(request, code)
    supplement = pending_supplement(dossier)
    errors: dict[str, str] = {}
    status = 200
    if request.method == "POST" and supplement is not None:
        uploads, errors = _uploads(request, supplement["components"])
        if not errors:
            try:
                submit_supplement(dossier, uploads, note=request.POST.get("note", "").strip())
            except (ActionNotAllowed, Conflict) as exc:
                errors[OTHER] = exc.message
            else:
                messages.success(request, "Đã gửi hồ sơ bổ sung. Hồ sơ được chuyển lại cán bộ xử lý.")
                return redirect(reverse("forms:status", kwargs={"code": dossier.code}))
        status = 400
    components = [*supplement["components"], OTHER] if supplement else []
    context = {
        "dossier": dossier,
        "supplement": supplement,
        "inputs": [
            {"name": f"file-{i}", "component": c, "required": c != OTHER, "error": errors.get(c, "")}
            for i, c in enumerate(components)
        ],
        "accept": ",".join(f".{t}" for t in SUPPLEMENT_TYPES),
        # Files open only to the submitting session or the one-time link's (`owner`), never to the secret.
        "can_download": owner,
        "files": [f for f in dossier.files.all() if f.source != "result"],
        "results": list(dossier.files.filter(source="result")),
        "note": request.POST.get("note", "") if errors else "",
        "fee": fee_status(dossier),
    }
    return render(request, "eforms/dossier_status.html", context, status=status)
