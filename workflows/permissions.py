"""Who may see and act on a dossier: one policy for the admin, the API and the jobs.

Officers see the dossiers of their own agency or center, those whose current step is an inter-agency hop
to their agency (the tax office sees the dossiers waiting on it), and those with an open parallel branch at
their agency (liên thông song song: the police see the birth dossier while their residence branch is open). Since Decree 118/2025 a center receives for
any agency of the province, so the center and the competent agency are two scopes: the center's officers
handle reception and return (`RECEPTION_STATUSES`, `RECEPTION_STEPS`), the competent agency's the processing; they act on a step when they belong to the
step's group; approving and rescheduling are for leaders (the `approve_dossier` permission). Dossiers are
never deleted: the record and its history are kept (Decree 61/2018, art. 29 on records).

`DossierPermissionPolicy` carries the same rules into Wagtail's permission-policy registry, so the admin's
listing, the dossier page and the receive form ask the same questions as the API.
"""

from __future__ import annotations

import enum

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import connection
from django.db.models import BooleanField, Exists, Func, OuterRef, Q, QuerySet
from wagtail.permission_policies import ModelPermissionPolicy

from catalog.models import Agency, Center

from .models import Dossier, DossierBranch, DossierStatus, Officer, StepKind

# Where the receiving center's officers act on a dossier whose competent agency is another: taking it in,
# handing the result back, and the supplement the applicant brings to the desk.
RECEPTION_STATUSES = frozenset({DossierStatus.NEW, DossierStatus.DONE, DossierStatus.SUPPLEMENT})
RECEPTION_STEPS = frozenset({StepKind.RECEPTION, StepKind.RETURN})


class Role(enum.Enum):
    """Who may take an action (each registered action names one), beyond seeing the dossier."""

    # Anyone handling the dossier: a supplement, a refusal, a withdrawal concern the whole dossier.
    ANYONE = "anyone"
    # The current step's group: moving the step on is the work of those the step belongs to.
    STEP_GROUP = "step_group"
    # The step's group, or a leader (who hands work out across groups).
    STEP_GROUP_OR_LEADER = "step_group_or_leader"
    # Leaders only (the `approve_dossier` permission).
    LEADER = "leader"
    # A parallel branch's result: the officers of the branch's own agency (in the branch step's group when it
    # names one), for their branch only; or the fork step's group on the agency's behalf.
    BRANCH_AGENCY = "branch_agency"


def officer_of(user) -> Officer | None:
    """The user's officer record, or None (anonymous users, the system's jobs, accounts without one)."""
    try:
        return user.officer
    except (Officer.DoesNotExist, AttributeError):
        return None


def open_branches_of(agency_identifier: str, **filters) -> Exists:
    """SQL: the dossier has an open parallel branch at this agency (matching `filters` on the branch)."""
    return Exists(
        DossierBranch.objects.filter(
            dossier=OuterRef("pk"), finished_at__isnull=True, step_agency=agency_identifier, **filters
        )
    )


def visible_dossiers(user, queryset: QuerySet[Dossier] | None = None) -> QuerySet[Dossier]:
    queryset = Dossier.objects.all() if queryset is None else queryset
    if user is None or not user.is_authenticated or not user.is_active:
        return queryset.none()
    if user.is_superuser:
        return queryset
    officer = officer_of(user)
    if officer is None or (
        not user.has_perm("workflows.view_dossier") and not user.has_perm("workflows.act_on_dossier")
    ):
        return queryset.none()
    return queryset.filter(plain_scope_q(officer) | branch_scope_q(officer.agency.identifier))


def scope_arms(officer: Officer) -> list[Q]:
    """The alternatives whose OR is the officer's scope (`visible_dossiers`), each answerable by one index.

    A deep page of the officer's whole listing reads each arm in the listing's order and merges them
    (`workflows.queues.CappedCountPaginator`): an OFFSET over the OR walked the province's newest dossiers
    until it had passed thousands of the officer's."""
    return [*_plain_arms(officer), branch_scope_q(officer.agency.identifier)]


def _plain_arms(officer: Officer) -> list[Q]:
    arms = [Q(agency_id=officer.agency_id), Q(step_agency=officer.agency.identifier)]
    if officer.center_id:
        arms.append(Q(center_id=officer.center_id))
    return arms


class _AnyOf(Func):
    """`id = ANY(ARRAY(SELECT …))`: the subquery runs once (an InitPlan) and the comparison reads an index."""

    template = "%(expressions)s)"
    arg_joiner = " = ANY("
    output_field = BooleanField()


