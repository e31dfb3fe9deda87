"""Counts of dossiers kept per queue dimension by PostgreSQL triggers (issue 12 item 3).

A province's five years are millions of dossiers; the staff pages show the size of every queue and the year's
returned figures on every request. Counting rows on each request reads the whole open set (a quarter of a
million index entries at 5M) and the year's returned dossiers (close to a million). These tables hold the same
counts grouped by every column a queue or a permission scope filters on, so a page sums a few hundred rows.

They are written only by the triggers of migration 0018, in the same transaction as the dossier row they count
(an insert, an update of a counted column, a delete), so a count read from them is as exact as a recount.
SQLite (the embedded default) has no such triggers: there `workflows.tallies` counts the rows directly.
"""

from __future__ import annotations

from django.db import models


class OpenTally(models.Model):
    """Open dossiers per status and scope: the queues that do not depend on the clock (and the dashboard's)."""

    status = models.SmallIntegerField()
    agency_id = models.BigIntegerField()
    center_id = models.BigIntegerField()
    step_agency = models.CharField(max_length=32)
    step_group = models.CharField(max_length=150)
    # 0 for an unassigned dossier: a NULL would make every unassigned group a new row of the unique key.
    assignee_id = models.IntegerField()
    has_due = models.BooleanField()
    paused = models.BooleanField()
    n = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "status",
                    "agency_id",
                    "center_id",
                    "step_agency",
                    "step_group",
                    "assignee_id",
                    "has_due",
                    "paused",
                ],
                name="open_tally_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.status}/{self.agency_id}/{self.center_id}/{self.step_agency}: {self.n}"


class DueTally(models.Model):
    """Open dossiers with a due time, per UTC day of that due time and scope: "overdue" and "due soon" sum the
    whole days of their range here and count only the partial days at the ends from the rows."""

    agency_id = models.BigIntegerField()
    center_id = models.BigIntegerField()
    step_agency = models.CharField(max_length=32)
    paused = models.BooleanField()
    due_day = models.DateField()
    n = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["due_day", "agency_id", "center_id", "step_agency", "paused"], name="due_tally_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.due_day}/{self.agency_id}/{self.center_id}/{self.step_agency}: {self.n}"


class ReturnedTally(models.Model):
    """Returned dossiers per quarter of receipt, timeliness and scope: the dashboard's year figures."""

    agency_id = models.BigIntegerField()
    center_id = models.BigIntegerField()
    step_agency = models.CharField(max_length=32)
    # 0 when the dossier has no date of receipt (never the case for a returned one, but the key is not null).
    received_quarter = models.IntegerField()
    timeliness = models.CharField(max_length=16)
    n = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["received_quarter", "agency_id", "center_id", "step_agency", "timeliness"],
                name="returned_tally_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.received_quarter}/{self.agency_id}/{self.center_id}/{self.timeliness}: {self.n}"
