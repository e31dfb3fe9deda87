"""Each formula on a hand-computed example: Decree 61's evaluation indicators, the service index ratios and
their levers, the forecast, and the on-site targets measured from who acted on each dossier."""

import datetime as dt

import pytest

from catalog.models import LegalBasis, Procedure, ProcedureChannel, ProcedureComponent
from reports.periods import parse_period, parse_scope
from reports.services.evaluation import (
    evaluate,
    late_steps,
    missing_disclosures,
    score_channel,
    score_contacts,
    score_disclosure,
    score_step_time,
    score_total_time,
    step_outcomes,
)
from reports.services.onsite import onsite_targets
from reports.services.service_index import index_score, needed_for, service_index
from tests.factories import CenterFactory, OfficerFactory, ProcedureFactory, UserFactory
from workflows.models import Rating
from workflows.services import perform_action

from .conftest import at, receive, resolve


def test_scoring_rules_give_two_one_zero_points():
    due = at(2026, 1, 12, 17)
    assert [score_total_time(at(2026, 1, 9, 9), due), score_total_time(at(2026, 1, 12, 9), due),
            score_total_time(at(2026, 1, 12, 18), due)] == [2, 1, 0]  # fmt: skip
    # Tuyên Quang's Mẫu số 01, item 2: each unit earlier than its time 2, equal 1, later 0; a dossier takes its
    # slowest unit's points, and one whose steps carry no due time is not scored.
    steps = ([], ["early", "early"], ["early", "on_time"], ["on_time", "late", "early"])
    assert [score_step_time(o) for o in steps] == [None, 2, 1, 0]
    assert [score_contacts(n) for n in (0, 1, 2)] == [2, 1, 0]
    assert [score_channel(c) for c in ("online", "postal", "direct")] == [2, 1, 0]
    assert [score_disclosure(n) for n in (0, 1, 2, 3, 5)] == [2, 1, 1, 0, 0]


def test_a_step_left_after_its_own_due_time_is_late():
    history = [
        ("receive", at(2026, 1, 5, 9), at(2026, 1, 5, 17)),
        ("transfer", at(2026, 1, 5, 16), at(2026, 1, 7, 17)),  # left in time
        ("appraise", at(2026, 1, 8, 9), at(2026, 1, 9, 17)),  # late by a morning
        ("approve", at(2026, 1, 12, 9), None),  # late again
    ]
    assert late_steps(history) == 2
    # The transfer left on its due day (16:00 before 17:00): on time, not early (early is a day before).
    assert step_outcomes(history) == ["on_time", "late", "late"]
    assert score_step_time(step_outcomes(history)) == 0


def test_disclosure_reads_time_and_fees_from_channels_and_the_legal_basis_from_its_documents(db):
    """The demo's 60 procedures scored 0 of 60 "công khai đủ nội dung": the check read only the verbatim legal
    basis text, which catalogs with structured legal documents (`LegalBasis`) leave empty."""
    bare = ProcedureFactory(processing_time_text="")  # its channel has no time either: 5 of 5 missing
    ProcedureChannel.objects.filter(procedure=bare).update(processing_time_text="")
    full = ProcedureFactory(processing_time_text="", result="Giấy phép")
    ProcedureChannel.objects.filter(procedure=full).update(
        processing_time_text="05 ngày làm việc", fee_text="Miễn phí"
    )
    ProcedureComponent.objects.create(procedure=full, name="Đơn đề nghị")
    LegalBasis.objects.create(procedure=full, number="15/2020/NĐ-CP")
    no_fee = ProcedureFactory(result="Giấy phép")  # time on the procedure; no fee anywhere, no legal basis
    ProcedureComponent.objects.create(procedure=no_fee, name="Đơn đề nghị")
    assert Procedure.objects.get(pk=full.pk).legal_basis_text == ""
    assert missing_disclosures([bare.pk, full.pk, no_fee.pk]) == {bare.pk: 5, full.pk: 0, no_fee.pk: 2}
    assert [score_disclosure(n) for n in (5, 0, 2)] == [0, 2, 1]