def branch_scope_q(agency_identifier: str, **filters) -> Q:
    """The dossiers with an open parallel branch at this agency (matching `filters` on the branch), as an
    alternative of an OR (the scope, a queue).

    On PostgreSQL as a list of ids computed once: every arm of the OR (agency, step agency, center, these ids)
    then reads its own index and PostgreSQL ORs the bitmaps, where a correlated EXISTS in the OR made it test
    the condition row by row over millions of dossiers. Elsewhere the EXISTS (SQLite has no arrays)."""
    if connection.vendor != "postgresql":
        return Q(open_branches_of(agency_identifier, **filters))
    from django.contrib.postgres.expressions import ArraySubquery

    ids = DossierBranch.objects.filter(finished_at__isnull=True, step_agency=agency_identifier, **filters)
    return Q(_AnyOf("pk", ArraySubquery(ids.values("dossier_id"))))


def plain_scope_q(officer: Officer) -> Q:
    """An officer's scope less its open-branch part: columns of the dossier row alone (which the queue tallies
    of `workflows.models.tallies` group by, so `workflows.counts` adds the branch part on its own)."""
    scope = Q()
    for arm in _plain_arms(officer):
        scope |= arm
    return scope


def denial_reason(user, dossier: Dossier, role: Role, *, branch: str | None = None) -> str | None:
    """Why this user may not take an action of this role on this dossier (Vietnamese), or None when they may.

    `branch` (a branch's current step code) narrows `Role.BRANCH_AGENCY` to one branch; without it the
    question is whether the user may record the result of any open branch (the dossier page's button)."""
    if user is None or user.is_superuser:
        return None  # the system's own jobs, and administrators
    if not user.is_authenticated or not user.is_active:
        return "Bạn cần đăng nhập để xử lý hồ sơ."
    officer = officer_of(user)
    if officer is None or not user.has_perm("workflows.act_on_dossier"):
        return "Tài khoản của bạn không được phân công xử lý hồ sơ."
    if role is Role.BRANCH_AGENCY:
        return branch_denial(user, officer, dossier, branch)
    return _scope_and_role_denial(user, officer, dossier, role)


def branch_denial(user, officer: Officer, dossier: Dossier, branch: str | None) -> str | None:
    """`Role.BRANCH_AGENCY`: the branch's own agency records its result, never another branch's; the fork
    step's group (the coordinating desk, within the dossier's scope) may record any branch for its agency."""
    open_ = list(dossier.branches.filter(fork=dossier.step_code, finished_at__isnull=True))
    wanted = [b for b in open_ if branch is None or b.step_code == branch]
    if not wanted:
        return None  # nothing to record: the action's plan says the branch is unknown or finished
    if _scope_and_role_denial(user, officer, dossier, Role.STEP_GROUP) is None:
        return None
    own = [b for b in wanted if b.step_agency == officer.agency.identifier]
    if not own:
        identifiers = {b.step_agency for b in wanted if b.step_agency}
        names = sorted(Agency.objects.filter(identifier__in=identifiers).values_list("name", flat=True))
        return (
            f"Chỉ {', '.join(names) or 'cơ quan xử lý nhánh'} hoặc bộ phận điều phối của hồ sơ được ghi nhận "
            "kết quả nhánh liên thông này."
        )
    groups = set(user.groups.values_list("name", flat=True))
    if any(not b.step_group or b.step_group in groups for b in own):
        return None
    return f"Bước hiện tại của nhánh liên thông do nhóm “{own[0].step_group}” xử lý."


def _scope_and_role_denial(user, officer: Officer, dossier: Dossier, role: Role) -> str | None:
    step = dossier.step() or {}
    hop = bool(step.get("agency")) and step.get("agency") == officer.agency.identifier
    if officer.agency_id != dossier.agency_id and not hop:
        if officer.center_id != dossier.center_id:
            return "Hồ sơ này không thuộc cơ quan hoặc bộ phận của bạn."
        if dossier.status not in RECEPTION_STATUSES and step.get("kind") not in RECEPTION_STEPS:
            return (
                f"Hồ sơ đang ở bước giải quyết của {dossier.agency.name}: nơi tiếp nhận chỉ tiếp nhận, "
                "nhận bổ sung và trả kết quả."
            )
    is_leader = user.has_perm("workflows.approve_dossier")
    if role is Role.LEADER and not is_leader:
        return "Chỉ lãnh đạo mới được thực hiện thao tác này."
    if role is Role.STEP_GROUP or (role is Role.STEP_GROUP_OR_LEADER and not is_leader):
        group = (dossier.step() or {}).get("group")
        if group and not user.groups.filter(name=group).exists():
            return f"Bước hiện tại do nhóm “{group}” xử lý."
    return None


