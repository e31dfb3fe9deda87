"""The public dossier lookup: code + the dossier's lookup secret; no personal data out.

The secret is the one printed on the receipt (8 characters, `codes.new_lookup_secret`); dossiers received
before secrets existed keep the last four digits of the applicant's ID or phone. A wrong code and a wrong
secret answer alike, in content and in timing: both paths hash the secret against a stored value (a dummy
when the code does not exist), and both return None. Callers count misses with `access.LookupGuard`.
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.utils import timezone

from workflows.models import Dossier, DossierStatus

from .codes import normalise_secret
from .supplements import pending_supplement


def _digest(value: str) -> bytes:
    return hmac.new(settings.SECRET_KEY.encode(), value.encode(), hashlib.sha256).digest()


def find_dossier(code: str, secret: str) -> Dossier | None:
    """The dossier this code and secret open, or None (alike for a wrong code and a wrong secret)."""
    code = (code or "").strip()[:64]
    secret = normalise_secret(secret)
    # Codes are printed in capitals; a citizen typing them in lowercase means the same dossier.
    dossier = Dossier.objects.filter(code__iexact=code).select_related("procedure").first() if code else None
    candidates = sorted(dossier.lookup_secrets) if dossier else ["0000"]
    if dossier is not None and not dossier.lookup_secret:
        # The old rule: the last four digits, whatever the citizen typed around them.
        secret = "".join(ch for ch in secret if ch.isdigit())[-4:]
    given = _digest(secret or "x")
    matched = False
    for candidate in candidates or ["0000"]:
        matched |= hmac.compare_digest(given, _digest(candidate))
    if dossier is None or not matched or len(secret) < 4:
        return None
    return dossier


def lookup_dossier(code: str, secret: str) -> dict | None:
    dossier = find_dossier(code, secret)
    if dossier is None:
        return None
    step = dossier.step() or {}
    local = timezone.localtime
    return {
        "code": dossier.code,
        "procedure": {"code": dossier.procedure.code, "name": dossier.procedure.name},
        "status": {"code": dossier.status, "label": DossierStatus(dossier.status).label},
        "step": step.get("name", ""),
        "received_at": local(dossier.received_at).isoformat() if dossier.received_at else None,
        "due": local(dossier.due_at).isoformat() if dossier.due_at else None,
        "returned_at": local(dossier.returned_at).isoformat() if dossier.returned_at else None,
        "timeliness": dossier.timeliness or None,
        "supplement": supplement_needed(dossier),
    }


def supplement_needed(dossier: Dossier) -> dict | None:
    """What a supplement needs (the officer's reason and the missing components), JSON-ready."""
    found = pending_supplement(dossier)
    if found is None:
        return None
    at = found["requested_at"]
    return {
        "reason": found["reason"],
        "components": found["components"],
        "requested_at": timezone.localtime(at).isoformat() if at else None,
    }
