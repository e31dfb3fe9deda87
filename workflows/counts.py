"""The staff pages' counts (queue tabs, admin home) read from the tallies on PostgreSQL, exact at any size.

`workflows.models.tallies` keeps, by trigger and in the writer's transaction, the open dossiers grouped by
every column a queue or a scope filters on, the open ones with a due time per UTC day of it, and the
returned ones per quarter of receipt. A count here is then the sum of those groups that match, plus three
small row counts that the groups cannot answer:

- the partial days at the ends of a time range ("overdue" is everything due before now: the whole days from
  the tally, today's part from the rows, through the `dossier_open` index);
- the dossiers an officer sees only through an open parallel branch at their agency (`open_branches_of`,
  Decree 63/2024), or that sit in a queue only because of that branch: counted from the branch rows;
- nothing else: every other filter is a column of the groups.

Each count is the same number `workflows.queues.queue_counts` recounts from the rows (the tests compare them
state by state on PostgreSQL). SQLite (the embedded default, small offices) has no triggers: there the rows
are counted directly, as before.
"""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.db.models import Count, Q, Sum

from .models import Dossier, DossierStatus, DueTally, OpenTally, ReturnedTally
from .models.dossiers import OPEN_STATUSES
from .permissions import officer_of, open_branches_of, plain_scope_q, visible_dossiers
from .queues import (
    PROCESSING_QUEUES,
    PROCESSING_STATUSES,
    QUEUE_LABELS,
    RECEPTION_QUEUES,
    due_soon_horizon,
    own_queue_q,
    queue_counts,
    queue_q,
    running,
)

S = DossierStatus
NOTHING = Q(pk__in=[])
UTC = dt.UTC


def tallies_kept() -> bool:
    """The triggers of migration 0018 exist on PostgreSQL only."""
    return connection.vendor == "postgresql"


def _scope(user) -> tuple[Q | None, str | None]:
    """(the plain part of the user's visible scope, the agency identifier whose open branches add to it).

    None for the scope: the user sees no dossier. Mirrors `visible_dossiers`, whose branch part is the only one
    no tally column holds."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None, None
    if user.is_superuser:
        return Q(), None
    officer = officer_of(user)
    if officer is None or (
        not user.has_perm("workflows.view_dossier") and not user.has_perm("workflows.act_on_dossier")
    ):
        return None, None
    return plain_scope_q(officer), officer.agency.identifier


def _queue_scope(key: str, user) -> Q:
    """`workflows.queues.scope_q` without its branch term (added back by `_branch_extras`)."""
    officer = officer_of(user) if user is not None and not user.is_superuser else None
    if officer is None:
        return Q()
    if key in RECEPTION_QUEUES:
        return Q(center_id=officer.center_id) | Q(agency_id=officer.agency_id)
    if key in PROCESSING_QUEUES:
        return Q(agency_id=officer.agency_id) | Q(step_agency=officer.agency.identifier)
    return Q()


def _open_tally_q(key: str, user) -> Q:
    """`workflows.queues.own_queue_q` for the queues that do not depend on the clock, on `OpenTally`'s columns."""
    if key == "mine":
        if user is None:
            return NOTHING
        groups = list(user.groups.values_list("name", flat=True)) if user.is_authenticated else []
        return Q(status__in=(*PROCESSING_STATUSES, S.SUPPLEMENT, S.DONE)) & (
            Q(assignee_id=user.pk) | Q(assignee_id=0, step_group__in=groups)
        )
    if key == "to_receive":
        return Q(status=S.NEW)
    if key == "to_process":
        return Q(status__in=PROCESSING_STATUSES) & ~Q(status=S.FINANCIAL, has_due=False)
    if key == "waiting_supplement":
        return Q(status=S.SUPPLEMENT)
    if key == "to_return":
        return Q(status=S.DONE)
    raise KeyError(key)


def _midnight(moment: dt.datetime) -> dt.datetime:
    day = moment.astimezone(UTC).date()
    return dt.datetime.combine(day, dt.time(), tzinfo=UTC)


