from django.shortcuts import redirect
from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views
from .viewsets import ImportersViewSetGroup, ImportRunViewSet


def _moved(request, rest: str = ""):
    """The run history's old addresses (/admin/importrun/…) lead to where the viewset serves them now; the
    method and body are kept (307/308), so an old form's POST still lands."""
    if rest in ("", "results/"):
        target = reverse(f"{ImportRunViewSet.url_namespace}:{'index_results' if rest else 'index'}")
    else:
        target = f"{reverse('wagtailadmin_home')}{ImportRunViewSet.url_prefix}/{rest}"
    if request.META.get("QUERY_STRING"):
        target += "?" + request.META["QUERY_STRING"]
    return redirect(target, permanent=True, preserve_request=True)


@hooks.register("register_admin_urls")
def register_urls():
    old = [path("", _moved, name="index"), path("<path:rest>", _moved)]
    return [path(f"{ImportRunViewSet.old_url_prefix}/", include((old, "importrun"), namespace="importrun"))]


@hooks.register("register_admin_viewset")
def register_viewsets():
    return ImportersViewSetGroup()


class UploadMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.PERMISSION)


@hooks.register("register_admin_menu_item")
def upload_menu_item():
    return UploadMenuItem(
        "Nhập phụ lục Excel", reverse("importers_admin:upload"), icon_name="upload", order=300
    )
