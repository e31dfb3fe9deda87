"""Column specifications of the appendix tables, as plain data (no Django).

The importers app registers its real profiles later; these specs say only how to recognise a table's
columns. Synonyms are matched after :func:`~importers.reading.values.fold` (case, diacritics, đ→d,
punctuation and ``_`` ignored), so ``'MA_THU_TUC'`` matches ``'Mã thủ tục'``. Where they come from:

* ``catalog``: the national portal's "Danh sách TTHC" exports (``Mã số``, ``Tên``, ``Cơ quan ban hành``,
  ``Cơ quan thực hiện``, ``Lĩnh vực``), the Phú Thọ one-stop export (``TEN_CO_QUAN``, ``MA_THU_TUC``,
  ``TEN_TAT``, ``TRANG_THAI``, ``TEN_THU_TUC``, ``RNUM``), the portal's detail fields (``cap_thuc_hien``,
  ``can_cu_phap_ly``…) and the columns of provincial catalog decisions.
* ``agency-stats``: seed 004, Phụ lục 1 and 2 (columns 1-8).
* ``plan-tasks``: seeds 000 (Quảng Bình), 001 (Thanh Hóa) and 002 (Bắc Giang).
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["AGENCY_STATS", "CATALOG", "PLAN_TASKS", "PROFILES", "ColumnSpec", "ProfileSpec"]


@dataclass(frozen=True, slots=True)
class ColumnSpec:
    synonyms: list[str]
    required: bool = False
    #: Name shown to the user when the column is missing; defaults to the first synonym.
    label: str | None = None

    @property
    def display(self) -> str:
        return self.label or self.synonyms[0]


@dataclass(frozen=True, slots=True)
class ProfileSpec:
    name: str
    columns: dict[str, ColumnSpec]
    #: Key of the STT column: an empty STT marks a continuation row, a Roman numeral a section.
    row_number_key: str = "stt"
    #: A row with a value in one of these columns is a record even when its STT is empty
    #: (a catalog row always has its code; a plan task's sub-row does not).
    identity_keys: tuple[str, ...] = field(default=())

    @property
    def required_keys(self) -> list[str]:
        return [key for key, spec in self.columns.items() if spec.required]


_STT = ColumnSpec(["STT", "TT", "Số TT", "Số thứ tự", "RNUM"], label="STT")

CATALOG = ProfileSpec(
    name="catalog",
    columns={
        "stt": _STT,
        "code": ColumnSpec(
            ["Mã số TTHC", "Mã TTHC", "Mã thủ tục", "Mã thủ tục hành chính", "Mã số", "Mã"],
            required=True,
            label="Mã số TTHC",
        ),
        "name": ColumnSpec(
            ["Tên thủ tục hành chính", "Tên TTHC", "Tên thủ tục", "Tên"],
            required=True,
            label="Tên thủ tục hành chính",
        ),
        "local_code": ColumnSpec(["Tên tắt", "Mã nội bộ", "Ký hiệu", "Mã địa phương"]),
        "field": ColumnSpec(["Lĩnh vực", "Tên lĩnh vực", "Lĩnh vực thực hiện"]),
        "agency": ColumnSpec(
            [
                "Cơ quan thực hiện",
                "Cơ quan giải quyết",
                "Đơn vị thực hiện",
                "Tên cơ quan",
                "Cơ quan trực tiếp thực hiện",
            ]
        ),
        "issuing_agency": ColumnSpec(["Cơ quan ban hành", "Cơ quan công bố"]),
        "authority": ColumnSpec(["Cơ quan có thẩm quyền", "Cơ quan có thẩm quyền quyết định"]),
        "level": ColumnSpec(["Cấp thực hiện", "Cấp giải quyết", "Cấp"]),
        "processing_time": ColumnSpec(["Thời hạn giải quyết", "Thời gian giải quyết", "Thời hạn"]),
        "fee": ColumnSpec(["Phí, lệ phí", "Lệ phí", "Phí", "Phí lệ phí (nếu có)", "Mức phí, lệ phí"]),
        "legal_basis": ColumnSpec(
            [
                "Căn cứ pháp lý",
                "Tên VBQPPL quy định nội dung sửa đổi, bổ sung, thay thế",
                "Tên VBQPPL quy định",
                "Văn bản quy phạm pháp luật",
            ]
        ),
        "place": ColumnSpec(
            [
                "Địa điểm thực hiện",
                "Địa chỉ tiếp nhận",
                "Địa chỉ tiếp nhận hồ sơ",
                "Nơi tiếp nhận",
                "Địa điểm",
            ]
        ),
        "method": ColumnSpec(["Cách thức thực hiện", "Hình thức nộp"]),
        "subject": ColumnSpec(["Đối tượng thực hiện"]),
        "online_level": ColumnSpec(
            ["Mức độ DVC", "Mức độ dịch vụ công", "Dịch vụ công trực tuyến", "Mức độ"]
        ),
        "decision": ColumnSpec(["Số quyết định", "Quyết định công bố", "QĐ công bố"]),
        "status": ColumnSpec(["Trạng thái", "Trạng thái TT", "Tình trạng"]),
        "note": ColumnSpec(["Ghi chú"]),
    },
    identity_keys=("code",),
)

AGENCY_STATS = ProfileSpec(
    name="agency-stats",
    columns={
        "stt": _STT,
        "unit": ColumnSpec(
            ["Đơn vị", "Địa phương", "Đơn vị (Sở/ ngành)", "Tên đơn vị", "Sở, ban, ngành", "Cơ quan, đơn vị"],
            required=True,
            label="Đơn vị / Địa phương",
        ),
        "total": ColumnSpec(
            ["Tổng số TTHC", "Tổng số thủ tục hành chính"], required=True, label="Tổng số TTHC"
        ),
        "not_in_center": ColumnSpec(
            ["TTHC không đưa vào Trung tâm", "Số TTHC không đưa vào", "TTHC không đưa vào"],
            label="TTHC không đưa vào Trung tâm HCC",
        ),
        "in_center": ColumnSpec(
            [
                "Tổng số TTHC đưa vào Trung tâm",
                "Tổng số TTHC đưa vào các Trung tâm",
                "TTHC đưa vào Trung tâm",
            ],
            label="Tổng số TTHC đưa vào Trung tâm HCC",
        ),
        "on_site_before": ColumnSpec(
            ["Số TTHC đã tiếp nhận", "TTHC đã tiếp nhận"],
            label="Số TTHC đã tiếp nhận, thẩm định, phê duyệt, trả kết quả tại Trung tâm",
        ),
        "on_site_added": ColumnSpec(
            ["Số TTHC tiếp tục tiếp nhận", "TTHC tiếp tục tiếp nhận"],
            label="Số TTHC tiếp tục tiếp nhận, thẩm định, phê duyệt, trả kết quả tại Trung tâm",
        ),
        "on_site_after": ColumnSpec(
            ["Tổng số TTHC tiếp nhận", "Tổng số TTHC tiếp nhận thẩm định phê duyệt"],
            label="Tổng số TTHC tiếp nhận, thẩm định, phê duyệt, trả kết quả tại Trung tâm",
        ),
    },
)

PLAN_TASKS = ProfileSpec(
    name="plan-tasks",
    columns={
        "stt": _STT,
        "task": ColumnSpec(
            [
                "Nội dung thực hiện",
                "Nội dung",
                "Nhiệm vụ",
                "Nội dung công việc",
                "Nhiệm vụ, mục tiêu hàng năm",
                "Nội dung nhiệm vụ",
                "Tên nhiệm vụ",
            ],
            required=True,
            label="Nội dung / Nhiệm vụ",
        ),
        "output": ColumnSpec(
            ["Sản phẩm dự kiến hoàn thành", "Sản phẩm dự kiến", "Sản phẩm", "Kết quả", "Kết quả dự kiến"]
        ),
        "lead": ColumnSpec(
            [
                "Cơ quan chủ trì",
                "Chủ trì",
                "Đơn vị chủ trì",
                "Cơ quan thực hiện",
                "Đơn vị thực hiện",
                "Cơ quan chủ trì thực hiện",
            ]
        ),
        "partners": ColumnSpec(["Cơ quan phối hợp", "Phối hợp", "Đơn vị phối hợp"]),
        "deadline": ColumnSpec(
            [
                "Thời gian thực hiện",
                "Thời hạn hoàn thành",
                "Thời gian hoàn thành",
                "Thời hạn",
                "Tiến độ thực hiện",
            ]
        ),
        "note": ColumnSpec(["Ghi chú"]),
    },
)

PROFILES: dict[str, ProfileSpec] = {spec.name: spec for spec in (CATALOG, AGENCY_STATS, PLAN_TASKS)}
