"""The officers' admin: listing and queues, the dossier page and its actions, the desk's reception form."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tests.factories import AgencyFactory, CenterFactory, OfficerFactory, UserFactory
from tests.workflows.conftest import PERMS, at, new_dossier
from workflows.models import Dossier, DossierEvent, DossierStatus
from workflows.services import perform_action
from workflows.services.setup import RECEPTION_GROUP, SPECIALIST_GROUP

ADMIN = "wagtailadmin.access_admin"


@pytest.fixture
def admin_desk(desk):
    for key in ("desk", "specialist", "leader"):
        UserFactory(username=desk[key].username, perms=[ADMIN])
    return desk


def receive(desk, when=None, name="Hoàng Văn Minh"):
    when = when or at(2026, 3, 2, 9, 0)
    return new_dossier(desk, when, user=desk["desk"], name=name, id_number="022085001111", phone="0987654321")


def reception_form(desk, **fields):
    """What the desk's reception form posts for a person applicant, plus `fields`."""
    return {
        "procedure": desk["procedure"].pk,
        "center": desk["center"].pk,
        "channel": "direct",
        "applicant_kind": "person",
        **fields,
    }


def page_url(dossier):
    return reverse("dossier:edit", args=(dossier.pk,))


def act(client, dossier, action, **fields):
    data = {"action": action, f"{action}-version": fields.pop("version", dossier.version)}
    data.update({f"{action}-{k}": v for k, v in fields.items()})
    return client.post(page_url(dossier), data, follow=True)


