"""Wagtail hooks of the online forms (Wagtail discovers `<app>/wagtail_hooks.py`)."""

from __future__ import annotations

from django.template.loader import render_to_string
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .admin import OnlineFormsViewSetGroup, SubmissionPermissionPolicy, declaration_context
from .pages import DeclarationFormPage
from .submissions import OnlineSubmission


@hooks.register("register_admin_viewset")
def register_viewsets():
    # Registered before the viewset asks for it, or Wagtail would fall back to a plain model policy.
    register_permission_policy(OnlineSubmission, SubmissionPermissionPolicy(OnlineSubmission))
    return OnlineFormsViewSetGroup()


@hooks.register("filter_form_submissions_for_user")
def keep_dossiers_out_of_form_submissions(user, editable_forms):
    """Wagtail's “Forms” listing shows submissions to page editors; declarations hold citizens' personal data
    and belong to officers (the “Hồ sơ nộp trực tuyến” listing, filtered by who may see each dossier)."""
    return editable_forms.not_type(DeclarationFormPage)


@hooks.register("dossier_page_panels")
def online_declaration_panel(request, dossier) -> str:
    """The online declaration's answers and files on the officer's dossier page (workflows renders what
    this hook returns; the page itself already checked that the officer may see the dossier)."""
    submission = OnlineSubmission.objects.filter(dossier=dossier).first()
    if submission is None:
        return ""
    return render_to_string("eforms/admin/declaration_panel.html", declaration_context(submission), request)
