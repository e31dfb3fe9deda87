"""The evaluation of how procedures are handled (Decree 61/2018/NĐ-CP, Chương VI, Điều 30–33), per agency and
per procedure, from dossier events, the catalog and applicants' ratings.

What was checked against published texts, and where (addresses as read on 2026-12-04):

* The criteria are those of Decree 61 Điều 31; Circular 01/2018/TT-VPCP (Chương III, Điều 13) tells each
  ministry and province to build its evaluation forms "căn cứ Điều 31 Nghị định số 61/2018/NĐ-CP và Điều 13
  Thông tư này" (https://vietjack.me/phap-luat/thong-tu-01-2018-tt-vpcp/chuong-iii-13937.html). The decree's
  own text was not found in the stored sources; the criteria's wording is taken from two provinces' forms built
  on it: Thừa Thiên Huế's public evaluation page, criteria 5–12
  (https://dichvucong.thuathienhue.gov.vn/mucdo-hailong/ReqId/6328235d), and Tuyên Quang's scoring form
  "Mẫu số 01 — các chỉ số đánh giá việc giải quyết TTHC"
  (https://dichvucong.tuyenquang.gov.vn/tuyenquang/phieuchamdiem/inphieu_chamdiem_canbo).
* Points: every criterion scores 2, 1 or 0 (Tuyên Quang's form, "điểm tối đa 2"). The levels of criteria 1–3
  and the best level of criterion 4 are verified against that form (items 1.1–4.1); the other levels, and the
  rules of the disclosure and online criteria, were not found and are this project's, marked unverified below.
* Decree 61 Điều 32 khoản 2 makes the results a standard for judging agencies and officers (quoted by
  https://cchc.soctrang.gov.vn/60_tin-tuc-hoat-dong/406_thu-tuong-chinh-phu-phe-duyet-bo-chi-so-chi-dao-dieu-hanh-va-danh-gia-chat-luong-phuc-vu-nguoi-dan-doanh-nghiep-trong-thuc-hien-thu-tuc-hanh-chinh-dich-vu-cong-theo-thoi-gian-thuc-hien-tren-moi-truong-dien-tu.html).
* Decree 118/2025/NĐ-CP (which the dossiers' rule set names) was not found in the stored sources: whether it
  kept these criteria is NOT verified.

Attitude and overall satisfaction are not among the Điều 31 criteria on those forms: they are the applicant's
own answers on the rating form (Huế's general criteria 1 and 4), shown beside them. Where the system holds no
data for a criterion it says so instead of inventing a score.

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
TIMELINESS_POINTS = {"early": 2, "on_time": 1, "late": 0}


@dataclass(frozen=True)
class Indicator:
    key: str
    title: str
    source: str  # where the input comes from, shown on the page
    rule: str  # the scoring rule, shown on the page
    citation: str  # where the criterion and its points come from, and what is not verified


D61 = "NĐ 61/2018 Điều 31"
FORM = "điểm theo Mẫu số 01 phiếu chấm điểm (TT 01/2018/TT-VPCP)"
INDICATORS = (
    Indicator("total_time", "Tổng thời gian giải quyết thủ tục hành chính so với thời gian cho phép theo quy định",
              "ngày có kết quả và ngày hẹn trả",
              "Ngắn hơn quy định (trước hạn): 2 điểm; bằng (đúng hạn): 1; dài hơn (quá hạn): 0.", f"{D61}; {FORM}, mục 1."),
    Indicator("step_time", "Thời gian thực hiện của từng cơ quan, đơn vị tham gia giải quyết (kể cả phối hợp)",
              "lịch sử xử lý (hạn của từng bước)",
              "Mỗi bước: xong trước hạn bước 2 điểm, đúng hạn 1, quá hạn 0; hồ sơ lấy điểm của bước thấp nhất.",
              f"{D61}; {FORM}, mục 2 (lấy bước thấp nhất là cách tính của hệ thống)."),
    Indicator("contacts", "Số lần phải liên hệ với nơi tiếp nhận hồ sơ để hoàn thiện hồ sơ",
              "số lần yêu cầu bổ sung, hoàn thiện",
              "Không lần nào: 2 điểm; một lần: 1; hơn một lần: 0.", f"{D61}; {FORM}, mục 3."),
    Indicator("offices", "Số lượng cơ quan, đơn vị, tổ chức phải liên hệ để hoàn thiện hồ sơ", "phiếu đánh giá của người nộp",
              "Không cơ quan nào: 2 điểm; chỉ Bộ phận Một cửa: 1; hơn một cơ quan: 0.",
              f"{D61}; {FORM}, mục 4 (mức 2 điểm); mức 1 và 0 điểm chưa đối chiếu được."),
    Indicator("one_stop", "Thực hiện tổ chức tiếp nhận hồ sơ, giải quyết, trả kết quả tại Bộ phận Một cửa",
              "chưa có: hệ thống chưa ghi nhận việc tiếp nhận, trả kết quả ngoài Bộ phận Một cửa",
              "Không chấm khi chưa có dữ liệu.", f"{D61}; cách chấm chưa đối chiếu được."),
    Indicator("disclosure", "Mức độ công khai các thủ tục hành chính", "hồ sơ thủ tục trong danh mục công khai",
              "Công khai đủ 5 nội dung (thành phần, thời hạn, phí, căn cứ pháp lý, kết quả): 2 điểm; thiếu 1–2: 1; thiếu hơn: 0.",
              f"{D61}; cách chấm là của hệ thống, chưa đối chiếu được."),
    Indicator("feedback", "Tiếp thu, giải trình đối với các ý kiến phản ánh, kiến nghị", "chưa có: hệ thống chưa tiếp nhận phản ánh, kiến nghị",
              "Không chấm khi chưa có dữ liệu.", f"{D61}."),
    Indicator("channel", "Tiến độ và chất lượng cung cấp dịch vụ công trực tuyến", "cách thức nộp hồ sơ",
              "Nộp trực tuyến: 2 điểm; qua bưu chính: 1; trực tiếp: 0.", f"{D61}; cách chấm là của hệ thống, chưa đối chiếu được."),
    Indicator("attitude", "Thái độ của cán bộ khi hướng dẫn, tiếp nhận, giải quyết", "phiếu đánh giá của người nộp",
              "Tận tình, đúng quy định: 2 điểm; bình thường: 1; gây phiền hà: 0.", "Phiếu đánh giá của người nộp (ngoài Điều 31)."),
    Indicator("satisfaction", "Mức độ hài lòng chung", "phiếu đánh giá của người nộp",
              "Rất hài lòng: 2 điểm; hài lòng: 1; không hài lòng: 0.", "Phiếu đánh giá của người nộp (ngoài Điều 31)."),
)  # fmt: skip
BY_KEY = {i.key: i for i in INDICATORS}
LEVEL_POINTS = {"a": 2, "b": 1, "c": 0}  # the rating form's levels (workflows/data/rating_criteria.json)
DISCLOSED = ("components", "processing_time_text", "fee_text", "legal_basis_text", "result")


def score_total_time(finished: dt.datetime, due: dt.datetime | None) -> int:
    return TIMELINESS_POINTS["on_time" if due is None else classify(finished, due)]


def score_step_time(outcomes: list[str]) -> int | None:
    """The weakest step's points (the form scores each unit; a dossier gets its slowest unit's); None: no data."""
    return min((TIMELINESS_POINTS[o] for o in outcomes), default=None)


def score_contacts(supplement_requests: int) -> int:
    return 2 if supplement_requests == 0 else 1 if supplement_requests == 1 else 0


def score_channel(channel: str) -> int:
    return {"online": 2, "postal": 1}.get(channel, 0)


def score_disclosure(missing: int) -> int:
    return 2 if missing == 0 else 1 if missing <= 2 else 0


def step_outcomes(events: list[tuple[str, dt.datetime, dt.datetime | None]]) -> list[str]:
    """Each step left, early / on_time / late against the due time the entering event gave it."""
    out, due = [], None
    for action, at, step_due in events:
        if action in STEP_LEAVING and due is not None:
            out.append(classify(at, due))
        due = step_due
    return out


def late_steps(events: list[tuple[str, dt.datetime, dt.datetime | None]]) -> int:
    """Steps left after the due time the entering event gave them: (action, at, step_due_at) in order."""
    return step_outcomes(events).count("late")


def missing_disclosures(procedure_ids) -> dict[int, int]:
    """How many of the five published items each procedure's catalog record lacks.

    Processing time and fees are published per channel on the national portal and the legal basis as a list
    of documents (`LegalBasis`), so each item counts as published wherever the catalog holds it: the
    procedure's own text or its channels' for time and fees, its documents or its verbatim text for the legal
    basis (the verbatim field stays empty when the documents are structured, as in the national catalog).
    """
    out = {}
    procedures = Procedure.objects.filter(pk__in=procedure_ids).prefetch_related(
        "components", "channels", "legal_basis"
    )
    for p in procedures:
        channels = p.channels.all()
        present = [
            bool(p.components.all()),
            bool(p.processing_time_text) or any(c.processing_time_text for c in channels),
            bool(p.fee_text) or any(c.fee_text for c in channels),
            bool(p.legal_basis_text) or bool(p.legal_basis.all()),
            bool(p.result),
        ]
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
                        "citation": ind.citation, "n": n, "points": self.points.get(ind.key, 0), "mean": mean,
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
    # The dossiers as a subquery, not a list of ids: binding ten thousand parameters cost more than the query.
    ids = resolved.values("pk")
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
            "step_time": score_step_time(step_outcomes(steps)),
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
                if points is not None:
                    scores.add(key, points)
    return {"agencies": dict(agencies), "procedures": dict(procedures), "total": total}


__all__ = ["INDICATORS", "Scores", "evaluate", "late_steps", "step_outcomes"]
