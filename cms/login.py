"""The admin login's lockout answer (django-axes, `AXES_LOCKOUT_CALLABLE`): Vietnamese, with when to retry.

Axes counts failures per account and client (`AXES_LOCKOUT_PARAMETERS`), the client as
`workflows.services.access.client_ip` finds it behind `TRUSTED_PROXIES`; Wagtail's login view authenticates
through Django's `authenticate(request, …)`, so its form is covered without wrapping the view.
"""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render


def lockout_response(request, original_response=None, credentials=None):
    minutes = round(float(settings.AXES_COOLOFF_TIME) * 60)
    return render(request, "cms/login_locked.html", {"minutes": minutes}, status=429)