@pytest.fixture
def handled(office):
    """Q1 2026: one early online dossier rated well, one late paper dossier with two supplement requests."""
    good = resolve(receive(office, at(2026, 1, 5, 9), channel="online"), at(2026, 1, 6, 9))
    Rating.objects.create(dossier=good, criteria_version="2026-1", score=12, max_score=12,
                          answers={"offices": "a", "attitude": "a", "overall": "a"})  # fmt: skip
    slow = receive(office, at(2026, 1, 5, 9))
    for day in (6, 8):
        slow = perform_action(
            slow, "request_supplement", note="Thiếu bản vẽ", missing=["Bản vẽ"], now=at(2026, 1, day, 9)
        )
        slow = perform_action(slow, "supplement_received", now=at(2026, 1, day, 15))
    resolve(slow, at(2026, 2, 20, 9))
    return {"good": good, "slow": slow}


def test_the_evaluation_averages_each_indicator_over_the_resolved_dossiers(office, handled):
    result = evaluate(parse_period("2026-Q1"), parse_scope("province"), now=at(2026, 6, 1))
    rows = {r["key"]: r for r in result["agencies"][office["agency"].pk].rows()}
    # total time: early (2) + late (0) over 2; contacts: none (2) + two requests (0); channel: 2 + 0.
    assert (rows["total_time"]["mean"], rows["total_time"]["n"]) == (1.0, 2)
    assert rows["contacts"]["mean"] == 1.0 and rows["channel"]["mean"] == 1.0
    # The factory's procedure publishes no components, fee, legal basis or result: 4 of 5 missing → 0.
    assert rows["disclosure"]["mean"] == 0.0
    # Ratings: one rated dossier only.
    assert (rows["attitude"]["mean"], rows["attitude"]["n"]) == (2.0, 1)
    assert rows["feedback"]["mean"] is None and rows["feedback"]["n"] == 0
    assert result["total"].dossiers == 2
    assert result["procedures"][office["procedure"].pk].dossiers == 2


@pytest.mark.parametrize(
    ("num", "den", "target", "grows", "more"),
    [
        (8, 10, 0.9, True, 10),
        (8, 10, 0.9, False, 1),
        (9, 10, 0.9, True, 0),
        (0, 0, 0.1, True, 0),
        (3, 4, 1.0, False, 1),
    ],
)
def test_the_lever_counts_the_cases_needed(num, den, target, grows, more):
    # 8/10 → 90 % with new dossiers: (8 + k)/(10 + k) ≥ 0.9 ⇒ k ≥ 10; converting existing ones: 9/10 ⇒ 1.
    assert needed_for(num, den, target, grows=grows) == more


def test_the_service_index_shows_inputs_formula_and_lever(office, handled):
    index = service_index(parse_period("2026-Q1"), parse_scope("province"), now=at(2026, 6, 1))
    ratios = {r.key: r for g in index["groups"] for r in g["ratios"]}
    assert (ratios["on_time"].numerator, ratios["on_time"].denominator, ratios["on_time"].percent) == (
        1,
        2,
        50.0,
    )
    assert (ratios["online_share"].numerator, ratios["online_share"].denominator) == (1, 2)
    # QĐ 766 "hài lòng trong tiếp nhận, giải quyết": 2 resolved, less 1 late (the slow one) → 1 of 2.
    assert (ratios["satisfied"].numerator, ratios["satisfied"].denominator) == (1, 2)
    assert ratios["complaints_on_time"].percent is None and "phản ánh" in ratios["complaints_on_time"].lever
    assert all(r.citation for r in ratios.values())
    # 1/2 on time; to reach 60 %: (1 + k)/(2 + k) ≥ 0.6 ⇒ k = 1 more dossier on time.
    assert "1 hồ sơ tiếp theo" in ratios["on_time"].lever and "60%" in ratios["on_time"].lever
    progress = next(g for g in index["groups"] if g["key"] == "progress")
    assert progress["score"] is None or progress["score"] == 50.0  # no dossier running at the end of Q1
    assert index["forecast"] is None  # a closed period has no forecast
    # Each group's points: its maximum × the mean of its measured ratios (satisfaction: 1/2 → 50 % of 18).
    satisfaction = next(g for g in index["groups"] if g["key"] == "satisfaction")
    assert (satisfaction["score"], satisfaction["max_points"], satisfaction["points"]) == (50.0, 18, 9.0)


