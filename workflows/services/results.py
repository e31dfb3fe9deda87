"""Electronic results: the officer's PDF is signed with the agency's configured certificate (pyHanko, a PAdES
signature added as an incremental update), kept as one of the dossier's files (source "result"), recorded by
the `attach_result` action through `perform_action`, and filed in the applicant's e-document store
(`ApplicantDocument`, by ID number) so a later dossier attaches it instead of a new upload.
"""

from __future__ import annotations

import io

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction

from workflows.models import ApplicantDocument, Dossier, DossierFile

from .actions import ActionNotAllowed, perform_action
from .files import store_file

RESULT_NAME = "Kết quả giải quyết"
MAX_RESULT_BYTES = 20 * 1024 * 1024


class SigningUnavailable(ActionNotAllowed):
    """No certificate is configured: a result cannot be attached unsigned."""


def sign_pdf(data: bytes) -> bytes:
    """`data` with the agency's signature added (RESULT_SIGNING_KEY / _CERT / _PASSPHRASE)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    if not (settings.RESULT_SIGNING_KEY and settings.RESULT_SIGNING_CERT):
        raise SigningUnavailable("Chưa cấu hình chứng thư số của cơ quan để ký kết quả điện tử.")
    passphrase = settings.RESULT_SIGNING_PASSPHRASE.encode() or None
    signer = signers.SimpleSigner.load(
        settings.RESULT_SIGNING_KEY, settings.RESULT_SIGNING_CERT, key_passphrase=passphrase
    )
    if signer is None:
        raise SigningUnavailable("Không đọc được khóa hoặc chứng thư số đã cấu hình.")
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(data))
    except Exception:  # pyHanko's reader raises several kinds on a damaged file
        raise ActionNotAllowed("Tệp kết quả không phải tệp PDF đọc được.") from None
    meta = signers.PdfSignatureMetadata(field_name="KetQuaGiaiQuyet", reason="Kết quả giải quyết TTHC")
    return signers.sign_pdf(writer, meta, signer=signer).getvalue()


def attach_result(dossier: Dossier, upload, user, *, note: str = "", name: str = RESULT_NAME) -> Dossier:
    """Sign and keep the result; raises `ActionNotAllowed` (not a PDF, no certificate, wrong state)."""
    data = upload.read()
    if not data.startswith(b"%PDF-") or len(data) > MAX_RESULT_BYTES:
        raise ActionNotAllowed("Kết quả điện tử phải là tệp PDF, tối đa 20 MB.")
    signed = sign_pdf(data)
    stored: DossierFile | None = None
    try:
        with transaction.atomic():
            stored = store_file(
                dossier,
                ContentFile(signed, name=f"ket-qua-{dossier.code}.pdf"),
                component=name,
                source_kind=DossierFile.Source.RESULT,
                content_type="application/pdf",
            )
            dossier = perform_action(dossier, "attach_result", user, note=note, file=stored.pk)
            if dossier.applicant_id_number:
                ApplicantDocument.objects.create(
                    id_number=dossier.applicant_id_number,
                    name=f"{name}: {dossier.procedure.name}"[:255],
                    source_file=stored,
                )
    except Exception:
        if stored is not None:
            stored.file.delete(save=False)
        raise
    return dossier


def applicant_documents(id_number: str):
    """The applicant's kept documents, newest first."""
    if not id_number:
        return ApplicantDocument.objects.none()
    return ApplicantDocument.objects.filter(id_number=id_number).select_related("source_file")


def reuse_document(
    dossier: Dossier, document: ApplicantDocument, *, source_kind: str = "desk"
) -> DossierFile:
    """Attach a kept document to another dossier of the same applicant (a copy of its bytes)."""
    if not dossier.applicant_id_number or document.id_number != dossier.applicant_id_number:
        raise ActionNotAllowed("Giấy tờ này không thuộc người nộp hồ sơ.")
    original = document.source_file
    return store_file(
        dossier,
        original.file,
        component=document.name,
        source_kind=source_kind,
        original_name=original.original_name,
        content_type=original.content_type,
    )
