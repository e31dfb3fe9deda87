"""Catalog background jobs (huey): scheduled publishing and decisions whose effective date has come."""

from __future__ import annotations

import logging

from django.core.management import call_command
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task, lock_task

from .services import apply_decision, due_decisions

logger = logging.getLogger(__name__)


@db_periodic_task(crontab(minute="*/5"))
@lock_task("catalog-apply-due-decisions")
def apply_due_decisions() -> int:
    """Publish what Wagtail scheduled, then apply every published decision that has become effective."""
    call_command("publish_scheduled")
    applied = 0
    for decision in due_decisions():
        applied += apply_decision(decision)
    if applied:
        logger.info("Applied %d decision items", applied)
    return applied


@db_task()
def log_catalog_search(q: str, results: int, quality: str) -> None:
    """Count a citizen's search (masked of personal data) off the request: a search page writes nothing."""
    from .services.search_log import log_search

    log_search(q, results, quality)