def messages_of(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


@pytest.fixture
def stranger(db):
    user = UserFactory(username="sokhac", groups=[RECEPTION_GROUP], perms=[*PERMS, ADMIN])
    agency = AgencyFactory(identifier="000.00.31.H22", name="Sở Tư pháp")
    OfficerFactory(user=user, agency=agency, center=CenterFactory(code="tu-phap", agency=agency))
    return user


def test_the_listing_shows_only_the_officers_own_dossiers_with_queue_tabs(admin_desk, stranger, client):
    mine = receive(admin_desk)
    client.force_login(admin_desk["desk"])
    html = client.get(reverse("dossier:index")).content.decode()
    assert mine.code in html and "Chờ trả kết quả" in html and "Quá hạn" in html
    client.force_login(stranger)
    assert mine.code not in client.get(reverse("dossier:index")).content.decode()


def test_the_queues_filter_the_listing(admin_desk, client):
    waiting = receive(admin_desk, name="Người chờ bổ sung")
    waiting = perform_action(waiting, "transfer", admin_desk["desk"], now=at(2026, 3, 2, 10, 0))
    perform_action(
        waiting,
        "request_supplement",
        admin_desk["specialist"],
        note="Thiếu bản vẽ",
        missing=["Bản vẽ"],
        now=at(2026, 3, 2, 11),
    )
    fresh = receive(admin_desk, name="Người vừa nộp")
    client.force_login(admin_desk["desk"])
    listing = client.get(reverse("dossier:index"), {"queue": "waiting_supplement"}).content.decode()
    assert waiting.code in listing and fresh.code not in listing
    listing = client.get(reverse("dossier:index"), {"queue": "to_process"}).content.decode()
    assert fresh.code in listing and waiting.code not in listing


def test_the_dossier_page_shows_record_history_ledger_and_forms(admin_desk, client):
    dossier = receive(admin_desk)
    dossier = perform_action(dossier, "transfer", admin_desk["desk"], now=at(2026, 3, 2, 10, 0))
    perform_action(
        dossier,
        "request_supplement",
        admin_desk["specialist"],
        note="Thiếu bản vẽ",
        missing=["Bản vẽ"],
        now=at(2026, 3, 3, 9, 0),
    )
    client.force_login(admin_desk["desk"])
    html = client.get(page_url(dossier)).content.decode()
    assert dossier.code in html and "Hoàng Văn Minh" in html
    assert "Yêu cầu bổ sung, hoàn thiện hồ sơ" in html and "Thiếu bản vẽ" in html
    assert "Tạm dừng" in html and "đang dừng" in html
    assert reverse("dossier-print", args=(dossier.code, "supplement_request")) in html
    assert "Đã nhận hồ sơ bổ sung" in html


def test_an_officer_of_another_agency_cannot_open_the_page(admin_desk, stranger, client):
    dossier = receive(admin_desk)
    client.force_login(stranger)
    assert client.get(page_url(dossier)).status_code == 404
    assert act(client, dossier, "refuse", note="x").status_code == 404
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.RECEIVED


def test_an_action_through_the_page_moves_the_dossier(admin_desk, client):
    dossier = receive(admin_desk)
    client.force_login(admin_desk["desk"])
    response = act(client, dossier, "transfer", note="Chuyển thẩm định")
    assert "Đã thực hiện" in messages_of(response)
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.PROCESSING and dossier.step_code == "tham-dinh"
    assert dossier.step_group == SPECIALIST_GROUP


def test_a_refused_action_shows_the_reason_and_changes_nothing(admin_desk, client):
    dossier = receive(admin_desk)
    dossier = perform_action(dossier, "transfer", admin_desk["desk"], now=at(2026, 3, 2, 10, 0))
    before = (dossier.status, dossier.step_code, dossier.version, DossierEvent.objects.count())
    client.force_login(admin_desk["desk"])
    response = act(client, dossier, "appraise")
    assert "Bước hiện tại do nhóm “Chuyên viên” xử lý." in messages_of(response)
    response = act(client, dossier, "approve")
    assert "Chỉ lãnh đạo mới được thực hiện thao tác này." in messages_of(response)
    response = act(client, dossier, "supplement_received")
    assert "Không thể nhận hồ sơ bổ sung khi hồ sơ đang ở trạng thái “Đang xử lý”." in messages_of(response)
    dossier.refresh_from_db()
    assert (dossier.status, dossier.step_code, dossier.version, DossierEvent.objects.count()) == before


def test_a_stale_page_gets_a_conflict_and_changes_nothing(admin_desk, client):
    dossier = receive(admin_desk)
    stale_version = dossier.version
    perform_action(dossier, "transfer", admin_desk["desk"], now=at(2026, 3, 2, 10, 0))
    client.force_login(admin_desk["desk"])
    response = act(client, dossier, "withdraw", version=stale_version, note="Rút")
    assert "vừa được người khác xử lý" in messages_of(response)
    assert Dossier.objects.get(pk=dossier.pk).status == DossierStatus.PROCESSING


def test_a_leader_reschedules_with_a_new_date_and_the_apology_prints(admin_desk, client, settings):
    dossier = receive(admin_desk, when=timezone.now())
    client.force_login(admin_desk["leader"])
    response = act(client, dossier, "reschedule", note="Chờ ý kiến phối hợp", new_due="2099-01-05T16:00")
    assert "Đã thực hiện" in messages_of(response), messages_of(response)
    dossier.refresh_from_db()
    assert dossier.rescheduled and dossier.due_at.year == 2099
    html = client.get(page_url(dossier)).content.decode()
    assert reverse("dossier-print", args=(dossier.code, "apology_reschedule")) in html


def test_assigning_only_to_an_officer_of_the_steps_group(admin_desk, client):
    dossier = receive(admin_desk)
    dossier = perform_action(dossier, "transfer", admin_desk["desk"], now=at(2026, 3, 2, 10, 0))
    client.force_login(admin_desk["leader"])
    response = act(client, dossier, "assign", assignee=admin_desk["desk"].pk)
    # The desk officer is not in the specialists' group.
    assert "không thuộc nhóm, cơ quan xử lý bước hiện tại" in messages_of(response)
    assert Dossier.objects.get(pk=dossier.pk).assignee_id is None
    act(client, dossier, "assign", assignee=admin_desk["specialist"].pk)
    assert Dossier.objects.get(pk=dossier.pk).assignee_id == admin_desk["specialist"].pk


def test_the_desk_receives_a_dossier_with_a_digitised_file(admin_desk, stranger, client):
    client.force_login(admin_desk["desk"])
    form = client.get(reverse("dossier:add"))
    assert form.status_code == 200 and "Tiếp nhận và cấp mã hồ sơ" in form.content.decode()
    response = client.post(
        reverse("dossier:add"),
        reception_form(
            admin_desk,
            name="Trịnh Thị Hoa",
            phone="0911000222",
            components="Đơn đề nghị | 1 | 0\nBản vẽ thiết kế | 0 | 2",
            files=[SimpleUploadedFile("ban-ve.pdf", b"%PDF-1.4 test", content_type="application/pdf")],
        ),
    )
    dossier = Dossier.objects.get(applicant_name="Trịnh Thị Hoa")
    assert response.status_code == 302 and response["Location"] == page_url(dossier)
    assert dossier.code.startswith("000.00.12.H22-") and dossier.status == DossierStatus.RECEIVED
    assert [c["name"] for c in dossier.components][:2] == ["Đơn đề nghị", "Bản vẽ thiết kế"]
    # The checklist names the digitised copy; the file itself is one `DossierFile` row, stored privately.
    assert dossier.components[2] == {"name": "ban-ve.pdf", "originals": 0, "copies": 1, "digitised": True}
    stored = dossier.files.get()
    assert (stored.source, stored.original_name, stored.size) == ("desk", "ban-ve.pdf", 13)
    assert stored.sha256 == hashlib.sha256(b"%PDF-1.4 test").hexdigest()
    file_url = reverse("dossier:file", args=(dossier.pk, stored.pk))
    response = client.get(file_url)
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"
    assert "ban-ve.pdf" in response["Content-Disposition"]
    assert "/media/" not in stored.file.name and not stored.file.name.endswith("ban-ve.pdf")
    client.force_login(stranger)
    assert client.get(file_url).status_code == 404


def test_the_reception_form_refuses_without_a_lookup_secret(admin_desk, client):
    client.force_login(admin_desk["desk"])
    response = client.post(reverse("dossier:add"), reception_form(admin_desk, name="Không Có Số"))
    assert response.status_code == 200 and "Cần số định danh hoặc số điện thoại" in response.content.decode()
    assert not Dossier.objects.exists()


def test_dossiers_and_their_history_cannot_be_edited_or_deleted_in_the_admin(admin_desk, client):
    dossier = receive(admin_desk)
    client.force_login(admin_desk["leader"])
    assert client.get(reverse("dossier:delete", args=(dossier.pk,))).status_code in (302, 403)
    assert client.post(reverse("dossier:delete", args=(dossier.pk,))).status_code in (302, 403)
    assert Dossier.objects.filter(pk=dossier.pk).exists()
    html = client.get(page_url(dossier)).content.decode()
    assert "dossierevent" not in html
    from wagtail.admin.viewsets import viewsets

    assert not [v for v in viewsets.viewsets if getattr(v, "model", None) is DossierEvent]
