"""The service index of Decision 766/QĐ-TTg (23/6/2022), its five groups measured from our own data.

Decision 766/QĐ-TTg approves the index that grades how provinces and ministries serve people and businesses
in real time on the electronic environment, in groups of indicators: transparency (công khai, minh bạch),
progress and results of handling (tiến độ, kết quả giải quyết), online service provision (cung cấp dịch vụ
công trực tuyến), digitisation (số hóa hồ sơ, kết quả) and satisfaction (mức độ hài lòng). The decision's own
text, its indicator list and the points each indicator weighs are NOT among the texts available to this
project (../shared/seeds) and are not reproduced here: each indicator below is a ratio we can compute from
dossiers, ratings and the catalog, filed under the group it measures, with its formula and inputs shown, and
a group's score is the plain mean of its ratios (0–100), not the decision's weighting.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from catalog.models import Procedure
from reports.periods import Period, Scope
from workflows.models import Dossier, Notice, Rating

from .dossier_report import DossierReport, dossier_report
from .evaluation import DISCLOSED, missing_disclosures
from .scope import reference_moment, scope_q

GROUPS = (
    ("transparency", "Công khai, minh bạch"),
    ("progress", "Tiến độ, kết quả giải quyết"),
    ("online", "Cung cấp dịch vụ công trực tuyến"),
    ("digitisation", "Số hóa hồ sơ"),
    ("satisfaction", "Mức độ hài lòng"),
)


@dataclass
class Ratio:
    key: str
    group: str
    title: str
    formula: str
    numerator: int
    denominator: int
    numerator_label: str
    denominator_label: str
    lever: str  # what raises it, in Vietnamese with the figure needed

    @property
    def percent(self) -> float | None:
        return None if not self.denominator else round(100 * self.numerator / self.denominator, 1)


def needed_for(numerator: int, denominator: int, target: float, *, grows: bool) -> int:
    """How many more good cases lift num/den to `target`: added to both (new dossiers) or converted (fixed set)."""
    if denominator and numerator / denominator >= target:
        return 0
    if grows:
        # Rounded first: 0.9 × 10 is 9.000000000000002 in floating point, which must not ask for one more.
        return math.ceil(round((target * denominator - numerator) / (1 - target), 9)) if target < 1 else 0
    return math.ceil(round(target * denominator - numerator, 9))


def _target(ratio_percent: float | None) -> float:
    """The next step worth naming: ten points up, capped at 100 %."""
    return min(1.0, ((ratio_percent or 0) + 10) / 100)


def catalog_procedures(scope: Scope):
    active = Procedure.objects.filter(status=Procedure.Status.ACTIVE)
    if scope.kind in ("agency", "commune"):
        return active.filter(agency_id=int(scope.key))
    if scope.kind == "center":
        return active.filter(centers__code=scope.key)
    if scope.kind == "procedure":
        return active.filter(code=scope.key)
    return active


def service_index(period: Period, scope: Scope, *, now: dt.datetime | None = None,
                  report: DossierReport | None = None) -> dict:  # fmt: skip
    """{"groups": [{key, title, score, ratios}], "score", "forecast"}: every ratio with its inputs and lever."""
    now = now or timezone.now()
    ref = reference_moment(period, now)
    report = report or dossier_report(period, scope, now=now)
    f = report.total.figures
    procedures = catalog_procedures(scope)
    procedure_ids = list(procedures.values_list("pk", flat=True))
    complete = sum(1 for n in missing_disclosures(procedure_ids).values() if n == 0)
    full_online = procedures.filter(online_level="full").count()
    received = Dossier.objects.filter(scope_q(scope), received_at__gte=period.start, received_at__lt=ref)
    notified = received.filter(Exists(Notice.objects.filter(dossier=OuterRef("pk")))).count()
    new = f["new_online"] + f["new_paper"]
    digitised = sum(1 for comps in received.values_list("components", flat=True) if _has_digitised(comps))
    rated = Rating.objects.filter(
        scope_q(scope, "dossier__"), dossier__finished_at__gte=period.start, dossier__finished_at__lt=ref
    )
    rating_sums = rated.aggregate(
        n=Count("pk"), satisfied=Count("pk", filter=Q(answers__overall__in=["a", "b"]))
    )
    ok = f["early"] + f["on_time"]

    def r(key, group, title, formula, num, den, num_label, den_label, lever, *, grows):
        ratio = Ratio(key, group, title, formula, num, den, num_label, den_label, "")
        target = _target(ratio.percent)
        if grows and target >= 1:
            target = 0.99  # new dossiers never bring a ratio with a miss back to exactly 100 %
        more = needed_for(num, den, target, grows=grows)
        if not den:
            ratio.lever = "Chưa có dữ liệu trong kỳ."
        elif num == den:
            ratio.lever = "Đã đạt mức tối đa."
        else:
            ratio.lever = lever.format(n=more, target=round(100 * target))
        return ratio

    ratios = [
        r("disclosed", "transparency", "Thủ tục công khai đủ nội dung", "số TTHC công khai đủ 5 nội dung ÷ số TTHC đang áp dụng",
          complete, len(procedure_ids), "TTHC công khai đủ", "TTHC đang áp dụng",
          "Bổ sung đủ thành phần, thời hạn, phí, căn cứ pháp lý, kết quả cho {n} thủ tục nữa để đạt {target}%.", grows=False),
        r("notified", "transparency", "Hồ sơ được thông báo tình trạng cho người nộp", "số hồ sơ tiếp nhận trong kỳ có thông báo ÷ số hồ sơ tiếp nhận trong kỳ",
          notified, new, "hồ sơ có thông báo", "hồ sơ tiếp nhận",
          "Ghi thư điện tử hoặc số điện thoại của người nộp cho {n} hồ sơ mới tiếp theo để đạt {target}%.", grows=True),
        r("on_time", "progress", "Hồ sơ giải quyết đúng hạn, trước hạn", "(trước hạn + đúng hạn) ÷ số hồ sơ đã giải quyết trong kỳ",
          ok, f["resolved"], "trước hạn + đúng hạn", "đã giải quyết",
          "Giải quyết đúng hạn {n} hồ sơ tiếp theo (không hồ sơ nào trễ) để đạt {target}%.", grows=True),
        r("running_in_time", "progress", "Hồ sơ đang giải quyết còn trong hạn", "số hồ sơ đang giải quyết trong hạn ÷ số hồ sơ đang giải quyết",
          f["in_time"], f["in_progress"], "trong hạn", "đang giải quyết",
          "Giải quyết xong {n} hồ sơ đang quá hạn để đạt {target}%.", grows=False),
        r("full_online", "online", "Thủ tục cung cấp trực tuyến toàn trình", "số TTHC trực tuyến toàn trình ÷ số TTHC đang áp dụng",
          full_online, len(procedure_ids), "TTHC toàn trình", "TTHC đang áp dụng",
          "Đưa thêm {n} thủ tục lên trực tuyến toàn trình để đạt {target}%.", grows=False),
        r("online_share", "online", "Hồ sơ nộp trực tuyến", "số hồ sơ mới tiếp nhận trực tuyến ÷ số hồ sơ mới tiếp nhận",
          f["new_online"], new, "nộp trực tuyến", "mới tiếp nhận",
          "Hướng dẫn người nộp để {n} hồ sơ tiếp theo được nộp trực tuyến, đạt {target}%.", grows=True),
        r("digitised", "digitisation", "Hồ sơ được số hóa thành phần", "số hồ sơ tiếp nhận trong kỳ có thành phần đã số hóa ÷ số hồ sơ tiếp nhận",
          digitised, new, "có thành phần số hóa", "hồ sơ tiếp nhận",
          "Số hóa thành phần khi tiếp nhận {n} hồ sơ tiếp theo để đạt {target}%.", grows=True),
        r("satisfied", "satisfaction", "Người nộp hài lòng", "số phiếu “rất hài lòng” hoặc “hài lòng” ÷ số phiếu đánh giá trong kỳ",
          rating_sums["satisfied"], rating_sums["n"], "phiếu hài lòng", "phiếu đánh giá",
          "Cần thêm {n} phiếu hài lòng liên tiếp để đạt {target}%.", grows=True),
    ]  # fmt: skip
    groups = []
    for key, title in GROUPS:
        members = [x for x in ratios if x.group == key]
        known = [x.percent for x in members if x.percent is not None]
        groups.append({"key": key, "title": title, "ratios": members,
                       "score": round(sum(known) / len(known), 1) if known else None})  # fmt: skip
    scored = [g["score"] for g in groups if g["score"] is not None]
    result = {
        "groups": groups,
        "score": round(sum(scored) / len(scored), 1) if scored else None,
        "forecast": None,
    }
    if period.start <= now < period.end:
        result["forecast"] = forecast(period, scope, report, now)
    return result


def forecast(period: Period, scope: Scope, report: DossierReport, now: dt.datetime) -> dict:
    """The on-time ratio at the end of the running period if the open dossiers end as their clocks say.

    Open dossiers already overdue will count as late; those due before the period ends count as on time only
    if resolved by then: the forecast names them ("at risk") so a leader can act on them now.
    """
    f = report.total.figures
    running = Dossier.objects.filter(scope_q(scope), received_at__isnull=False, finished_at__isnull=True)
    due_in_period = running.filter(due_at__gte=now, due_at__lt=period.end, paused_at__isnull=True).count()
    ok, late = f["early"] + f["on_time"], f["late"] + f["overdue"]
    expected_ok = ok + f["in_time"]
    total = expected_ok + late
    return {
        "on_time_percent": round(100 * expected_ok / total, 1) if total else None,
        "worst_percent": round(100 * (expected_ok - due_in_period) / total, 1) if total else None,
        "at_risk": due_in_period,
        "already_late": late,
        "open": f["in_progress"],
    }


def _has_digitised(components) -> bool:
    return any(isinstance(c, dict) and c.get("digitised") for c in components or [])


__all__ = ["DISCLOSED", "GROUPS", "Ratio", "needed_for", "service_index"]
