from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .models import Dossier
from .permissions import DossierPermissionPolicy

# Registered before any viewset asks for it: Wagtail falls back to a plain model policy otherwise.
register_permission_policy(Dossier, DossierPermissionPolicy(Dossier))

from .viewsets import WorkflowsViewSetGroup  # noqa: E402


@hooks.register("register_admin_viewset")
def register_viewsets():
    return WorkflowsViewSetGroup()
