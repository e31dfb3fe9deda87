"""The online forms' contract with the rest of the site (`cms` composes the pages, URLs and demo; this app
calls only `workflows` and `catalog`).

- `submit_declaration(page, form, token)` turns a valid form into one dossier (status 1, online channel; status 6
  waiting for its fee when `online_fee(procedure)` asks one, paid through `workflows.services.payments`) through
  `workflows.services.receive_dossier`, its files written to workflows' one store (`store_file`, source
  "online", private storage); the same token always answers with the same submission. The caller
  queues `eforms.tasks.send_submission_confirmation` for a new (not replayed) submission after commit;
  `send_confirmation(submission_id)` is what that job runs.
- `keep_uploads(page, form, token)` holds the valid files of a failed attempt so the citizen does not lose them;
  `purge_pending_uploads()` drops those nobody came back for (hourly, `eforms.tasks`).
- `grant_access` / `may_download` decide who gets a dossier's files: staff who may see the dossier
  (`workflows.permissions.visible_dossiers`), the applicant in the session that submitted or opened the
  one-time link, and the signed-in citizen whose dossier it is (`eforms.accounts`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
import logging
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from catalog.parsing.text import normalize_text
from catalog.services import payable_fee
from workflows.masking import mask
from workflows.permissions import visible_dossiers
from workflows.services import ReceptionError, online_payment_enabled, receive_dossier, store_file

from .accounts import owns_dossier
from .formfields import UploadField, sign_keep
from .specs import FILE, FieldSpec, role_fields
from .submissions import OnlineSubmission, PendingUpload
from .validation import address_text, human_size

__all__ = [
    "form_token",
    "grant_access",
    "keep_uploads",
    "lookup_hint",
    "may_download",
    "online_fee",
    "purge_pending_uploads",
    "send_confirmation",
    "submission_for_token",
    "submit_declaration",
]

logger = logging.getLogger(__name__)
SESSION_KEY = "cms.forms.dossiers"  # the name from before the move: granted sessions keep working
PENDING_MAX_AGE = dt.timedelta(days=2)


def form_token(value: str | None) -> str:
    """The submission token the form carries, or a new one when it is missing or not a UUID."""
    try:
        return uuid.UUID(str(value)).hex
    except (TypeError, ValueError):
        return uuid.uuid4().hex


def submission_for_token(token: str) -> OnlineSubmission | None:
    return (
        OnlineSubmission.objects.select_related("dossier").filter(token=token, dossier__isnull=False).first()
    )


def _json_value(value):
    if isinstance(value, str):
        return normalize_text(value)  # NFC, no bidi controls: catalog.parsing.text, like every input path
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def _applicant(specs: list[FieldSpec], data: dict) -> dict:
    applicant = {"kind": "person"}
    for role, spec in role_fields([s for s in specs if s.clean_name in data]).items():
        value = data.get(spec.clean_name)
        applicant[role] = address_text(value) if isinstance(value, dict) else str(value or "")
    return applicant


def _store(dossier, spec: FieldSpec, value):
    """One answered file field, written to the dossier through workflows' one file store."""
    if isinstance(value, PendingUpload):
        name, content_type, source = value.original_name, value.content_type, value.file
    else:
        name, content_type, source = value.name, value.checked.content_type, value
    try:
        return store_file(
            dossier,
            source,
            component=spec.label,
            component_code=spec.clean_name,
            source_kind="online",
            original_name=name,
            content_type=content_type,
        )
    finally:
        if isinstance(value, PendingUpload):
            source.close()


@transaction.atomic
def _create(page, form, token: str, stored: list, citizen=None) -> OnlineSubmission:
    specs, data = form.specs, form.cleaned_data
    submission = OnlineSubmission.objects.create(
        token=uuid.UUID(token),
        page=page,
        center_id=page.center_id,
        procedure_id=page.procedure_id,
        revision_id=page.live_revision_id,
        definition=[s.to_dict() for s in specs],
        form_data={},
        citizen=citizen,
    )
    answers: dict = {}
    components = []
    uploads = []
    for spec in specs:
        if spec.clean_name not in data:
            continue
        value = data[spec.clean_name]
        if spec.field_type != FILE:
            answers[spec.clean_name] = _json_value(value)
            continue
        answers[spec.clean_name] = None  # the stored file's reference, once the dossier exists
        if value is not None:
            uploads.append((spec, value))
            # The checklist only; the file itself is a `DossierFile` row.
            components.append({"name": spec.label, "originals": 0, "copies": 1})
    applicant = _applicant(specs, data)
    try:
        dossier = receive_dossier(
            procedure=page.procedure,
            center=page.center,
            channel="online",
            applicant=applicant,
            components=components,
            submitted_online=True,
            fee_due=online_fee(page.procedure).amount,
        )
    except ReceptionError as exc:
        raise ValidationError(str(exc)) from None
    for spec, value in uploads:
        stored_file = _store(dossier, spec, value)
        stored.append(stored_file)
        answers[spec.clean_name] = {"file": stored_file.pk, "name": stored_file.original_name}
    submission.dossier = dossier
    submission.form_data = answers
    submission.applicant_name = applicant.get("name", "")[:255]
    submission.save(update_fields=["dossier", "form_data", "applicant_name"])
    used = [v.pk for v in data.values() if isinstance(v, PendingUpload)]
    transaction.on_commit(lambda: _delete_pending(PendingUpload.objects.filter(pk__in=used)))
    return submission


