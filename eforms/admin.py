"""Admin of the online forms: the shared templates (snippets with drafts, revisions and preview) and the
officers' list of online submissions with the answers and previews of the files."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import SnippetViewSet

from workflows.permissions import visible_dossiers

from .shared import SharedForm
from .submissions import OnlineSubmission
from .validation import address_text, human_size


def visible_submissions(user):
    return OnlineSubmission.objects.filter(dossier__in=visible_dossiers(user)).select_related(
        "dossier", "procedure", "center"
    )


class SubmissionPermissionPolicy(ModelPermissionPolicy):
    """Officers who may see dossiers see their online submissions; nobody edits or deletes one here."""

    def user_has_permission(self, user, action: str) -> bool:
        if not (user and user.is_active and user.is_authenticated) or action != "view":
            return False
        return (
            user.is_superuser
            or user.has_perm("workflows.view_dossier")
            or user.has_perm("workflows.act_on_dossier")
        )

    def user_has_permission_for_instance(self, user, action: str, instance) -> bool:
        return (
            self.user_has_permission(user, action)
            and visible_submissions(user).filter(pk=instance.pk).exists()
        )

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return OnlineSubmission.objects.none()
        return visible_submissions(user)


def declaration_context(submission: OnlineSubmission) -> dict:
    """The declaration as the officer reads it (each answer of the version it was filled in with, files
    linked), shared by the submission's inspect view and the panel on the dossier page."""
    files = {f.pk: f for f in submission.files.all()}
    answers = []
    for row in submission.answers():
        spec, value = row["spec"], row["value"]
        if spec.field_type == "address":
            value = address_text(value)
        elif spec.field_type == "file" and isinstance(value, dict):
            value = files.get(value.get("file"))
        elif isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        elif isinstance(value, bool):
            value = "Có" if value else "Không"
        answers.append({"spec": spec, "value": value, "answered": spec.clean_name in submission.form_data})
    return {
        "submission": submission,
        "answers": answers,
        "files": [{"file": f, "size": human_size(f.size)} for f in files.values()],
    }


class SubmissionIndexView(generic.IndexView):
    def get_base_queryset(self):
        return visible_submissions(self.request.user)


class SubmissionInspectView(generic.InspectView):
    template_name = "eforms/admin/submission_inspect.html"

    def get_object(self, queryset=None):
        return get_object_or_404(visible_submissions(self.request.user), pk=self.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(declaration_context(self.object), dossier_url=self._dossier_url(self.object))
        return context

    def _dossier_url(self, submission) -> str | None:
        # The dossier page (actions such as “receive”) belongs to the workflows app's admin.
        try:
            return reverse("dossier:edit", args=[submission.dossier_id])
        except NoReverseMatch:
            return None


def _dossier_status(submission) -> str:
    return submission.dossier.get_status_display() if submission.dossier_id else ""


class OnlineSubmissionViewSet(ModelViewSet):
    model = OnlineSubmission
    icon = "form"
    menu_label = _("Hồ sơ nộp trực tuyến")
    url_prefix = "ho-so-truc-tuyen"
    index_view_class = SubmissionIndexView
    inspect_view_class = SubmissionInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = []  # never edited: the permission policy refuses add, change and delete to everyone
    list_display = [
        Column("dossier", label=_("Mã hồ sơ"), accessor="dossier"),
        "applicant_name",
        "procedure",
        "center",
        Column("status", label=_("Trạng thái"), accessor=_dossier_status),
        "submit_time",
    ]
    list_filter = ["center", "dossier__status"]
    search_fields = ["applicant_name", "dossier__code"]
    list_per_page = 50


class SharedFormViewSet(SnippetViewSet):
    model = SharedForm
    icon = "doc-full"
    menu_label = _("Mẫu tờ khai dùng chung")
    url_prefix = "mau-to-khai"
    list_display = ["title", "procedure", "live"]
    search_fields = ["title"]


class OnlineFormsViewSetGroup(ViewSetGroup):
    menu_label = _("Nộp hồ sơ trực tuyến")
    menu_icon = "form"
    menu_order = 110
    items = (OnlineSubmissionViewSet, SharedFormViewSet)
