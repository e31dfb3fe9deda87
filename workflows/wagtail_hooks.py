from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .models import Dossier, DossierAccess
from .permissions import AccessLogPermissionPolicy, DossierPermissionPolicy

# Registered before any viewset asks for it: Wagtail falls back to a plain model policy otherwise.
register_permission_policy(Dossier, DossierPermissionPolicy(Dossier))
register_permission_policy(DossierAccess, AccessLogPermissionPolicy(DossierAccess))

from .viewsets import WorkflowsViewSetGroup  # noqa: E402


@hooks.register("register_admin_viewset")
def register_viewsets():
    return WorkflowsViewSetGroup()
