"""Parallel inter-agency steps: a fork, each branch with its own agency, budget and result, and the join.

Source: Nghị định 63/2024/NĐ-CP (liên thông điện tử: đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm
y tế cho trẻ em dưới 6 tuổi — three agencies handle one dossier at once); Nghị định 61/2018 Điều 21 /
Nghị định 118/2025 on inter-agency (liên thông) handling.
"""

import pytest

from tests.factories import AgencyFactory, DossierFactory
from tests.workflows.conftest import at
from workflows.calendar.rules import DECREE_118_2025
from workflows.models import Dossier, DossierBranch, DossierStatus, StepKind
from workflows.services import ActionNotAllowed, perform_action
from workflows.services.checker import check_steps
from workflows.services.setup import RECEPTION_GROUP


def step(code, name, kind, *, next=(), agency="", group=RECEPTION_GROUP, budget="0"):
    return {
        "code": code,
        "name": name,
        "kind": kind,
        "group": group,
        "agency": agency,
        "role": "",
        "budget_value": budget,
        "budget_unit": "working_day",
        "next": list(next),
        "back": "",
        "pauses_clock": False,
        "decides": False,
        "automatic": False,
    }


def birth_workflow(desk_agency: str) -> list[dict]:
    return [
        step("tiep-nhan", "Tiếp nhận", StepKind.RECEPTION, agency=desk_agency, budget="0.5"),
        step(
            "lien-thong",
            "Liên thông song song",
            StepKind.FORK,
            agency=desk_agency,
            next=("ho-tich", "cu-tru", "bhyt"),
        ),
        step(
            "ho-tich",
            "Đăng ký khai sinh",
            StepKind.INTER_AGENCY,
            agency="UBND-XA",
            budget="1",
            next=("hop-nhat",),
        ),
        step(
            "cu-tru",
            "Đăng ký thường trú",
            StepKind.INTER_AGENCY,
            agency="CONG-AN",
            budget="2",
            next=("hop-nhat",),
        ),
        step("bhyt", "Cấp thẻ BHYT", StepKind.INTER_AGENCY, agency="BHXH", budget="1", next=("hop-nhat",)),
        step("hop-nhat", "Hợp nhất kết quả", StepKind.JOIN, agency=desk_agency, budget="0.5"),
        step("tra", "Trả kết quả", StepKind.RETURN, agency=desk_agency),
    ]


@pytest.fixture
def forked(desk):
    for identifier, name in (
        ("UBND-XA", "UBND phường Hồng Gai"),
        ("CONG-AN", "Công an phường"),
        ("BHXH", "BHXH tỉnh"),
    ):
        AgencyFactory(identifier=identifier, name=name)
    dossier = DossierFactory(
        procedure=desk["procedure"],
        center=desk["center"],
        user=desk["desk"],
        received_at=at(2026, 3, 2, 9, 0),
    )
    steps = birth_workflow(desk["agency"].identifier)
    assert check_steps(steps) == []
    Dossier.objects.filter(pk=dossier.pk).update(workflow_snapshot={"steps": steps})
    dossier.refresh_from_db()
    return perform_action(dossier, "transfer", desk["desk"], now=at(2026, 3, 2, 10, 0))


def test_a_fork_starts_one_branch_per_agency_with_its_own_budget(forked):
    assert forked.step_code == "lien-thong" and forked.status == DossierStatus.PROCESSING
    branches = {b.first_step: b for b in DossierBranch.objects.filter(dossier=forked)}
    assert set(branches) == {"ho-tich", "cu-tru", "bhyt"}
    assert branches["cu-tru"].step_agency == "CONG-AN"
    # Mon 2/3/2026 10:00 + 1 working day = Tue 3/3 10:00; + 2 = Wed 4/3 10:00.
    assert branches["ho-tich"].step_due_at == at(2026, 3, 3, 10, 0)
    assert branches["cu-tru"].step_due_at == at(2026, 3, 4, 10, 0)