def _split(start: dt.datetime, end: dt.datetime | None) -> tuple[Q, Q]:
    """[start, end) of due times (end None: no end) as (whole UTC days on `DueTally`, the partial days' rows
    on `Dossier`)."""
    first = _midnight(start)
    if first < start:
        first += dt.timedelta(days=1)  # the whole days begin here; [start, first) is counted from the rows
    if end is None:
        return Q(due_day__gte=first.date()), Q(due_at__gte=start, due_at__lt=first)
    last = _midnight(end)  # the whole days end here; [last, end) is counted from the rows
    if first >= last:  # no whole day inside: all from the rows
        return NOTHING, Q(due_at__gte=start, due_at__lt=end)
    days = Q(due_day__gte=first.date(), due_day__lt=last.date())
    return days, Q(due_at__gte=start, due_at__lt=first) | Q(due_at__gte=last, due_at__lt=end)


def _due_counts(ranges: dict[str, tuple[dt.datetime | None, dt.datetime, bool]], scope: Q) -> dict[str, int]:
    """Open dossiers due in each [start, end) (running only, or paused too), within a plain scope.

    A range open at its start ("overdue": everything due before now) is every dossier with a due time less
    those due from `end` on: `DueTally` is then read only from today onwards (a few thousand groups), never
    over the five years of days that the stragglers' due times spread over."""
    tally, rows, totals, partials = {}, {}, {}, NOTHING
    for key, (start, end, running_only) in ranges.items():
        days, partial = _split(end, None) if start is None else _split(start, end)
        partials |= partial
        paused = Q(paused=False) if running_only else Q()
        tally[key] = Sum("n", filter=days & paused)
        clock = running() if running_only else Q(due_at__isnull=False)
        rows[key] = Count("status", filter=partial & clock)
        if start is None:
            totals[key] = Sum("n", filter=Q(has_due=True) & paused)
    # Every range read here starts at or after its earliest start: the index on `due_day` skips the past.
    earliest = min(end if start is None else start for start, end, _running in ranges.values())
    summed = DueTally.objects.filter(scope, due_day__gte=_midnight(earliest).date()).aggregate(**tally)
    # Only the partial days' rows: an index range of `dossier_open` (status, due_at), not the open set.
    counted = Dossier.objects.filter(scope, partials, status__in=OPEN_STATUSES).aggregate(**rows)
    whole = OpenTally.objects.filter(scope).aggregate(**totals) if totals else {}
    result = {}
    for key, (start, _end, _running) in ranges.items():
        inside = (summed[key] or 0) + counted[key]
        result[key] = (whole[key] or 0) - inside if start is None else inside
    return result


def _branch_extras(identifier: str | None, filters: dict[str, Q], scope: Q) -> dict[str, int]:
    """The open dossiers counted under `filters` only because of an open branch at the officer's agency:
    each filter over the dossiers with such a branch, less those the plain scope already counted."""
    if identifier is None:
        return dict.fromkeys(filters, 0)
    aggregates = {}
    for key, (full, plain) in filters.items():
        aggregates[f"{key}__full"] = Count("status", filter=full)
        aggregates[f"{key}__plain"] = Count("status", filter=plain & scope)
    counted = Dossier.objects.filter(open_branches_of(identifier), status__in=OPEN_STATUSES).aggregate(
        **aggregates
    )
    return {key: counted[f"{key}__full"] - counted[f"{key}__plain"] for key in filters}


def queue_counts_for(user, *, now: dt.datetime | None = None) -> dict[str, int]:
    """Every queue's size among the dossiers the user may see: the listing's tabs."""
    from django.utils import timezone

    now = now or timezone.now()
    if not tallies_kept():
        return queue_counts(visible_dossiers(user), now=now, user=user)
    scope, identifier = _scope(user)
    if scope is None:
        return dict.fromkeys(QUEUE_LABELS, 0)
    static = [key for key in QUEUE_LABELS if key not in ("due_soon", "overdue")]
    summed = OpenTally.objects.filter(scope).aggregate(
        **{key: Sum("n", filter=_open_tally_q(key, user) & _queue_scope(key, user)) for key in static}
    )
    counts = {key: summed[key] or 0 for key in static}
    counts.update(
        _due_counts({"due_soon": (now, due_soon_horizon(now), True), "overdue": (None, now, True)}, scope)
    )
    extras = _branch_extras(
        identifier,
        {
            key: (
                queue_q(key, now=now, user=user),
                own_queue_q(key, now=now, user=user) & _queue_scope(key, user),
            )
            for key in QUEUE_LABELS
        },
        scope,
    )
    return {key: counts[key] + extras[key] for key in QUEUE_LABELS}


