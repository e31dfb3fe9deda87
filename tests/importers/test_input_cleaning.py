"""Issue 11 item 5, the imports' path: names from an appendix land NFC, without bidi controls."""

import unicodedata

from catalog.models import Procedure
from importers import services
from tests.reading.factory import write_rows

HEADER = ["STT", "Mã số TTHC", "Tên thủ tục hành chính", "Thời hạn giải quyết", "Phí, lệ phí"]


def test_an_imported_name_is_stored_clean(province, tmp_path):
    hostile = unicodedata.normalize("NFD", "Cấp \u202egiấy phép\u202c xây dựng\u2067")
    path = write_rows(
        tmp_path / "danh-muc.xlsx", [HEADER, [1, "1.000123", hostile, "05 ngày làm việc", "Miễn phí"]]
    )
    report, status = services.import_file(path, profile="catalog")
    assert status == 0, report
    assert Procedure.objects.get(code="1.000123").name == "Cấp giấy phép xây dựng"
