"""The admin composition: the dashboard a one-stop office opens every morning."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.ui.components import Component


class OneStopDashboard(Component):
    name = "motcua_dashboard"
    order = 50
    template_name = "cms/admin/dashboard_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        from catalog.models import Decision, Procedure
        from importers.models import ImportRun
        from workflows.counts import home_figures
        from workflows.models import Dossier, DossierBranch
        from workflows.models.dossiers import OPEN_STATUSES
        from workflows.permissions import officer_of, visible_dossiers

        now = timezone.now()
        today = timezone.localdate()
        dossiers = visible_dossiers(self.request.user)
        open_ = dossiers.filter(status__in=OPEN_STATUSES)
        # Summed from the queue tallies on PostgreSQL (workflows.counts): the open figures and the year's
        # returned dossiers without reading the open quarter-million rows or the year's million at 5M.
        figures, done = home_figures(self.request.user, now=now, year=today.year)
        # Ranges on the timestamp rather than `__date` (which wraps the column in a function): they read the
        # `dossier_recent` index for the days asked, not every dossier of five years.
        midnight = timezone.make_aware(dt.datetime.combine(today, dt.time()))
        # Parallel inter-agency branches waiting on the officer's own agency, by their own due time (Decree
        # 63/2024): the police's count of birth dossiers whose residence branch they still owe.
        branches = {}
        officer = officer_of(self.request.user)
        if officer is not None and not self.request.user.is_superuser:
            branches = DossierBranch.objects.filter(
                finished_at__isnull=True,
                step_agency=officer.agency.identifier,
                dossier__status__in=OPEN_STATUSES,
            ).aggregate(total=Count("pk"), overdue=Count("pk", filter=Q(step_due_at__lt=now)))
        return {
            "figures": figures,
            "branches": branches,
            "done": done,
            "received_today": dossiers.filter(
                received_at__gte=midnight, received_at__lt=midnight + dt.timedelta(days=1)
            ).count(),
            "procedures": Procedure.objects.published().count(),
            "drafts": Decision.objects.filter(live=False).count(),
            "imports": ImportRun.objects.select_related("created_by")[:5],
            "overdue_list": open_.filter(due_at__lt=now, paused_at__isnull=True)
            .select_related("procedure")
            .order_by("due_at")[:8],
            "Dossier": Dossier,
        }


@hooks.register("construct_homepage_panels")
def add_dashboard(request, panels):
    panels.append(OneStopDashboard(request))


@hooks.register("register_admin_viewset")
def register_api_tokens():
    """Wagtail 8's API token screens (issue, show once, revoke); Wagtail registers them only with its own v3
    API app installed, and our API (DRF) authenticates against the same tokens (cms.api.tokens)."""
    from django.apps import apps

    if apps.is_installed("wagtail.api.v3"):
        return []
    from wagtail.users.views.api_tokens import APITokenViewSet

    return APITokenViewSet("wagtailusers_api_tokens", url_prefix="api-tokens")
