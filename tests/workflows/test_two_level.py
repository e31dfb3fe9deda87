"""Decree 118/2025: a center receives for any agency of the province; center and competent agency are two scopes."""

import datetime as dt

import pytest

from catalog.models import Center
from tests.factories import AgencyFactory, AgencyLevelFactory, CenterFactory, DossierFactory, ProcedureFactory
from tests.factories.scenarios import officer
from tests.workflows.conftest import at
from workflows.admin_forms import ReceiveForm
from workflows.models import Dossier, DossierStatus
from workflows.permissions import Role, denial_reason, visible_dossiers
from workflows.queues import queue_q
from workflows.services import ActionNotAllowed, ReceptionError, perform_action
from workflows.services.setup import RECEPTION_GROUP, SPECIALIST_GROUP

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_level():
    province = AgencyLevelFactory(code="province")
    commune = AgencyLevelFactory(code="commune")
    top = AgencyFactory(identifier="000.00.00.H22", name="UBND tỉnh Quảng Ninh", level=province)
    ha_long = AgencyFactory(identifier="000.00.61.H22", name="UBND phường Hạ Long", level=commune, parent=top)
    bai_chay = AgencyFactory(
        identifier="000.00.62.H22", name="UBND phường Bãi Cháy", level=commune, parent=top
    )
    center = CenterFactory(code="ttpvhcc-halong", kind=Center.Kind.COMMUNE_CENTER, agency=ha_long)
    procedure = ProcedureFactory(code="1.001193", name="Đăng ký khai sinh", agency=bai_chay)
    desk = {"agency": ha_long, "center": center}
    processing = {"agency": bai_chay, "center": None}
    return {
        "top": top,
        "ha_long": ha_long,
        "bai_chay": bai_chay,
        "center": center,
        "procedure": procedure,
        "desk": officer("tiepnhan", desk, groups=[RECEPTION_GROUP, SPECIALIST_GROUP]),
        "specialist": officer("chuyenvien", processing, groups=[RECEPTION_GROUP, SPECIALIST_GROUP]),
    }


def test_a_center_receives_for_another_commune_of_the_province(two_level):
    t = two_level
    dossier = DossierFactory(procedure=t["procedure"], center=t["center"], agency=t["bai_chay"])
    assert (dossier.center, dossier.agency) == (t["center"], t["bai_chay"])
    # The code is the receiving center's: the applicant was given it at that desk.
    assert dossier.code.startswith("000.00.61.H22-")


def test_an_agency_of_another_province_or_a_merged_one_is_refused(two_level):
    t = two_level
    other = AgencyFactory(identifier="000.00.00.H26", name="UBND tỉnh Hải Dương", level=t["top"].level)
    with pytest.raises(ReceptionError, match="chỉ tiếp nhận hồ sơ của các cơ quan trong tỉnh"):
        DossierFactory(procedure=t["procedure"], center=t["center"], agency=other)
    t["bai_chay"].active = False
    t["bai_chay"].merged_into = t["ha_long"]
    t["bai_chay"].save()
    with pytest.raises(ReceptionError, match="thuộc thẩm quyền của UBND phường Hạ Long"):
        DossierFactory(procedure=t["procedure"], center=t["center"], agency=t["bai_chay"])


def test_a_closed_center_receives_nothing_after_its_closing_day_but_kept_its_old_dossiers(two_level):
    t = two_level
    old = CenterFactory(code="bpmc-baichay", kind=Center.Kind.COMMUNE_DESK, agency=t["bai_chay"])
    before = DossierFactory(procedure=t["procedure"], center=old, received_at=at(2025, 6, 27, 9, 0))
    Center.objects.filter(pk=old.pk).update(closed_on=dt.date(2025, 7, 1), successor=t["center"])
    old.refresh_from_db()
    with pytest.raises(
        ReceptionError, match=r"đã ngừng tiếp nhận hồ sơ từ ngày 01/07/2025\. Nay tiếp nhận tại"
    ):
        DossierFactory(procedure=t["procedure"], center=old, received_at=at(2025, 7, 2, 9, 0))
    before.refresh_from_db()
    assert before.center == old
    form = ReceiveForm(user=t["desk"])
    assert old not in form.fields["center"].queryset and t["center"] in form.fields["center"].queryset
    assert t["bai_chay"] in form.fields["agency"].queryset


def test_the_center_receives_and_returns_the_competent_agency_processes(two_level):
    t = two_level
    dossier = DossierFactory(
        procedure=t["procedure"], center=t["center"], agency=t["bai_chay"], user=t["desk"]
    )
    # Both see it: the center for reception, the agency for processing.
    assert visible_dossiers(t["desk"]).filter(pk=dossier.pk).exists()
    assert visible_dossiers(t["specialist"]).filter(pk=dossier.pk).exists()
    # At the reception step the center's officer hands it over to the competent agency.
    perform_action(dossier, "transfer", t["desk"], note="Chuyển UBND phường Bãi Cháy")
    dossier.refresh_from_db()
    assert dossier.status in (DossierStatus.RECEIVED, DossierStatus.PROCESSING)
    with pytest.raises(ActionNotAllowed, match="đang ở bước giải quyết của UBND phường Bãi Cháy"):
        perform_action(dossier, "transfer", t["desk"], note="Không phải việc của nơi tiếp nhận")
    assert denial_reason(t["specialist"], dossier, Role.STEP_GROUP) is None
    perform_action(dossier, "transfer", t["specialist"], note="Thẩm định xong")


def test_queues_put_reception_at_the_center_and_processing_at_the_agency(two_level):
    t = two_level
    dossier = DossierFactory(
        procedure=t["procedure"], center=t["center"], agency=t["bai_chay"], user=t["desk"]
    )

    def queue(user, key):
        return set(visible_dossiers(user).filter(queue_q(key, user=user)).values_list("pk", flat=True))

    assert dossier.status == DossierStatus.RECEIVED
    assert dossier.pk in queue(t["specialist"], "to_process") and not queue(t["desk"], "to_process")
    Dossier.objects.filter(pk=dossier.pk).update(status=DossierStatus.DONE)
    assert dossier.pk in queue(t["desk"], "to_return") and not queue(t["specialist"], "to_process")


def test_the_api_receives_for_a_competent_agency_and_says_which(two_level, client):
    t = two_level
    client.force_login(t["desk"])
    body = {
        "procedure": "1.001193",
        "center": "ttpvhcc-halong",
        "agency": "000.00.62.H22",
        "channel": "direct",
        "applicant": {"name": "Vũ Thị Hoa", "phone": "0912000111"},
    }
    made = client.post("/api/v1/dossiers/", body, content_type="application/json")
    assert made.status_code == 201, made.content
    assert (made.json()["center"], made.json()["agency"]) == ("ttpvhcc-halong", "000.00.62.H22")
    unknown = client.post(
        "/api/v1/dossiers/", {**body, "agency": "000.00.99.H22"}, content_type="application/json"
    )
    assert unknown.status_code == 400
    assert unknown.json()["error"]["message"] == "Không có cơ quan có thẩm quyền với mã định danh đã gửi."
