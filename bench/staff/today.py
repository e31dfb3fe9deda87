"""Today's staff-page counts (main before the queue tallies, issue 12 item 3), as the benchmark's baseline.

Before the tallies every count was recounted from the rows on each request: the queue tabs by one aggregate
over the visible open dossiers (`workflows.queues.queue_counts`), the admin home by aggregates over the open
dossiers and the year's returned ones. That is still the code path SQLite takes (`workflows.counts` with
`tallies_kept()` false), so `run.py` patches this in for the "today" half of each measurement: both halves
render the same pages, on the same data, in the same process.
"""

from __future__ import annotations


def tallies_kept() -> bool:
    return False
