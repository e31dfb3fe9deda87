"""What a citizen's submission leaves behind: the submission (with the form version it was filled in with),
and files held between a failed attempt and the next one. The dossier's files themselves are workflows'
`DossierFile` rows, written through `workflows.services.store_file`.

Files live in `STORAGES["private"]`, which has no public URL: `views.serve_file` hands them out after a
permission check (Law 91/2025/QH15 on personal data protection).
"""

from __future__ import annotations

import uuid

from django.core.files.storage import storages
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.models import AbstractFormSubmission

from .specs import FieldSpec


def private_storage():
    return storages["private"]


def _random_name(filename: str) -> str:
    # Never the citizen's file name in the path: it is kept in `original_name` and sent back on download.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"{uuid.uuid4().hex}.{extension}"


def pending_file_path(instance: PendingUpload, filename: str) -> str:
    return f"pending/{instance.form_token.hex}/{_random_name(filename)}"


class OnlineSubmission(AbstractFormSubmission):
    """One submitted declaration; its token (carried by the form) makes a resent form the same submission."""

    # Wagtail's column cascades; a submission outlives its page (the dossier and the snapshot stay).
    page = models.ForeignKey("wagtailcore.Page", null=True, on_delete=models.SET_NULL, related_name="+")
    token = models.UUIDField(_("mã lượt nộp"), unique=True, editable=False)
    dossier = models.OneToOneField(
        "workflows.Dossier",
        verbose_name=_("hồ sơ"),
        null=True,
        on_delete=models.PROTECT,
        related_name="online_submission",
    )
    center = models.ForeignKey("catalog.Center", verbose_name=_("nơi tiếp nhận"), on_delete=models.PROTECT)
    procedure = models.ForeignKey("catalog.Procedure", verbose_name=_("thủ tục"), on_delete=models.PROTECT)
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("phiên bản biểu mẫu"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The fields as they were when the citizen filled the form in: later edits never change how it reads.
    definition = models.JSONField(_("định nghĩa biểu mẫu"), default=list, encoder=DjangoJSONEncoder)
    applicant_name = models.CharField(_("người nộp"), max_length=255, blank=True)
    # Set when a signed-in citizen submitted it: the dossier is theirs whatever ID number they typed.
    citizen = models.ForeignKey(
        "eforms.Citizen",
        verbose_name=_("tài khoản công dân"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submissions",
    )

    class Meta:
        ordering = ["-submit_time", "-pk"]
        verbose_name = _("hồ sơ nộp trực tuyến")
        verbose_name_plural = _("hồ sơ nộp trực tuyến")

    def __str__(self) -> str:
        return self.dossier.code if self.dossier_id else str(self.token)

    def specs(self) -> list[FieldSpec]:
        return [FieldSpec.from_dict(d) for d in self.definition]

    @property
    def files(self):
        """The dossier's files, kept in workflows' one store (`DossierFile`), not beside the submission."""
        return self.dossier.files.all()

    def answers(self) -> list[dict]:
        """Each field of the version it was filled in with, with what the citizen gave (or None)."""
        rows = []
        for spec in self.specs():
            rows.append({"spec": spec, "value": self.form_data.get(spec.clean_name)})
        return rows


class PendingUpload(models.Model):
    """A valid file from an attempt that failed on other fields; the next attempt refers to it by a signed
    reference, so the citizen does not upload it again. Purged after two days."""

    form_token = models.UUIDField(db_index=True)
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    field_name = models.CharField(max_length=255)
    file = models.FileField(storage=private_storage, upload_to=pending_file_path, max_length=255)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=128)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("tệp tải lên tạm")
        verbose_name_plural = _("tệp tải lên tạm")

    def __str__(self) -> str:
        return self.original_name
