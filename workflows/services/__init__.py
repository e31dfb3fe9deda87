"""The workflows app's public API.

Dossiers move only through these functions (the admin, the API, the jobs and the public form all call them),
so the state rules, the permission policy, the clock and the history live in one place.

- `receive_dossier(...)` creates a dossier, its code and its due date (the calendar engine).
- `perform_action(dossier, action, user, ...)` applies one action; it raises `ActionNotAllowed` (the state or
  the role does not allow it: nothing changes) or `Conflict` (someone else acted first: nothing changes).
  `actions` is the registry of actions (`workflows.registry`): each one's label, statuses, role, notice, fields.
- `due_date(...)` answers the calendar question for the API and the forms; `receipt_cutoff(...)` picks the
  cut-off hour of a receipt (the procedure's, else its sector's same-day rule).
- `checklist(dossier)` lists the dossier's components (as received, else the procedure's record).
- `default_workflow_for(procedure)` creates the standard four-step workflow when a procedure has none.
- `check_workflow(workflow)` lists what an editor must fix (reachability, an end, budgets vs the legal time).
- `dashboard(first=, last=)` computes the dashboard figures per agency and quarter in the database.
- `store_file(dossier, file, component=, source_kind=)` is the one way a file joins a dossier (private storage,
  one `DossierFile` row: name, size, type, SHA-256, source); `dossier_file(pk)` / `dossier_files(ids)` read them.
- `reorganisation` follows `catalog.services.units_reorganised`: open dossiers, workflow steps and officers move
  to the successor units, each remapped dossier with a `reorganise` history line; closed dossiers keep theirs.
- `pending_supplement(dossier)` / `submit_supplement(dossier, uploads)`: what the officer asked the applicant to
  supplement, and the applicant's online supplement (files with source "supplement", then the
  `supplement_submitted` action on their behalf).
- `attach_result(dossier, upload, user)` signs the result PDF (pyHanko, the configured certificate), keeps it
  (source "result") and in the applicant's e-document store; `applicant_documents(id_number)` /
  `reuse_document(dossier, document)` attach a kept document to a later dossier.
- `payments`: the dossier's fee paid online through the configured `PaymentGateway` (the simulator here):
  `start_payment(dossier, return_url=, notify_url=)`, `apply_notification(data)` (verified, idempotent),
  `fee_status(dossier)`; a dossier whose fee is unpaid waits in status 6 before reception, unless the fee
  is paid at the desk: `record_desk_payment(dossier, user, receipt=)`.
- `epar` loads E-PAR workflow files; `ratings` stores applicants' ratings after the result.
"""

from .actions import ACTIONS, ActionNotAllowed, Conflict, actions, perform_action
from .checker import Finding, check_workflow
from .deadlines import due_date, explain_due, receipt_cutoff
from .files import dossier_file, dossier_files, store_file
from .payments import (
    InvalidNotification,
    PaymentError,
    apply_notification,
    fee_status,
    format_vnd,
    online_payment_enabled,
    record_desk_payment,
    start_payment,
)
from .reception import ReceptionError, ReceptionForbidden, checklist, receive_dossier
from .reorganisation import remap_after_reorganisation
from .results import applicant_documents, attach_result, reuse_document
from .setup import default_workflow_for, workflow_for
from .stats import dashboard
from .supplements import applicant_dossier, pending_supplement, submit_supplement

__all__ = [
    "ACTIONS",
    "ActionNotAllowed",
    "Conflict",
    "Finding",
    "InvalidNotification",
    "PaymentError",
    "ReceptionError",
    "ReceptionForbidden",
    "actions",
    "applicant_documents",
    "applicant_dossier",
    "apply_notification",
    "attach_result",
    "check_workflow",
    "checklist",
    "dashboard",
    "default_workflow_for",
    "dossier_file",
    "dossier_files",
    "due_date",
    "explain_due",
    "fee_status",
    "format_vnd",
    "online_payment_enabled",
    "pending_supplement",
    "perform_action",
    "receipt_cutoff",
    "receive_dossier",
    "record_desk_payment",
    "remap_after_reorganisation",
    "reuse_document",
    "start_payment",
    "store_file",
    "submit_supplement",
    "workflow_for",
]
