"""The statutory periodic report: a hand-counted quarter, its totals, and the recount from the events."""

import datetime as dt

import pytest

from reports.services import ReportInputError, dossier_report, parse_period, parse_scope, recount
from workflows.services import perform_action

from .conftest import at, receive, resolve


@pytest.fixture
def quarter(office):
    """Q1 2026 for one agency, each dossier chosen for one cell of the report."""
    made = {}
    made["carried_early"] = resolve(receive(office, at(2025, 12, 30, 9)), at(2026, 1, 2, 9))
    made["late"] = resolve(receive(office, at(2026, 1, 5, 9)), at(2026, 1, 26, 9))
    on_time = receive(office, at(2026, 1, 6, 9), channel="online")
    made["on_time"] = resolve(on_time, on_time.due_at - dt.timedelta(minutes=1), returned=False)
    made["overdue"] = receive(office, at(2026, 1, 14, 9), channel="online")
    made["withdrawn"] = perform_action(receive(office, at(2026, 2, 2, 9)), "withdraw", now=at(2026, 2, 3, 9))
    made["refused"] = perform_action(
        receive(office, at(2026, 2, 4, 9)), "refuse", note="Không đủ điều kiện", now=at(2026, 2, 5, 9)
    )
    made["returned"] = perform_action(
        receive(office, at(2026, 1, 7, 9), channel="postal"), "stop", note="Trả lại", now=at(2026, 1, 8, 9)
    )
    apologised = receive(office, at(2026, 3, 30, 9))
    made["in_time"] = perform_action(
        apologised, "reschedule", note="Chờ ý kiến", new_due=apologised.due_at + dt.timedelta(days=3),
        now=at(2026, 3, 31, 9),
    )  # fmt: skip
    # Outside the quarter: finished in Q4 2025, received in Q2 2026.
    resolve(receive(office, at(2025, 11, 3, 9)), at(2025, 11, 5, 9))
    receive(office, at(2026, 4, 2, 9))
    return made


def test_a_quarter_counts_each_dossier_in_its_cell(office, quarter):
    report = dossier_report(parse_period("2026-Q1"), parse_scope("province"), now=at(2026, 6, 1))
    (row,) = report.rows
    assert row.agency == "Sở Xây dựng"
    assert row.figures == {
        "received": 8, "carried_over": 1, "new_online": 2, "new_paper": 5,
        "resolved": 3, "early": 1, "on_time": 1, "late": 1,
        "in_progress": 2, "in_time": 1, "overdue": 1,
        "returned": 1, "withdrawn": 1, "refused": 1, "apologies": 1,
    }  # fmt: skip
    assert row.balanced and report.total.figures == row.figures


def test_the_report_reconciles_with_a_recount_from_the_events(office, quarter):
    for label in ("2026-Q1", "2026-01", "2026-02", "2026-03", "2026", "2025-Q4", "2026-Q2"):
        period = parse_period(label)
        report = dossier_report(period, parse_scope("province"), now=at(2026, 5, 1))
        counted = recount(period, parse_scope("province"), now=at(2026, 5, 1))
        assert {r.agency_id: r.figures for r in report.rows} == counted, label
        assert all(r.balanced for r in report.rows)


def test_a_running_period_measures_overdue_at_now(office, quarter):
    report = dossier_report(parse_period("2026-01"), parse_scope("province"), now=at(2026, 1, 20, 12))
    figures = report.total.figures
    # On 20 January: received 30/12 (carried), 5/1, 6/1, 7/1, 14/1; the one of 5 January (due about 12
    # January) is running late, the online one of 14 January (due about 21 January) is within its time.
    assert figures["received"] == 5 and figures["resolved"] == 2 and figures["returned"] == 1
    assert figures["overdue"] == 1 and figures["in_time"] == 1


def test_scopes_filter_by_center_procedure_and_agency(office, quarter):
    period = parse_period("2026-Q1")
    for text in (f"agency:{office['agency'].pk}", "center:ttpvhcc", "procedure:1.009994"):
        assert dossier_report(period, parse_scope(text), now=at(2026, 6, 1)).total.figures["received"] == 8
    with pytest.raises(ReportInputError, match="Không có cơ quan"):
        dossier_report(period, parse_scope("agency:999999"))


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2026-11", "2026-11-01", "2026-12-01"),
        ("2026-12", "2026-12-01", "2027-01-01"),
        ("2026-Q4", "2026-10-01", "2027-01-01"),
        ("2026-q1", "2026-01-01", "2026-04-01"),
        ("2026", "2026-01-01", "2027-01-01"),
    ],
)
def test_periods_are_local_calendar_spans(text, start, end):
    period = parse_period(text)
    assert (period.start.date().isoformat(), period.end.date().isoformat()) == (start, end)
    assert period.start.utcoffset() == dt.timedelta(hours=7)


@pytest.mark.parametrize("text", ["2026-13", "2026-Q5", "Q4-2026", "", "26"])
def test_a_bad_period_gets_a_vietnamese_message(text):
    with pytest.raises(ReportInputError, match=r"Kỳ báo cáo|Tháng"):
        parse_period(text)


@pytest.mark.parametrize("text", ["agency:", "agency:abc", "tinh", "province:1"])
def test_a_bad_scope_gets_a_vietnamese_message(text):
    with pytest.raises(ReportInputError, match=r"Phạm vi|Mã số"):
        parse_scope(text)
