"""The printed statutory forms: each form's fields against its template, and the state each form documents.

Sources: Thông tư số 01/2018/TT-VPCP ngày 23/11/2018, Phụ lục (Mẫu số 01–06) for dossiers under Nghị định
61/2018; Thông tư số 03/2025/TT-VPCP, Phụ lục I (Mẫu số 01–07, with "Thông báo dừng giải quyết hồ sơ" as 05)
for dossiers under Nghị định 118/2025 — see `workflows.calendar.rules` for what of these was verified. The
field lists below are the templates' headings and blanks ("Kính gửi", "Địa chỉ", the tables' columns...).
"""

import pytest
from django.urls import reverse

from tests.factories import DossierFactory, UserFactory
from tests.workflows.conftest import at
from workflows.models import DossierStatus
from workflows.services import perform_action

ADMIN = "wagtailadmin.access_admin"
APPLICANT = {
    "name": "Trần Thị Bình",
    "id_number": "022190001234",
    "phone": "0912000111",
    "email": "binh@example.vn",
    "address": "Tổ 3, khu 5, phường Hồng Gai",
}
COMPONENTS = [
    {"name": "Đơn đề nghị cấp giấy phép xây dựng", "originals": 1, "copies": 0},
    {"name": "Bản vẽ thiết kế xây dựng", "originals": 2, "copies": 0},
    {"name": "Giấy tờ về quyền sử dụng đất", "originals": 0, "copies": 1},
]

# Each form's required fields, from its template (Thông tư 01/2018/TT-VPCP and 03/2025/TT-VPCP annexes).
REQUIRED_FIELDS = {
    # Mẫu 02: who, the request, what to add (a list), the reason, whom to ask, the guiding officer.
    "supplement_request": [
        "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
        "Hồ sơ của:",
        "Địa chỉ:",
        "Số điện thoại:",
        "Email:",
        "Nội dung yêu cầu giải quyết:",
        "Lý do:",
        "NGƯỜI HƯỚNG DẪN",
    ],
    # Mẫu 03: the applicant with address, phone, email; the request; the reasons; the receiving officer.
    "refusal": [
        "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
        "tiếp nhận hồ sơ của:",
        "Địa chỉ: Tổ 3, khu 5, phường Hồng Gai",
        "Số điện thoại: 0912000111",
        "Email: binh@example.vn",
        "Nội dung yêu cầu giải quyết:",
        "với lý do cụ thể như sau:",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
    ],
    # Mẫu 04: "Kính gửi", the receipt date, the request, the original appointment, the reason, the agency's
    # apology and new date, the head of the agency.
    "apology_reschedule": [
        "Kính gửi:",
        "tiếp nhận giải quyết hồ sơ của ông/bà",
        "Nội dung yêu cầu giải quyết:",
        "Thời gian hẹn trả kết quả giải quyết hồ sơ:",
        "Lý do:",
        "Sở Xây dựng xin lỗi ông/bà",
        "THỦ TRƯỞNG CƠ QUAN",
    ],
    # Mẫu 05 (01/2018) / 06 (03/2025): dossier code, agency, the four columns, hand-over and receipt lines.
    "control_slip": [
        "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
        "Mã hồ sơ:",
        "Số tiếp nhận",
        "Cơ quan (bộ phận) giải quyết hồ sơ:",
        "Tên cơ quan",
        "Thời gian giao, nhận hồ sơ",
        "Kết quả giải quyết hồ sơ",
        "Ghi chú",
        "Người giao (ký)",
        "Người nhận (ký)",
    ],
}
# Mẫu 06 (01/2018) / 07 (03/2025), the tracking book's columns.
REGISTER_COLUMNS = [
    "STT",
    "Mã hồ sơ",
    "Tên TTHC",
    "Số lượng hồ sơ (bộ)",
    "Tên cá nhân, tổ chức",
    "Địa chỉ, số điện thoại",
    "Cơ quan chủ trì giải quyết",
    "Nhận hồ sơ",
    "Hẹn trả kết quả",
    "Chuyển hồ sơ đến cơ quan giải quyết",
    "Nhận kết quả từ cơ quan giải quyết",
    "Trả kết quả cho cá nhân, tổ chức",
    "Ký nhận",
]


@pytest.fixture
def officer_client(desk, client):
    UserFactory(username=desk["leader"].username, perms=[ADMIN])
    client.force_login(desk["leader"])
    return client


def receive(desk, when=None):
    return DossierFactory(
        procedure=desk["procedure"],
        center=desk["center"],
        user=desk["desk"],
        received_at=when or at(2026, 3, 2, 9, 0),
        applicant=APPLICANT,
        components=COMPONENTS,
    )


def printed(client, dossier, form):
    return client.get(reverse("dossier-print", args=(dossier.code, form)))


