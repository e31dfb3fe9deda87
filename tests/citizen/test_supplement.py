"""Issue 13, supplement online: the officer's reason and missing components reach the applicant, who uploads
them on the status page; the dossier goes back through `perform_action` with the clock resumed."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from catalog.models import ProcedureComponent
from tests.factories import DossierFactory
from tests.factories.forms import pdf_bytes
from tests.workflows.conftest import at, new_dossier
from workflows.admin_forms import DossierActionForm
from workflows.models import ClockSegment, DossierEvent, DossierFile, DossierStatus, Notice
from workflows.services import ActionNotAllowed, perform_action, submit_supplement

APPLICANT = {
    "name": "Trần Thị Bình",
    "id_number": "022190004321",
    "phone": "0987654321",
    "email": "b@example.vn",
}
MISSING = ["Bản vẽ mặt bằng", "Giấy chứng nhận quyền sử dụng đất"]


@pytest.fixture(autouse=True)
def _components(desk):
    for n, name in enumerate(MISSING):
        ProcedureComponent.objects.create(procedure=desk["procedure"], name=name, sort_order=n)
    cache.clear()


def pdf(name="bo-sung.pdf"):
    return SimpleUploadedFile(name, pdf_bytes(), content_type="application/pdf")


def supplement_requested(desk):
    dossier = new_dossier(desk, at(2026, 3, 2, 9, 0), user=desk["desk"], **APPLICANT)
    dossier = perform_action(dossier, "transfer", desk["desk"], now=at(2026, 3, 2, 10, 0))
    return perform_action(
        dossier,
        "request_supplement",
        desk["specialist"],
        note="Thiếu bản vẽ",
        missing=MISSING,
        now=at(2026, 3, 3, 9, 0),
    )


def test_the_officer_ticks_missing_components_from_the_procedures_record(desk):
    dossier = new_dossier(desk, at(2026, 3, 2, 9, 0), user=desk["desk"], **APPLICANT)
    form = DossierActionForm(dossier=dossier, action="request_supplement")
    assert [name for name, _label in form.fields["missing"].choices] == MISSING
    assert [f.name for f in form.action_fields] == ["missing"]


def test_an_online_supplement_returns_the_dossier_with_the_clock_resumed(desk):
    # Received Mon 2/3 09:00, due Mon 9/3 09:00; paused Tue 3/3 09:00 → Thu 5/3 09:00: due Wed 11/3 09:00.
    dossier = supplement_requested(desk)
    dossier = submit_supplement(
        dossier, [(MISSING[0], pdf()), (MISSING[1], pdf("gcn.pdf"))], now=at(2026, 3, 5, 9, 0)
    )
    assert dossier.status == DossierStatus.PROCESSING and dossier.paused_at is None
    assert dossier.due_at == at(2026, 3, 11, 9, 0)
    segment = ClockSegment.objects.get(dossier=dossier)
    assert (segment.start, segment.end) == (at(2026, 3, 3, 9, 0), at(2026, 3, 5, 9, 0))
    files = DossierFile.objects.filter(dossier=dossier, source="supplement")
    event = DossierEvent.objects.get(dossier=dossier, action="supplement_submitted")
    assert sorted(event.data["files"]) == sorted(f.pk for f in files)
    assert {f.component for f in files} == set(MISSING)


def test_a_supplement_can_be_requested_at_reception_before_the_clock_starts(desk):
    dossier = DossierFactory(
        procedure=desk["procedure"], center=desk["center"], channel="online", submitted_online=True
    )
    assert dossier.status == DossierStatus.NEW
    dossier = perform_action(dossier, "request_supplement", desk["desk"], note="Ảnh mờ", missing=MISSING[:1])
    assert dossier.status == DossierStatus.SUPPLEMENT and dossier.received_at is None
    assert not ClockSegment.objects.filter(dossier=dossier).exists()
    dossier = submit_supplement(dossier, [(MISSING[0], pdf())])
    assert dossier.status == DossierStatus.NEW and dossier.due_at is None
    dossier = perform_action(dossier, "receive", desk["desk"])
    assert dossier.status == DossierStatus.RECEIVED and dossier.due_at is not None


def test_a_supplement_without_files_or_outside_a_request_is_refused_and_writes_nothing(desk):
    dossier = supplement_requested(desk)
    with pytest.raises(ActionNotAllowed):
        submit_supplement(dossier, [])
    dossier = submit_supplement(dossier, [(MISSING[0], pdf())])
    with pytest.raises(ActionNotAllowed):
        submit_supplement(dossier, [(MISSING[0], pdf())])
    assert DossierFile.objects.filter(dossier=dossier, source="supplement").count() == 1


def test_the_officers_button_is_not_offered_for_the_applicants_action(desk):
    from workflows.admin_views import available_actions

    dossier = supplement_requested(desk)
    names = {a["name"] for a in available_actions(dossier, desk["desk"])}
    assert "supplement_received" in names and "supplement_submitted" not in names


def test_the_applicant_sees_the_reason_and_list_and_uploads_on_the_status_page(
    desk, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        dossier = supplement_requested(desk)
    # The notice names the missing components, once per channel.
    notices = Notice.objects.filter(dossier=dossier, event__action="request_supplement")
    assert notices.count() == 2 and all(MISSING[1] in n.body for n in notices)
    assert MISSING[0] in mail.outbox[-1].body

    url = f"/ho-so-truc-tuyen/ho-so/{dossier.code.lower()}/"
    assert "Mở hồ sơ" in client.get(url).content.decode()  # a stranger's browser: the unlock form only
    assert client.post(url, {"secret": "0000"}).status_code == 404
    assert client.post(url, {"secret": dossier.lookup_secret}).status_code == 302
    page = client.get(f"/ho-so-truc-tuyen/ho-so/{dossier.code}/").content.decode()
    assert "Thiếu bản vẽ" in page and all(name in page for name in MISSING)

    # One component missing: refused with a message, nothing written.
    refused = client.post(f"/ho-so-truc-tuyen/ho-so/{dossier.code}/", {"file-0": pdf()})
    assert refused.status_code == 400 and MISSING[1] in refused.content.decode()
    assert not DossierFile.objects.filter(dossier=dossier).exists()

    done = client.post(
        f"/ho-so-truc-tuyen/ho-so/{dossier.code}/", {"file-0": pdf(), "file-1": pdf("gcn.pdf")}
    )
    assert done.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.PROCESSING and dossier.paused_at is None
    assert DossierFile.objects.filter(dossier=dossier, source="supplement").count() == 2
    page = client.get(done["Location"]).content.decode()
    assert "Đã gửi hồ sơ bổ sung" in page and "Cần bổ sung" not in page


def test_the_lookup_shows_what_the_supplement_needs(desk, client):
    dossier = supplement_requested(desk)
    answer = client.post(
        "/api/v1/lookup/",
        {"code": dossier.code, "secret": dossier.lookup_secret},
        content_type="application/json",
    )
    assert answer.json()["supplement"]["components"] == MISSING
    page = client.post("/tra-cuu/", {"code": dossier.code, "secret": dossier.lookup_secret}).content.decode()
    assert (
        "Thiếu bản vẽ" in page and MISSING[1] in page and f"/ho-so-truc-tuyen/ho-so/{dossier.code}/" in page
    )


def test_guessing_the_secret_on_the_status_page_locks_the_code_from_any_address(desk, client):
    """The attack: rotate addresses and guess a dossier's secret on its status page. The code locks after
    CODE_MAX_FAILURES misses whatever the address, and even the right secret waits out the lock."""
    from workflows.services.access import CODE_MAX_FAILURES

    cache.clear()
    dossier = supplement_requested(desk)
    url = f"/ho-so-truc-tuyen/ho-so/{dossier.code}/"
    for attempt in range(CODE_MAX_FAILURES):
        wrong = client.post(url, {"secret": f"WRONG{attempt}"}, REMOTE_ADDR=f"203.0.113.{attempt + 1}")
        assert wrong.status_code == 404
    locked = client.post(url, {"secret": dossier.lookup_secret}, REMOTE_ADDR="198.51.100.7")
    assert locked.status_code == 429
    assert dossier.pk not in (client.session.get("eforms.status-dossiers") or [])
