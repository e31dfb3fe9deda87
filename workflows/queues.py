"""The officers' queues (to receive, to process, waiting for supplement, due soon, overdue, to return) as SQL.

One definition serves the admin's tabs, their counts and the jobs, so "overdue" means the same thing on
the listing, on the dashboard and in `mark_overdue`: open, not paused, past its due time.
"""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.paginator import WagtailPaginator

from . import permissions
from .models import Dossier, DossierStatus
from .models.dossiers import OPEN_STATUSES
from .permissions import officer_of
from .services.deadlines import current_calendar

S = DossierStatus
PROCESSING_STATUSES = (S.RECEIVED, S.PROCESSING, S.FINANCIAL)
# "Due soon" looks this many working days ahead, counted on the working-day calendar (a Friday afternoon
# dossier due on Monday is due soon; one due after a long Tết holiday is not yet).
DUE_SOON_WORKING_DAYS = 2

QUEUE_LABELS = {
    "mine": _("Việc của tôi"),
    "to_receive": _("Chờ tiếp nhận"),
    "to_process": _("Đang xử lý"),
    "waiting_supplement": _("Chờ bổ sung"),
    "due_soon": _("Sắp đến hạn"),
    "overdue": _("Quá hạn"),
    "to_return": _("Chờ trả kết quả"),
}


def due_soon_horizon(now: dt.datetime) -> dt.datetime:
    calendar = current_calendar()
    return calendar.add_working_minutes(now, DUE_SOON_WORKING_DAYS * calendar.day_minutes)


def running() -> Q:
    """Open dossiers whose clock runs: the ones that can become late."""
    return Q(status__in=OPEN_STATUSES, paused_at__isnull=True, due_at__isnull=False)


# Decree 118/2025: the receiving center and the competent agency are two scopes. Taking in and handing back
# are the center's queues; processing and waiting for a supplement are the competent agency's (and an
# inter-agency hop's). Due soon / overdue concern both, within what the officer may see.
RECEPTION_QUEUES = ("to_receive", "to_return")
PROCESSING_QUEUES = ("to_process", "waiting_supplement")


def _queue_officer(user):
    return officer_of(user) if user is not None and not user.is_superuser else None


def scope_q(key: str, user) -> Q:
    """Narrow a queue to the officer's side of the dossier; administrators and non-officers keep it whole."""
    officer = _queue_officer(user)
    if officer is None:
        return Q()
    if key in RECEPTION_QUEUES:
        return Q(center_id=officer.center_id) | Q(agency_id=officer.agency_id)
    if key in PROCESSING_QUEUES:
        identifier = officer.agency.identifier
        return (
            Q(agency_id=officer.agency_id)
            | Q(step_agency=identifier)
            | permissions.branch_scope_q(identifier)
        )
    return Q()


def branch_q(key: str, *, now: dt.datetime, user) -> Q:
    """The dossiers a queue holds for an officer because of an open parallel branch at their agency, judged
    on the branch's own group and due time (Decree 63/2024: each agency answers within its own budget).

    A branch agency's officer (the police for a birth dossier's residence branch) sees the dossier in
    "Việc của tôi" while the branch waits on their group, and in "Sắp đến hạn" / "Quá hạn" by the branch's
    due time, not only by the whole dossier's."""
    officer = _queue_officer(user)
    if officer is None or key not in ("mine", "due_soon", "overdue"):
        return Q(pk__in=[])
    identifier = officer.agency.identifier
    if key == "mine":
        groups = [*user.groups.values_list("name", flat=True), ""]
        return permissions.branch_scope_q(identifier, step_group__in=groups)
    if key == "due_soon":
        horizon = due_soon_horizon(now)
        return permissions.branch_scope_q(identifier, step_due_at__gte=now, step_due_at__lt=horizon)
    return permissions.branch_scope_q(identifier, step_due_at__lt=now)


def queue_q(key: str, *, now: dt.datetime | None = None, user=None) -> Q:
    now = now or timezone.now()
    return (own_queue_q(key, now=now, user=user) | branch_q(key, now=now, user=user)) & scope_q(key, user)


def own_queue_q(key: str, *, now: dt.datetime | None = None, user=None) -> Q:
    """A queue's condition on the dossier's own columns, without its open-branch part (`branch_q`) and its
    scope: what `workflows.counts` applies to the rows its tallies cannot answer."""
    now = now or timezone.now()
    if key == "mine":
        if user is None:
            return Q(pk__in=[])
        groups = list(user.groups.values_list("name", flat=True)) if user.is_authenticated else []
        return Q(status__in=(*PROCESSING_STATUSES, S.SUPPLEMENT, S.DONE)) & (
            Q(assignee_id=user.pk) | Q(assignee__isnull=True, step_group__in=groups)
        )
    if key == "to_receive":
        return Q(status=S.NEW)
    if key == "to_process":
        # Status 6 before reception is an online dossier waiting for its fee, not work for an officer; its
        # due date is still empty (a column of the open dossiers' index, so the count stays index-only).
        return Q(status__in=PROCESSING_STATUSES) & ~Q(status=S.FINANCIAL, due_at__isnull=True)
    if key == "waiting_supplement":
        return Q(status=S.SUPPLEMENT)
    if key == "due_soon":
        return running() & Q(due_at__gte=now, due_at__lt=due_soon_horizon(now))
    if key == "overdue":
        return running() & Q(due_at__lt=now)
    if key == "to_return":
        return Q(status=S.DONE)
    raise KeyError(key)


