"""The periodic report on one-stop results: received, resolved, in progress, returned, withdrawn, refused.

The shape is the statutory quarterly report the provincial plans require (seed 000, Phụ lục IV; seed 001,
Kế hoạch III.2: "định kỳ hàng quý báo cáo"): per agency, dossiers received (carried over from the previous
period, new online, new on paper — direct or by post), resolved (early / on time / late), still in progress at
the end of the period (within time / overdue), returned to the applicant without a result (stopped),
withdrawn, refused, and the apology letters issued (Decree 61/2018 Điều 19 "xin lỗi và hẹn lại"). The official
form number of that report (its biểu mẫu) is not in the texts available to us (../shared/seeds) and is not cited.

Every received dossier lands in exactly one outcome column, so per row:

    carried_over + new_online + new_paper
      = early + on_time + late + returned + withdrawn + refused + in_time + overdue

What counts (all by the dossier's own timestamps, which `perform_action` writes with each event):
* received in the period: `received_at` in [start, end); carried over: received before, not finished at start;
* finished in the period: `finished_at` in [start, end) — the result was ready (status 9/10), or the dossier
  was stopped (8: "refused" when a `refuse` event stopped it, else "returned"), or withdrawn (7);
* early / on time / late: `finished_at` against `due_at` as `workflows.calendar.engine.classify` defines it
  (early: a local day before the due day; late: after the due instant);
* in progress: not finished at the end of the period (or now, while it runs); overdue when its due time is
  before that moment and its clock is not paused (the officers' "Quá hạn" queue means the same).

Two grouped queries for the dossier columns and one for the events, whatever the number of agencies.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, F, Q
from django.db.models.functions import TruncDate

from catalog.models import Agency
from reports.periods import VN, Period, Scope
from workflows.models import Dossier, DossierEvent, DossierStatus

from .scope import reference_moment, scope_q, scope_title

S = DossierStatus
RECEIVED = ("carried_over", "new_online", "new_paper")
OUTCOMES = ("early", "on_time", "late", "returned", "withdrawn", "refused", "in_time", "overdue")
COLUMNS = ("received", *RECEIVED, "resolved", "early", "on_time", "late", "in_progress", "in_time",
           "overdue", "returned", "withdrawn", "refused", "apologies")  # fmt: skip
LABELS = {
    "received": "Tổng số hồ sơ tiếp nhận",
    "carried_over": "Kỳ trước chuyển sang",
    "new_online": "Mới tiếp nhận trực tuyến",
    "new_paper": "Mới tiếp nhận trực tiếp, bưu chính",
    "resolved": "Đã giải quyết",
    "early": "Trước hạn",
    "on_time": "Đúng hạn",
    "late": "Quá hạn",
    "in_progress": "Đang giải quyết",
    "in_time": "Trong hạn",
    "overdue": "Quá hạn",
    "returned": "Trả lại hồ sơ (dừng xử lý)",
    "withdrawn": "Công dân rút hồ sơ",
    "refused": "Từ chối giải quyết",
    "apologies": "Văn bản xin lỗi, hẹn lại",
}


@dataclass
class ReportRow:
    agency_id: int | None
    agency: str
    figures: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COLUMNS, 0))

    def complete(self) -> None:
        f = self.figures
        f["received"] = sum(f[k] for k in RECEIVED)
        f["resolved"] = f["early"] + f["on_time"] + f["late"]
        f["in_progress"] = f["in_time"] + f["overdue"]

    @property
    def balanced(self) -> bool:
        return self.figures["received"] == sum(self.figures[k] for k in OUTCOMES)


@dataclass
class DossierReport:
    period: Period
    scope: Scope
    scope_title: str
    measured_at: dt.datetime
    rows: list[ReportRow]
    total: ReportRow

    def as_dict(self) -> dict:
        return {
            "period": self.period.label,
            "period_title": self.period.title,
            "start": self.period.start.date().isoformat(),
            "end": (self.period.end - dt.timedelta(days=1)).date().isoformat(),
            "scope": self.scope.label,
            "scope_title": self.scope_title,
            "measured_at": self.measured_at.isoformat(),
            "columns": [{"key": k, "label": LABELS[k]} for k in COLUMNS],
            "total": self.total.figures,
        }


def dossier_report(period: Period, scope: Scope, *, now: dt.datetime | None = None) -> DossierReport:
    """The report for one period and scope: one row per agency with any figure, and their total."""
    title = scope_title(scope)
    ref = reference_moment(period, now)
    start = period.start
    base = Dossier.objects.filter(
        scope_q(scope),
        received_at__isnull=False,
        received_at__lt=ref,
    ).filter(Q(finished_at__isnull=True) | Q(finished_at__gte=start))
    finished = Q(finished_at__lt=ref)
    has_result = finished & Q(status__in=(S.DONE, S.RETURNED))
    early = has_result & Q(due_at__isnull=False) & Q(finished_day__lt=F("due_day"))
    late = has_result & Q(due_at__isnull=False) & Q(finished_at__gt=F("due_at"))
    still_open = Q(finished_at__isnull=True) | Q(finished_at__gte=ref)
    overdue = still_open & Q(due_at__lt=ref, paused_at__isnull=True)
    grouped = (
        base.annotate(
            finished_day=TruncDate("finished_at", tzinfo=VN), due_day=TruncDate("due_at", tzinfo=VN)
        )
        .values("agency_id")
        .annotate(
            carried_over=Count("pk", filter=Q(received_at__lt=start)),
            new_online=Count("pk", filter=Q(received_at__gte=start, channel=Dossier.Channel.ONLINE)),
            new_paper=Count("pk", filter=Q(received_at__gte=start) & ~Q(channel=Dossier.Channel.ONLINE)),
            with_result=Count("pk", filter=has_result),
            early=Count("pk", filter=early),
            late=Count("pk", filter=late),
            stopped=Count("pk", filter=finished & Q(status=S.STOPPED)),
            withdrawn=Count("pk", filter=finished & Q(status=S.WITHDRAWN)),
            open=Count("pk", filter=still_open),
            overdue=Count("pk", filter=overdue),
        )
        .order_by()
    )
    # Only dossiers of the report can carry its refusals and apologies: asking the events of those (through
    # the events' dossier index) instead of every event of the period keeps an agency's report off the
    # events table's full scan.
    candidates = base.filter(Q(rescheduled=True) | Q(status=S.STOPPED, finished_at__lt=ref)).values("pk")
    events = (
        DossierEvent.objects.filter(dossier__in=candidates, at__gte=start, at__lt=ref)
        .filter(Q(action="refuse", to_status=S.STOPPED) | Q(action="reschedule"))
        .values("dossier__agency_id", "action")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_agency: dict[int, dict[str, int]] = {}
    for row in grouped:
        f = by_agency.setdefault(row["agency_id"], dict.fromkeys(COLUMNS, 0))
        for key in ("carried_over", "new_online", "new_paper", "early", "late", "withdrawn", "overdue"):
            f[key] = row[key]
        f["on_time"] = row["with_result"] - row["early"] - row["late"]
        f["returned"] = row["stopped"]  # refusals are moved out of it below
        f["in_time"] = row["open"] - row["overdue"]
    for row in events:
        f = by_agency.setdefault(row["dossier__agency_id"], dict.fromkeys(COLUMNS, 0))
        if row["action"] == "reschedule":
            f["apologies"] += row["n"]
        else:
            f["refused"] += row["n"]
            f["returned"] -= row["n"]
    names = dict(Agency.objects.filter(pk__in=by_agency).values_list("pk", "name"))
    rows = []
    for agency_id in sorted(by_agency, key=lambda pk: names.get(pk, "")):
        row = ReportRow(agency_id, names.get(agency_id, ""), by_agency[agency_id])
        row.complete()
        rows.append(row)
    total = ReportRow(None, "Tổng cộng")
    for row in rows:
        for key in COLUMNS:
            total.figures[key] += row.figures[key]
    total.complete()
    return DossierReport(period, scope, title, ref, rows, total)
