"""Forms of the officers' admin: the workflow editor's checker, the desk's reception form, the action forms."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminModelForm

from catalog.formfields import CleanCharField
from catalog.models import Agency, Center, Procedure
from catalog.models.procedures import Channel, ProcedureComponent

from .models import Dossier
from .permissions import Role, denial_reason, eligible_assignees
from .services.actions import actions
from .services.checker import Finding, check_workflow
from .services.reception import checklist

# What a required field of an action's form says when it is left empty.
REQUIRED_MESSAGES = {
    "assignee": "Cần chọn cán bộ được phân công.",
    "new_due": "Cần chọn ngày hẹn trả mới.",
    "missing": "Cần chọn ít nhất một giấy tờ phải bổ sung, hoàn thiện.",
    "branch": "Cần chọn nhánh liên thông.",
    "result_file": "Cần chọn tệp PDF kết quả.",
}


class WorkflowAdminForm(WagtailAdminModelForm):
    """Runs the checker on what the editor is about to save; an active workflow must pass it.

    An inactive workflow may be saved with errors (an editor works on it in several sittings, and the E-PAR
    loader brings some in that way); the errors then show on its page until they are fixed.
    """

    findings: list[Finding]

    def _submitted_steps(self) -> list[dict]:
        """The steps as they will be saved, in the snapshot shape (each form's instance holds its data)."""
        formset = self.formsets.get("steps")
        if formset is None:
            return []
        forms_ = formset.ordered_forms if formset.can_order else formset.forms
        return [
            form.instance.as_dict()
            for form in forms_
            if getattr(form, "cleaned_data", None) and not form.cleaned_data.get("DELETE")
        ]

    def is_valid(self) -> bool:
        self.findings = []
        if not super().is_valid():
            return False
        # The instance now carries the submitted procedure and channel: the checker reads its legal time.
        self.findings = check_workflow(self.instance, self._submitted_steps())
        errors = [f for f in self.findings if f.is_error]
        if errors and self.cleaned_data.get("active"):
            for finding in errors:
                self.add_error(None, finding.message)
            self.add_error(
                "active",
                "Quy trình đang áp dụng phải qua được kiểm tra. Sửa các lỗi trên, hoặc bỏ chọn "
                "“đang áp dụng” để lưu bản nháp.",
            )
            return False
        return True


def parse_components(text: str) -> list[dict]:
    """One component a line: `Tên giấy tờ | bản chính | bản sao` (the counts are optional)."""
    components = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        parts = [p.strip() for p in line.split("|")]
        if not parts[0]:
            continue
        try:
            originals = int(parts[1]) if len(parts) > 1 and parts[1] else 1
            copies = int(parts[2]) if len(parts) > 2 and parts[2] else 0
        except ValueError:
            raise ValidationError(f"Dòng {number}: số bản chính, bản sao phải là số.") from None
        if originals < 0 or copies < 0:
            raise ValidationError(f"Dòng {number}: số bản không được âm.")
        components.append({"name": parts[0], "originals": originals, "copies": copies})
    return components


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


def received_at(centers) -> Q:
    """The procedures these centers receive: those listing one of them, and those of a center's agency that
    list no center at all (received by the agency itself, the catalog's “Nơi tiếp nhận” left empty)."""
    centers = list(centers)
    return Q(centers__in=centers) | Q(
        centers__isnull=True, agency_id__in={c.agency_id for c in centers if c.agency_id}
    )


class ReceiveForm(forms.Form):
    procedure = forms.ModelChoiceField(
        label="Thủ tục", queryset=Procedure.objects.none(), empty_label="— Chọn thủ tục —"
    )
    center = forms.ModelChoiceField(label="Nơi tiếp nhận", queryset=Center.objects.none(), empty_label=None)
    # Decree 118/2025: a center receives for any agency of the province; the competent agency resolves it.
    agency = forms.ModelChoiceField(
        label="Cơ quan có thẩm quyền giải quyết",
        queryset=Agency.objects.none(),
        required=False,
        empty_label="— Cơ quan chủ quản của nơi tiếp nhận —",
    )
    channel = forms.ChoiceField(label="Cách thức nộp", choices=Channel.choices)
    applicant_kind = forms.ChoiceField(label="Người nộp là", choices=Dossier.ApplicantKind.choices)
    name = forms.CharField(label="Họ tên / tên tổ chức", max_length=255)
    id_number = forms.CharField(
        label="Số định danh (CCCD / mã số doanh nghiệp)", max_length=32, required=False
    )
    phone = forms.CharField(label="Điện thoại", max_length=32, required=False)
    email = forms.EmailField(label="Thư điện tử", required=False)
    address = forms.CharField(label="Địa chỉ", max_length=255, required=False)
    components = forms.CharField(
        label="Thành phần hồ sơ đã nhận",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Mỗi dòng một giấy tờ: Tên giấy tờ | số bản chính | số bản sao. Để trống: theo danh mục của thủ tục.",
    )
    files = MultipleFileField(label="Bản số hóa (lưu riêng, không công khai)", required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        procedures = Procedure.objects.published().order_by("code")
        # Closed centers (district desks before 1/7/2025…) stay on their old dossiers, never in new receptions.
        centers = Center.objects.open_on().select_related("agency")
        self.fields["agency"].queryset = Agency.objects.filter(
            active=True, merged_into__isnull=True
        ).order_by("level__order", "name")
        officer = getattr(user, "officer", None) if user is not None else None
        if user is not None and not user.is_superuser and officer is not None:
            centers = centers.filter(Q(agency_id=officer.agency_id) | Q(pk=officer.center_id))
            self.fields["center"].initial = officer.center_id
            # Only what the officer's own desk receives (an officer of the agency alone: its centers').
            desk = [officer.center] if officer.center_id else centers
            procedures = procedures.filter(received_at(desk)).distinct()
        self.fields["procedure"].queryset = procedures
        self.fields["procedure"].label_from_instance = lambda p: f"{p.code} — {p.name[:90]}"
        self.fields["center"].queryset = centers

    def checklists(self) -> dict[str, str]:
        """Each offered procedure's component checklist as the text field reads it (the page pre-fills it)."""
        rows: dict[str, list[str]] = {}
        for component in ProcedureComponent.objects.filter(
            procedure__in=self.fields["procedure"].queryset
        ).order_by("procedure_id", "sort_order", "pk"):
            name = " ".join(component.name.split())
            rows.setdefault(str(component.procedure_id), []).append(
                f"{name} | {component.originals} | {component.copies}"
            )
        return {key: "\n".join(lines) for key, lines in rows.items()}

    def clean_components(self) -> list[dict]:
        return parse_components(self.cleaned_data.get("components", ""))

    def clean(self):
        data = super().clean()
        procedure, center = data.get("procedure"), data.get("center")
        if (
            procedure is not None
            and center is not None
            and not Procedure.objects.filter(received_at([center]), pk=procedure.pk).exists()
        ):
            self.add_error("procedure", "Nơi tiếp nhận này không tiếp nhận thủ tục đã chọn.")
        if procedure is not None and not data.get("components"):
            # Left empty: the procedure's own checklist, so receipts list component names.
            data["components"] = [
                {"name": " ".join(c.name.split()), "originals": c.originals, "copies": c.copies}
                for c in procedure.components.all()
            ]
        if not (data.get("id_number") or data.get("phone")):
            # The public lookup asks for the last four digits of one of them.
            raise ValidationError("Cần số định danh hoặc số điện thoại để người nộp tra cứu hồ sơ.")
        return data

    def applicant(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["applicant_kind"],
            **{k: data.get(k, "") for k in ("name", "id_number", "phone", "email", "address")},
        }


class DossierActionForm(forms.Form):
    """The small form under one action button; the action itself travels as a plain `action` field."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    note = CleanCharField(label="Ghi chú / lý do", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    to_step = forms.ChoiceField(label="Chuyển đến bước", required=False)
    assignee = forms.ModelChoiceField(
        label="Cán bộ xử lý",
        queryset=None,
        required=False,
        error_messages={"invalid_choice": "Cán bộ này không thuộc nhóm, cơ quan xử lý bước hiện tại."},
    )
    new_due = forms.DateTimeField(
        label="Ngày hẹn trả mới",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"],
    )
    branch = forms.ChoiceField(label="Nhánh liên thông", required=False)
    missing = forms.MultipleChoiceField(
        label="Giấy tờ cần bổ sung, hoàn thiện",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Giấy tờ “%(value)s” không có trong thành phần hồ sơ."},
    )

    result_file = forms.FileField(
        label="Tệp PDF kết quả (hệ thống ký số bằng chứng thư của cơ quan)",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}),
    )

    def __init__(self, *args, dossier: Dossier, action: str, user=None, **kwargs):
        kwargs.setdefault("prefix", action or None)
        super().__init__(*args, **kwargs)
        self.dossier = dossier
        self.action = action
        steps = dossier.workflow_snapshot.get("steps", [])
        self.fields["to_step"].choices = [("", "— Bước kế tiếp theo quy trình —")] + [
            (s["code"], s["name"]) for s in steps
        ]
        if action == "finish_branch":
            names = {s["code"]: s["name"] for s in steps}
            # Only the branches this officer may record: their own agency's, or all of them at the desk.
            self.fields["branch"].choices = [("", "— Chọn nhánh —")] + [
                (b.step_code, names.get(b.step_code, b.step_code))
                for b in dossier.branches.filter(fork=dossier.step_code, finished_at__isnull=True)
                if user is None
                or denial_reason(user, dossier, Role.BRANCH_AGENCY, branch=b.step_code) is None
            ]
        if action == "request_supplement":
            # The procedure's record and the dossier's checklist (`services.checklist`), each name once.
            names = [c["name"] for c in checklist(dossier) if c.get("name")] + component_names(dossier)
            self.fields["missing"].choices = [(n, n) for n in dict.fromkeys(names)]
        if action == "payment_at_desk":
            self.fields["note"].label = "Số biên lai thu phí, lệ phí"
            self.fields["note"].widget = forms.TextInput()
        self.fields["assignee"].queryset = eligible_assignees(dossier)
        self.fields["assignee"].label_from_instance = lambda u: u.get_full_name() or u.get_username()

    @property
    def action_fields(self) -> list:
        """The fields the action's registry entry asks for, besides the note (in the entry's order)."""
        entry = actions.get(self.action)
        return [self[name] for name in entry.fields] if entry else []

    def clean(self):
        data = super().clean()
        entry = actions.get(self.action)
        if entry is None:
            return data  # perform_action answers an unknown action with its own message
        if entry.note_required and not (data.get("note") or "").strip():
            self.add_error("note", "Cần ghi rõ nội dung, lý do.")
        for name in entry.required_fields:
            if data.get(name) in (None, "", []) and name not in self.errors:
                self.add_error(name, REQUIRED_MESSAGES[name])
        if data.get("new_due") is not None and timezone.is_naive(data["new_due"]):
            data["new_due"] = timezone.make_aware(data["new_due"])
        return data

    def params(self) -> dict:
        data = self.cleaned_data
        params = {}
        if data.get("to_step"):
            params["to_step"] = data["to_step"]
        if data.get("assignee") is not None:
            params["assignee"] = data["assignee"]
        if data.get("new_due") is not None:
            params["new_due"] = data["new_due"]
        if data.get("branch"):
            params["branch"] = data["branch"]
        if data.get("missing"):
            params["missing"] = list(data["missing"])
        return params


def component_names(dossier: Dossier) -> list[str]:
    """What a supplement request can name: the procedure's components, then the dossier's own checklist."""
    names = [" ".join(c.name.split())[:255] for c in dossier.procedure.components.all()]
    names += [str(c.get("name", ""))[:255] for c in dossier.components if isinstance(c, dict)]
    return list(dict.fromkeys(n for n in names if n))
