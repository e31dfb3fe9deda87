"""Rule sets of the one-stop-shop mechanism, as data with an effective date.

* ``DECREE_61_2018``: Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 (amended by Nghị định số 107/2021/NĐ-CP)
  with Thông tư số 01/2018/TT-VPCP ngày 23/11/2018; in force for dossiers received up to 30/06/2025.
* ``DECREE_118_2025``: Nghị định số 118/2025/NĐ-CP ngày 09/6/2025 with Thông tư số 03/2025/TT-VPCP;
  in force for dossiers received from 01/07/2025.

``rule_set_for(received_at)`` picks the set in force on the receipt date (a dossier keeps the rules of the
day it was received).

Verification (stored public copies searched on the date of writing; each item says what was found):

* Verified: the six forms of Thông tư 01/2018/TT-VPCP, numbered 01–06 with the titles below (an
  annotated copy of the circular's annex); the dates of Nghị định 61/2018 (23/4/2018) and Thông tư
  01/2018 (23/11/2018) as cited in a provincial decision; Nghị định 118/2025/NĐ-CP dated 09/6/2025 and
  in force from 01/7/2025 (several independent citations).
* Secondary source only (a single public design report, not the official text): that Thông tư
  03/2025/TT-VPCP implements Nghị định 118/2025, and its Annex I numbering 01–07 with the added "Thông báo
  dừng giải quyết hồ sơ" (05) and Mẫu 04 renamed "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết";
  that Nghị định 367/2025/NĐ-CP amends Nghị định 118/2025.
* Status codes 1–10: the national public-service portal's vocabulary as used, identically, by many
  independent integration codebases; the official technical specification itself was not found.
* The 15:00 cut-off for "Trong ngày" procedures comes from sector rules and procedure publications (e.g.
  chứng thực, hộ tịch: "tiếp nhận sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo"), not from
  either decree; neither decree was found to set a general cut-off hour.
* Not verified at all: Nghị định 107/2021/NĐ-CP as the amending decree of 61/2018 (from memory).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from .model import to_local

#: How a budget of N days is counted (``RuleSet.counting``).
#:
#: * ``SAME_CLOCK_TIME``: from the clock start to the same clock time N working days later (Mon 09:00 + 2
#:   working days = Wed 09:00). Neither decree says more than "tính từ ngày nhận đủ hồ sơ hợp lệ", and the
#:   national portal's due times keep the receipt's time of day; this is the product's default.
#: * ``END_OF_LAST_DAY``: Bộ luật Dân sự 2015, Điều 147 khoản 1 (the day of the event is not counted; the
#:   period starts the next day) and Điều 148 khoản 1, 3 (a period in days ends at the end of its last day;
#:   for work done at an agency, at the end of its office hours; a last day off moves to the next working
#:   day): Mon 09:00 + 2 working days = Wed at closing time.
SAME_CLOCK_TIME = "same_clock_time"
END_OF_LAST_DAY = "end_of_last_day"
COUNTING_RULES = (SAME_CLOCK_TIME, END_OF_LAST_DAY)


@dataclass(frozen=True, slots=True)
class StatutoryForm:
    """A statutory form ("Mẫu số NN") of a rule set; ``key`` is the engine's stable English name for it."""

    key: str
    number: str
    title: str
    verified: bool = True

    @property
    def label(self) -> str:
        return f"Mẫu số {self.number} – {self.title}"


@dataclass(frozen=True, slots=True)
class DossierStatus:
    """A national dossier status code (trạng thái hồ sơ) with its Vietnamese label."""

    code: int
    key: str
    label: str


@dataclass(frozen=True, slots=True)
class RuleSet:
    key: str
    name: str
    legal_basis: tuple[str, ...]
    effective_from: date
    effective_until: date | None
    forms: tuple[StatutoryForm, ...]
    statuses: tuple[DossierStatus, ...]
    #: General cut-off hour for every procedure: none is set by the decrees (receipts are counted from the
    #: receipt instant within office hours, otherwise from the next working opening).
    default_cutoff: time | None
    #: Customary cut-off for "Trong ngày" procedures (received at/after it: returned the next working day).
    same_day_cutoff: time
    deadline_rules: tuple[str, ...]
    unverified: tuple[str, ...] = ()
    #: One of ``COUNTING_RULES``; early/on-time/late are classified against the due instant it gives.
    counting: str = SAME_CLOCK_TIME

    def __post_init__(self) -> None:
        if self.counting not in COUNTING_RULES:
            raise ValueError(f"unknown counting rule {self.counting!r}; expected one of {COUNTING_RULES}")

    def in_force(self, d: date) -> bool:
        return self.effective_from <= d and (self.effective_until is None or d <= self.effective_until)

    def form(self, key: str) -> StatutoryForm | None:
        """The form with engine key ``key`` (e.g. "apology_reschedule"), None if this rule set has none."""
        return next((f for f in self.forms if f.key == key), None)

    def status(self, code: int) -> DossierStatus:
        return next(s for s in self.statuses if s.code == code)

    @property
    def citation(self) -> str:
        until = f" đến {self.effective_until:%d/%m/%Y}" if self.effective_until else ""
        return f"{self.name} (áp dụng từ {self.effective_from:%d/%m/%Y}{until})"


