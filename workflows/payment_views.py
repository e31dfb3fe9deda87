"""The payment gateway's side of the site: the endpoint its server notifies (`/thanh-toan/thong-bao/`), and the
simulator's own checkout page (`/thanh-toan/mo-phong/<order>/`), served only while the simulator is the
configured gateway. The applicant's side (the "Thanh toán" button, the return) is the online forms app's.
"""

from __future__ import annotations

import urllib.parse

from django.conf import settings
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from .services.payments import InvalidNotification, apply_notification, format_vnd, get_gateway
from .services.payments.simulator import SimulatorGateway, deliver_notification, read_order, settle

SIMULATED_OUTCOMES = {"paid", "failed", "cancelled"}


@csrf_exempt  # the gateway's server posts here; the notification's own signature is the check
@require_POST
def payment_notification(request: HttpRequest) -> HttpResponse:
    """Verify and apply one notification; 400 with the reason (and nothing written) when it is refused."""
    try:
        payment = apply_notification(request.POST.dict())
    except InvalidNotification as exc:
        return JsonResponse({"ok": False, "error": exc.message}, status=400)
    return JsonResponse({"ok": True, "reference": payment.reference, "status": payment.status})


@require_http_methods(["GET", "POST"])
def payment_simulator(request: HttpRequest, token: str) -> HttpResponse:
    if not isinstance(get_gateway(), SimulatorGateway):
        raise Http404("Cổng thanh toán mô phỏng không được bật.")
    order = read_order(token)
    if order is None:
        return render(request, "workflows/payment_simulator.html", {"expired": True}, status=400)
    if request.method == "POST":
        outcome = request.POST.get("outcome", "")
        if outcome not in SIMULATED_OUTCOMES:
            return render(request, "workflows/payment_simulator.html", {"order": order}, status=400)
        fields = settle(order, outcome)
        if settings.PAYMENT_SIMULATOR_NOTIFY:
            # The provider's server tells ours on its own, whatever the browser does next.
            transaction.on_commit(lambda: deliver_notification(order.notify_url, fields))
        separator = "&" if "?" in order.return_url else "?"
        return redirect(order.return_url + separator + urllib.parse.urlencode(fields))
    context = {"order": order, "amount": format_vnd(order.amount)}
    return render(request, "workflows/payment_simulator.html", context)
