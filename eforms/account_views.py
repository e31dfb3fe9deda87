"""“Hồ sơ của tôi”: a signed-in citizen's dossiers (status, deadlines, what was sent to them, a link to each
status page where their files and results open) and their reusable signed documents. Anyone else is offered
the sign-in (when a provider is configured) and the lookup by code + secret that works for every dossier."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from mozilla_django_oidc.views import OIDCAuthenticationRequestView

from workflows.services import applicant_documents, pending_supplement
from workflows.services.applicants import with_notices

from . import oidc
from .accounts import citizen_of


@never_cache
@require_GET
def my_dossiers(request: HttpRequest) -> HttpResponse:
    citizen = citizen_of(request.user)
    context: dict = {
        "citizen": citizen,
        "accounts_enabled": oidc.enabled(),
        "failed": request.GET.get("loi") == "dang-nhap",
        "staff": request.user.is_authenticated and citizen is None,
    }
    if citizen is not None:
        dossiers = with_notices(citizen.dossiers())
        for dossier in dossiers:
            dossier.supplement = pending_supplement(dossier)
        context["dossiers"] = dossiers
        context["documents"] = list(applicant_documents(citizen.id_number))
    return render(request, "eforms/account/my_dossiers.html", context)


class SignIn(OIDCAuthenticationRequestView):
    """The library's redirect to the provider (state, nonce and PKCE kept in the session); absent without one."""

    def get(self, request):
        if not oidc.enabled():
            raise Http404
        return super().get(request)