def test_supplement_prints_this_requests_reason_and_its_documents_only(desk, officer_client):
    dossier = receive(desk)
    dossier = perform_action(dossier, "transfer", desk["desk"], now=at(2026, 3, 2, 10, 0))
    dossier = perform_action(
        dossier,
        "request_supplement",
        desk["specialist"],
        note="Bản vẽ thiếu mặt cắt",
        missing=["Bản vẽ thiết kế xây dựng"],
        now=at(2026, 3, 2, 11, 0),
    )
    dossier = perform_action(dossier, "supplement_received", desk["desk"], now=at(2026, 3, 3, 9, 0))
    perform_action(
        dossier,
        "request_supplement",
        desk["specialist"],
        note="Giấy tờ đất là bản chụp không chứng thực",
        missing=["Giấy tờ về quyền sử dụng đất"],
        now=at(2026, 3, 4, 9, 0),
    )
    html = printed(officer_client, dossier, "supplement_request").content.decode()
    for field in REQUIRED_FIELDS["supplement_request"]:
        assert field in html, field
    assert "Lý do: Giấy tờ đất là bản chụp không chứng thực" in html
    assert "<td>Giấy tờ về quyền sử dụng đất</td><td>0</td><td>1</td>" in html
    # Not the earlier request, not boilerplate.
    assert "Bản vẽ thiếu mặt cắt" not in html and "Bản vẽ thiết kế xây dựng" not in html
    assert "hồ sơ chưa đầy đủ, hợp lệ theo quy định" not in html


def test_a_supplement_request_needs_its_documents(desk):
    dossier = receive(desk)
    with pytest.raises(Exception, match="ít nhất một giấy tờ"):
        perform_action(dossier, "request_supplement", desk["specialist"], note="Thiếu", missing=[])


def test_refusal_has_the_applicants_address_phone_and_email(desk, officer_client):
    dossier = perform_action(receive(desk), "refuse", desk["desk"], note="Không thuộc thẩm quyền của Sở")
    html = printed(officer_client, dossier, "refusal").content.decode()
    for field in REQUIRED_FIELDS["refusal"]:
        assert field in html, field
    assert "Không thuộc thẩm quyền của Sở" in html


def test_apology_names_the_agency_the_original_appointment_and_agrees_with_its_caption(desk, officer_client):
    # Received Mon 2/3/2026 09:00, 5 working days: due Mon 9/3/2026 09:00 (the receipt's due date).
    dossier = receive(desk)
    assert dossier.rule_set == "decree_118_2025"
    dossier = perform_action(
        dossier,
        "reschedule",
        desk["leader"],
        note="Chờ ý kiến cơ quan phối hợp",
        new_due=at(2026, 3, 16, 17, 0),
        now=at(2026, 3, 6, 9, 0),
    )
    html = printed(officer_client, dossier, "apology_reschedule").content.decode()
    for field in REQUIRED_FIELDS["apology_reschedule"]:
        assert field in html, field
    assert "09:00 ngày 09/03/2026" in html and "17:00 ngày <strong>16/03/2026</strong>" in html
    assert "Chúng tôi" not in html
    # Thông tư 03/2025 Mẫu 04's title is both the heading and the caption.
    title = "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết"
    assert f"<h1>{title.upper()}</h1>" in html and f"Mẫu số 04 – {title}" in html


def test_control_slip_lists_agencies_with_signature_cells_and_the_receipt_number(desk, officer_client):
    dossier = receive(desk)
    perform_action(dossier, "transfer", desk["desk"], now=at(2026, 3, 2, 10, 0))
    html = printed(officer_client, dossier, "control_slip").content.decode()
    for field in REQUIRED_FIELDS["control_slip"]:
        assert field in html, field
    assert f"Giao: Bộ phận Một cửa – {desk['center'].name}<br>Nhận: Sở Xây dựng" in html
    assert "Thẩm định" not in html  # a workflow step's name, not an agency


def test_the_tracking_book_has_the_templates_columns(desk, officer_client):
    dossier = receive(desk)
    html = officer_client.get(reverse("dossier-register"), {"tu": "2026-03-01", "den": "2026-03-31"})
    html = html.content.decode()
    for column in REGISTER_COLUMNS:
        assert f"<th>{column}</th>" in html, column
    assert dossier.code in html and "Tổ 3, khu 5, phường Hồng Gai, 0912000111" in html


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ("stop_notice", "Hồ sơ đang được giải quyết (chưa dừng, chưa rút) nên không in được thông báo dừng."),
        ("supplement_request", "Hồ sơ chưa có yêu cầu bổ sung, hoàn thiện"),
        ("refusal", "Hồ sơ không bị từ chối nên không in được phiếu từ chối."),
        ("apology_reschedule", "Hồ sơ chưa được xin lỗi và hẹn lại ngày trả"),
    ],
)
def test_a_form_for_another_state_is_refused_with_a_vietnamese_message(desk, officer_client, form, message):
    dossier = perform_action(receive(desk), "transfer", desk["desk"], now=at(2026, 3, 2, 10, 0))
    assert dossier.status == DossierStatus.PROCESSING
    for query in ("", "?pdf=1"):
        response = officer_client.get(reverse("dossier-print", args=(dossier.code, form)) + query)
        assert response.status_code == 409 and message in response.content.decode()
    # The dossier page does not offer it either.
    page = officer_client.get(reverse("dossier:edit", args=(dossier.pk,))).content.decode()
    assert "Biểu mẫu in" in page and reverse("dossier-print", args=(dossier.code, form)) not in page


def test_the_stop_notice_prints_once_stopped_and_a_61_dossier_has_no_stop_notice(desk, officer_client):
    dossier = perform_action(receive(desk), "stop", desk["desk"], note="Người nộp đề nghị dừng")
    html = printed(officer_client, dossier, "stop_notice").content.decode()
    assert "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ" in html and "Người nộp đề nghị dừng" in html
    # Thông tư 01/2018 has no stop notice among its six forms.
    old = perform_action(receive(desk, at(2025, 3, 3, 9, 0)), "stop", desk["desk"], note="Dừng")
    response = printed(officer_client, old, "stop_notice")
    assert response.status_code == 404 and "không có biểu mẫu đó" in response.content.decode()