def test_the_index_score_counts_only_groups_with_data():
    groups = [
        {"points": 9.0, "max_points": 18},  # transparency at 50 %
        {"points": 20.0, "max_points": 20},  # progress at 100 %
        {"points": None, "max_points": 22},  # nothing measurable: neither 0 nor counted
    ]
    # (9 + 20) / (18 + 20) = 76.3 %
    assert index_score(groups) == 76.3
    assert index_score([{"points": None, "max_points": 18}]) is None


def test_the_forecast_counts_open_dossiers_by_their_clock(office):
    resolve(receive(office, at(2026, 1, 5, 9)), at(2026, 1, 6, 9))  # early
    receive(office, at(2026, 1, 5, 9))  # due about 12 January: overdue on 1 February
    receive(office, at(2026, 1, 30, 9))  # due early February: within time, due within the quarter
    index = service_index(parse_period("2026-Q1"), parse_scope("province"), now=at(2026, 2, 1, 12))
    forecast = index["forecast"]
    # expected on time: 1 resolved + 1 within time, late: 1 overdue → 2/3.
    assert forecast["on_time_percent"] == pytest.approx(66.7)
    assert forecast["at_risk"] == 1 and forecast["already_late"] == 1
    assert forecast["worst_percent"] == pytest.approx(33.3)


def test_onsite_shares_come_from_who_acted_on_each_dossier(office):
    # Two procedures returned at the province center; one handled by the center's officer only, the other
    # approved by an officer of another center.
    other_center = CenterFactory(code="so-xd", agency=office["agency"], kind="district_desk")
    outsider = UserFactory(username="lanhdao-so", is_superuser=True)
    OfficerFactory(user=outsider, agency=office["agency"], center=other_center)
    second = office["procedure"].__class__.objects.get(pk=office["procedure"].pk)
    from tests.factories import ProcedureFactory

    second = ProcedureFactory(code="1.000001", agency=office["agency"])
    resolve(receive(office, at(2026, 1, 5, 9)), at(2026, 1, 6, 9), office["officer"])
    away = receive(office, at(2026, 1, 5, 9), procedure=second)
    away = perform_action(away, "transfer", office["officer"], now=at(2026, 1, 6, 9))
    away = perform_action(away, "appraise", office["officer"], now=at(2026, 1, 6, 10))
    away = perform_action(away, "approve", outsider, now=at(2026, 1, 6, 11))
    perform_action(away, "return_result", office["officer"], now=at(2026, 1, 6, 12))
    rows = {
        r["kind"]: r
        for r in onsite_targets(parse_period("2026-Q1"), parse_scope("province"), now=at(2026, 6, 1))
    }
    center = rows["province_center"]
    assert (center["procedures"], center["onsite_procedures"], center["procedure_share"]) == (2, 1, 0.5)
    assert (center["dossiers"], center["onsite_dossiers"]) == (2, 1)
    assert center["target"] == 0.2 and center["meets"] is True
    assert rows["district_desk"]["target"] == 0.5 and rows["district_desk"]["meets"] is None
    assert rows["commune_desk"]["target"] is None
    assert dt.timedelta(0) == dt.timedelta(0)


def test_satisfaction_in_handling_subtracts_late_and_unsatisfied_dossiers_once(office, handled):
    """QĐ 766: (handled − late or rated "không hài lòng") ÷ handled. A third dossier, early but rated badly,
    and a rating "c" on the late one too (counted once): 3 handled − (1 late + 1 unsatisfied) = 1 of 3."""
    unhappy = resolve(receive(office, at(2026, 1, 5, 9)), at(2026, 1, 6, 9))
    Rating.objects.create(dossier=unhappy, criteria_version="2026-1", score=0, max_score=12,
                          answers={"overall": "c"})  # fmt: skip
    Rating.objects.create(dossier=handled["slow"], criteria_version="2026-1", score=0, max_score=12,
                          answers={"overall": "c"})  # fmt: skip
    index = service_index(parse_period("2026-Q1"), parse_scope("province"), now=at(2026, 6, 1))
    ratio = next(r for g in index["groups"] for r in g["ratios"] if r.key == "satisfied")
    assert (ratio.numerator, ratio.denominator) == (1, 3)
