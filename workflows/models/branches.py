"""The parallel branches of a dossier at a fork (liên thông song song, Decree 63/2024)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .dossiers import Dossier


class DossierBranch(models.Model):
    """One branch a fork started: which step it is at, whose agency, its own due time and its result.

    The dossier stays at the fork step while any branch is open; the last branch to reach the join moves
    the dossier into the join step (`workflows.services.actions.branches`).
    """

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="branches")
    fork = models.CharField(_("bước tách"), max_length=64)
    first_step = models.CharField(_("bước đầu của nhánh"), max_length=64)
    step_code = models.CharField(_("bước hiện tại của nhánh"), max_length=64)
    step_agency = models.CharField(_("cơ quan xử lý"), max_length=32, blank=True)
    # The branch step's group, copied like `Dossier.step_group` so the agency's "mine" queue filters in SQL.
    step_group = models.CharField(_("nhóm xử lý"), max_length=150, blank=True)
    started_at = models.DateTimeField(_("bắt đầu"))
    step_started_at = models.DateTimeField()
    step_due_at = models.DateTimeField(_("hạn của bước"), null=True, blank=True)
    finished_at = models.DateTimeField(_("hoàn thành"), null=True, blank=True)
    timeliness = models.CharField(_("tiến độ"), max_length=16, blank=True)
    result = models.TextField(_("kết quả"), blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("nhánh liên thông")
        verbose_name_plural = _("nhánh liên thông")
        constraints = [
            models.UniqueConstraint(fields=["dossier", "fork", "first_step"], name="one_branch_per_fork_step")
        ]
        indexes = [
            # The branch agency's queues and scope ask "open branches of my agency" for every listed dossier.
            models.Index(
                fields=["step_agency", "dossier"],
                condition=models.Q(finished_at__isnull=True),
                name="branch_open_by_agency",
            )
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id}:{self.fork}/{self.first_step}"
