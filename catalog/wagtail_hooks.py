from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from . import admin_views
from .viewsets import CatalogViewSetGroup

register_snippet(CatalogViewSetGroup)


@hooks.register("register_admin_urls")
def register_urls():
    return [path("sap-xep-don-vi/", admin_views.reorganise, name="catalog_reorganise")]


class ReorganiseMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser or request.user.has_perm(admin_views.PERMISSION)


@hooks.register("register_admin_menu_item")
def reorganise_menu_item():
    from django.utils.translation import gettext_lazy as _

    return ReorganiseMenuItem(
        _("Sắp xếp đơn vị"), reverse("catalog_reorganise"), icon_name="resubmit", order=250
    )
