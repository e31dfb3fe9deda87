from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class UsersConfig(WagtailUsersAppConfig):
    """Wagtail's users app with the staff listing that leaves citizens' accounts out (cms.users)."""

    user_viewset = "cms.users.StaffUserViewSet"
    default = False  # named in INSTALLED_APPS; "cms" alone must still find CmsConfig


class CmsConfig(AppConfig):
    # With more than one AppConfig in this module (and Wagtail's imported), Django picks the one marked default;
    # without the mark it silently fell back to a bare AppConfig and ready() never ran.
    default = True
    name = "cms"
    verbose_name = _("Cổng thông tin")

    def ready(self):
        from . import exports, inputs

        exports.install()
        inputs.install()
