"""The calendar as a province runs it (issue 16): the announced 2026 swap as data, unconfirmed days that are no
holidays, the yearly confirmation in the admin, and the sector cut-off for procedures settled within the day."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from tests.factories import FieldFactory, ProcedureFactory, UserFactory
from workflows.models import CalendarDay, CalendarYear
from workflows.services import due_date
from workflows.services.calendar_year import calendar_proposal
from workflows.services.deadlines import current_calendar

VN = ZoneInfo("Asia/Ho_Chi_Minh")
UNCONFIRMED = "chưa được tỉnh xác nhận"


def at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=VN)


@pytest.mark.django_db
def test_the_announced_new_year_2026_swap_ships_as_editable_data():
    # Thông báo 12729/VPCP-KGVX (25/12/2025): Fri 2/1/2026 off, Sat 10/1/2026 worked.
    off = CalendarDay.objects.get(date=dt.date(2026, 1, 2), province="")
    work = CalendarDay.objects.get(date=dt.date(2026, 1, 10), province="")
    assert (off.kind, work.kind) == ("off", "work")
    assert "12729/VPCP-KGVX" in off.legal_basis
    # Wed 31/12/2025 09:00 + 1 working day: Thu 1/1 holiday, Fri 2/1 off, weekend → Mon 5/1/2026 09:00.
    assert due_date(at(2025, 12, 31, 9, 0), 1, "working_day")[0] == at(2026, 1, 5, 9, 0)
    # Fri 9/1/2026 10:00 + 1 working day → the make-up Saturday 10/1 10:00.
    assert due_date(at(2026, 1, 9, 10, 0), 1, "working_day")[0] == at(2026, 1, 10, 10, 0)
    # The province corrects it in the admin: without the row, Fri 2/1 is a working day again.
    off.delete()
    assert due_date(at(2025, 12, 31, 9, 0), 1, "working_day")[0] == at(2026, 1, 2, 9, 0)


@pytest.mark.django_db
def test_an_unconfirmed_package_day_is_not_a_holiday_but_is_proposed():
    # 24/11 ("Ngày Văn hóa Việt Nam") is in the holidays package from 2026 but in no enacted text.
    assert current_calendar().is_working_day(dt.date(2026, 11, 24))
    assert due_date(at(2026, 11, 23, 9, 0), 1, "working_day")[0] == at(2026, 11, 24, 9, 0)
    proposed = {d.date: d for d in calendar_proposal(2026, "H22")}
    assert proposed[dt.date(2026, 11, 24)].confirmed_by_law is False
    assert proposed[dt.date(2026, 11, 24)].is_working_day is True
    assert proposed[dt.date(2026, 9, 2)].confirmed_by_law is True
    assert proposed[dt.date(2026, 1, 2)].source == "override"
    # The province decides it is a day off: it becomes one.
    CalendarDay.objects.create(date=dt.date(2026, 11, 24), kind="off", name="Ngày Văn hóa Việt Nam")
    assert due_date(at(2026, 11, 23, 9, 0), 1, "working_day")[0] == at(2026, 11, 25, 9, 0)


@pytest.mark.django_db
def test_due_dates_in_an_unconfirmed_year_say_so(settings):
    settings.PROVINCE_CODE = "H22"
    _, explanation = due_date(at(2026, 12, 28, 9, 0), 5, "working_day")
    assert any(UNCONFIRMED in line and "2027" in line and "2026" in line for line in explanation)
    CalendarYear.objects.create(year=2026, confirmed=True)
    _, explanation = due_date(at(2026, 12, 28, 9, 0), 5, "working_day")
    note = [line for line in explanation if UNCONFIRMED in line]
    assert len(note) == 1 and "2027" in note[0] and "2026" not in note[0]
    CalendarYear.objects.create(year=2027, confirmed=True)
    assert not any(UNCONFIRMED in line for line in due_date(at(2026, 12, 28, 9, 0), 5, "working_day")[1])
    # The province's own row wins over the national one: un-confirming 2027 for H22 brings the note back.
    CalendarYear.objects.create(year=2027, province="H22", confirmed=False)
    assert any(UNCONFIRMED in line for line in due_date(at(2026, 12, 28, 9, 0), 5, "working_day")[1])


@pytest.mark.django_db
def test_a_same_day_procedure_of_a_cut_off_sector_received_at_16_45_is_due_the_next_day(client):
    # Nghị định 23/2015/NĐ-CP, Điều 7 (chứng thực): received after 15:00 → the next working day.
    sector = FieldFactory(code="chung-thuc", name="Chứng thực", same_day_cutoff=True)
    procedure = ProcedureFactory(code="2.000815", processing_time_value=0, processing_time_unit="working_day")
    procedure.fields.set([sector])
    procedure.fields.commit()  # a parental many-to-many field: written on commit
    body = client.get(
        "/api/v1/calendar/due/", {"start": "2026-11-16T16:45:00", "procedure": "2.000815"}
    ).json()
    assert body["due"].startswith("2026-11-17T17:00")
    assert any("15:00" in line for line in body["explanation"])
    # Before the cut-off it is the same day; outside the flagged sector there is no cut-off.
    body = client.get(
        "/api/v1/calendar/due/", {"start": "2026-11-16T14:30:00", "procedure": "2.000815"}
    ).json()
    assert body["due"].startswith("2026-11-16T17:00")
    sector.same_day_cutoff = False
    sector.save()
    body = client.get(
        "/api/v1/calendar/due/", {"start": "2026-11-16T16:45:00", "procedure": "2.000815"}
    ).json()
    assert body["due"].startswith("2026-11-16T17:00")


@pytest.mark.django_db
def test_the_cut_off_applies_when_a_desk_receives_the_dossier(settings):
    from tests.factories import DossierFactory

    sector = FieldFactory(code="ho-tich", name="Hộ tịch", same_day_cutoff=True)
    procedure = ProcedureFactory(code="1.000894", processing_time_value=0, processing_time_unit="working_day")
    procedure.fields.set([sector])
    procedure.fields.commit()  # a parental many-to-many field: written on commit
    dossier = DossierFactory(procedure=procedure, received_at=at(2026, 11, 16, 16, 45))
    assert dossier.due_at == at(2026, 11, 17, 17, 0)


@pytest.mark.django_db
def test_the_year_is_confirmed_in_the_admin_with_the_proposal_shown(client):
    admin = UserFactory(username="quantri", is_superuser=True, is_staff=True)
    client.force_login(admin)
    year = CalendarYear.objects.create(year=2026)
    url = f"/admin/calendaryear/edit/{year.pk}/"
    html = client.get(url).content.decode()
    assert "24/11/2026" in html and "Ngày Văn hóa Việt Nam" in html and "chưa có văn bản xác nhận" in html
    assert "12729/VPCP-KGVX" in html
    response = client.post(url, {"year": 2026, "province": "", "confirmed": "on", "note": "Đã đối chiếu"})
    assert response.status_code == 302, response.content.decode()[:2000]
    year.refresh_from_db()
    assert year.confirmed and year.confirmed_by == (admin.get_full_name() or "quantri")
    assert year.confirmed_at is not None
