"""The reports app's public API: periodic reports, evaluation indicators and the service index.

Everything is computed from what happened (dossiers, their `DossierEvent`s, applicants' ratings, the catalog),
never typed in. Views, the API, the jobs and `cms` call these:

- `parse_period(text)` / `parse_scope(text)` read `2026-Q4` / `agency:12`; bad input raises
  `ReportInputError` with a Vietnamese message.
- `dossier_report(period, scope)` is the statutory periodic report (rows per agency, totals that add up);
  `recount(period, scope)` recounts it dossier by dossier from the events (tests, benchmark).
- `report_xlsx(report)` is that report as a workbook in its printed layout.
"""

from reports.periods import Period, ReportInputError, Scope, parse_period, parse_scope, period_containing

from .dossier_report import COLUMNS, LABELS, DossierReport, ReportRow, dossier_report
from .recount import recount

__all__ = [
    "COLUMNS",
    "LABELS",
    "DossierReport",
    "Period",
    "ReportInputError",
    "ReportRow",
    "Scope",
    "dossier_report",
    "parse_period",
    "parse_scope",
    "period_containing",
    "recount",
]