def test_the_dossier_cannot_be_transferred_past_open_branches(forked, desk):
    with pytest.raises(ActionNotAllowed, match="nhánh liên thông"):
        perform_action(forked, "transfer", desk["desk"], now=at(2026, 3, 2, 11, 0))


def test_each_branch_finishes_and_the_last_one_joins(forked, desk, client):
    d = perform_action(
        forked,
        "finish_branch",
        desk["desk"],
        note="Đã cấp giấy khai sinh",
        branch="ho-tich",
        now=at(2026, 3, 3, 9),
    )
    assert d.step_code == "lien-thong"
    d = perform_action(
        d, "finish_branch", desk["desk"], note="Đã cấp thẻ BHYT", branch="bhyt", now=at(2026, 3, 3, 11)
    )
    with pytest.raises(ActionNotAllowed, match="không tồn tại hoặc đã hoàn thành"):
        perform_action(
            d, "finish_branch", desk["desk"], note="lần hai", branch="bhyt", now=at(2026, 3, 3, 12)
        )
    d = perform_action(
        d, "finish_branch", desk["desk"], note="Đã đăng ký thường trú", branch="cu-tru", now=at(2026, 3, 4, 9)
    )
    assert d.step_code == "hop-nhat" and d.status == DossierStatus.PROCESSING
    branches = {b.first_step: b for b in DossierBranch.objects.filter(dossier=d)}
    assert all(b.finished_at for b in branches.values())
    # BHYT was due Tue 3/3 10:00 and answered at 11:00; the civil registry answered on its due day.
    assert branches["bhyt"].timeliness == "late" and branches["ho-tich"].timeliness == "on_time"
    assert branches["cu-tru"].result == "Đã đăng ký thường trú"
    event = d.events.filter(action="finish_branch").last()
    assert event.data["legal_basis"] == DECREE_118_2025.cite("parallel_inter_agency")
    # After the join, the workflow goes on to the return as usual.
    d = perform_action(d, "transfer", desk["desk"], now=at(2026, 3, 4, 10))
    assert d.status == DossierStatus.DONE


def test_the_checker_validates_forks_and_joins(desk):
    steps = birth_workflow("X")
    steps[1]["next"] = ["ho-tich"]
    assert "cần ít nhất hai nhánh" in " ".join(f.message for f in check_steps(steps))
    steps = birth_workflow("X")
    steps[3]["next"] = ["tra"]  # the residence branch skips the join
    messages = " ".join(f.message for f in check_steps(steps))
    assert (
        "Nhánh “Đăng ký thường trú” của bước tách “Liên thông song song” không đến bước hợp nhất." in messages
    )
    steps = birth_workflow("X")
    del steps[1]  # a join no fork feeds
    steps[0]["next"] = ["ho-tich"]
    assert "không nhận nhánh của bước tách nào" in " ".join(f.message for f in check_steps(steps))


def test_the_dossier_page_shows_each_branch_and_offers_its_result(forked, desk, client):
    from django.urls import reverse

    from tests.factories import UserFactory

    perform_action(
        forked,
        "finish_branch",
        desk["desk"],
        note="Đã cấp giấy khai sinh",
        branch="ho-tich",
        now=at(2026, 3, 3, 9),
    )
    UserFactory(username=desk["desk"].username, perms=["wagtailadmin.access_admin"])
    client.force_login(desk["desk"])
    html = client.get(reverse("dossier:edit", args=(forked.pk,))).content.decode()
    assert "Các nhánh liên thông song song" in html
    for agency in ("UBND phường Hồng Gai", "Công an phường", "BHXH tỉnh"):
        assert agency in html
    assert "Đã cấp giấy khai sinh" in html and "đang xử lý" in html
    assert (
        "Ghi nhận kết quả nhánh liên thông" in html
        and 'value="cu-tru"' in html
        and 'value="ho-tich"' not in html
    )
