"""Issue 13, the electronic result: signed with the configured certificate (verified here against a test
certificate made in the test), downloadable from the status page, kept for the applicant's later dossiers."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from fpdf import FPDF

from tests.workflows.conftest import new_dossier
from workflows.models import ApplicantDocument, DossierEvent, DossierFile
from workflows.services import ActionNotAllowed, attach_result, perform_action, reuse_document
from workflows.services.results import SigningUnavailable

APPLICANT = {
    "name": "Phạm Văn Dũng",
    "id_number": "022080009876",
    "phone": "0977000111",
    "email": "d@example.vn",
}


@pytest.fixture
def certificate(tmp_path, settings):
    """A self-signed signing certificate for the test, configured as the agency's."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Sở Xây dựng (thử nghiệm)")])
    now = dt.datetime.now(dt.UTC)
    usage = x509.KeyUsage(
        digital_signature=True,
        content_commitment=True,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=True,
        crl_sign=False,
        encipher_only=False,
        decipher_only=False,
    )
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(usage, critical=True)
        .sign(key, hashes.SHA256())
    )
    key_file, cert_file = tmp_path / "key.pem", tmp_path / "cert.pem"
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(b"mat-khau"),
        )
    )
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    settings.RESULT_SIGNING_KEY, settings.RESULT_SIGNING_CERT = str(key_file), str(cert_file)
    settings.RESULT_SIGNING_PASSPHRASE = "mat-khau"
    return cert_file


def result_pdf() -> SimpleUploadedFile:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="Giay phep xay dung so 12/GPXD")
    return SimpleUploadedFile("giay-phep.pdf", bytes(pdf.output()), content_type="application/pdf")


def approved(desk):
    dossier = new_dossier(desk, None, user=desk["desk"], **APPLICANT)
    dossier = perform_action(dossier, "transfer", desk["desk"])
    dossier = perform_action(dossier, "appraise", desk["specialist"])
    return perform_action(dossier, "approve", desk["leader"])


def verify(data: bytes, cert_file) -> object:
    from pyhanko.keys import load_cert_from_pemder
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    signature = PdfFileReader(io.BytesIO(data)).embedded_signatures[0]
    return validate_pdf_signature(
        signature, ValidationContext(trust_roots=[load_cert_from_pemder(str(cert_file))])
    )


def test_the_result_is_signed_kept_and_its_signature_verifies(desk, certificate):
    dossier = approved(desk)
    dossier = attach_result(dossier, result_pdf(), desk["leader"])
    stored = DossierFile.objects.get(dossier=dossier, source="result")
    with stored.file.open("rb") as handle:
        status = verify(handle.read(), certificate)
    assert status.intact and status.valid and status.trusted
    assert "Sở Xây dựng" in status.signing_cert.subject.human_friendly
    event = DossierEvent.objects.get(dossier=dossier, action="attach_result")
    assert event.data == {"file": stored.pk}
    document = ApplicantDocument.objects.get(id_number=APPLICANT["id_number"])
    assert document.source_file == stored


def test_a_tampered_result_fails_verification(desk, certificate):
    dossier = attach_result(approved(desk), result_pdf(), desk["leader"])
    stored = DossierFile.objects.get(dossier=dossier, source="result")
    data = bytearray(stored.file.open("rb").read())
    # One byte of the page's (compressed) content, inside the signed range.
    index = data.index(b"stream") + 12
    data[index] ^= 0x01
    assert not verify(bytes(data), certificate).intact


def test_no_certificate_or_not_a_pdf_attaches_nothing(desk, certificate, settings):
    dossier = approved(desk)
    with pytest.raises(ActionNotAllowed, match="PDF"):
        attach_result(dossier, SimpleUploadedFile("a.pdf", b"not a pdf"), desk["leader"])
    settings.RESULT_SIGNING_CERT = ""
    with pytest.raises(SigningUnavailable):
        attach_result(dossier, result_pdf(), desk["leader"])
    assert not DossierFile.objects.filter(dossier=dossier).exists()
    assert not ApplicantDocument.objects.exists()


def test_the_applicant_downloads_the_signed_result_from_the_status_page(desk, certificate, client):
    dossier = attach_result(approved(desk), result_pdf(), desk["leader"])
    url = reverse("forms:status", kwargs={"code": dossier.code})
    stored = DossierFile.objects.get(dossier=dossier, source="result")
    # The lookup secret shows the status and the result's existence, but opens no file (issue 11).
    client.post(url, {"secret": dossier.lookup_secret})
    page = client.get(url).content.decode()
    assert "Kết quả điện tử" in page and reverse("forms:file", args=(stored.pk,)) not in page
    assert client.get(reverse("forms:file", args=(stored.pk,))).status_code == 404
    # The one-time link sent to the applicant's email and phone opens the files in this browser.
    from workflows.services.access import file_link

    client.get(reverse("forms:open-files", args=[file_link(dossier.pk)]))
    page = client.get(url).content.decode()
    assert reverse("forms:file", args=(stored.pk,)) in page
    download = client.get(reverse("forms:file", args=(stored.pk,)))
    body = b"".join(download.streaming_content)
    assert download.status_code == 200 and verify(body, certificate).valid


def test_the_officer_attaches_the_result_on_the_dossier_page(desk, certificate, client):
    from tests.factories import UserFactory

    UserFactory(username=desk["leader"].username, perms=["wagtailadmin.access_admin"])
    dossier = approved(desk)
    client.force_login(desk["leader"])
    url = reverse("dossier:edit", args=(dossier.pk,))
    assert "Đính kèm kết quả điện tử" in client.get(url).content.decode()
    client.post(
        url,
        {
            "action": "attach_result",
            "attach_result-version": dossier.version,
            "attach_result-result_file": result_pdf(),
        },
    )
    assert DossierFile.objects.filter(dossier=dossier, source="result").count() == 1


def test_a_later_dossier_of_the_same_applicant_reuses_the_kept_result(desk, certificate):
    first = attach_result(approved(desk), result_pdf(), desk["leader"])
    document = ApplicantDocument.objects.get()
    later = new_dossier(desk, None, user=desk["desk"], **APPLICANT)
    copy = reuse_document(later, document)
    assert copy.dossier == later and copy.sha256 == document.source_file.sha256
    assert copy.component.startswith("Kết quả giải quyết")
    stranger = new_dossier(desk, None, user=desk["desk"], name="Người khác", phone="0911222333")
    with pytest.raises(ActionNotAllowed):
        reuse_document(stranger, document)
    assert first.pk != later.pk
