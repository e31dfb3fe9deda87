"""Who may see and act on a dossier: one policy for the admin, the API and the jobs.

Officers see the dossiers of their own agency or center; they act on a step when they belong to the step's
group; approving and rescheduling are for leaders (the `approve_dossier` permission).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from .models import Dossier, Officer

LEADER_ACTIONS = {"approve", "reschedule"}
# Actions tied to the current step's group; the others (supplement, refusal…) belong to anyone handling it.
STEP_ACTIONS = {"transfer", "appraise", "approve", "return_result", "send_back", "receive"}


def _officer(user) -> Officer | None:
    try:
        return user.officer
    except (Officer.DoesNotExist, AttributeError):
        return None


def visible_dossiers(user, queryset: QuerySet[Dossier] | None = None) -> QuerySet[Dossier]:
    queryset = Dossier.objects.all() if queryset is None else queryset
    if user is None or not user.is_authenticated:
        return queryset.none()
    if user.is_superuser:
        return queryset
    officer = _officer(user)
    if officer is None or (
        not user.has_perm("workflows.view_dossier") and not user.has_perm("workflows.act_on_dossier")
    ):
        return queryset.none()
    scope = Q(agency_id=officer.agency_id)
    if officer.center_id:
        scope |= Q(center_id=officer.center_id)
    return queryset.filter(scope)


def denial_reason(user, dossier: Dossier, action: str) -> str | None:
    """Why this user may not take this action on this dossier (Vietnamese), or None when they may."""
    if user is None or user.is_superuser:
        return None  # the system's own jobs, and administrators
    if not user.is_authenticated or not user.is_active:
        return "Bạn cần đăng nhập để xử lý hồ sơ."
    officer = _officer(user)
    if officer is None or not user.has_perm("workflows.act_on_dossier"):
        return "Tài khoản của bạn không được phân công xử lý hồ sơ."
    if officer.agency_id != dossier.agency_id and officer.center_id != dossier.center_id:
        step = dossier.step() or {}
        if not (step.get("agency") and step.get("agency") == officer.agency.identifier):
            return "Hồ sơ này không thuộc cơ quan hoặc bộ phận của bạn."
    if action in LEADER_ACTIONS and not user.has_perm("workflows.approve_dossier"):
        return "Chỉ lãnh đạo mới được thực hiện thao tác này."
    if action in STEP_ACTIONS:
        group = (dossier.step() or {}).get("group")
        if group and not user.groups.filter(name=group).exists() and action not in LEADER_ACTIONS:
            return f"Bước hiện tại do nhóm “{group}” xử lý."
    return None