def queue_counts(queryset: QuerySet[Dossier], *, now: dt.datetime | None = None, user=None) -> dict[str, int]:
    """Every queue's size in one aggregate query, over the open dossiers only.

    Every queue is a subset of the open dossiers (`tests/workflows/test_queues_scale.py` proves it status by
    status), so filtering on them first changes no count and lets PostgreSQL read the small partial index
    `dossier_open` (about 5 % of a province's rows, the closed 95 % never read) instead of every dossier.
    Counts are recounted on every request rather than kept per queue: a recount of the open set is cheap
    enough and cannot drift from the rows.
    """
    now = now or timezone.now()
    # COUNT(status) (never null, so a row count), not COUNT(id): the partial index carries the status, not the
    # id, and counting ids would send every row to the heap. (Django refuses Count("*") with a filter.)
    return queryset.filter(status__in=OPEN_STATUSES).aggregate(
        **{key: Count("status", filter=queue_q(key, now=now, user=user)) for key in QUEUE_LABELS}
    )


# Beyond this many rows a listing stops counting: the closed tail of five years is reached by filters and by
# searching a code, not by paging to page 20,000, and an exact count(*) of millions is what made a page slow.
COUNT_CAP = 10_000


class CappedCountPaginator(WagtailPaginator):
    """A paginator that counts at most `COUNT_CAP + 1` rows (a LIMIT inside the count).

    Below the cap the count is exact; above it the listing says "more than 10,000" (`count_capped`) and
    offers the first `COUNT_CAP` rows' pages. Wagtail's paginator, not Django's: its page range shows the last
    page for a page number past the end (a bookmark after dossiers closed) instead of raising a 500.
    """

    def __init__(
        self,
        *args,
        floor: QuerySet | None = None,
        known_count: int | None = None,
        arms: list[Q] | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        # The alternatives whose OR filters the rows (an officer's scope, `permissions.scope_arms`): a page
        # in the listing's default order is then merged from each arm's first rows (`_merged_page`).
        self.arms = arms
        self.cap = COUNT_CAP
        # The exact number of rows when the caller already has it (a queue's tab: its tallied count).
        self.known_count = known_count
        # A subset of the rows that one index answers (an officer's own agency's dossiers): when it alone
        # passes the cap, so do the rows, and the whole scope (an OR of four arms that PostgreSQL tests row by
        # row over millions of dossiers) is never counted. 4 ms instead of 150 at 5M.
        self.floor = floor

    @cached_property
    def count(self) -> int:
        object_list = self.object_list
        if self.known_count is not None:
            return min(self.known_count, self.cap + 1)
        if isinstance(object_list, QuerySet):
            if self.floor is not None and self._capped(self.floor) > self.cap:
                return self.cap + 1
            return self._capped(object_list)
        return len(object_list)

    def _capped(self, queryset: QuerySet) -> int:
        # The ordering does not change a count, nor do the annotations (a branch's due time per row): without
        # them PostgreSQL counts from any index.
        return queryset.order_by().values("pk")[: self.cap + 1].count()

    @property
    def count_capped(self) -> bool:
        return self.count > self.cap

    def page(self, number):
        if not self._merges_arms():
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        return self._get_page(self._merged_page(bottom, top), number, self)

    def _merges_arms(self) -> bool:
        rows = self.object_list
        return (
            bool(self.arms)
            and connection.vendor == "postgresql"
            and isinstance(rows, QuerySet)
            # An officer without the dossier permissions sees `none()`: nothing to merge.
            and not rows.query.is_empty()
            and _ordering(rows) in LISTING_ORDERS
        )

    def _merged_page(self, bottom: int, top: int) -> list:
        """Rows `bottom:top` of the OR of the arms, as the plain OFFSET would give them.

        Each arm's first `top` keys come from its own index in the listing's order (`dossier_agency_received`,
        `dossier_step_agency_recent`, `dossier_center_recent`, the branch ids); their UNION holds the first
        `top` rows of the OR, since a row among those is among the first `top` of every arm it belongs to. At
        5M dossiers an officer's page 100 read ~200,000 entries of `dossier_recent` to skip 4,950 of theirs."""
        if top <= bottom:
            # An empty scope: every arm sliced `[:0]` is an EmptyQuerySet, and their UNION collapses into
            # one of them, sliced, which cannot be ordered again.
            return []
        keys = self.object_list.order_by().values_list(*KEY_COLUMNS)
        firsts = [keys.filter(arm).order_by(*KEY_ORDER)[:top] for arm in self.arms]
        merged = firsts[0].union(*firsts[1:]).order_by(*KEY_ORDER)[bottom:top]
        ids = [pk for _received, pk in merged]
        rows = {row.pk: row for row in self.object_list.filter(pk__in=ids)}
        return [rows[pk] for pk in ids if pk in rows]


# The listing's default order (`Dossier.Meta.ordering`), the one every arm's index reads rows in; the merge
# orders its keys by the same columns.
LISTING_ORDERS = {("-received_at", "-pk"), ("-received_at", "-id")}
KEY_COLUMNS = ("received_at", "id")
KEY_ORDER = ("-received_at", "-id")


def _ordering(rows: QuerySet) -> tuple[str, ...]:
    query = rows.query
    if query.order_by:
        return tuple(str(field) for field in query.order_by)
    return tuple(rows.model._meta.ordering) if query.default_ordering else ()
