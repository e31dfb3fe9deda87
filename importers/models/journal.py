"""What an apply changed, batch by batch, so that a run that fails midway can be undone."""

from __future__ import annotations

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from .runs import ImportRun


class ImportUndo(models.Model):
    """One step that undoes part of an apply; written in the same short transaction as the batch it undoes.

    ``kind`` is ``created`` (``data = {"pks": [...]}``: delete them), ``updated`` (``{"columns": [...],
    "rows": [[pk, value, ...], ...]}``: write the old values back) or ``replaced`` (``{"filter": {...},
    "rows": [{column: value}, ...]}``: delete what the filter matches now, insert the old rows again).
    """

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="undo_steps")
    model = models.CharField(max_length=100)  # "app_label.ModelName"
    kind = models.CharField(max_length=16)
    data = models.JSONField(encoder=DjangoJSONEncoder)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.run_id}: {self.kind} {self.model}"
