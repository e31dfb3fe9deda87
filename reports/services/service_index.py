"""The service index of Decision 766/QĐ-TTg (23/6/2022), its five groups measured from our own data.

What was checked against published texts, and where (addresses as read on 2026-12-04):

* The five groups (công khai, minh bạch; tiến độ, kết quả giải quyết; số hóa hồ sơ; cung cấp dịch vụ trực
  tuyến; mức độ hài lòng) and the 100-point total: the decision's summary,
  https://vietjack.me/phap-luat/quyet-dinh-766-qd-ttg-2271.html, and
  https://baocaotaichinh.vn/thu-vien/quyet-dinh-766-qd-ttg-2022-phe-duyet-bo-chi-so-chi-dao--dieu-hanh-va-danh-gia-chat-luong-phuc-vu-nguoi-dan--doanh-nghiep-2108502745-126270
  (satisfaction 18 of 100 points, of which 6 for satisfaction in handling dossiers; 4 of the transparency
  group's 18 for procedures published on time; up to 20 for dossiers handled on time).
* Each group's maximum as the national portal scores it (transparency 18, progress 20, online services 12 +
  online payment 10, satisfaction 18, digitisation 22): a province's published monthly result,
  https://bqlkkt.phuyen.gov.vn/thong-bao-ket-qua-danh-gia-bo-chi-so-phuc-vu-nguoi-dan-doanh-nghiep-trong-thuc-hien-tthc-cung-cap-dich-vu-cong-thang-05-2024
* The formula of "tỷ lệ hài lòng trong tiếp nhận, giải quyết TTHC" (dossiers less those rated unsatisfied or
  complained about or late, over dossiers): https://www.lamdong.dcs.vn/tin-tuc-su-kien/thong-tin-tong-hop/task/148/type/detail/id/33503
  (the decision's summary, the same words as the vietjack page). The two other satisfaction ratios are about
  complaints and recommendations (phản ánh, kiến nghị), which this system does not receive: shown without data.
* "Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn" is an indicator of the progress group (Phụ lục, Mục I–II, as quoted by
  http://118.69.201.250:801/phap-luat/ho-tro-phap-luat/huong-dan-xu-ly-so-lieu-nhom-chi-so-tien-do-ket-qua-giai-quyet-ho-so-thu-tuc-hanh-chinh-dich-vu-con-20943.html);
  the transparency group's first indicator (procedures published on time, over procedures published in the
  period) needs the national procedure database's decision dates and is not measured here
  (https://aita.gov.vn/thu-tuong-chinh-phu-ban-hanh-bo-chi-so-chi-dao-dieu-hanh-va-danh-gia-chat-luong-phuc-vu-nguoi-dan-doanh-nghiep-trong-thuc-hien-thu-tuc-hanh-chinh-dich-vu-cong-theo-thoi-gian-thuc-tren-moi-truong-dien-tu).

NOT verified: how each group's points are split among its indicators (beyond the two figures above) and the
thresholds that give full points; the exact formulas of the other ratios. So a group's points here are an
estimate — its maximum times the mean of the ratios we can measure in it — said so on the page, and each
ratio carries its own citation (`Ratio.citation`) stating what is and is not the decision's.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone

from catalog.models import Procedure
from reports.periods import Period, Scope
from workflows.models import Dossier, DossierStatus, Notice, Rating

from .dossier_report import DossierReport, dossier_report
from .evaluation import DISCLOSED, missing_disclosures
from .scope import reference_moment, scope_q

# (key, title, maximum points on the national portal's 100-point scale; see the module's sources)
GROUPS = (
    ("transparency", "Công khai, minh bạch", 18),
    ("progress", "Tiến độ, kết quả giải quyết", 20),
    ("online", "Cung cấp dịch vụ trực tuyến", 22),
    ("digitisation", "Số hóa hồ sơ", 22),
    ("satisfaction", "Mức độ hài lòng", 18),
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
    citation: str = ""  # the decision's indicator it measures, or that it is this system's own

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
    # QĐ 766, "tỷ lệ hài lòng trong tiếp nhận, giải quyết TTHC": the dossiers handled, less those late or rated
    # unsatisfied (complaints are not received here), over the dossiers handled. The late ones are the
    # report's; the unsatisfied ratings of dossiers not late are counted from the (few) ratings' side.
    late = Q(dossier__due_at__isnull=False, dossier__finished_at__gt=F("dossier__due_at"))
    unhappy = f["late"] + (
        Rating.objects.filter(
            scope_q(scope, "dossier__"),
            answers__overall="c",
            dossier__status__in=(DossierStatus.DONE, DossierStatus.RETURNED),
            dossier__finished_at__gte=period.start,
            dossier__finished_at__lt=ref,
        )
        .exclude(late)
        .count()
    )
    ok = f["early"] + f["on_time"]

    def r(key, group, title, formula, num, den, num_label, den_label, lever, *, grows, cite=""):
        ratio = Ratio(key, group, title, formula, num, den, num_label, den_label, "", cite)
        target = _target(ratio.percent)
        if grows and target >= 1:
            target = 0.99  # new dossiers never bring a ratio with a miss back to exactly 100 %
        more = needed_for(num, den, target, grows=grows)
        if not den:
            # A lever without a figure to fill in says why there is no data (complaints are not received).
            ratio.lever = lever if "{n}" not in lever else "Chưa có dữ liệu trong kỳ."
        elif num == den:
            ratio.lever = "Đã đạt mức tối đa."
        else:
            ratio.lever = lever.format(n=more, target=round(100 * target))
        return ratio

    no_complaints = "Hệ thống chưa tiếp nhận phản ánh, kiến nghị: chưa tính được."
    ratios = [
        r("disclosed", "transparency", "Thủ tục công khai đủ nội dung", "số TTHC công khai đủ 5 nội dung ÷ số TTHC đang áp dụng",
          complete, len(procedure_ids), "TTHC công khai đủ", "TTHC đang áp dụng",
          "Bổ sung đủ thành phần, thời hạn, phí, căn cứ pháp lý, kết quả cho {n} thủ tục nữa để đạt {target}%.", grows=False,
          cite="QĐ 766, nhóm công khai, minh bạch (TTHC công khai đủ các bộ phận); 5 nội dung kiểm tra là của hệ thống."),
        r("notified", "transparency", "Hồ sơ được thông báo tình trạng cho người nộp", "số hồ sơ tiếp nhận trong kỳ có thông báo ÷ số hồ sơ tiếp nhận trong kỳ",
          notified, new, "hồ sơ có thông báo", "hồ sơ tiếp nhận",
          "Ghi thư điện tử hoặc số điện thoại của người nộp cho {n} hồ sơ mới tiếp theo để đạt {target}%.", grows=True,
          cite="Chỉ số của hệ thống, không có trong QĐ 766."),
        r("on_time", "progress", "Hồ sơ xử lý trước hạn, đúng hạn", "(trước hạn + đúng hạn) ÷ số hồ sơ đã giải quyết trong kỳ",
          ok, f["resolved"], "trước hạn + đúng hạn", "đã giải quyết",
          "Giải quyết đúng hạn {n} hồ sơ tiếp theo (không hồ sơ nào trễ) để đạt {target}%.", grows=True,
          cite="QĐ 766, nhóm tiến độ, kết quả giải quyết (tỷ lệ hồ sơ xử lý trước hạn, đúng hạn)."),
        r("running_in_time", "progress", "Hồ sơ đang giải quyết còn trong hạn", "số hồ sơ đang giải quyết trong hạn ÷ số hồ sơ đang giải quyết",
          f["in_time"], f["in_progress"], "trong hạn", "đang giải quyết",
          "Giải quyết xong {n} hồ sơ đang quá hạn để đạt {target}%.", grows=False,
          cite="QĐ 766, nhóm tiến độ (hồ sơ đang xử lý trong hạn); cách tách riêng là của hệ thống."),
        r("full_online", "online", "Thủ tục cung cấp trực tuyến toàn trình", "số TTHC trực tuyến toàn trình ÷ số TTHC đang áp dụng",
          full_online, len(procedure_ids), "TTHC toàn trình", "TTHC đang áp dụng",
          "Đưa thêm {n} thủ tục lên trực tuyến toàn trình để đạt {target}%.", grows=False,
          cite="QĐ 766, nhóm cung cấp dịch vụ trực tuyến; công thức chính xác chưa đối chiếu được."),
        r("online_share", "online", "Hồ sơ nộp trực tuyến", "số hồ sơ mới tiếp nhận trực tuyến ÷ số hồ sơ mới tiếp nhận",
          f["new_online"], new, "nộp trực tuyến", "mới tiếp nhận",
          "Hướng dẫn người nộp để {n} hồ sơ tiếp theo được nộp trực tuyến, đạt {target}%.", grows=True,
          cite="QĐ 766, nhóm cung cấp dịch vụ trực tuyến; công thức chính xác chưa đối chiếu được."),
        r("digitised", "digitisation", "Hồ sơ được số hóa thành phần", "số hồ sơ tiếp nhận trong kỳ có thành phần đã số hóa ÷ số hồ sơ tiếp nhận",
          digitised, new, "có thành phần số hóa", "hồ sơ tiếp nhận",
          "Số hóa thành phần khi tiếp nhận {n} hồ sơ tiếp theo để đạt {target}%.", grows=True,
          cite="QĐ 766, nhóm số hóa hồ sơ; công thức chính xác chưa đối chiếu được."),
        r("satisfied", "satisfaction", "Hài lòng trong tiếp nhận, giải quyết TTHC",
          "(số hồ sơ đã giải quyết − số hồ sơ trễ hạn hoặc bị đánh giá “không hài lòng”) ÷ số hồ sơ đã giải quyết",
          f["resolved"] - unhappy, f["resolved"], "hồ sơ không trễ, không bị chê", "đã giải quyết",
          "Cần thêm {n} hồ sơ giải quyết đúng hạn, không bị chê liên tiếp để đạt {target}%.", grows=True,
          cite="QĐ 766, nhóm mức độ hài lòng (6/18 điểm); chưa trừ hồ sơ có phản ánh, kiến nghị vì hệ thống chưa tiếp nhận."),
        r("complaints_on_time", "satisfaction", "Phản ánh, kiến nghị xử lý đúng hạn", "số phản ánh, kiến nghị xử lý đúng, trước hạn ÷ số phản ánh, kiến nghị",
          0, 0, "xử lý đúng hạn", "phản ánh, kiến nghị", no_complaints, grows=True, cite="QĐ 766, nhóm mức độ hài lòng."),
        r("complaints_satisfied", "satisfaction", "Hài lòng trong xử lý phản ánh, kiến nghị",
          "(số phản ánh, kiến nghị − số bị phản hồi không hài lòng hoặc quá hạn) ÷ số phản ánh, kiến nghị",
          0, 0, "không bị phản hồi không hài lòng", "phản ánh, kiến nghị", no_complaints, grows=True, cite="QĐ 766, nhóm mức độ hài lòng."),
    ]  # fmt: skip
    groups = []
    for key, title, points in GROUPS:
        members = [x for x in ratios if x.group == key]
        known = [x.percent for x in members if x.percent is not None]
        score = round(sum(known) / len(known), 1) if known else None
        groups.append({"key": key, "title": title, "ratios": members, "score": score, "max_points": points,
                       "points": None if score is None else round(points * score / 100, 1)})  # fmt: skip
    result = {
        "groups": groups,
        "score": index_score(groups),
        "forecast": None,
    }
    if period.start <= now < period.end:
        result["forecast"] = forecast(period, scope, report, now)
    return result


def index_score(groups: list[dict]) -> float | None:
    """Points out of 100: the groups' estimated points over the maximum of the groups that have data, so a
    group with nothing measurable neither scores zero nor counts."""
    scored = [g for g in groups if g["points"] is not None]
    if not scored:
        return None
    return round(100 * sum(g["points"] for g in scored) / sum(g["max_points"] for g in scored), 1)


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


__all__ = ["DISCLOSED", "GROUPS", "Ratio", "index_score", "needed_for", "service_index"]
