"""One path through all four apps: an .xlsx imported by a huey job into the catalog, shown on the public
pages and the API, and a dossier for one of its procedures received and carried to the returned result."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from openpyxl import Workbook

from catalog.models import Procedure
from importers.models import ImportRun
from importers.services import create_run
from importers.tasks import apply_import, preview_import
from tests.factories import AgencyFactory, AgencyLevelFactory, CenterFactory
from workflows.models import DossierStatus
from workflows.services import perform_action, receive_dossier

VN = ZoneInfo("Asia/Ho_Chi_Minh")
HEADER = [
    "STT",
    "Mã số TTHC",
    "Tên thủ tục hành chính",
    "Lĩnh vực",
    "Cơ quan thực hiện",
    "Cấp thực hiện",
    "Thời hạn giải quyết",
    "Phí, lệ phí",
    "Căn cứ pháp lý",
]
ROWS = [
    [
        1,
        "1.009994",
        "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ",
        "Xây dựng",
        "Sở Xây dựng",
        "Cấp tỉnh",
        "02 ngày làm việc",
        "Lệ phí: 75.000 đồng/giấy phép",
        "Luật Xây dựng số 50/2014/QH13",
    ],
    [
        2,
        "1.001193",
        "Thủ tục đăng ký khai sinh",
        "Hộ tịch",
        "Sở Xây dựng",
        "Cấp xã",
        "Trong ngày",
        "Miễn lệ phí",
        "Luật Hộ tịch số 60/2014/QH13",
    ],
    [
        3,
        "2.000908",
        "Cấp bản sao trích lục hộ tịch",
        "Hộ tịch",
        "Sở Xây dựng",
        "Cấp huyện",
        "01 ngày làm việc",
        "8.000 đồng/bản sao",
        "Nghị định 123/2015/NĐ-CP",
    ],
]


def appendix_xlsx() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Danh sách TTHC"
    ws.append(["DANH MỤC THỦ TỤC HÀNH CHÍNH"])
    ws.append(HEADER)
    for row in ROWS:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.fixture
def province(db):
    for code in ("province", "district", "commune"):
        AgencyLevelFactory(code=code)
    agency = AgencyFactory(
        identifier="000.00.12.H22", name="Sở Xây dựng", level=AgencyLevelFactory(code="province")
    )
    center = CenterFactory(code="ttpvhcc", agency=agency)
    return agency, center


def test_an_imported_procedure_goes_from_excel_to_a_returned_dossier(province, client):
    agency, center = province

    # 1. importers → catalog, through the huey jobs (immediate mode) and django-import-export
    run = create_run(appendix_xlsx(), "danh-muc.xlsx")
    preview_import(run.pk)
    run.refresh_from_db()
    assert run.status == ImportRun.Status.PREVIEW, run.report.get("errors")
    assert run.report["created"] == 3
    assert not Procedure.objects.filter(code="1.009994").exists(), "a preview writes nothing"
    apply_import(run.pk)
    run.refresh_from_db()
    assert run.status == ImportRun.Status.DONE
    procedure = Procedure.objects.get(code="1.009994")
    assert procedure.agency == agency
    assert procedure.processing_time_unit == "working_day" and procedure.processing_time_value == 2

    # 2. the public catalog and the API show it; search ignores diacritics
    page = client.get("/thu-tuc/", {"q": "giay phep xay dung"})
    assert page.status_code == 200 and "Cấp giấy phép xây dựng mới" in page.content.decode()
    assert client.get("/thu-tuc/1.009994/").status_code == 200
    api = client.get("/api/v1/procedures/", {"q": "khai sinh"}).json()
    assert api["count"] == 1 and api["results"][0]["code"] == "1.001193"
    assert api["results"][0]["processing_time"] == {"value": 0, "unit": "working_day", "text": "Trong ngày"}

    # 3. workflows: received on Friday 13/11/2026 10:00 with 2 working days → due Tuesday 17/11/2026 10:00
    received = dt.datetime(2026, 11, 13, 10, 0, tzinfo=VN)
    dossier = receive_dossier(
        procedure=procedure,
        center=center,
        channel="direct",
        applicant={"name": "Trần Thị Bình", "id_number": "022190004321"},
        received_at=received,
    )
    assert dossier.code == "000.00.12.H22-261113-0001"
    assert dossier.due_at == dt.datetime(2026, 11, 17, 10, 0, tzinfo=VN)
    assert dossier.status == DossierStatus.RECEIVED
    moment = received
    for action, status in [
        ("transfer", DossierStatus.PROCESSING),
        ("appraise", DossierStatus.PROCESSING),
        ("approve", DossierStatus.DONE),
        ("return_result", DossierStatus.RETURNED),
    ]:
        moment += dt.timedelta(hours=3)
        dossier = perform_action(dossier, action, None, now=moment)
        assert dossier.status == status, action
    assert dossier.timeliness == "early"
    assert [e.action for e in dossier.events.all()] == [
        "receive",
        "transfer",
        "appraise",
        "approve",
        "return_result",
    ]


def test_importing_the_same_file_twice_changes_nothing_the_second_time(province):
    for _ in range(2):
        run = create_run(appendix_xlsx(), "danh-muc.xlsx")
        preview_import(run.pk)
        apply_import(run.pk)
    run.refresh_from_db()
    assert (run.report["created"], run.report["updated"], run.report["unchanged"]) == (0, 0, 3)