HOME_FIGURES = {
    "to_receive": Q(status=S.NEW),
    "in_progress": Q(status__in=[S.RECEIVED, S.PROCESSING]),
    "waiting": Q(status__in=[S.SUPPLEMENT, S.FINANCIAL]),
    "to_return": Q(status=S.DONE),
}


def home_figures(user, *, now: dt.datetime, year: int) -> tuple[dict[str, int], dict[str, int]]:
    """The admin home's open figures (by status, overdue, due within two days) and the year's returned
    dossiers (early, on time, late), among the dossiers the user may see."""
    overdue = Q(due_at__lt=now, paused_at__isnull=True)
    due_soon = Q(due_at__gte=now, due_at__lt=now + dt.timedelta(days=2))
    if not tallies_kept():
        dossiers = visible_dossiers(user)
        figures = dossiers.filter(status__in=OPEN_STATUSES).aggregate(
            **{key: Count("status", filter=q) for key, q in HOME_FIGURES.items()},
            overdue=Count("status", filter=overdue),
            due_soon=Count("status", filter=due_soon),
        )
        done = dossiers.filter(status=S.RETURNED, received_quarter__gte=year * 10 + 1).aggregate(
            total=Count("timeliness"),
            early=Count("timeliness", filter=Q(timeliness="early")),
            on_time=Count("timeliness", filter=Q(timeliness="on_time")),
            late=Count("timeliness", filter=Q(timeliness="late")),
        )
        return figures, done
    scope, identifier = _scope(user)
    if scope is None:
        return dict.fromkeys([*HOME_FIGURES, "overdue", "due_soon"], 0), dict.fromkeys(
            ("total", "early", "on_time", "late"), 0
        )
    summed = OpenTally.objects.filter(scope).aggregate(
        **{key: Sum("n", filter=q) for key, q in HOME_FIGURES.items()}
    )
    figures = {key: summed[key] or 0 for key in HOME_FIGURES}
    figures.update(
        _due_counts(
            {"overdue": (None, now, True), "due_soon": (now, now + dt.timedelta(days=2), False)}, scope
        )
    )
    filters = {key: (q, q) for key, q in HOME_FIGURES.items()}
    filters.update(overdue=(overdue, overdue), due_soon=(due_soon, due_soon))
    for key, extra in _branch_extras(identifier, filters, scope).items():
        figures[key] += extra
    done = _returned(scope, identifier, year)
    return figures, done


def _returned(scope: Q, identifier: str | None, year: int) -> dict[str, int]:
    kinds = {"early": Q(timeliness="early"), "on_time": Q(timeliness="on_time"), "late": Q(timeliness="late")}
    summed = ReturnedTally.objects.filter(scope, received_quarter__gte=year * 10 + 1).aggregate(
        total=Sum("n"), **{key: Sum("n", filter=q) for key, q in kinds.items()}
    )
    done = {key: summed[key] or 0 for key in ("total", *kinds)}
    if identifier is not None:
        # A returned dossier whose branch at the agency is still open (none once the join is reached; kept
        # so the figure stays the recount's whatever the data says).
        extra = (
            Dossier.objects.filter(
                open_branches_of(identifier), status=S.RETURNED, received_quarter__gte=year * 10 + 1
            )
            .exclude(scope)
            .aggregate(
                total=Count("timeliness"), **{k: Count("timeliness", filter=q) for k, q in kinds.items()}
            )
        )
        for key in done:
            done[key] += extra[key]
    return done
