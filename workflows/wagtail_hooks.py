from wagtail import hooks

from .viewsets import WorkflowsViewSetGroup


@hooks.register("register_admin_viewset")
def register_viewsets():
    return WorkflowsViewSetGroup()
