"""The engine as the product feeds it: overrides and office hours edited in the admin change every due date."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from workflows.models import CalendarDay, CalendarSettings
from workflows.services import due_date

VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.mark.django_db
def test_an_extra_day_off_announced_in_the_admin_moves_the_due_date():
    # Mon 2/3/2026 09:00 + 1 working day = Tue 3/3 09:00; declare Tue 3/3 a day off → Wed 4/3 09:00.
    start = dt.datetime(2026, 3, 2, 9, 0, tzinfo=VN)
    assert due_date(start, 1, "working_day")[0] == dt.datetime(2026, 3, 3, 9, 0, tzinfo=VN)
    CalendarDay.objects.create(date=dt.date(2026, 3, 3), kind="off", name="Nghỉ theo thông báo của tỉnh")
    due, explanation = due_date(start, 1, "working_day")
    assert due == dt.datetime(2026, 3, 4, 9, 0, tzinfo=VN)
    assert any("Nghỉ theo thông báo của tỉnh" in line for line in explanation)


@pytest.mark.django_db
def test_a_substituted_working_saturday_counts():
    # Fri 6/3/2026 09:00 + 1 working day = Mon 9/3 09:00; with Sat 7/3 a working day → Sat 7/3 09:00.
    CalendarDay.objects.create(date=dt.date(2026, 3, 7), kind="work", name="Làm bù")
    assert due_date(dt.datetime(2026, 3, 6, 9, 0, tzinfo=VN), 1, "working_day")[0] == dt.datetime(
        2026, 3, 7, 9, 0, tzinfo=VN
    )


@pytest.mark.django_db
def test_another_provinces_override_does_not_apply(settings):
    settings.PROVINCE_CODE = "H22"
    CalendarDay.objects.create(date=dt.date(2026, 3, 3), kind="off", name="Nghỉ ở tỉnh khác", province="H29")
    assert due_date(dt.datetime(2026, 3, 2, 9, 0, tzinfo=VN), 1, "working_day")[0].day == 3


@pytest.mark.django_db
def test_office_hours_and_the_cut_off_come_from_the_admin():
    # Office hours 08:00–12:00 / 13:30–17:30; cut-off 16:00: received Mon 2/3 16:30 → counting from Tue 08:00;
    # 2 working hours → Tue 3/3 10:00.
    CalendarSettings.objects.create(
        morning_start=dt.time(8, 0),
        morning_end=dt.time(12, 0),
        afternoon_start=dt.time(13, 30),
        afternoon_end=dt.time(17, 30),
        cutoff=dt.time(16, 0),
    )
    due, _ = due_date(dt.datetime(2026, 3, 2, 16, 30, tzinfo=VN), 2, "hour")
    assert due == dt.datetime(2026, 3, 3, 10, 0, tzinfo=VN)


@pytest.mark.django_db
def test_a_procedures_own_cut_off_wins(client):
    from tests.factories import ProcedureFactory

    ProcedureFactory(
        code="1.000777",
        receipt_cutoff=dt.time(15, 0),
        processing_time_value=0,
        processing_time_text="Trong ngày",
    )
    # Received Fri 13/2/2026 15:30 after the 15:00 cut-off, on the eve of Tết 2026 (16–20/2): counting from Mon 23/2.
    body = client.get(
        "/api/v1/calendar/due/", {"start": "2026-02-13T15:30:00", "procedure": "1.000777"}
    ).json()
    assert body["due"].startswith("2026-02-23T17:00")
    assert any("15:00" in line for line in body["explanation"])
