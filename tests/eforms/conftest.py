import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from eforms import validation
from tests.factories.forms import DeclarationFormFactory, pdf_bytes
from tests.factories.scenarios import DOSSIER_PERMS, department_desk, officer

PERMS = DOSSIER_PERMS


def nationality_form() -> dict:
    """The provincial center, the nationality procedure it receives, and its published form."""
    made = department_desk(
        identifier="000.00.06.H22",
        name="Sở Tư pháp",
        center={"code": "TTPVHCC-H22", "name": "Trung tâm Phục vụ hành chính công tỉnh"},
        procedure=("1.005136", "Cấp Giấy xác nhận có quốc tịch Việt Nam"),
        received_at_center=True,
    )
    page = DeclarationFormFactory(
        center=made["center"], procedure=made["procedure"], title="Tờ khai xác nhận quốc tịch"
    )
    return {**made, "page": page}


@pytest.fixture
def desk(db):
    """A provincial center receiving one procedure, its published form, and a desk officer of the center."""
    made = nationality_form()
    return {**made, "officer": officer("tiepnhan", made)}


def commune_code(name: str = "Phường Bãi Cháy") -> str:
    return next(code for code, label in validation.communes("22") if label == name)


def valid_data(**overrides) -> dict:
    data = {
        "_token": uuid.uuid4().hex,
        "ho_va_ten": "Nguyễn Văn An",
        "so_cccd": "022 090 001 234",
        "so_dien_thoai": "0912 345 678",
        "thu_dien_tu": "an@example.vn",
        "dia_chi_province": "22",
        "dia_chi_commune": commune_code(),
        "dia_chi_detail": "Số 5 đường Hạ Long",
        "nguoi_nop": "Tự nộp",
        "don_de_nghi": SimpleUploadedFile("don-de-nghi.pdf", pdf_bytes(), content_type="application/pdf"),
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}