NATIONAL_STATUSES: tuple[DossierStatus, ...] = (
    DossierStatus(1, "registered", "Mới đăng ký"),
    DossierStatus(2, "accepted", "Được tiếp nhận"),
    DossierStatus(3, "not_accepted", "Không được tiếp nhận"),
    DossierStatus(4, "processing", "Đang xử lý"),
    DossierStatus(5, "supplement_requested", "Yêu cầu bổ sung giấy tờ"),
    DossierStatus(6, "financial_obligation", "Yêu cầu thực hiện nghĩa vụ tài chính"),
    DossierStatus(7, "withdrawal_requested", "Công dân yêu cầu rút hồ sơ"),
    DossierStatus(8, "stopped", "Dừng xử lý"),
    DossierStatus(9, "processed", "Đã xử lý xong"),
    DossierStatus(10, "returned", "Đã trả kết quả"),
)

_COMMON_DEADLINE_RULES = (
    "Thời hạn giải quyết tính từ khi tiếp nhận hồ sơ đầy đủ, hợp lệ; thời gian yêu cầu bổ sung, "
    "hoàn thiện hồ sơ không tính vào thời hạn giải quyết.",
    "Hồ sơ tiếp nhận ngoài giờ làm việc hoặc vào ngày nghỉ được tính từ giờ mở cửa "
    "của ngày làm việc tiếp theo.",
    "Thủ tục giải quyết trong ngày: tiếp nhận sau giờ chốt (thường là 15:00) thì trả kết quả "
    "trong ngày làm việc tiếp theo.",
    "Hồ sơ quá hạn: cơ quan có trách nhiệm xin lỗi tổ chức, cá nhân và hẹn lại ngày trả kết quả "
    "bằng văn bản.",
)

DECREE_61_2018 = RuleSet(
    key="decree_61_2018",
    name="Nghị định số 61/2018/NĐ-CP và Thông tư số 01/2018/TT-VPCP",
    legal_basis=(
        "Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ về thực hiện cơ chế một cửa, "
        "một cửa liên thông trong giải quyết thủ tục hành chính",
        "Nghị định số 107/2021/NĐ-CP sửa đổi, bổ sung Nghị định số 61/2018/NĐ-CP",
        "Thông tư số 01/2018/TT-VPCP ngày 23/11/2018 của Văn phòng Chính phủ hướng dẫn thi hành "
        "một số quy định của Nghị định số 61/2018/NĐ-CP",
    ),
    effective_from=date(2018, 6, 21),
    effective_until=date(2025, 6, 30),
    forms=(
        StatutoryForm("receipt_appointment", "01", "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"),
        StatutoryForm("supplement_request", "02", "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"),
        StatutoryForm("refusal", "03", "Phiếu từ chối tiếp nhận giải quyết hồ sơ"),
        StatutoryForm("apology_reschedule", "04", "Phiếu xin lỗi và hẹn lại ngày trả kết quả"),
        StatutoryForm("control_slip", "05", "Phiếu kiểm soát quá trình giải quyết hồ sơ"),
        StatutoryForm("tracking_book", "06", "Sổ theo dõi hồ sơ"),
    ),
    statuses=NATIONAL_STATUSES,
    default_cutoff=None,
    same_day_cutoff=time(15, 0),
    deadline_rules=_COMMON_DEADLINE_RULES,
    unverified=(
        "effective_from 21/6/2018 (the decree's commencement date) is from memory",
        "Nghị định 107/2021/NĐ-CP as amending decree is from memory",
        "status codes: from the national portal's integration practice, not from the decree",
    ),
)

DECREE_118_2025 = RuleSet(
    key="decree_118_2025",
    name="Nghị định số 118/2025/NĐ-CP và Thông tư số 03/2025/TT-VPCP",
    legal_basis=(
        "Nghị định số 118/2025/NĐ-CP ngày 09/6/2025 của Chính phủ về thực hiện thủ tục hành chính "
        "theo cơ chế một cửa, một cửa liên thông tại Bộ phận Một cửa và Cổng Dịch vụ công quốc gia",
        "Thông tư số 03/2025/TT-VPCP của Văn phòng Chính phủ hướng dẫn Nghị định số 118/2025/NĐ-CP",
    ),
    effective_from=date(2025, 7, 1),
    effective_until=None,
    forms=(
        StatutoryForm("receipt_appointment", "01", "Giấy tiếp nhận hồ sơ và hẹn trả kết quả", verified=False),
        StatutoryForm("supplement_request", "02", "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ", verified=False),
        StatutoryForm("refusal", "03", "Phiếu từ chối tiếp nhận giải quyết hồ sơ", verified=False),
        StatutoryForm(
            "apology_reschedule",
            "04",
            "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết",
            verified=False,
        ),
        StatutoryForm("stop_notice", "05", "Thông báo dừng giải quyết hồ sơ", verified=False),
        StatutoryForm("control_slip", "06", "Phiếu kiểm soát quá trình giải quyết hồ sơ", verified=False),
        StatutoryForm("tracking_book", "07", "Sổ theo dõi hồ sơ", verified=False),
    ),
    statuses=NATIONAL_STATUSES,
    default_cutoff=None,
    same_day_cutoff=time(15, 0),
    deadline_rules=_COMMON_DEADLINE_RULES,
    unverified=(
        "Thông tư 03/2025/TT-VPCP number, date and Annex I form list: one secondary source only",
        "Nghị định 367/2025/NĐ-CP (amending 118/2025): secondary source only; its changes are not modelled",
        "status codes: from the national portal's integration practice, not from the decree",
    ),
)

RULE_SETS: tuple[RuleSet, ...] = (DECREE_61_2018, DECREE_118_2025)


def rule_set_for(received_at: date | datetime) -> RuleSet:
    """The rule set in force on the (local) receipt date."""
    d = to_local(received_at).date() if isinstance(received_at, datetime) else received_at
    for rs in RULE_SETS:
        if rs.in_force(d):
            return rs
    raise ValueError(f"no one-stop-shop rule set covers {d} (earliest: {RULE_SETS[0].effective_from})")