def submit_declaration(page, form, token: str, citizen=None) -> OnlineSubmission:
    """Create the dossier for a valid form, once per token; `replayed` says the token had already been used
    (two clicks racing past the first check: the unique token lets exactly one insert win)."""
    stored: list = []
    try:
        submission = _create(page, form, token, stored, citizen)
    except IntegrityError:
        for item in stored:
            item.file.delete(save=False)
        existing = submission_for_token(token)
        if existing is None:
            raise
        existing.replayed = True
        return existing
    except Exception:
        for item in stored:
            item.file.delete(save=False)
        raise
    submission.replayed = False
    return submission


def keep_uploads(page, form, token: str) -> dict[str, dict]:
    """Hold every file of a failed attempt that passed its own checks, and what was held before."""
    kept: dict[str, dict] = {}
    cleaned = getattr(form, "cleaned_data", {}) or {}
    for name, field in form.fields.items():
        if not isinstance(field, UploadField):
            continue
        value = cleaned.get(name)
        pending = None
        if isinstance(value, UploadedFile):
            pending = PendingUpload(
                form_token=uuid.UUID(token),
                page=page,
                field_name=name,
                original_name=value.name[:255],
                content_type=value.checked.content_type,
                size=value.size,
            )
            pending.file.save(value.name, value, save=False)
            pending.save()
        elif isinstance(value, PendingUpload):
            pending = value
        elif not form.data.get(f"{form.add_prefix(name)}__clear"):
            reference = form.data.get(f"{form.add_prefix(name)}__keep")
            pending = field.resolve(reference) if reference else None
        if pending is not None:
            kept[name] = {
                "name": pending.original_name,
                "size": human_size(pending.size),
                "token": sign_keep(pending.pk, token),
            }
    return kept


def _delete_pending(queryset) -> int:
    count = 0
    for pending in queryset:
        pending.file.delete(save=False)
        pending.delete()
        count += 1
    return count


def purge_pending_uploads(now: dt.datetime | None = None) -> int:
    """Drop held files nobody came back for."""
    cutoff = (now or timezone.now()) - PENDING_MAX_AGE
    return _delete_pending(PendingUpload.objects.filter(created_at__lt=cutoff))


def online_fee(procedure):
    """The fee asked at online submission (`catalog.services.payable_fee` of the online channel); nothing is
    asked while online payment is off (no gateway configured): the center collects it as before."""
    fee = payable_fee(procedure, "online")
    if fee.amount and not online_payment_enabled():
        return dataclasses.replace(fee, amount=None, reason="Nộp phí, lệ phí tại nơi tiếp nhận.")
    return fee


def lookup_hint(dossier) -> str:
    """What the applicant types beside the code on the lookup page (workflows.services.lookup)."""
    if dossier.lookup_secret:
        return dossier.lookup_secret
    for value in (dossier.applicant_id_number, dossier.applicant_phone):
        if value and len(value) >= 4:
            return value[-4:]
    return ""


def send_confirmation(submission_id: int) -> bool:
    """Email the applicant the dossier code and how to follow it; a mail failure never undoes the dossier."""
    submission = OnlineSubmission.objects.select_related("dossier", "procedure", "center").get(
        pk=submission_id
    )
    dossier = submission.dossier
    if dossier is None or not dossier.applicant_email:
        return False
    context = {
        "submission": submission,
        "dossier": dossier,
        "lookup_hint": lookup_hint(dossier),
        "site_url": getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/"),
    }
    body = render_to_string("eforms/email/confirmation.txt", context)
    try:
        send_mail(
            f"[Một Cửa] Đã nhận hồ sơ {dossier.code}",
            body,
            settings.DEFAULT_FROM_EMAIL,
            [dossier.applicant_email],
        )
    except Exception as exc:
        # The exception may name the address (Law 91/2025/QH15): masked, without the traceback.
        logger.error("Không gửi được thư xác nhận hồ sơ %s: %s", dossier.code, mask(repr(exc)))
        return False
    return True


def grant_access(session, dossier_id: int | None) -> None:
    if dossier_id is None:
        return
    granted = set(session.get(SESSION_KEY, []))
    granted.add(dossier_id)
    session[SESSION_KEY] = sorted(granted)[-20:]


def may_download(request, stored) -> bool:
    """`stored` is one of a dossier's files (`workflows.services.dossier_file`)."""
    if stored.dossier_id is None:
        return False
    if stored.dossier_id in set(request.session.get(SESSION_KEY, [])):
        return True
    if owns_dossier(request.user, stored.dossier_id):
        return True
    return visible_dossiers(request.user).filter(pk=stored.dossier_id).exists()
