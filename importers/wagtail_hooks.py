from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views
from .viewsets import ImportersViewSetGroup

admin_urls = [
    path("", admin_views.upload, name="upload"),
    path("<int:pk>/", admin_views.run_detail, name="run"),
    path("<int:pk>/progress/", admin_views.run_progress, name="progress"),
    path("<int:pk>/confirm/", admin_views.run_confirm, name="confirm"),
    path("<int:pk>/retry/", admin_views.run_retry, name="retry"),
    path("<int:pk>/cancel/", admin_views.run_cancel, name="cancel"),
    path("<int:pk>/file/", admin_views.run_file, name="file"),
]


@hooks.register("register_admin_urls")
def register_urls():
    return [path("nhap-phu-luc/", include((admin_urls, "importers_admin"), namespace="importers_admin"))]


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
