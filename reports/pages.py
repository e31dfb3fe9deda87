"""What the public pages and the leaders' dashboard show, assembled from the services (views stay thin)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from catalog.models import Agency, Procedure
from reports.charts import bar_chart, line_chart
from reports.periods import Period, Scope
from reports.services import dossier_report
from reports.services.evaluation import INDICATORS, evaluate
from reports.services.onsite import onsite_targets
from reports.services.service_index import service_index
from reports.services.trends import last_months, monthly_rates, satisfaction

MONTHS_SHOWN = 12
LINES_SHOWN = 5


def _pct(pair) -> float | None:
    good, total = pair
    return round(100 * good / total, 1) if total else None


def _month_label(period: Period) -> str:
    return f"{period.start.month:02d}/{period.start.year % 100:02d}"


def trend_context(scope: Scope, names: dict[int, str], now: dt.datetime, *, with_total: bool = True) -> dict:
    """On-time rate and online share per month over the last twelve months: chart and table rows."""
    months = last_months(MONTHS_SHOWN, now)
    rates = monthly_rates(months, scope)
    labels = [m.label for m in months]
    busiest = sorted(rates["on_time"], key=lambda a: -sum(n for _, n in rates["on_time"][a].values()))
    series, table = [], []
    if with_total:
        summed = {m: [0, 0] for m in labels}
        for per_month in rates["on_time"].values():
            for m, (ok, n) in per_month.items():
                summed[m][0] += ok
                summed[m][1] += n
        series.append(("Toàn phạm vi", [_pct(summed[m]) for m in labels]))
    for agency_id in busiest[:LINES_SHOWN]:
        series.append(
            (names.get(agency_id, ""), [_pct(rates["on_time"][agency_id].get(m, (0, 0))) for m in labels])
        )
    table = [{"name": name, "values": values} for name, values in series]
    x = [_month_label(m) for m in months]
    online = {a: sum(v[0] for v in per.values()) for a, per in rates["online"].items()}
    new = {a: sum(v[1] for v in per.values()) for a, per in rates["online"].items()}
    return {
        "months": x,
        "on_time_chart": line_chart("Tỷ lệ hồ sơ giải quyết đúng hạn, trước hạn theo tháng", x, series),
        "on_time_table": table,
        "online_rows": [
            {
                "name": names.get(a, ""),
                "online": online[a],
                "new": new[a],
                "percent": _pct((online[a], new[a])),
            }
            for a in sorted(new, key=lambda a: -new[a])
        ],
    }


def overview_context(period: Period, scope: Scope, now: dt.datetime | None = None) -> dict:
    """The province page (also the leaders' dashboard): the report, charts, index, on-site targets."""
    now = now or timezone.now()
    report = dossier_report(period, scope, now=now)
    names = dict(Agency.objects.values_list("pk", "name"))
    on_time = [
        (r.agency, _pct((r.figures["early"] + r.figures["on_time"], r.figures["resolved"])))
        for r in report.rows
    ]
    trend = trend_context(scope, names, now)
    online_rows = trend["online_rows"]
    sat = satisfaction(period, scope)
    sat_rows = [
        {
            "name": names.get(a, ""),
            "n": s["n"],
            "satisfied": s["satisfied"],
            "percent": _pct((s["satisfied"], s["n"])),
        }
        for a, s in sorted(sat.items(), key=lambda kv: -kv[1]["n"])
    ]
    index = service_index(period, scope, now=now, report=report)
    onsite = onsite_targets(period, scope, now=now)
    return {
        "period": period,
        "scope": scope,
        "report": report,
        "on_time_bars": bar_chart(f"Tỷ lệ đúng hạn, trước hạn theo cơ quan — {period.title}", on_time),
        "on_time_rows": on_time,
        "online_chart": bar_chart(
            "Tỷ lệ hồ sơ nộp trực tuyến (12 tháng)", [(r["name"], r["percent"]) for r in online_rows]
        ),
        "satisfaction_chart": bar_chart(
            f"Tỷ lệ người nộp hài lòng — {period.title}", [(r["name"], r["percent"]) for r in sat_rows]
        ),
        "satisfaction_rows": sat_rows,
        "index": index,
        "onsite": onsite,
        "onsite_chart": bar_chart(
            "Tỷ lệ thủ tục giải quyết “4 tại chỗ” (đường nét đứt: chỉ tiêu cấp tỉnh 20%)",
            [
                (r["label"], None if r["procedure_share"] is None else round(100 * r["procedure_share"], 1))
                for r in onsite
            ],
            target=20,
        ),
        **trend,
    }


def agency_context(agency: Agency, period: Period, now: dt.datetime | None = None) -> dict:
    """One agency's public page: its report row, Decree 61's indicators (overall and per procedure), the index."""
    now = now or timezone.now()
    scope = Scope("agency", str(agency.pk))
    report = dossier_report(period, scope, now=now)
    evaluation = evaluate(period, scope, now=now)
    scores = evaluation["agencies"].get(agency.pk) or evaluation["total"]
    rows = scores.rows()

    procedures = dict(Procedure.objects.filter(pk__in=evaluation["procedures"]).values_list("pk", "code"))
    per_procedure = [
        {
            "code": procedures.get(pk, ""),
            "dossiers": s.dossiers,
            "overall": s.overall,
            "means": [r["mean"] for r in s.rows()],
        }
        for pk, s in sorted(evaluation["procedures"].items(), key=lambda kv: procedures.get(kv[0], ""))
    ]
    trend = trend_context(scope, {agency.pk: agency.name}, now, with_total=False)
    values = trend["on_time_table"][0]["values"] if trend["on_time_table"] else [None] * len(trend["months"])
    trend["month_rows"] = list(zip(trend["months"], values, strict=True))
    return {
        "agency": agency,
        "period": period,
        "report": report,
        "indicators": rows,
        "indicator_titles": [i.title for i in INDICATORS],
        "overall": scores.overall,
        "evaluated": scores.dossiers,
        "indicator_chart": bar_chart(
            f"Điểm các chỉ số đánh giá (Nghị định 61/2018) — {period.title}",
            [(r["title"], None if r["mean"] is None else r["mean"]) for r in rows],
            maximum=2,
            unit=" đ",
        ),
        "per_procedure": per_procedure,
        "index": service_index(period, scope, now=now, report=report),
        **trend,
    }
