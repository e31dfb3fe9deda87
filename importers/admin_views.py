"""The upload → preview → confirm pages in the Wagtail admin (django-import-export's own admin targets Django's).

They are views of `importers.viewsets.ImportRunViewSet` (its `get_urlpatterns`), which gives them their URLs,
namespace and permission policy: each needs the "add" permission on import runs, as uploading does."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from .models import ImportRun
from .profiles import get_profile, profile_names
from .services import ImportFailed, create_run, progress_of, retry_run, too_large_message
from .tasks import apply_import, preview_import

PERMISSION = "importers.add_importrun"  # the menu item's check; the views ask the policy for "add"


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Tệp phụ lục (.xlsx, .xls, .csv, .ods)"))
    profile = forms.ChoiceField(
        label=gettext_lazy("Loại bảng"),
        choices=[
            ("auto", gettext_lazy("Tự nhận diện")),
            *((n, get_profile(n).label) for n in profile_names()),
        ],
        initial="auto",
    )
    decision = forms.CharField(
        label=gettext_lazy("Số quyết định công bố (nếu là phụ lục của quyết định)"), required=False
    )
    plan = forms.CharField(label=gettext_lazy("Tên kế hoạch (nếu là bảng nhiệm vụ)"), required=False)
    as_of = forms.DateField(
        label=gettext_lazy("Số liệu tính đến ngày (nếu là bảng số liệu)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(too_large_message())
        return upload


class RunView(PermissionCheckedMixin, View):
    """What every import page shares: the viewset's policy and namespace, and the "add" permission."""

    model = ImportRun  # the policy Wagtail registers for it, unless the viewset passes its own
    permission_required = "add"
    url_namespace = ""

    def url(self, name: str, *args) -> str:
        return reverse(f"{self.url_namespace}:{name}", args=args)


class UploadView(RunView):
    def get(self, request: HttpRequest) -> HttpResponse:
        form = UploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            options = {k: str(data[k]) for k in ("decision", "plan", "as_of") if data.get(k)}
            try:
                run = create_run(
                    data["file"].read(),
                    data["file"].name,
                    profile=data["profile"],
                    user=request.user,
                    options=options,
                )
            except ImportFailed as exc:
                form.add_error("file", exc.message)
            else:
                if run.status == ImportRun.Status.QUEUED:
                    preview_import(run.pk)
                else:
                    messages.info(request, _("Tệp này đang được xử lý; đây là lượt nhập đang chạy."))
                return redirect(self.url("run", run.pk))
        runs = ImportRun.objects.select_related("created_by")[:20]
        return TemplateResponse(
            request,
            "importers/admin/upload.html",
            {"form": form, "runs": runs, "header_title": _("Nhập phụ lục Excel")},
        )

    post = get


class RunDetailView(RunView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        run = get_object_or_404(ImportRun.objects.select_related("created_by"), pk=pk)
        report = run.report or {}
        return TemplateResponse(
            request,
            "importers/admin/run.html",
            {
                "run": run,
                "report": report,
                "progress": progress_of(run),
                "records": report.get("records", [])[:500],
                "header_title": _("Nhập dữ liệu: %(filename)s") % {"filename": run.filename},
                "progress_url": self.url("progress", run.pk),
            },
        )


class RunProgressView(RunView):
    def get(self, request: HttpRequest, pk: int) -> JsonResponse:
        return JsonResponse(progress_of(get_object_or_404(ImportRun, pk=pk)))


class RunConfirmView(RunView):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        run = get_object_or_404(ImportRun, pk=pk)
        if run.status != ImportRun.Status.PREVIEW:
            messages.error(request, _("Chỉ xác nhận được lượt nhập đã kiểm tra xong và không có lỗi."))
        else:
            apply_import(run.pk)
            messages.success(request, _("Đã bắt đầu ghi dữ liệu."))
        return redirect(self.url("run", run.pk))


class RunRetryView(RunView):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        get_object_or_404(ImportRun, pk=pk)
        run, job = retry_run(pk)
        if job == "preview":
            preview_import(run.pk)
            messages.success(request, _("Đã chạy lại bước đọc và kiểm tra tệp."))
        elif job == "apply":
            apply_import(run.pk)
            messages.success(request, _("Đã chạy lại bước ghi dữ liệu."))
        elif run is not None and run.status == ImportRun.Status.QUARANTINED:
            messages.error(
                request,
                _("Lượt nhập này đã bị cách ly nên không thể chạy lại: %(why)s") % {"why": run.message},
            )
        elif run is not None and run.pk != pk:
            messages.info(request, _("Tệp này đang được xử lý ở một lượt khác; đây là lượt đó."))
        else:
            messages.error(request, _("Lượt nhập này đang chạy hoặc đã xong, không cần chạy lại."))
        return redirect(self.url("run", run.pk if run else pk))


class RunFileView(RunView):
    """The uploaded file as it was kept (private storage: only through this permission-checked view)."""

    def get(self, request: HttpRequest, pk: int) -> FileResponse:
        run = get_object_or_404(ImportRun, pk=pk)
        try:
            handle = run.file.open("rb")
        except (FileNotFoundError, ValueError) as exc:
            raise Http404(_("Không còn tệp của lượt nhập này.")) from exc
        return FileResponse(handle, as_attachment=True, filename=run.filename)


class RunCancelView(RunView):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        ImportRun.objects.filter(pk=pk, status=ImportRun.Status.PREVIEW).update(
            status=ImportRun.Status.CANCELLED
        )
        return redirect(self.url("upload"))
