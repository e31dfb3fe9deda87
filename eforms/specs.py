"""A form's definition as plain data: field specs, the shared-template merge, and the show-when conditions.

Model rows (a page's fields, a shared template's fields) become `FieldSpec`s; the form builder, the JSON API,
the admin checks and a submission's frozen copy of its version all work from these, so the rules live once.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field

from wagtail.contrib.forms.utils import get_field_clean_name

from catalog.parsing.text import strip_diacritics

SECTION = "section"
FILE = "file"
FIELD_TYPES = [
    (SECTION, "Tiêu đề phần (không phải ô nhập)"),
    ("singleline", "Chữ, một dòng"),
    ("multiline", "Đoạn văn nhiều dòng"),
    ("number", "Số"),
    ("date", "Ngày tháng"),
    ("dropdown", "Chọn một (danh sách thả xuống)"),
    ("radio", "Chọn một (nút chọn)"),
    ("checkboxes", "Chọn nhiều (ô đánh dấu)"),
    ("multiselect", "Chọn nhiều (danh sách)"),
    ("checkbox", "Một ô đánh dấu (có/không)"),
    ("email", "Thư điện tử"),
    ("phone", "Số điện thoại"),
    ("cccd", "Số CCCD / định danh cá nhân (12 số)"),
    ("address", "Địa chỉ (tỉnh, xã, số nhà)"),
    (FILE, "Tệp đính kèm (thành phần hồ sơ)"),
]
TYPE_NAMES = {key for key, _ in FIELD_TYPES}
CHOICE_TYPES = {"dropdown", "radio", "checkboxes", "multiselect"}
# Conditions compare what was typed or picked; a file or an address is not a value to compare.
CONDITION_SOURCE_TYPES = TYPE_NAMES - {SECTION, FILE, "address"}

APPLICANT_ROLES = [
    ("name", "Họ tên người nộp"),
    ("id_number", "Số CCCD người nộp"),
    ("phone", "Điện thoại người nộp"),
    ("email", "Thư điện tử người nộp"),
    ("address", "Địa chỉ người nộp"),
]
# When no field is marked for a role, the first field of this type plays it.
ROLE_DEFAULT_TYPES = {"id_number": "cccd", "phone": "phone", "email": "email", "address": "address"}

TRUE_WORDS = {"có", "co", "true", "1", "on", "yes", "x", "đã chọn", "chọn"}
FALSE_WORDS = {"không", "khong", "false", "0", "no", "off", "chưa chọn"}


def split_choices(value: str) -> list[str]:
    """Choices one per line, or comma-separated on one line: the same rule as Wagtail's form builder
    (``wagtail.contrib.forms.forms``, private there), so a field's choices read alike in both."""
    lines = value.strip().splitlines()
    if len(lines) > 1:
        return [line.strip().rstrip(",").strip() for line in lines]
    return [part.strip() for part in value.split(",")]


def clean_name_for(label: str) -> str:
    """Wagtail's field name, from the label without its Vietnamese marks: `Số điện thoại` → `so_dien_thoai`
    (Wagtail drops the other marks itself, but alone would escape `đ` as `u0111`)."""
    return get_field_clean_name(strip_diacritics(str(label)))


def fold(text: str) -> str:
    """The key conditions and choices compare on: case and spacing ignored, Vietnamese marks kept (unlike
    `catalog.parsing.text.fold`, “Có” and “Cô” stay apart); declaration-form.js folds the same way."""
    text = unicodedata.normalize("NFC", str(text)).strip().casefold()
    return " ".join(text.split())


@dataclass
class FieldSpec:
    clean_name: str
    label: str
    field_type: str
    required: bool = True
    help_text: str = ""
    choices: str = ""
    default_value: str = ""
    condition_field: str = ""  # the clean name of the field it depends on, once resolved
    condition_value: str = ""
    allowed_types: list[str] = field(default_factory=list)
    max_size_mb: int = 10
    applicant_role: str = ""
    section: str = ""  # the clean name of the section heading above it

    def get_field_clean_name(self) -> str:
        # Wagtail's FormBuilder asks unsaved rows for their name; a spec always knows it.
        return self.clean_name

    @property
    def is_input(self) -> bool:
        return self.field_type != SECTION

    @property
    def choice_list(self) -> list[str]:
        return [c for c in split_choices(self.choices) if c] if self.choices.strip() else []

    @property
    def max_bytes(self) -> int:
        return self.max_size_mb * 1024 * 1024

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> FieldSpec:
        known = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in data.items() if k in known})


def spec_from_row(row) -> FieldSpec:
    """A page's or a template's field row (saved or still only in the editor's form) as a spec."""
    allowed = [t.strip() for t in (row.allowed_types or "").split(",") if t.strip()]
    return FieldSpec(
        clean_name=row.clean_name or clean_name_for(row.label),
        label=row.label,
        field_type=row.field_type,
        required=bool(row.required) and row.field_type != SECTION,
        help_text=row.help_text or "",
        choices=row.choices or "",
        default_value=row.default_value or "",
        condition_field=(row.condition_field or "").strip(),
        condition_value=(row.condition_value or "").strip(),
        allowed_types=allowed,
        max_size_mb=row.max_size_mb or 10,
        applicant_role=row.applicant_role or "",
    )


