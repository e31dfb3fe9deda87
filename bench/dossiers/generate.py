"""Bulk generation of benchmark dossiers: N rows across the agencies and two years, inserted in batches.

The rows are shaped like real ones (codes, statuses by age, due dates, early / on time / late, pauses) but skip
the service layer, which the action benchmark measures on its own: a million receptions through the
calendar engine would time the engine, not the dashboard. Their workflow snapshot is a reference only.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

from django.db import transaction
from django.utils import timezone

from catalog.models import Agency, AgencyLevel, Center, Procedure
from workflows.models import DailySequence, Dossier, DossierStatus
from workflows.services import default_workflow_for

S = DossierStatus
BATCH = 20_000


def make_catalog(agencies: int) -> list[tuple[Agency, Center, Procedure]]:
    level, _ = AgencyLevel.objects.get_or_create(code="province", defaults={"name": "Cấp tỉnh", "order": 1})
    out = []
    for i in range(agencies):
        agency, _ = Agency.objects.get_or_create(
            identifier=f"000.00.{i % 100:02d}.H22" if i < 100 else f"000.{i % 100:02d}.01.H22",
            defaults={"name": f"Cơ quan đo tải {i}", "level": level},
        )
        center, _ = Center.objects.get_or_create(
            code=f"bench-{i}",
            defaults={"name": f"Bộ phận một cửa {i}", "kind": "district_desk", "agency": agency},
        )
        procedure, _ = Procedure.objects.get_or_create(
            code=f"1.{900000 + i:06d}",
            defaults={
                "name": f"Thủ tục đo tải {i}",
                "agency": agency,
                "processing_time_text": "05 ngày làm việc",
                "processing_time_value": 5,
                "processing_time_unit": "working_day",
            },
        )
        default_workflow_for(procedure)
        out.append((agency, center, procedure))
    return out


def generate(n: int, catalog, *, now: dt.datetime, seed: int = 61) -> Counter:
    rng = random.Random(seed)
    workflows = {p.pk: default_workflow_for(p) for _, _, p in catalog}
    sequences: Counter = Counter()
    statuses: Counter = Counter()
    span = 730 * 24 * 3600
    batch = []
    for k in range(n):
        agency, center, procedure = catalog[k % len(catalog)]
        received = now - dt.timedelta(seconds=rng.randrange(span))
        local = timezone.localtime(received)
        sequences[(agency.pk, local.date())] += 1
        budget_days = rng.choice((1, 3, 5, 5, 7, 10, 15, 20))
        due = received + dt.timedelta(days=budget_days * 7 / 5)
        row = Dossier(
            code=f"{agency.identifier}-{local:%y%m%d}-{sequences[(agency.pk, local.date())]:04d}",
            procedure=procedure,
            center=center,
            agency=agency,
            workflow=workflows[procedure.pk],
            workflow_snapshot={"workflow": workflows[procedure.pk].pk, "version": 1},
            channel=rng.choice(("direct", "direct", "online", "postal")),
            applicant_name=f"Người nộp {k}",
            applicant_phone=f"09{k:08d}",
            rule_set="decree_118_2025" if received.date() >= dt.date(2025, 7, 1) else "decree_61_2018",
            received_at=received,
            received_quarter=Dossier.quarter_of(received),
            due_at=due,
            step_code="tham-dinh",
            step_group="Chuyên viên",
        )
        settled = due < now - dt.timedelta(days=3) or (
            rng.random() < 0.5 and received < now - dt.timedelta(days=10)
        )
        if settled:
            r = rng.random()
            if r < 0.93:
                finished = received + (due - received) * rng.uniform(0.3, 1.25)
                row.status, row.finished_at = S.RETURNED, finished
                row.returned_at = finished + dt.timedelta(hours=rng.randrange(1, 48))
                row.timeliness = (
                    "early"
                    if finished < due - dt.timedelta(hours=4)
                    else ("on_time" if finished <= due else "late")
                )
            else:
                row.status = rng.choice((S.WITHDRAWN, S.STOPPED, S.NOT_RECEIVED))
                row.finished_at = received + dt.timedelta(days=1)
        else:
            row.status = rng.choice(
                (S.RECEIVED, S.PROCESSING, S.PROCESSING, S.PROCESSING, S.SUPPLEMENT, S.FINANCIAL, S.DONE)
            )
            if row.status == S.SUPPLEMENT:
                row.paused_at = received + dt.timedelta(days=1)
            row.overdue = row.paused_at is None and due < now
        statuses[row.status] += 1
        batch.append(row)
        if len(batch) == BATCH:
            with transaction.atomic():
                Dossier.objects.bulk_create(batch, batch_size=2_000)
            batch = []
    if batch:
        with transaction.atomic():
            Dossier.objects.bulk_create(batch, batch_size=2_000)
    # The daily sequences the desks would have advanced, so later receptions continue after these codes.
    prefixes = {agency.pk: agency.identifier for agency, _, _ in catalog}
    DailySequence.objects.bulk_create(
        [DailySequence(prefix=prefixes[a], day=d, last=last) for (a, d), last in sequences.items()],
        batch_size=5_000,
    )
    return statuses
