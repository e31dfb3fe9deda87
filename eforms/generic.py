"""The form a procedure offers online when no center has built its own (issue 13): who applies, then one
upload per dossier component of the procedure's record.

It is an ordinary `DeclarationFormPage`, created once per (center, procedure) the first time a citizen asks for
it and published under the “Nộp hồ sơ trực tuyến” index, so editors find it in the admin and may refine it
like any other form; a center's own form always wins.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.text import slugify

from catalog.models import Center, Procedure
from catalog.parsing.text import strip_diacritics

from .pages import DeclarationFormPage, FormField, FormIndexPage
from .specs import clean_name_for

LABEL_LIMIT = 200

APPLICANT_FIELDS = [
    {"label": "Thông tin người nộp", "field_type": "section", "required": False},
    {"label": "Họ và tên", "field_type": "singleline", "applicant_role": "name"},
    {"label": "Số CCCD", "field_type": "cccd", "applicant_role": "id_number"},
    {"label": "Số điện thoại", "field_type": "phone", "applicant_role": "phone"},
    {"label": "Thư điện tử", "field_type": "email", "required": False, "applicant_role": "email"},
    {"label": "Địa chỉ", "field_type": "address", "applicant_role": "address"},
]


def offers_online(procedure: Procedure) -> bool:
    return procedure.takes_online_submission


def receiving_centers(procedure: Procedure) -> list[Center]:
    """Where an online dossier of this procedure can go: the centers listed on its record and open today
    (desks closed by a reorganisation stay on old dossiers only)."""
    return list(procedure.centers.open_on().order_by("name"))


def component_fields(procedure: Procedure) -> list[dict]:
    """The generic form's rows: the applicant, then one file per component (required when the record says)."""
    rows = [dict(row) for row in APPLICANT_FIELDS]
    seen = {clean_name_for(row["label"]) for row in rows}
    components = list(procedure.components.all())
    if components:
        rows.append({"label": "Thành phần hồ sơ", "field_type": "section", "required": False})
    for component in components:
        label = " ".join(component.name.split())[:LABEL_LIMIT] or "Giấy tờ"
        base, n = label, 2
        while clean_name_for(label) in seen:
            label, n = f"{base} ({n})", n + 1
        seen.add(clean_name_for(label))
        hint = component.template_name and f"Theo mẫu: {component.template_name}"[:255]
        rows.append(
            {
                "label": label,
                "field_type": "file",
                "required": component.required,
                "allowed_types": "pdf,jpg,png,docx",
                "max_size_mb": 10,
                "help_text": hint or "",
            }
        )
    return rows


def existing_form(procedure: Procedure, center: Center | None = None) -> DeclarationFormPage | None:
    forms = DeclarationFormPage.objects.live().filter(procedure=procedure)
    if center is not None:
        forms = forms.filter(center=center)
    return forms.order_by("pk").first()


@transaction.atomic
def online_form_for(procedure: Procedure, center: Center) -> DeclarationFormPage | None:
    """The center's form for the procedure, else the generic one (created and published now); None when the
    site has no form index to hold it."""
    found = existing_form(procedure, center)
    if found is not None:
        return found
    index = FormIndexPage.objects.live().first()
    if index is None:
        return None
    # Serialise creators of the same form: the second waits here, then finds the first one's page.
    Procedure.objects.select_for_update().filter(pk=procedure.pk).first()
    found = DeclarationFormPage.objects.filter(procedure=procedure, center=center).order_by("pk").first()
    if found is not None:
        return found if found.live else None
    page = DeclarationFormPage(
        title=f"Tờ khai trực tuyến: {procedure.name}"[:255],
        slug=slugify(strip_diacritics(f"{procedure.code}-{center.code}"))[:80] or f"to-khai-{procedure.pk}",
        center=center,
        procedure=procedure,
        intro=f"<p>Nộp hồ sơ “{procedure.name}” tại {center.name}: điền thông tin người nộp và đính kèm "
        "từng thành phần hồ sơ.</p>",
    )
    page.form_fields = [FormField(**{"required": True, **row}) for row in component_fields(procedure)]
    index.add_child(instance=page)
    page.save_revision().publish()
    return page
