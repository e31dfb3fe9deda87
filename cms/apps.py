from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Cổng thông tin")

    def ready(self):
        from . import exports, inputs

        exports.install()
        inputs.install()
