"""A citizen submits: one dossier in status 1 in the center's queue, nothing lost on errors, no duplicates."""

import re
import uuid

from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from eforms.services import submit_declaration
from eforms.submissions import OnlineSubmission, PendingUpload
from tests.factories.forms import png_bytes, zip_bytes
from workflows.models import Dossier, DossierFile, DossierStatus
from workflows.permissions import visible_dossiers
from workflows.services import perform_action

from .conftest import valid_data


def test_a_valid_submission_becomes_a_new_online_dossier_in_the_centers_queue(client, desk):
    page = desk["page"]
    response = client.post(page.url, valid_data())
    assert response.status_code == 200
    dossier = Dossier.objects.get()
    assert (dossier.status, dossier.channel, dossier.center, dossier.procedure) == (
        DossierStatus.NEW,
        "online",
        desk["center"],
        desk["procedure"],
    )
    assert dossier.received_at is None  # the clock starts when an officer receives it
    assert (dossier.applicant_name, dossier.applicant_id_number, dossier.applicant_phone) == (
        "Nguyễn Văn An",
        "022090001234",
        "0912345678",
    )
    assert dossier.applicant_address == "Số 5 đường Hạ Long, Phường Bãi Cháy, Tỉnh Quảng Ninh"
    assert [c["name"] for c in dossier.components] == ["Đơn đề nghị"]
    body = response.content.decode()
    assert dossier.code in body and dossier.lookup_secret in body  # the code and the lookup secret
    submission = OnlineSubmission.objects.get()
    assert submission.form_data["so_cccd"] == "022090001234"
    assert submission.form_data["nguoi_nop"] == "Tự nộp"
    assert "nguoi_duoc_uy_quyen" not in submission.form_data  # hidden by its condition
    assert submission.revision_id == page.live_revision_id
    stored = DossierFile.objects.get()
    assert (stored.dossier, stored.content_type, stored.original_name) == (
        dossier,
        "application/pdf",
        "don-de-nghi.pdf",
    )
    # The officer of the center finds it waiting to be received, and receiving starts the clock.
    queue = visible_dossiers(desk["officer"]).filter(status=DossierStatus.NEW)
    assert list(queue) == [dossier]
    perform_action(dossier, "receive", desk["officer"])
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.RECEIVED and dossier.due_at is not None


def test_the_applicant_gets_an_email_with_the_code(client, desk, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(desk["page"].url, valid_data())
    dossier = Dossier.objects.get()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["an@example.vn"]
    assert dossier.code in mail.outbox[0].subject and dossier.code in mail.outbox[0].body
    assert "mã bí mật tra cứu" in mail.outbox[0].body


def test_sending_the_same_form_twice_makes_one_dossier(client, desk, django_capture_on_commit_callbacks):
    data = valid_data()
    token = data["_token"]
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(desk["page"].url, data)
        again = valid_data(_token=token)  # a resend: same token, files sent again
        second = client.post(desk["page"].url, again)
    assert Dossier.objects.count() == 1 and OnlineSubmission.objects.count() == 1
    code = Dossier.objects.get().code
    assert code in first.content.decode() and code in second.content.decode()
    assert "đã được gửi trước đó" in second.content.decode()
    assert len(mail.outbox) == 1


def test_two_clicks_racing_past_the_first_check_still_make_one_dossier(desk, rf):
    """Both requests passed the "already submitted?" check; the unique token lets one insert win."""
    page = desk["page"]
    token = uuid.uuid4().hex
    forms = []
    for _ in range(2):
        data = valid_data(_token=token)
        upload = data.pop("don_de_nghi")
        form = page.get_form(data, {"don_de_nghi": upload}, page=page, user=None, form_token=token)
        assert form.is_valid(), form.errors
        forms.append(form)
    first = submit_declaration(page, forms[0], token)
    second = submit_declaration(page, forms[1], token)
    assert first.pk == second.pk and second.replayed and not first.replayed
    assert Dossier.objects.count() == 1 and DossierFile.objects.count() == 1


def test_a_failed_attempt_keeps_what_was_typed_and_uploaded(client, desk, django_capture_on_commit_callbacks):
    page = desk["page"]
    data = valid_data(so_cccd="022090001", ho_va_ten="Lê Thị Cúc")
    data["anh_giay_to"] = SimpleUploadedFile("anh.png", png_bytes(), content_type="image/png")
    response = client.post(page.url, data)
    body = response.content.decode()
    assert response.status_code == 200 and Dossier.objects.count() == 0
    assert "Số CCCD phải có đúng 12 chữ số" in body
    assert 'value="Lê Thị Cúc"' in body and 'value="0912 345 678"' in body
    assert "Đã tải lên: <strong>don-de-nghi.pdf</strong>" in body and "anh.png" in body
    assert PendingUpload.objects.count() == 2
    keep = dict(re.findall(r'name="([a-z_]+)__keep" value="([^"]+)"', body))
    assert set(keep) == {"don_de_nghi", "anh_giay_to"}
    # Second attempt: only the fixed field and the form's references to the kept files.
    retry = valid_data(_token=data["_token"], don_de_nghi=None)
    retry.update({f"{name}__keep": token for name, token in keep.items()})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page.url, retry)
    dossier = Dossier.objects.get()
    assert dossier.code in response.content.decode()
    assert sorted(f.original_name for f in DossierFile.objects.filter(dossier=dossier)) == [
        "anh.png",
        "don-de-nghi.pdf",
    ]
    assert PendingUpload.objects.count() == 0


