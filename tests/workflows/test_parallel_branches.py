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
from workflows.services.setup import RECEPTION_GROUP, SPECIALIST_GROUP


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
            group=SPECIALIST_GROUP,
            budget="1",
            next=("hop-nhat",),
        ),
        step(
            "cu-tru",
            "Đăng ký thường trú",
            StepKind.INTER_AGENCY,
            agency="CONG-AN",
            group=SPECIALIST_GROUP,
            budget="2",
            next=("hop-nhat",),
        ),
        step(
            "bhyt",
            "Cấp thẻ BHYT",
            StepKind.INTER_AGENCY,
            agency="BHXH",
            group=SPECIALIST_GROUP,
            budget="1",
            next=("hop-nhat",),
        ),
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


@pytest.fixture
def agencies_officers(forked):
    """An officer of each branch agency (the police and the social insurance office), in the specialists'
    group, with no center: they work at their own agency, not at the one-stop desk."""
    from catalog.models import Agency
    from tests.factories.scenarios import officer

    made = {}
    for username, identifier in (("congan", "CONG-AN"), ("bhxh", "BHXH")):
        agency = Agency.objects.get(identifier=identifier)
        made[identifier] = officer(username, {"agency": agency, "center": None}, groups=[SPECIALIST_GROUP])
    return made


def test_a_branch_agencys_officer_records_its_own_branch_only(forked, desk, agencies_officers):
    police, insurance = agencies_officers["CONG-AN"], agencies_officers["BHXH"]
    # The police may not answer for the social insurance office, nor the office for the police.
    with pytest.raises(ActionNotAllowed, match="Chỉ BHXH tỉnh hoặc bộ phận điều phối") as refused:
        perform_action(
            forked, "finish_branch", police, note="Đã cấp thẻ", branch="bhyt", now=at(2026, 3, 2, 14)
        )
    assert refused.value.forbidden
    with pytest.raises(ActionNotAllowed, match="Chỉ Công an phường"):
        perform_action(forked, "finish_branch", insurance, note="x", branch="cu-tru", now=at(2026, 3, 2, 14))
    # Nor may they act on the dossier itself (it is the desk's agency's).
    with pytest.raises(ActionNotAllowed, match="không thuộc cơ quan"):
        perform_action(forked, "transfer", police, now=at(2026, 3, 2, 14))
    assert not DossierBranch.objects.filter(dossier=forked, finished_at__isnull=False).exists()

    d = perform_action(
        forked, "finish_branch", police, note="Đã đăng ký thường trú", branch="cu-tru", now=at(2026, 3, 3, 9)
    )
    assert d.step_code == "lien-thong"  # two branches still open: no join yet
    d = perform_action(
        d, "finish_branch", insurance, note="Đã cấp thẻ BHYT", branch="bhyt", now=at(2026, 3, 3, 9)
    )
    assert d.step_code == "lien-thong"
    # The desk records the civil registry's paper answer; the last branch makes the dossier join.
    d = perform_action(
        d,
        "finish_branch",
        desk["desk"],
        note="Đã cấp giấy khai sinh",
        branch="ho-tich",
        now=at(2026, 3, 3, 10),
    )
    assert d.step_code == "hop-nhat" and d.status == DossierStatus.PROCESSING
    events = {e.data["step"]: e for e in d.events.filter(action="finish_branch")}
    assert events["cu-tru"].actor == police and events["cu-tru"].data["actor_agency"] == "CONG-AN"
    assert events["cu-tru"].data["agency"] == "CONG-AN" and events["cu-tru"].data["to"] == "hop-nhat"
    assert events["ho-tich"].data["actor_agency"] == desk["agency"].identifier  # on the agency's behalf
    assert events["ho-tich"].to_step == "hop-nhat"


def test_a_branch_step_of_another_group_is_not_the_agencys_other_officers(forked, agencies_officers):
    from tests.factories.scenarios import officer
    from workflows.services.setup import LEADER_GROUP

    DossierBranch.objects.filter(dossier=forked, first_step="cu-tru").update(step_group=LEADER_GROUP)
    police = agencies_officers["CONG-AN"]
    with pytest.raises(ActionNotAllowed, match="nhánh liên thông do nhóm “Lãnh đạo”"):
        perform_action(forked, "finish_branch", police, note="x", branch="cu-tru", now=at(2026, 3, 2, 14))
    chief = officer("truongcongan", {"agency": police.officer.agency, "center": None}, groups=[LEADER_GROUP])
    d = perform_action(
        forked, "finish_branch", chief, note="Đã đăng ký", branch="cu-tru", now=at(2026, 3, 2, 14)
    )
    assert DossierBranch.objects.get(dossier=d, first_step="cu-tru").finished_at is not None


