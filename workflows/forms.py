"""The statutory documents a dossier prints, numbered by the rule set it was received under.

Each form says which state of the dossier it documents (`FormSpec`): a supplement request prints only after
one was made, the stop notice only for a stopped or withdrawn dossier, and so on; `form_context` refuses the
others with `FormUnavailable` (HTTP 409 with its Vietnamese message).
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

import qrcode
import qrcode.image.svg
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.safestring import mark_safe

from catalog.models import Agency

from .calendar.rules import RuleSet, forms_rule_set, rule_set_by_key
from .models import ClockSegment, Dossier, DossierEvent, DossierStatus, StepKind
from .services.deadlines import classify
from .services.reception import checklist

S = DossierStatus


class FormUnavailable(Exception):
    """The dossier is not in a state this form documents (HTTP 409)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class FormSpec:
    template: str
    # The history entries the form reports on (the latest one is printed); empty: none needed.
    events: tuple[str, ...] = ()
    # The statuses it may print in; empty: any once the dossier was received.
    statuses: frozenset[int] = frozenset()
    # What the officer reads when the dossier is not in that state.
    unavailable: str = ""


FORMS = {
    "receipt_appointment": FormSpec(
        "workflows/forms/receipt.html", unavailable="Hồ sơ chưa được tiếp nhận nên chưa có giấy tiếp nhận."
    ),
    "supplement_request": FormSpec(
        "workflows/forms/supplement.html",
        events=("request_supplement",),
        unavailable="Hồ sơ chưa có yêu cầu bổ sung, hoàn thiện nên không in được phiếu yêu cầu bổ sung.",
    ),
    "refusal": FormSpec(
        "workflows/forms/refusal.html",
        events=("refuse",),
        statuses=frozenset({S.NOT_RECEIVED, S.STOPPED}),
        unavailable="Hồ sơ không bị từ chối nên không in được phiếu từ chối.",
    ),
    "apology_reschedule": FormSpec(
        "workflows/forms/apology.html",
        events=("reschedule",),
        unavailable="Hồ sơ chưa được xin lỗi và hẹn lại ngày trả nên không in được phiếu xin lỗi.",
    ),
    "stop_notice": FormSpec(
        "workflows/forms/stop.html",
        events=("stop", "withdraw", "refuse"),
        statuses=frozenset({S.STOPPED, S.WITHDRAWN}),
        unavailable="Hồ sơ đang được giải quyết (chưa dừng, chưa rút) nên không in được thông báo dừng.",
    ),
    "control_slip": FormSpec(
        "workflows/forms/control_slip.html",
        unavailable="Hồ sơ chưa được tiếp nhận nên chưa có phiếu kiểm soát.",
    ),
}


def qr_svg(data: str) -> str:
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buf = io.BytesIO()
    image.save(buf)
    # Our own generated SVG of a URL we built: nothing user-supplied reaches the markup unescaped.
    return mark_safe(buf.getvalue().decode())


def step_agencies(dossier: Dossier) -> dict[str, str]:
    """Each step's agency by name: the one-stop desk for reception and return, else the step's agency, else
    the dossier's agency (Mẫu 05 names agencies, not workflow steps)."""
    steps = dossier.workflow_snapshot.get("steps", [])
    names = dict(
        Agency.objects.filter(identifier__in={s.get("agency") for s in steps if s.get("agency")}).values_list(
            "identifier", "name"
        )
    )
    desk = f"Bộ phận Một cửa – {dossier.center.name}"
    owner = dossier.agency.name
    found = {}
    for step in steps:
        # Reception and return happen at the one-stop desk whichever agency the step belongs to.
        if step.get("kind") in (StepKind.RECEPTION, StepKind.RETURN):
            found[step["code"]] = desk
        elif step.get("agency"):
            found[step["code"]] = names.get(step["agency"], step["agency"])
        else:
            found[step["code"]] = owner
    found[""] = desk  # before the first step and after the last, the dossier is at the desk
    return found


def hand_offs(dossier: Dossier) -> list[dict]:
    """Each hand-off between two agencies for the control slip: who hands over, who receives, when, and
    early / on time / late against the due time of the step being left."""
    agency = step_agencies(dossier)
    steps = {s["code"]: s for s in dossier.workflow_snapshot.get("steps", [])}
    rows, previous_due = [], None
    for event in dossier.events.all():
        if event.action == "finish_branch":
            rows += branch_hand_offs(event, steps, agency)
            continue
        giver, taker = agency.get(event.from_step, ""), agency.get(event.to_step, "")
        if (
            event.action in ("transfer", "appraise", "approve", "send_back", "return_result")
            and giver != taker
        ):
            rows.append(
                {
                    "at": event.at,
                    "from": giver,
                    "to": taker,
                    "actor": event.actor_name,
                    "timeliness": classify(event.at, previous_due) if previous_due else "",
                }
            )
        if steps.get(event.to_step, {}).get("kind") == StepKind.FORK:
            rows += branch_hand_offs(event, steps, agency)
        previous_due = event.step_due_at or previous_due
    return rows


