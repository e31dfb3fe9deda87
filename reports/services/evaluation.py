"""The evaluation indicators of Decree 61/2018/NĐ-CP (Chương VI "Đánh giá việc giải quyết thủ tục hành chính",
Điều 30–33), computed per agency and per procedure from dossier events, the catalog and applicants' ratings.

What we could and could not verify. The texts available to this project (../shared/seeds: four provincial
plans and a news item) say that the handling of procedures must be evaluated and the results published
(seed 000, Phụ lục task II.6; seed 001, Phụ lục task II.7) but do not reproduce Điều 30–33 or the guidance of
Circular 01/2018/TT-VPCP. The nine indicators below are the list of Decree 61's evaluation article as the
project's rating form already paraphrases it (`workflows/data/rating_criteria.json`, "Điều 31, 32"); the
exact article and clause of each one, and the official points of each level, are NOT verified against the
decree's text. Every indicator therefore uses the same 0–2 scale as the rating form (2 = best level,
1 = middle, 0 = worst), each rule stated beside it; where the system holds no data for an indicator, it says
so instead of inventing a score.

A dossier is evaluated once, in the period in which its result was ready (`finished_at`, status 9 or 10).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from catalog.models import Procedure
from reports.periods import Period, Scope
from workflows.calendar.engine import classify
from workflows.models import Dossier, DossierEvent, DossierStatus, Rating

from .scope import reference_moment, scope_q

STEP_LEAVING = ("transfer", "appraise", "approve", "send_back")


@dataclass(frozen=True)
class Indicator:
    key: str
    title: str
    source: str  # where the input comes from, shown on the page
    rule: str  # the scoring rule, shown on the page


INDICATORS = (
    Indicator("total_time", "Tổng thời gian giải quyết so với thời gian quy định", "ngày có kết quả và ngày hẹn trả",
              "Trước hạn: 2 điểm; đúng hạn: 1; quá hạn: 0."),
    Indicator("step_time", "Thời gian thực hiện của từng cơ quan, đơn vị tham gia giải quyết", "lịch sử xử lý (hạn của từng bước)",
              "Không bước nào quá hạn bước: 2 điểm; một bước quá hạn: 1; hai bước trở lên: 0."),
    Indicator("contacts", "Số lần phải liên hệ nơi tiếp nhận để hoàn thiện hồ sơ", "số lần yêu cầu bổ sung, hoàn thiện",
              "Không lần nào: 2 điểm; một lần: 1; hơn một lần: 0."),
    Indicator("offices", "Số cơ quan, đơn vị phải liên hệ để hoàn thiện hồ sơ", "phiếu đánh giá của người nộp",
              "Không cơ quan nào: 2 điểm; chỉ Bộ phận Một cửa: 1; hơn một cơ quan: 0."),
    Indicator("channel", "Tiếp nhận hồ sơ, trả kết quả qua dịch vụ công trực tuyến, bưu chính", "cách thức nộp hồ sơ",
              "Nộp trực tuyến: 2 điểm; qua bưu chính: 1; trực tiếp: 0."),
    Indicator("disclosure", "Việc công khai thủ tục hành chính", "hồ sơ thủ tục trong danh mục công khai",
              "Công khai đủ 5 nội dung (thành phần, thời hạn, phí, căn cứ pháp lý, kết quả): 2 điểm; thiếu 1–2: 1; thiếu hơn: 0."),
    Indicator("attitude", "Thái độ của cán bộ khi hướng dẫn, tiếp nhận, giải quyết", "phiếu đánh giá của người nộp",
              "Tận tình, đúng quy định: 2 điểm; bình thường: 1; gây phiền hà: 0."),
    Indicator("feedback", "Tiếp thu, giải trình ý kiến phản ánh, kiến nghị", "chưa có: hệ thống chưa tiếp nhận phản ánh, kiến nghị",
              "Không chấm khi chưa có dữ liệu."),
    Indicator("satisfaction", "Mức độ hài lòng chung", "phiếu đánh giá của người nộp",
              "Rất hài lòng: 2 điểm; hài lòng: 1; không hài lòng: 0."),
)  # fmt: skip
BY_KEY = {i.key: i for i in INDICATORS}
LEVEL_POINTS = {"a": 2, "b": 1, "c": 0}  # the rating form's levels (workflows/data/rating_criteria.json)
DISCLOSED = ("components", "processing_time_text", "fee_text", "legal_basis_text", "result")


def score_total_time(finished: dt.datetime, due: dt.datetime | None) -> int:
    return {"early": 2, "on_time": 1, "late": 0}["on_time" if due is None else classify(finished, due)]


def score_step_time(late_steps: int) -> int:
    return 2 if late_steps == 0 else 1 if late_steps == 1 else 0


def score_contacts(supplement_requests: int) -> int:
    return 2 if supplement_requests == 0 else 1 if supplement_requests == 1 else 0


def score_channel(channel: str) -> int:
    return {"online": 2, "postal": 1}.get(channel, 0)


def score_disclosure(missing: int) -> int:
    return 2 if missing == 0 else 1 if missing <= 2 else 0


def late_steps(events: list[tuple[str, dt.datetime, dt.datetime | None]]) -> int:
    """Steps left after the due time the entering event gave them: (action, at, step_due_at) in order."""
    late, due = 0, None
    for action, at, step_due in events:
        if action in STEP_LEAVING and due is not None and at > due:
            late += 1
        due = step_due
    return late


def missing_disclosures(procedure_ids) -> dict[int, int]:
    """How many of the five published items each procedure's catalog record lacks."""
    out = {}
    procedures = Procedure.objects.filter(pk__in=procedure_ids).prefetch_related("components")
    for p in procedures:
        present = [bool(p.components.all()), bool(p.processing_time_text), bool(p.fee_text),
                   bool(p.legal_basis_text), bool(p.result)]  # fmt: skip
        out[p.pk] = present.count(False)
    return out