def test_a_file_refused_by_its_content_is_not_kept_and_says_why(client, desk):
    data = valid_data(don_de_nghi=SimpleUploadedFile("don.pdf", zip_bytes(), content_type="application/pdf"))
    body = client.post(desk["page"].url, data).content.decode()
    assert "Nội dung tệp “don.pdf” không phải loại được nhận (PDF)" in body
    assert PendingUpload.objects.count() == 0 and Dossier.objects.count() == 0


def test_a_kept_file_cannot_be_claimed_by_another_form(client, desk):
    data = valid_data(so_cccd="1")
    body = client.post(desk["page"].url, data).content.decode()
    keep = re.search(r'name="don_de_nghi__keep" value="([^"]+)"', body).group(1)
    stranger = valid_data(don_de_nghi=None, don_de_nghi__keep=keep)  # a new token
    body = client.post(desk["page"].url, stranger).content.decode()
    assert "không còn giữ được" in body and Dossier.objects.count() == 0


def test_the_conditional_field_is_required_once_its_condition_holds(client, desk):
    body = client.post(desk["page"].url, valid_data(nguoi_nop="Ủy quyền")).content.decode()
    assert "Vui lòng điền “Người được ủy quyền”." in body and Dossier.objects.count() == 0
    client.post(desk["page"].url, valid_data(nguoi_nop="Ủy quyền", nguoi_duoc_uy_quyen="Lê Văn Dũng"))
    assert OnlineSubmission.objects.get().form_data["nguoi_duoc_uy_quyen"] == "Lê Văn Dũng"


def test_a_submission_keeps_the_version_it_was_filled_in_with(client, desk):
    page = desk["page"]
    client.post(page.url, valid_data())
    submission = OnlineSubmission.objects.get()
    first_revision = page.live_revision_id
    page.form_fields.filter(clean_name="ho_va_ten").update(label="Họ, chữ đệm và tên")
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.live_revision_id != first_revision
    submission.refresh_from_db()
    assert submission.revision_id == first_revision
    assert [s.label for s in submission.specs() if s.clean_name == "ho_va_ten"] == ["Họ và tên"]


def test_files_are_stored_privately_never_under_media(client, desk):
    client.post(desk["page"].url, valid_data())
    stored = DossierFile.objects.get()
    path = stored.file.path
    assert path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not path.startswith(str(settings.MEDIA_ROOT))
    assert client.get(settings.MEDIA_URL + stored.file.name).status_code == 404


def test_a_closed_procedure_refuses_the_dossier_in_vietnamese_and_keeps_the_form(client, desk):
    desk["procedure"].status = "abolished"
    desk["procedure"].save()
    body = client.post(desk["page"].url, valid_data()).content.decode()
    assert "không còn được áp dụng" in body and 'value="Nguyễn Văn An"' in body
    assert Dossier.objects.count() == 0 and OnlineSubmission.objects.count() == 0
    assert DossierFile.objects.count() == 0 and PendingUpload.objects.count() == 1