def eligible_assignees(dossier: Dossier, *, group: str | None = None, agency: str | None = None):
    """Active officers who may act on a step of this dossier: its group, its agency (or the dossier's)."""
    group = dossier.step_group if group is None else group
    agency = dossier.step_agency if agency is None else agency
    act = Permission.objects.filter(content_type__app_label="workflows", codename="act_on_dossier")
    users = get_user_model().objects.filter(is_active=True, officer__isnull=False)
    users = users.filter(Q(user_permissions__in=act) | Q(groups__permissions__in=act) | Q(is_superuser=True))
    if agency:
        users = users.filter(officer__agency__identifier=agency)
    else:
        users = users.filter(
            Q(officer__agency_id=dossier.agency_id) | Q(officer__center_id=dossier.center_id)
        )
    if group:
        users = users.filter(groups__name=group)
    return users.distinct().order_by("first_name", "last_name", "username")


class DossierPermissionPolicy(ModelPermissionPolicy):
    """Wagtail's view of the rules above: "add" is receiving, "change" is acting, "delete" never happens."""

    def user_has_permission(self, user, action: str) -> bool:
        if not (user and user.is_active):
            return False
        if action == "delete":
            return False
        if user.is_superuser:
            return True
        if action == "view":
            return user.has_perm("workflows.view_dossier") or user.has_perm("workflows.act_on_dossier")
        if action in ("add", "change"):
            return user.has_perm("workflows.act_on_dossier")
        return super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action: str, instance: Dossier) -> bool:
        return (
            self.user_has_permission(user, action) and visible_dossiers(user).filter(pk=instance.pk).exists()
        )

    def instances_user_has_any_permission_for(self, user, actions) -> QuerySet[Dossier]:
        if not self.user_has_any_permission(user, actions):
            return Dossier.objects.none()
        return visible_dossiers(user)


def handles(center, procedure, agency=None) -> bool:
    """Whether this center receives this procedure: it is among the procedure's listed centers, or the
    procedure lists none and belongs to the center's agency, to the competent `agency` named, or to no agency
    yet. Decree 118/2025 (Điều 14 khoản 2, as reported in
    https://news.laodong.vn/thoi-su/pham-vi-tiep-nhan-thu-tuc-hanh-chinh-tai-bo-phan-mot-cua-tu-172025-1528301.ldo)
    has the provincial and commune centers receive "không phụ thuộc vào địa giới hành chính trong phạm vi cấp
    tỉnh", so a procedure received at commune centers is received at every commune center."""
    listed = list(procedure.centers.all())
    if listed:
        commune = Center.Kind.COMMUNE_CENTER
        return center.pk in {c.pk for c in listed} or (
            center.kind == commune and any(c.kind == commune for c in listed)
        )
    return procedure.agency_id in (None, center.agency_id, getattr(agency, "pk", None))


def reception_denial(user, procedure, center, agency=None) -> str | None:
    """Why this user may not receive this procedure at this center (Vietnamese), or None when they may.

    An officer receives only at their own agency's centers (or their own center), and only what the center
    handles; issue 11 item 5 found the API taking any center and procedure code.
    """
    if user is None:
        return None  # the online form (its page names its center and procedure) and the system's jobs
    if not user.is_superuser:
        officer = officer_of(user)
        if officer is None or not user.has_perm("workflows.act_on_dossier"):
            return "Tài khoản không được phân công tiếp nhận hồ sơ."
        if officer.agency_id != center.agency_id and officer.center_id != center.pk:
            return "Bạn chỉ được tiếp nhận hồ sơ tại nơi tiếp nhận của cơ quan mình."
    if not handles(center, procedure, agency):
        return f"Nơi tiếp nhận {center.code} không giải quyết thủ tục {procedure.code}."
    return None


class AccessLogPermissionPolicy(ModelPermissionPolicy):
    """Leaders (the `approve_dossier` permission) and administrators read the log; nobody writes through the
    admin (it is appended by `workflows.services.access.record_access`)."""

    def user_has_permission(self, user, action):
        if action != "view" or not user.is_active:
            return False
        return user.is_superuser or user.has_perm("workflows.approve_dossier")

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, a) for a in actions)