def branch_hand_offs(event, steps: dict, agency: dict[str, str]) -> list[dict]:
    """The control slip's rows for parallel branches: the fork hands the dossier to every branch agency at
    once; each branch agency hands its result on (to its branch's next agency, or back for the join)."""
    if event.action == "finish_branch":
        data = event.data or {}
        giver = agency.get(data.get("step", ""), "")
        taker = agency.get(data.get("to") or event.to_step, "")
        row = {"at": event.at, "from": giver, "to": taker, "actor": event.actor_name}
        return [{**row, "timeliness": data.get("timeliness", "")}] if giver and giver != taker else []
    fork = steps[event.to_step]
    giver = agency.get(fork["code"], "")
    return [
        {"at": event.at, "from": giver, "to": agency[code], "actor": event.actor_name, "timeliness": ""}
        for code in fork.get("next") or []
        if code in agency and agency[code] != giver
    ]


def rule_set_of(dossier: Dossier) -> RuleSet:
    """The rule set whose forms a dossier prints (its own, numbered from its circular's start)."""
    return forms_rule_set(rule_set_by_key(dossier.rule_set), dossier.received_at)


def _latest(dossier: Dossier, actions: tuple[str, ...]) -> DossierEvent | None:
    return dossier.events.filter(action__in=actions).order_by("-at", "-pk").first()


def check_printable(dossier: Dossier, form_key: str) -> DossierEvent | None:
    """The history entry the form prints, or raise `FormUnavailable` for a dossier in another state."""
    spec = FORMS[form_key]
    if dossier.received_at is None and dossier.status != S.NOT_RECEIVED:
        raise FormUnavailable(spec.unavailable)
    if spec.statuses and dossier.status not in spec.statuses:
        raise FormUnavailable(spec.unavailable)
    event = _latest(dossier, spec.events) if spec.events else None
    if spec.events and event is None:
        raise FormUnavailable(spec.unavailable)
    return event


def _missing_rows(dossier: Dossier, event: DossierEvent | None) -> list[dict]:
    """Mẫu 02's table: the documents this request asks for, with the counts the checklist gives."""
    if event is None:
        return []
    listed = {c.get("name"): c for c in checklist(dossier)}
    return [
        {
            "name": name,
            "originals": listed.get(name, {}).get("originals", ""),
            "copies": listed.get(name, {}).get("copies", ""),
        }
        for name in event.data.get("missing", [])
    ]


def _previous_due(dossier: Dossier, event: DossierEvent | None) -> dt.datetime | None:
    """The appointment an apology moves (recorded with it; older entries fall back to the receipt's)."""
    return parse_datetime((event.data or {}).get("previous_due") or "") if event else None


def _new_due(dossier: Dossier) -> dt.datetime | None:
    segment = dossier.clock_segments.filter(kind=ClockSegment.Kind.RESCHEDULE).order_by("-start").first()
    return segment.new_due_at if segment else None


def form_context(request: HttpRequest, dossier: Dossier, form_key: str, *, pdf: bool = False) -> dict:
    rule_set = rule_set_of(dossier)
    form = rule_set.form(form_key)
    event = check_printable(dossier, form_key) if form is not None else None
    lookup_url = request.build_absolute_uri(reverse("lookup"))
    lookup_link = f"{lookup_url}?ma={dossier.code}"
    apology = form_key == "apology_reschedule"
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
        "event": event,
        "agency_name": dossier.agency.name,
        "citation": rule_set_by_key(dossier.rule_set).cite(
            {"supplement_request": "supplement", "apology_reschedule": "apology", "refusal": "refuse"}.get(
                form_key, "stop"
            )
        ),
        "previous_due": _previous_due(dossier, event) if apology else None,
        "new_due": _new_due(dossier) if apology else None,
        "missing": _missing_rows(dossier, event) if form_key == "supplement_request" else [],
        "hand_offs": hand_offs(dossier) if form_key == "control_slip" else [],
        "components": checklist(dossier),
    }
