"""Rule sets of the one-stop-shop mechanism, as data with an effective date.

* ``DECREE_61_2018``: Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 (amended by Nghị định số 107/2021/NĐ-CP)
  with Thông tư số 01/2018/TT-VPCP ngày 23/11/2018; in force for dossiers received up to 30/06/2025.
* ``DECREE_118_2025``: Nghị định số 118/2025/NĐ-CP ngày 09/6/2025 with Thông tư số 03/2025/TT-VPCP;
  in force for dossiers received from 01/07/2025.

``rule_set_for(received_at)`` picks the set in force on the receipt date (a dossier keeps the rules of the
day it was received).

Verification (stored public copies searched with the project's search tools; each item says what was found
and where; "press" means a newspaper report of the text, not the text itself):

* Verified: the six forms of Thông tư 01/2018/TT-VPCP, numbered 01–06 with the titles below (an
  annotated copy of the circular's annex); the dates of Nghị định 61/2018 (23/4/2018) and Thông tư
  01/2018 (23/11/2018) as cited by the decisions applying them (e.g. the Bộ Quốc phòng one-stop regulation,
  https://thuvienluat.bepro.vn/?p=267028); Nghị định 118/2025/NĐ-CP dated 09/6/2025 and in force from
  01/7/2025 (https://en.vneconomy.vn/one-stop-shop-divisions-to-be-established-at-ministerial-provincial-communal-levels.htm).
* Verified by press: Nghị định 61/2018 in force from 21/6/2018; an agency that will be late notifies the
  one-stop desk in writing and sends the applicant an apology stating the reason and the proposed new date
  "trong thời hạn chậm nhất một ngày trước ngày hết hạn", and the date is reset "không quá một lần"
  (http://baovinhlong.com.vn/chu-truong-chinh-sach-moi/201806/cham-giai-quyet-thu-tuc-hanh-chinh-phai-xin-loi-dan-2897032/).
  Nghị định 118/2025: the provincial and commune Trung tâm Phục vụ hành chính công receive dossiers
  "không phụ thuộc vào địa giới hành chính trong phạm vi cấp tỉnh" (provincial, commune, vertical-sector and
  delegated ministry procedures; ministers and provincial chairmen may decide otherwise per sector), the
  scope being Điều 14 khoản 2 (https://news.laodong.vn/thoi-su/pham-vi-tiep-nhan-thu-tuc-hanh-chinh-tai-bo-phan-mot-cua-tu-172025-1528301.ldo,
  https://news.laodong.vn/thoi-su/ubnd-cap-tinh-quyet-dinh-thanh-lap-trung-tam-phuc-vu-hanh-chinh-cong-tu-172025-1529264.ldo);
  Điều 16 sets the guidance for preparing a dossier and for completing one found lacking at reception
  (https://news.laodong.vn/bat-dong-san/huong-dan-chuan-bi-ho-so-thuc-hien-thu-tuc-hanh-chinh-ve-dat-dai-theo-nghi-dinh-118-1554769.ldo).
* Secondary source only (public design reports and a legal-registry file, not the official text): Thông tư
  03/2025/TT-VPCP's Annex I numbering 01–07 with the added
  "Thông báo dừng giải quyết hồ sơ" (05) and Mẫu 04 renamed "Văn bản xin lỗi và đề nghị gia hạn thời gian
  giải quyết"; that Nghị định 367/2025/NĐ-CP amends Nghị định 118/2025; Nghị định 63/2024/NĐ-CP dated and in
  force 10/6/2024, amended by Nghị định 301/2026/NĐ-CP (30/7/2026, in force 01/9/2026: new joint forms), as
  listed with the Government portal's entry https://vanban.chinhphu.vn/?pageid=27160&docid=210359;
  Nghị định 107/2021/NĐ-CP as the decree amending 61/2018 (named with it by integration codebases).
* Status codes 1–10: the national public-service portal's vocabulary as used, identically, by many
  independent integration codebases; the official technical specification itself was not found.
* The 15:00 cut-off for "Trong ngày" procedures comes from sector rules and procedure publications (e.g.
  chứng thực, hộ tịch: "tiếp nhận sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo"), not from
  either decree; neither decree was found to set a general cut-off hour.
* Verified: Thông tư 03/2025/TT-VPCP is dated 15/9/2025 and guides Nghị định 118/2025, as cited by Quyết định
  128/2025/QĐ-UBND of Thanh Hóa (``CIRCULAR_03_2025_FROM``); the form numbering had assumed 01/7/2025.
* Not found: the official text of either decree (so no article number of 61/2018 beyond what the project
  used, nor the 118/2025 article on supplements during processing and apologies), Thông tư 03/2025's
  effective date.
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
    #: What an action or a form cites, by engine key (``CITATION_KEYS``): read through ``cite``, never
    #: written into the actions, so a 118/2025 dossier never cites Decree 61/2018.
    citations: tuple[tuple[str, str], ...] = ()
    #: The day the forms' numbering of this rule set applies from (its guiding circular in force); a
    #: dossier received earlier prints the previous rule set's forms. None: from ``effective_from``.
    forms_from: date | None = None

    def __post_init__(self) -> None:
        if self.counting not in COUNTING_RULES:
            raise ValueError(f"unknown counting rule {self.counting!r}; expected one of {COUNTING_RULES}")

    def cite(self, key: str) -> str:
        """The citation for ``key`` (one of ``CITATION_KEYS``); a missing one is a data error, not ""."""
        for k, text in self.citations:
            if k == key:
                return text
        raise KeyError(f"rule set {self.key} has no citation {key!r}")

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

#: The citations every rule set carries (``RuleSet.cite``).
CITATION_KEYS = ("supplement", "apology", "refuse", "stop", "inter_agency", "parallel_inter_agency")

#: Decree 63/2024/NĐ-CP ngày 10/6/2024 on the electronic inter-agency procedures (birth registration,
#: permanent residence registration and health insurance card for children under six; death registration,
#: removal of residence and funeral allowance), handled in parallel by their agencies. Its date, as listed with
#: the Government portal's entry (https://vanban.chinhphu.vn/?pageid=27160&docid=210359) in a public legal
#: registry; amended by Nghị định 301/2026/NĐ-CP from 01/9/2026 (secondary, not modelled). Under both sets.
_DECREE_63_2024 = (
    "Nghị định số 63/2024/NĐ-CP ngày 10/6/2024 của Chính phủ quy định việc thực hiện liên thông điện tử "
    "02 nhóm thủ tục hành chính"
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
    citations=(
        ("supplement", "Khoản 2 Điều 18 Nghị định số 61/2018/NĐ-CP; Mẫu số 02 Thông tư số 01/2018/TT-VPCP"),
        ("apology", "Điều 18 Nghị định số 61/2018/NĐ-CP; Mẫu số 04 Thông tư số 01/2018/TT-VPCP"),
        ("refuse", "Điều 16, Điều 18 Nghị định số 61/2018/NĐ-CP; Mẫu số 03 Thông tư số 01/2018/TT-VPCP"),
        ("stop", "Điều 18 Nghị định số 61/2018/NĐ-CP"),
        ("inter_agency", "Điều 21 Nghị định số 61/2018/NĐ-CP"),
        ("parallel_inter_agency", _DECREE_63_2024),
    ),
    unverified=(
        "citations' article and clause numbers (Điều 16, 18, 21; khoản 2 Điều 18) are the project's earlier "
        "code: the decree's text was not found in the stored sources; a press report confirms what the apology "
        "rule says (one day before the due date, once) but not its article",
        "Nghị định 107/2021/NĐ-CP as amending decree: secondary sources only (integration codebases), its date "
        "not found",
        "status codes: from the national portal's integration practice, not from the decree",
    ),
)

#: When Thông tư 03/2025/TT-VPCP's form numbering starts. The circular is dated 15/9/2025 (cited as "Thông
#: tư số 03/2025/TT-VPCP ngày 15 tháng 9 năm 2025 ... hướng dẫn thi hành một số nội dung của Nghị định số
#: 118/2025/NĐ-CP" by Quyết định 128/2025/QĐ-UBND of Thanh Hóa, https://hethongphapluat.vn/quyet-dinh-128-2025-qd-ubnd-ve-quy-che-hoat-dong-cua-trung-tam-phuc-vu-hanh-chinh-cong-tinh-thanh-hoa.html),
#: so it cannot apply from the decree's 01/7/2025; its effective date was not found, and its date of issue, the
#: earliest day it could apply, is used (see ``DECREE_118_2025.unverified``).
CIRCULAR_03_2025_FROM = date(2025, 9, 15)

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
    citations=(
        ("supplement", "Nghị định số 118/2025/NĐ-CP; Mẫu số 02 Thông tư số 03/2025/TT-VPCP"),
        ("apology", "Nghị định số 118/2025/NĐ-CP; Mẫu số 04 Thông tư số 03/2025/TT-VPCP"),
        ("refuse", "Nghị định số 118/2025/NĐ-CP; Mẫu số 03 Thông tư số 03/2025/TT-VPCP"),
        ("stop", "Nghị định số 118/2025/NĐ-CP; Mẫu số 05 Thông tư số 03/2025/TT-VPCP"),
        ("inter_agency", "Nghị định số 118/2025/NĐ-CP"),
        ("parallel_inter_agency", _DECREE_63_2024),
    ),
    forms_from=CIRCULAR_03_2025_FROM,
    unverified=(
        "citations name the decree and circular only: the articles of Nghị định 118/2025 matching "
        "Điều 18 of 61/2018 (supplement during processing, apology) were not found in the stored sources, so "
        "no article number is cited; only Điều 14 khoản 2 (reception scope) and Điều 16 (guidance, completing "
        "a dossier at reception) were found, in press reports",
        "the apology 'at the latest one day before the due date, once' is applied to 118/2025 dossiers as "
        "under 61/2018: not verified in Nghị định 118/2025's text",
        "forms_from 15/9/2025: Thông tư 03/2025/TT-VPCP's date of issue (a provincial decision cites it); "
        "its effective date was not found, so its numbering is applied from the earliest day it could apply",
        "Thông tư 03/2025/TT-VPCP Annex I form list: secondary sources only (public design reports)",
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


def rule_set_by_key(key: str) -> RuleSet:
    """The rule set a dossier records (``Dossier.rule_set``); an unknown or empty key reads as the newest."""
    return next((rs for rs in RULE_SETS if rs.key == key), RULE_SETS[-1])


def forms_rule_set(rule_set: RuleSet, received: date | datetime | None) -> RuleSet:
    """The rule set whose form numbering a dossier prints: its own, unless it was received before the
    guiding circular's numbering applies (``RuleSet.forms_from``), then the previous set's."""
    if received is None or rule_set.forms_from is None:
        return rule_set
    d = to_local(received).date() if isinstance(received, datetime) else received
    index = RULE_SETS.index(rule_set)
    if d < rule_set.forms_from and index > 0:
        return RULE_SETS[index - 1]
    return rule_set
