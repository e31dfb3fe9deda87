"""Property tests: the engine equals the naive oracle on random receipts, budgets, pauses and overrides.

Receipts range over 2024–2027 (Tết moves every year, swaps in 2024/2025/2026, the new 24/11 holiday from
2026). A few override configurations exercise announced days off and working Saturdays.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workflows.calendar import Budget, Extension, Pause, compute_due, get_calendar

from .oracle import Oracle, naive

CONFIGS = [
    ((), ()),
    ((date(2025, 1, 2), date(2026, 2, 23), date(2027, 2, 11)), (date(2025, 1, 4), date(2026, 2, 28))),
    ((date(2024, 12, 24), date(2026, 11, 25)), (date(2024, 12, 28), date(2027, 5, 8))),
]
ORACLES = [Oracle(off, work) for off, work in CONFIGS]
CALENDARS = [get_calendar(extra_days_off=off, extra_working_days=work) for off, work in CONFIGS]

START = datetime(2024, 1, 1)
SPAN_MIN = int((datetime(2027, 10, 31) - START).total_seconds() // 60)

#: Office boundaries and neighbours: where off-by-one errors live.
BOUNDARIES = [
    7 * 60 + 29,
    7 * 60 + 30,
    11 * 60 + 29,
    11 * 60 + 30,
    13 * 60,
    16 * 60 + 59,
    17 * 60,
    0,
    23 * 60 + 59,
]


@st.composite
def instants(draw) -> datetime:
    t = START + timedelta(minutes=draw(st.integers(0, SPAN_MIN)))
    if draw(st.integers(0, 3)) == 0:
        m = draw(st.sampled_from(BOUNDARIES))
        t = t.replace(hour=m // 60, minute=m % 60)
    if draw(st.integers(0, 7)) == 0:
        t = t.replace(second=draw(st.integers(1, 59)))  # seconds are dropped by both
    return t


working_budgets = st.one_of(
    st.integers(0, 20).map(float),
    st.integers(1, 40).map(lambda k: k / 4),  # quarters of a day: 0.25 .. 10
)
budgets = st.one_of(
    working_budgets.map(lambda v: Budget(v, "working_day")),
    st.integers(0, 80).map(lambda v: Budget(v / 2, "hour")),
    st.integers(0, 30).map(lambda v: Budget(v, "day")),
    st.just(Budget()),
)
cutoffs = st.one_of(st.none(), st.integers(7 * 60, 17 * 60).map(lambda m: time(m // 60, m % 60)))


@st.composite
def pauses_for(draw, received: datetime) -> list[Pause]:
    out = []
    for _ in range(draw(st.integers(0, 3))):
        start = received + timedelta(minutes=draw(st.integers(-2 * 1440, 25 * 1440)))
        if draw(st.integers(0, 3)) == 0:
            m = draw(st.sampled_from(BOUNDARIES))
            start = start.replace(hour=m // 60, minute=m % 60)
        if draw(st.integers(0, 9)) == 0:
            out.append(Pause(start, None, "chờ bổ sung"))
        else:
            out.append(Pause(start, start + timedelta(minutes=draw(st.integers(0, 8 * 1440))), "chờ bổ sung"))
    return out


@st.composite
def cases(draw):
    received = draw(instants())
    budget = draw(budgets)
    extensions = []
    if budget.unit is not None and draw(st.booleans()):
        if budget.unit == "day":
            extensions.append(Extension(draw(st.integers(1, 5)), "day"))
        else:
            extensions.append(
                Extension(draw(st.integers(1, 16)) / 2, draw(st.sampled_from(["working_day", "hour"])))
            )
    cutoff = draw(cutoffs)
    if cutoff is not None and draw(st.integers(0, 3)) == 0:
        # Exactly at the cut-off minute (counts as after it) or the minute before.
        received = received.replace(hour=cutoff.hour, minute=cutoff.minute) - timedelta(
            minutes=draw(st.integers(0, 1))
        )
    return received, budget, cutoff, draw(pauses_for(received)), extensions, draw(st.integers(0, 2))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_engine_matches_the_oracle(case):
    received, budget, cutoff, pauses, extensions, config = case
    expected = ORACLES[config].due(received, budget, cutoff, pauses, extensions)
    got = compute_due(
        received, budget, calendar=CALENDARS[config], cutoff=cutoff, pauses=pauses, extensions=extensions
    )
    assert naive(got.due_at) == expected, "\n".join(got.explanation)
    assert got.explanation and (got.due_at is None or got.explanation[-1].startswith("Hạn trả kết quả"))


@settings(max_examples=300, deadline=None)
@given(instants(), st.integers(0, 20 * 1440), st.integers(0, 2))
def test_working_time_and_next_moment_match_the_oracle(a, length, config):
    b = a + timedelta(minutes=length)
    cal, oracle = CALENDARS[config], ORACLES[config]
    assert cal.working_time_between(a, b) == oracle.working_minutes_between(a, b)
    assert naive(cal.next_working_moment(a)) == oracle.next_working_moment(a)
    assert cal.is_working_day(a.date()) == oracle.is_working_day(a.date())


@settings(max_examples=200, deadline=None)
@given(instants(), st.integers(1, 20 * 480), st.integers(0, 2))
def test_adding_then_measuring_working_time_round_trips(a, minutes, config):
    cal = CALENDARS[config]
    start = cal.next_working_moment(a)
    assert cal.working_time_between(start, cal.add_working_minutes(start, minutes)) == minutes
