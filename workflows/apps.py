from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowsConfig(AppConfig):
    name = "workflows"
    verbose_name = _("Quy trình và hồ sơ")

    def ready(self) -> None:
        # Registers the action registry's system check, and with it the actions themselves.
        from . import checks  # noqa: F401
