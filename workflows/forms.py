"""The statutory documents a dossier prints, numbered by the rule set it was received under."""

from __future__ import annotations

import io

import qrcode
import qrcode.image.svg
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from .calendar.rules import RULE_SETS, RuleSet
from .models import Dossier, DossierStatus
from .services.actions import actions
from .services.deadlines import classify

FORMS = {
    "receipt_appointment": {"template": "workflows/forms/receipt.html"},
    "supplement_request": {"template": "workflows/forms/supplement.html"},
    "refusal": {"template": "workflows/forms/refusal.html"},
    "apology_reschedule": {"template": "workflows/forms/apology.html"},
    "stop_notice": {"template": "workflows/forms/stop.html"},
    "control_slip": {"template": "workflows/forms/control_slip.html"},
}


def qr_svg(data: str) -> str:
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buf = io.BytesIO()
    image.save(buf)
    # Our own generated SVG of a URL we built: nothing user-supplied reaches the markup unescaped.
    return mark_safe(buf.getvalue().decode())


def hand_offs(dossier: Dossier) -> list[dict]:
    """Each hand-off for the control slip: from, to, when, and early / on time / late against the step's due."""
    steps = {s["code"]: s["name"] for s in dossier.workflow_snapshot.get("steps", [])}
    rows, previous_due = [], None
    for event in dossier.events.all():
        row = {
            "at": event.at,
            "action": actions.label(event.action),
            "from": steps.get(event.from_step, event.from_step),
            "to": steps.get(event.to_step, event.to_step),
            "actor": event.actor_name,
            "note": event.note,
            "timeliness": classify(event.at, previous_due) if previous_due else "",
        }
        rows.append(row)
        previous_due = event.step_due_at or previous_due
    return rows


def rule_set_of(dossier: Dossier) -> RuleSet:
    """The rule set a dossier was received under (its forms and their numbers)."""
    return next((rs for rs in RULE_SETS if rs.key == dossier.rule_set), RULE_SETS[-1])


def form_context(request: HttpRequest, dossier: Dossier, form_key: str, *, pdf: bool = False) -> dict:
    rule_set = rule_set_of(dossier)
    form = rule_set.form(form_key)
    lookup_url = request.build_absolute_uri(reverse("lookup"))
    lookup_link = f"{lookup_url}?ma={dossier.code}"
    last = dossier.events.order_by("-at", "-pk").first()
    return {
        "dossier": dossier,
        "rule_set": rule_set,
        "form": form,
        "pdf": pdf,
        "status_label": DossierStatus(dossier.status).label,
        # Only the receipt shows the QR code, and its PDF draws it as an image (`pdf.form_pdf`).
        "qr": qr_svg(lookup_link) if form_key == "receipt_appointment" and not pdf else "",
        "lookup_url": lookup_url,
        "lookup_link": lookup_link,
        "now": timezone.localtime(),
        "last_event": last,
        "hand_offs": hand_offs(dossier) if form_key == "control_slip" else [],
        "components": dossier.components
        or [
            {"name": c.name, "originals": c.originals, "copies": c.copies}
            for c in dossier.procedure.components.all()
        ],
    }
