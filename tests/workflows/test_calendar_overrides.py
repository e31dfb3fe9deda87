"""The admin's calendar overrides are remembered per process and invalidated on save or delete through a
version in the shared cache, not by a timer: a change made in any process is seen at the next read in every
other one, and an unchanged calendar costs no query."""

import datetime as dt

import pytest
from django.core.cache import cache

from workflows.models import CalendarDay, CalendarSettings
from workflows.services import deadlines

# A Wednesday with no holiday in the package's tables.
DAY = dt.date(2026, 10, 14)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _fresh():
    cache.delete(deadlines.OVERRIDES_VERSION_KEY)
    deadlines._memo.clear()
    yield
    deadlines._memo.clear()


def _as_if_elsewhere(write):
    """Run `write` as another process would: this process's memo is left as it was, only the shared cache
    and the database change."""
    memo = dict(deadlines._memo)
    write()
    deadlines._memo.clear()
    deadlines._memo.update(memo)


def test_an_unchanged_calendar_is_read_once(django_assert_num_queries):
    assert deadlines.current_calendar().is_working_day(DAY)
    with django_assert_num_queries(0):
        assert deadlines.current_calendar().is_working_day(DAY)


def test_a_day_off_saved_in_another_process_applies_at_the_next_read():
    assert deadlines.current_calendar().is_working_day(DAY)
    _as_if_elsewhere(
        lambda: CalendarDay.objects.create(
            date=DAY, kind=CalendarDay.Kind.DAY_OFF, name="Nghỉ bão", province=""
        )
    )
    assert not deadlines.current_calendar().is_working_day(DAY)
    assert deadlines.current_calendar().day_off_name(DAY) == "Nghỉ bão"


def test_deleting_an_override_elsewhere_applies_too():
    day = CalendarDay.objects.create(date=DAY, kind=CalendarDay.Kind.DAY_OFF, name="Nghỉ bão", province="")
    assert not deadlines.current_calendar().is_working_day(DAY)
    _as_if_elsewhere(day.delete)
    assert deadlines.current_calendar().is_working_day(DAY)


def test_settings_saved_elsewhere_apply_at_the_next_read():
    start = dt.datetime(2026, 10, 14, 8, 0, tzinfo=dt.UTC)  # Wednesday 15:00 in Hà Nội
    before, _ = deadlines.due_date(start, 1, "day")
    # A 14:00 cut-off: a dossier received at 15:00 counts from Thursday's opening, due Friday morning.
    _as_if_elsewhere(lambda: CalendarSettings.objects.create(province="", cutoff=dt.time(14, 0)))
    after, _ = deadlines.due_date(start, 1, "day")
    assert (before.date(), after.date()) == (dt.date(2026, 10, 15), dt.date(2026, 10, 16))


def test_no_timer_a_write_that_skips_save_stays_unseen_until_forget_overrides():
    day = CalendarDay.objects.create(date=DAY, kind=CalendarDay.Kind.DAY_OFF, name="Nghỉ bão", province="")
    assert not deadlines.current_calendar().is_working_day(DAY)
    CalendarDay.objects.filter(pk=day.pk).update(kind=CalendarDay.Kind.WORKING)  # no signal
    assert not deadlines.current_calendar().is_working_day(DAY)
    deadlines.forget_overrides()
    assert deadlines.current_calendar().is_working_day(DAY)


def test_a_rolled_back_change_publishes_no_version():
    from django.db import transaction

    deadlines.current_calendar()
    version = cache.get(deadlines.OVERRIDES_VERSION_KEY)
    with pytest.raises(RuntimeError), transaction.atomic():
        CalendarDay.objects.create(date=DAY, kind=CalendarDay.Kind.DAY_OFF, name="Nghỉ bão", province="")
        raise RuntimeError
    assert cache.get(deadlines.OVERRIDES_VERSION_KEY) == version
    assert deadlines.current_calendar().is_working_day(DAY)


def test_a_cache_outage_reads_the_database(monkeypatch):
    def down(*args, **kwargs):
        raise ConnectionError("redis down")

    monkeypatch.setattr(deadlines.cache, "get", down)
    CalendarDay.objects.create(date=DAY, kind=CalendarDay.Kind.DAY_OFF, name="Nghỉ bão", province="")
    assert not deadlines.current_calendar().is_working_day(DAY)