def test_open_branches_are_in_the_branch_agencys_scope_and_queues_with_their_own_due_time(
    forked, desk, agencies_officers
):
    from workflows.counts import queue_counts_for
    from workflows.permissions import visible_dossiers
    from workflows.queues import queue_counts

    police, insurance = agencies_officers["CONG-AN"], agencies_officers["BHXH"]
    other = DossierFactory(procedure=desk["procedure"], center=desk["center"], received_at=at(2026, 3, 2, 9))
    assert list(visible_dossiers(police)) == [forked]
    # Tue 3/3 10:30: the police's branch (due Wed 4/3 10:00) is due soon, not overdue; the insurance
    # branch (due Tue 3/3 10:00) is overdue on its own budget while the dossier itself is not.
    now = at(2026, 3, 3, 10, 30)
    assert forked.due_at > now
    police_counts = queue_counts(visible_dossiers(police), now=now, user=police)
    assert police_counts["to_process"] == 1 and police_counts["mine"] == 1
    assert police_counts["due_soon"] == 1 and police_counts["overdue"] == 0
    insurance_counts = queue_counts(visible_dossiers(insurance), now=now, user=insurance)
    assert insurance_counts["overdue"] == 1 and insurance_counts["to_process"] == 1
    # The desk's own queues are unchanged: the dossier is processing and not overdue.
    desk_counts = queue_counts(visible_dossiers(desk["desk"]), now=now, user=desk["desk"])
    assert desk_counts["overdue"] == 0 and desk_counts["to_process"] == 2
    # The tallied counts (PostgreSQL) add the branch part back: the same numbers as the recount.
    for user, expected in (
        (police, police_counts),
        (insurance, insurance_counts),
        (desk["desk"], desk_counts),
    ):
        assert queue_counts_for(user, now=now) == expected
    assert other.pk not in set(visible_dossiers(police).values_list("pk", flat=True))

    # Once the police answered, the dossier leaves their queues and scope (like an inter-agency hop).
    perform_action(forked, "finish_branch", police, note="Đã đăng ký", branch="cu-tru", now=now)
    assert not visible_dossiers(police).exists()
    assert queue_counts(visible_dossiers(police), now=now, user=police)["to_process"] == 0
    assert queue_counts_for(police, now=now)["to_process"] == 0


def test_the_branch_agency_sees_its_branch_on_the_listing_the_dossier_page_and_the_dashboard(
    forked, agencies_officers, client
):
    from django.test import RequestFactory
    from django.urls import reverse

    from cms.wagtail_hooks import OneStopDashboard
    from tests.factories import UserFactory

    police = agencies_officers["CONG-AN"]
    UserFactory(username=police.username, perms=["wagtailadmin.access_admin"])
    client.force_login(police)
    listing = client.get(reverse("dossier:index") + "?queue=to_process").content.decode()
    assert forked.code in listing and "Hạn nhánh liên thông của cơ quan" in listing
    assert "10:00 04/03/2026" in listing  # the residence branch's own due time
    page = client.get(reverse("dossier:edit", args=(forked.pk,))).content.decode()
    assert "Ghi nhận kết quả nhánh liên thông" in page
    # The police are offered their own branch only.
    assert 'value="cu-tru"' in page and 'value="bhyt"' not in page and 'value="ho-tich"' not in page
    request = RequestFactory().get("/admin/")
    request.user = police
    branches = OneStopDashboard(request).get_context_data()["branches"]
    assert branches["total"] == 1


def test_the_control_slip_lists_every_branch_agency_and_its_answer(forked, desk, agencies_officers):
    from workflows.forms import hand_offs

    perform_action(
        forked,
        "finish_branch",
        agencies_officers["CONG-AN"],
        note="Xong",
        branch="cu-tru",
        now=at(2026, 3, 3, 9),
    )
    rows = [(r["from"], r["to"], r["timeliness"]) for r in hand_offs(forked)]
    desk_agency = desk["agency"].name
    for name in ("UBND phường Hồng Gai", "Công an phường", "BHXH tỉnh"):
        assert (desk_agency, name, "") in rows
    assert ("Công an phường", desk_agency, "early") in rows  # answered a day before its branch's due time
