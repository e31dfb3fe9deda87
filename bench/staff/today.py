"""Today's staff pages (main before the queue tallies, issue 12 item 3), as the benchmark's baseline.

On main every count was recounted from the rows on each request: the queue tabs by one aggregate over the
visible open dossiers (`workflows.queues.queue_counts`), the admin home by aggregates over the open dossiers
and the year's returned ones. That is still the path SQLite takes (`workflows.counts` with `tallies_kept()`
false). Main's officer scope tested its branch part with a correlated EXISTS, and its listing rendered every
cell through a template with an "Edit" dropdown per row, counted every listing's rows and left
PostgreSQL's JIT compilation on. `run.py` swaps these in for the "today" half of each
measurement, so both halves render the same pages, on the same data, in the same process.
"""

from __future__ import annotations

from django.db.models import Q
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views.generic import IndexView

import workflows.counts as counts
import workflows.permissions as permissions
from workflows.admin_views import DossierIndexView, QuickBooleanColumn, QuickColumn


def tallies_kept() -> bool:
    return False


def branch_scope_q(agency_identifier: str, **filters) -> Q:
    return Q(permissions.open_branches_of(agency_identifier, **filters))


# (owner, attribute, today's value): run.py keeps the current value as "new" and swaps between the two.
PATCHES = [
    (counts, "tallies_kept", tallies_kept),
    (permissions, "branch_scope_q", branch_scope_q),
    (QuickColumn, "render_cell_html", Column.render_cell_html),
    (QuickBooleanColumn, "render_cell_html", BooleanColumn.render_cell_html),
    (DossierIndexView, "get_list_more_buttons", IndexView.get_list_more_buttons),
    # Main counted every listing's rows (capped), where a queue's tab now takes its tallied count.
    (DossierIndexView, "get_paginator", IndexView.get_paginator),
]
# Main's connections left PostgreSQL's JIT on (its default); cms.settings turns it off now.
JIT = "on"