def find_field(specs: Iterable[FieldSpec], reference: str) -> FieldSpec | None:
    """The field an editor named, by its name or its label as typed (any case, any spacing)."""
    reference = (reference or "").strip()
    if not reference:
        return None
    specs = list(specs)
    for spec in specs:
        if spec.clean_name in (reference, clean_name_for(reference)):
            return spec
    wanted = fold(reference)
    return next((s for s in specs if fold(s.label) == wanted), None)


def merge(template_rows: Sequence, page_rows: Sequence) -> list[FieldSpec]:
    """The shared template's fields, overridden by the center's own.

    A center's field replaces the template field it names in “replaces” (or the one with the same name) at
    that field's place; with “removed” ticked it drops it instead; any other field of the center's comes after
    the template's. Then every condition's reference is resolved to a field name.
    """
    specs = [spec_from_row(r) for r in template_rows]
    appended: list[FieldSpec] = []
    for row in page_rows:
        own = spec_from_row(row)
        target = find_field(specs, getattr(row, "replaces", "") or "") or next(
            (s for s in specs if s.clean_name == own.clean_name), None
        )
        if target is None:
            if not getattr(row, "removed", False):
                appended.append(own)
            continue
        index = specs.index(target)
        if getattr(row, "removed", False):
            specs.pop(index)
        else:
            specs[index] = own
    return finish([*specs, *appended])


def finish(specs: list[FieldSpec]) -> list[FieldSpec]:
    """Resolve condition references and note each field's section, in order."""
    section = ""
    for index, spec in enumerate(specs):
        if spec.condition_field:
            target = find_field(specs[:index], spec.condition_field)
            spec.condition_field = target.clean_name if target else spec.condition_field
        if spec.field_type == SECTION:
            section = spec.clean_name
            spec.section = ""
        else:
            spec.section = section
    return specs


def condition_errors(specs: Sequence[FieldSpec]) -> dict[str, str]:
    """Vietnamese messages, keyed by field name, for conditions that cannot work."""
    errors = {}
    for index, spec in enumerate(specs):
        if not spec.condition_field:
            continue
        target = find_field(specs[:index], spec.condition_field)
        if target is None:
            later = find_field(specs[index + 1 :], spec.condition_field)
            errors[spec.clean_name] = (
                f"“{spec.label}”: trường điều kiện “{spec.condition_field}” phải đứng trước trường này."
                if later
                else f"“{spec.label}”: không có trường nào tên “{spec.condition_field}” để làm điều kiện."
            )
        elif target.field_type not in CONDITION_SOURCE_TYPES:
            errors[spec.clean_name] = (
                f"“{spec.label}”: không đặt điều kiện theo “{target.label}” được "
                "(chỉ theo ô nhập chữ, số, ngày hoặc lựa chọn)."
            )
        elif not spec.condition_value:
            errors[spec.clean_name] = f"“{spec.label}”: cần ghi giá trị để hiện trường này."
        elif target.field_type in CHOICE_TYPES:
            options = {fold(c) for c in target.choice_list}
            missing = [v for v in spec.condition_value.split("|") if fold(v) not in options]
            if missing:
                errors[spec.clean_name] = (
                    f"“{spec.label}”: “{missing[0]}” không phải một lựa chọn của “{target.label}”."
                )
    return errors


def matches(raw: list[str], expected: str, field_type: str) -> bool:
    """Whether what the controlling field holds is one of the expected values (separated by “|”)."""
    wanted = {fold(v) for v in expected.split("|") if v.strip()}
    if field_type == "checkbox":
        checked = bool(raw) and fold(raw[0]) not in FALSE_WORDS | {""}
        return (checked and bool(wanted & TRUE_WORDS)) or (not checked and bool(wanted & FALSE_WORDS))
    return any(fold(v) in wanted for v in raw if str(v).strip())


def visible_names(specs: Sequence[FieldSpec], raw: Callable[[str], list[str]]) -> set[str]:
    """The fields a citizen sees given what they entered: a field shows when its condition holds, its
    section shows, and the field it depends on is itself shown (a hidden field counts as empty)."""
    by_name = {s.clean_name: s for s in specs}
    shown: set[str] = set()
    section_shown = True

    def holds(spec: FieldSpec) -> bool:
        if not spec.condition_field:
            return True
        source = by_name.get(spec.condition_field)
        if source is None or source.clean_name not in shown:
            return False
        return matches(raw(source.clean_name), spec.condition_value, source.field_type)

    for spec in specs:
        if spec.field_type == SECTION:
            section_shown = holds(spec)
            if section_shown:
                shown.add(spec.clean_name)
        elif section_shown and holds(spec):
            shown.add(spec.clean_name)
    return shown


def role_fields(specs: Sequence[FieldSpec]) -> dict[str, FieldSpec]:
    """Which field gives the dossier each piece of the applicant's identity."""
    found: dict[str, FieldSpec] = {}
    for spec in specs:
        if spec.applicant_role and spec.applicant_role not in found:
            found[spec.applicant_role] = spec
    for role, field_type in ROLE_DEFAULT_TYPES.items():
        if role not in found:
            match = next((s for s in specs if s.field_type == field_type), None)
            if match:
                found[role] = match
    return found
