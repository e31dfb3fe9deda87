"""Citations and the apology's limits come from the dossier's rule set (`workflows.calendar.rules`).

Sources: Nghị định 61/2018/NĐ-CP Điều 18 (supplement request: khoản 2; the apology for a dossier that will be
late, sent at the latest one day before the due date, once) for dossiers received up to 30/6/2025; Nghị định
118/2025/NĐ-CP and Thông tư 03/2025/TT-VPCP from 1/7/2025 (their article numbers unverified: the rule set
cites the texts without them, see `DECREE_118_2025.unverified`). The apology's limits, as the press reported
Decree 61/2018 when it came into force on 21/6/2018: "trong thời hạn chậm nhất một ngày trước ngày hết hạn",
"không quá một lần"
(http://baovinhlong.com.vn/chu-truong-chinh-sach-moi/201806/cham-giai-quyet-thu-tuc-hanh-chinh-phai-xin-loi-dan-2897032/);
the article numbers of 61/2018 are the project's (the decree's text was not found).
"""

import pytest

from tests.factories import DossierFactory
from tests.workflows.conftest import at
from workflows.calendar.rules import (
    CITATION_KEYS,
    DECREE_61_2018,
    DECREE_118_2025,
    RULE_SETS,
    forms_rule_set,
)
from workflows.models import ClockSegment
from workflows.services import ActionNotAllowed, perform_action


def receive(desk, when):
    return DossierFactory(
        procedure=desk["procedure"], center=desk["center"], user=desk["desk"], received_at=when
    )


def supplement(desk, dossier, now):
    dossier = perform_action(dossier, "transfer", desk["desk"], now=now)
    return perform_action(
        dossier, "request_supplement", desk["specialist"], note="Thiếu", missing=["Tờ khai"], now=now
    )


@pytest.mark.parametrize("rule_set", RULE_SETS, ids=lambda rs: rs.key)
def test_every_rule_set_carries_every_citation(rule_set):
    for key in CITATION_KEYS:
        assert rule_set.cite(key)
    with pytest.raises(KeyError):
        rule_set.cite("no_such_citation")


def test_a_118_dossiers_pause_cites_decree_118_not_61(desk):
    dossier = supplement(desk, receive(desk, at(2026, 3, 2, 9, 0)), at(2026, 3, 2, 10, 0))
    basis = ClockSegment.objects.get(dossier=dossier, kind=ClockSegment.Kind.PAUSE).legal_basis
    assert basis == DECREE_118_2025.cite("supplement") and "61/2018" not in basis


def test_a_61_dossiers_pause_cites_decree_61(desk):
    dossier = supplement(desk, receive(desk, at(2025, 3, 3, 9, 0)), at(2025, 3, 3, 10, 0))
    basis = ClockSegment.objects.get(dossier=dossier, kind=ClockSegment.Kind.PAUSE).legal_basis
    assert basis == DECREE_61_2018.cite("supplement") and "Khoản 2 Điều 18" in basis


def test_the_apology_comes_at_the_latest_the_day_before_the_due_date(desk):
    # Received Mon 2/3/2026 09:00, 5 working days: due Mon 9/3/2026 09:00.
    dossier = receive(desk, at(2026, 3, 2, 9, 0))
    assert dossier.due_at == at(2026, 3, 9, 9, 0)
    with pytest.raises(
        ActionNotAllowed, match="chậm nhất 01 ngày trước ngày hết hạn giải quyết \\(09/03/2026\\)"
    ):
        # On the due date itself, before the due hour: too late.
        perform_action(
            dossier,
            "reschedule",
            desk["leader"],
            note="Chờ",
            new_due=at(2026, 3, 16, 17),
            now=at(2026, 3, 9, 8),
        )
    # Sunday 8/3, the day before: allowed, citing the rule set.
    dossier = perform_action(
        dossier, "reschedule", desk["leader"], note="Chờ", new_due=at(2026, 3, 16, 17), now=at(2026, 3, 8, 20)
    )
    segment = ClockSegment.objects.get(dossier=dossier, kind=ClockSegment.Kind.RESCHEDULE)
    assert segment.legal_basis == DECREE_118_2025.cite("apology")
    assert dossier.events.get(action="reschedule").data["previous_due"] == at(2026, 3, 9, 9, 0).isoformat()
    with pytest.raises(ActionNotAllowed, match="một lần"):
        perform_action(
            dossier,
            "reschedule",
            desk["leader"],
            note="Lần hai",
            new_due=at(2026, 3, 20, 17),
            now=at(2026, 3, 10),
        )


def test_form_numbering_follows_the_circular_from_its_start():
    # Thông tư 03/2025/TT-VPCP's numbering (stop notice = Mẫu 05) from `forms_from`; before it, 01/2018's.
    assert forms_rule_set(DECREE_118_2025, DECREE_118_2025.forms_from).form("control_slip").number == "06"
    assert forms_rule_set(DECREE_61_2018, at(2025, 6, 30, 9)).form("control_slip").number == "05"


def test_the_circulars_numbering_waits_for_its_date_of_issue_not_the_decrees():
    """Thông tư 03/2025/TT-VPCP is dated 15/9/2025 ("Thông tư số 03/2025/TT-VPCP ngày 15 tháng 9 năm 2025",
    cited by Quyết định 128/2025/QĐ-UBND of Thanh Hóa:
    https://hethongphapluat.vn/quyet-dinh-128-2025-qd-ubnd-ve-quy-che-hoat-dong-cua-trung-tam-phuc-vu-hanh-chinh-cong-tinh-thanh-hoa.html).
    A Decree 118 dossier received between 1/7 and 14/9/2025 still prints Thông tư 01/2018's numbering."""
    assert DECREE_118_2025.forms_from.isoformat() == "2025-09-15"
    summer = forms_rule_set(DECREE_118_2025, at(2025, 8, 1, 9))
    assert summer is DECREE_61_2018 and summer.form("control_slip").number == "05"
    assert summer.form("stop_notice") is None  # 01/2018 has no stop notice form
    autumn = forms_rule_set(DECREE_118_2025, at(2025, 9, 15, 9))
    assert autumn is DECREE_118_2025 and autumn.form("control_slip").number == "06"
    assert forms_rule_set(DECREE_118_2025, at(2025, 9, 14, 16)).form("control_slip").number == "05"
