"""A dossier's files: the one store for every file a dossier holds, whoever wrote it (the online form, the
desk's digitised copies, later supplements and results).

Files live in `STORAGES["private"]`, which has no public URL: the officer's view and the applicant's view hand
them out after their permission checks (Law 91/2025/QH15 on personal data protection). `Dossier.components`
is only the checklist (component names, originals and copies), never a path.
"""

from __future__ import annotations

import uuid

from django.core.files.storage import storages
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .dossiers import Dossier

# What a browser may show inline (the officer's preview); anything else is a download.
PREVIEWABLE = {"application/pdf", "image/jpeg", "image/png", "image/webp"}


def private_storage():
    return storages["private"]


def random_name(filename: str) -> str:
    # Never the citizen's file name in the path: it is kept in `original_name` and sent back on download.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"{uuid.uuid4().hex}.{extension}"


def dossier_file_path(instance: DossierFile, filename: str) -> str:
    day = timezone.localdate()
    return f"dossiers/{day:%Y/%m}/{instance.dossier_id}/{random_name(filename)}"


class DossierFile(models.Model):
    class Source(models.TextChoices):
        ONLINE = "online", _("Nộp trực tuyến")
        DESK = "desk", _("Số hóa tại bộ phận tiếp nhận")
        SUPPLEMENT = "supplement", _("Bổ sung")
        RESULT = "result", _("Kết quả giải quyết")

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="files")
    component = models.CharField(_("thành phần hồ sơ"), max_length=255)
    # The form field that asked for it (online), empty for the desk's files.
    component_code = models.CharField(_("mã thành phần"), max_length=255, blank=True)
    file = models.FileField(storage=private_storage, upload_to=dossier_file_path, max_length=255)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(max_length=128, blank=True)
    size = models.PositiveIntegerField(_("dung lượng"))
    sha256 = models.CharField(max_length=64, blank=True)
    source = models.CharField(_("nguồn"), max_length=16, choices=Source.choices)
    uploaded_at = models.DateTimeField(_("thời điểm tải lên"), default=timezone.now)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("tệp hồ sơ")
        verbose_name_plural = _("tệp hồ sơ")

    def __str__(self) -> str:
        return self.original_name

    @property
    def previewable(self) -> bool:
        return self.content_type in PREVIEWABLE

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


class ApplicantDocument(models.Model):
    """The applicant's e-document store (Kho quản lý dữ liệu điện tử, Decree 45/2020 art. 16): a digitised
    document, such as a signed result, kept under the applicant's ID so a later dossier attaches it instead
    of a new upload. The bytes stay in the dossier file it came from."""

    id_number = models.CharField(_("số định danh"), max_length=32, db_index=True)
    name = models.CharField(_("tên giấy tờ"), max_length=255)
    source_file = models.ForeignKey(
        DossierFile, verbose_name=_("tệp gốc"), on_delete=models.PROTECT, related_name="documents"
    )
    issued_at = models.DateTimeField(_("ngày cấp"), default=timezone.now)

    class Meta:
        ordering = ["-issued_at", "-pk"]
        verbose_name = _("giấy tờ điện tử của người nộp")
        verbose_name_plural = _("giấy tờ điện tử của người nộp")

    def __str__(self) -> str:
        return self.name
