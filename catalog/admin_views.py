"""The admin's *Sắp xếp đơn vị* page: upload a reorganisation plan, see what it would change, then apply it.

The same path as `manage.py reorganise`: `catalog.services.read_plan` and `apply_reorganisation` (a dry run
first; applying asks for the plan again, so what is applied is what was previewed). See docs/REORGANISATION.md.
"""

from __future__ import annotations

import json

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .services import PlanError, apply_reorganisation, read_plan

#: Reorganising moves agencies, centers and (through workflows) open dossiers: the agency editors' right.
PERMISSION = "catalog.change_agency"
MAX_PLAN_BYTES = 1_000_000


class PlanForm(forms.Form):
    plan = forms.CharField(
        label=gettext_lazy("Phương án (JSON)"),
        widget=forms.Textarea(attrs={"rows": 18, "spellcheck": "false"}),
        required=False,
    )
    file = forms.FileField(label=gettext_lazy("hoặc tải tệp phương án .json"), required=False)

    def clean(self):
        data = super().clean()
        text = data.get("plan") or ""
        upload = data.get("file")
        if upload is not None:
            if upload.size > MAX_PLAN_BYTES:
                raise forms.ValidationError(_("Tệp phương án quá lớn (tối đa 1 MB)."))
            try:
                text = upload.read().decode("utf-8")
            except UnicodeDecodeError:
                raise forms.ValidationError(_("Tệp phương án phải là văn bản UTF-8.")) from None
        if not text.strip():
            raise forms.ValidationError(_("Hãy dán hoặc tải lên phương án sắp xếp."))
        try:
            data["parsed"] = read_plan(json.loads(text))
        except json.JSONDecodeError as exc:
            raise forms.ValidationError(
                _("Phương án không phải JSON hợp lệ (dòng %(line)s): %(error)s")
                % {"line": exc.lineno, "error": exc.msg}
            ) from None
        except PlanError as exc:
            raise forms.ValidationError(exc.messages) from None
        data["text"] = text
        return data


def reorganise(request: HttpRequest) -> HttpResponse:
    if not (request.user.is_superuser or request.user.has_perm(PERMISSION)):
        raise PermissionDenied
    result = None
    if request.method == "POST":
        form = PlanForm(request.POST, request.FILES)
        if form.is_valid():
            apply = request.POST.get("apply") == "1"
            try:
                result = apply_reorganisation(
                    form.cleaned_data["parsed"], dry_run=not apply, user=request.user
                )
            except PlanError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
            else:
                if apply:
                    messages.success(
                        request,
                        _("Đã áp dụng phương án “%(name)s”: %(n)s thay đổi.")
                        % {"name": result.plan.name, "n": len(result.lines)},
                    )
                    request.session["reorganisation_report"] = result.as_dict()
                    return redirect("catalog_reorganise")
                # The preview's form carries the plan's text, so "apply" applies what was shown.
                form = PlanForm(initial={"plan": form.cleaned_data["text"]})
    else:
        form = PlanForm()
    return render(
        request,
        "catalog/admin/reorganise.html",
        {
            "form": form,
            "result": result,
            "applied": request.session.pop("reorganisation_report", None)
            if request.method == "GET"
            else None,
            "header_title": _("Sắp xếp đơn vị hành chính"),
        },
    )