@dataclass
class Scores:
    """Points summed per indicator and how many dossiers (or ratings) gave them."""

    points: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    dossiers: int = 0

    def add(self, key: str, points: int) -> None:
        self.points[key] += points
        self.counts[key] += 1

    def rows(self) -> list[dict]:
        out = []
        for ind in INDICATORS:
            n = self.counts.get(ind.key, 0)
            mean = self.points[ind.key] / n if n else None
            out.append({"key": ind.key, "title": ind.title, "source": ind.source, "rule": ind.rule,
                        "n": n, "points": self.points.get(ind.key, 0), "mean": mean,
                        "percent": None if mean is None else round(mean * 50)})  # fmt: skip
        return out

    @property
    def overall(self) -> float | None:
        """Mean of the indicators that have data, out of 2."""
        means = [r["mean"] for r in self.rows() if r["mean"] is not None]
        return sum(means) / len(means) if means else None


def evaluate(period: Period, scope: Scope, *, now: dt.datetime | None = None) -> dict:
    """{"agencies": {agency id: Scores}, "procedures": {procedure id: Scores}, "total": Scores}."""
    ref = reference_moment(period, now)
    resolved = Dossier.objects.filter(
        scope_q(scope),
        status__in=(DossierStatus.DONE, DossierStatus.RETURNED),
        finished_at__gte=period.start,
        finished_at__lt=ref,
    )
    rows = list(resolved.values_list("pk", "agency_id", "procedure_id", "channel", "finished_at", "due_at"))
    ids = [r[0] for r in rows]
    history: dict[int, list] = defaultdict(list)
    events = DossierEvent.objects.filter(dossier_id__in=ids).order_by("dossier_id", "at", "pk")
    for dossier_id, action, at, step_due in events.values_list("dossier_id", "action", "at", "step_due_at"):
        history[dossier_id].append((action, at, step_due))
    ratings = dict(Rating.objects.filter(dossier_id__in=ids).values_list("dossier_id", "answers"))
    missing = missing_disclosures({r[2] for r in rows})
    agencies: dict[int, Scores] = defaultdict(Scores)
    procedures: dict[int, Scores] = defaultdict(Scores)
    total = Scores()
    for pk, agency_id, procedure_id, channel, finished, due in rows:
        steps = history[pk]
        marks = {
            "total_time": score_total_time(finished, due),
            "step_time": score_step_time(late_steps(steps)),
            "contacts": score_contacts(sum(1 for a, _, _ in steps if a == "request_supplement")),
            "channel": score_channel(channel),
            "disclosure": score_disclosure(missing.get(procedure_id, len(DISCLOSED))),
        }
        answers = ratings.get(pk) or {}
        for key, answer_keys in (("offices", ("offices",)), ("attitude", ("attitude",)),
                                 ("satisfaction", ("overall",))):  # fmt: skip
            level = next((answers[k] for k in answer_keys if k in answers), None)
            if level in LEVEL_POINTS:
                marks[key] = LEVEL_POINTS[level]
        for scores in (agencies[agency_id], procedures[procedure_id], total):
            scores.dossiers += 1
            for key, points in marks.items():
                scores.add(key, points)
    return {"agencies": dict(agencies), "procedures": dict(procedures), "total": total}


__all__ = ["INDICATORS", "Scores", "evaluate", "late_steps"]
