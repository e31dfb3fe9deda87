"""Demo declaration forms for the provincial center: a shared template and four forms built the way an editor
would in the admin. Idempotent: a form is keyed by (center, procedure), the template by its procedure.

`cms.demo.loader.load_demo` calls `ensure_demo_forms(home)` after the procedures and the home page exist.
"""

from __future__ import annotations

from catalog.models import Center, Procedure

from .pages import DeclarationFormPage, FormField, FormIndexPage
from .shared import SharedForm, SharedFormField

YES_NO = "Có"


def _applicant(heading: str = "Thông tin người yêu cầu") -> list[dict]:
    return [
        {"label": heading, "field_type": "section"},
        {"label": "Họ và tên", "field_type": "singleline", "applicant_role": "name"},
        {"label": "Ngày sinh", "field_type": "date"},
        {"label": "Giới tính", "field_type": "radio", "choices": "Nam\nNữ"},
        {
            "label": "Số CCCD",
            "field_type": "cccd",
            "applicant_role": "id_number",
            "help_text": "12 chữ số trên căn cước hoặc căn cước công dân.",
        },
        {"label": "Số điện thoại", "field_type": "phone", "applicant_role": "phone"},
        {"label": "Thư điện tử", "field_type": "email", "required": False, "applicant_role": "email"},
        {
            "label": "Địa chỉ thường trú",
            "field_type": "address",
            "default_value": "Quảng Ninh",
            "applicant_role": "address",
        },
    ]


def _file(label: str, *, required: bool = True, types: str = "pdf,jpg,png", mb: int = 10, **extra) -> dict:
    return {
        "label": label,
        "field_type": "file",
        "required": required,
        "allowed_types": types,
        "max_size_mb": mb,
        **extra,
    }


# The request for a certificate of Vietnamese nationality as a template any center can start from.
NATIONALITY_TEMPLATE = [
    *_applicant(),
    {"label": "Nội dung yêu cầu", "field_type": "section"},
    {
        "label": "Mục đích sử dụng giấy xác nhận",
        "field_type": "dropdown",
        "choices": "Làm thủ tục hộ tịch\nBổ sung hồ sơ xin việc\nLàm thủ tục xuất cảnh\nMục đích khác",
    },
    {
        "label": "Ghi rõ mục đích",
        "field_type": "singleline",
        "condition_field": "Mục đích sử dụng giấy xác nhận",
        "condition_value": "Mục đích khác",
    },
    {
        "label": "Người yêu cầu",
        "field_type": "radio",
        "choices": "Tự yêu cầu\nỦy quyền cho người khác",
        "default_value": "Tự yêu cầu",
    },
    {
        "label": "Họ tên người được ủy quyền",
        "field_type": "singleline",
        "condition_field": "Người yêu cầu",
        "condition_value": "Ủy quyền cho người khác",
    },
    {"label": "Đã từng có quốc tịch nước ngoài", "field_type": "checkbox", "required": False},
    {"label": "Số lượng bản giấy xác nhận", "field_type": "number", "default_value": "1"},
    {"label": "Giấy tờ kèm theo", "field_type": "section"},
    _file("Bản chụp CCCD hoặc hộ chiếu", types="pdf,jpg,png,heic"),
    _file(
        "Giấy tờ chứng minh quốc tịch Việt Nam", help_text="Giấy khai sinh, quyết định cho nhập quốc tịch…"
    ),
    _file(
        "Văn bản ủy quyền",
        condition_field="Người yêu cầu",
        condition_value="Ủy quyền cho người khác",
        help_text="Văn bản ủy quyền có chứng thực.",
    ),
]

FORMS = {
    "1.005136": {
        "title": "Đề nghị cấp Giấy xác nhận có quốc tịch Việt Nam",
        "template": True,
        # The center overrides the template: an email made compulsory, and delivery by post added.
        "fields": [
            {
                "label": "Thư điện tử",
                "field_type": "email",
                "applicant_role": "email",
                "replaces": "Thư điện tử",
            },
            {
                "label": "Nhận kết quả qua bưu chính",
                "field_type": "checkbox",
                "required": False,
                "help_text": "Phí chuyển phát do người yêu cầu trả.",
            },
            {
                "label": "Địa chỉ nhận kết quả",
                "field_type": "multiline",
                "condition_field": "Nhận kết quả qua bưu chính",
                "condition_value": YES_NO,
            },
        ],
    },
    "2.000829": {
        "title": "Đơn yêu cầu trợ giúp pháp lý",
        "fields": [
            *_applicant(),
            {"label": "Vụ việc", "field_type": "section"},
            {
                "label": "Diện người được trợ giúp",
                "field_type": "dropdown",
                "choices": "Người có công với cách mạng\nNgười thuộc hộ nghèo\nTrẻ em\nNgười dân tộc thiểu số ở vùng khó khăn\nĐối tượng khác",
            },
            {"label": "Tóm tắt vụ việc", "field_type": "multiline"},
            {
                "label": "Hình thức trợ giúp mong muốn",
                "field_type": "checkboxes",
                "choices": "Tư vấn pháp luật\nTham gia tố tụng\nĐại diện ngoài tố tụng",
            },
            {"label": "Giấy tờ kèm theo", "field_type": "section"},
            _file("Giấy tờ chứng minh thuộc diện được trợ giúp pháp lý"),
            _file("Giấy tờ liên quan đến vụ việc", required=False, types="pdf,jpg,png,docx"),
        ],
    },
    "1.002153": {
        "title": "Đăng ký hành nghề luật sư với tư cách cá nhân",
        "fields": [
            *_applicant("Thông tin luật sư"),
            {"label": "Hành nghề", "field_type": "section"},
            {"label": "Số Chứng chỉ hành nghề luật sư", "field_type": "singleline"},
            {
                "label": "Đoàn luật sư",
                "field_type": "singleline",
                "default_value": "Đoàn Luật sư tỉnh Quảng Ninh",
            },
            {"label": "Cơ quan, tổ chức ký hợp đồng lao động", "field_type": "singleline"},
            {"label": "Giấy tờ kèm theo", "field_type": "section"},
            _file("Giấy đề nghị đăng ký hành nghề", types="pdf,docx"),
            _file("Hợp đồng lao động", types="pdf"),
            _file("Bản sao Thẻ luật sư", types="pdf,jpg,png"),
        ],
    },
    "1.000703": {
        "title": "Cấp Giấy phép kinh doanh vận tải bằng xe ô tô",
        "fields": [
            *_applicant("Người đại diện theo pháp luật"),
            {"label": "Đơn vị kinh doanh vận tải", "field_type": "section"},
            {"label": "Tên doanh nghiệp, hợp tác xã, hộ kinh doanh", "field_type": "singleline"},
            {"label": "Mã số thuế", "field_type": "singleline"},
            {
                "label": "Loại hình kinh doanh",
                "field_type": "checkboxes",
                "choices": "Tuyến cố định\nXe buýt\nXe taxi\nXe hợp đồng\nXe du lịch\nVận tải hàng hóa",
            },
            {"label": "Số lượng phương tiện", "field_type": "number"},
            {"label": "Giấy tờ kèm theo", "field_type": "section"},
            _file("Giấy đề nghị cấp Giấy phép kinh doanh", types="pdf,docx"),
            _file("Văn bằng, chứng chỉ của người điều hành vận tải", types="pdf,jpg,png"),
            _file("Phương án kinh doanh", types="pdf,docx,xlsx", mb=20),
        ],
    },
}


def field_rows(model, specs: list[dict]) -> list:
    """Unsaved field rows of `model` (a page's or a template's) from plain dicts; required unless they say not."""
    return [model(**{"required": True, **spec}) for spec in specs]


def _template(procedure: Procedure, user=None) -> SharedForm:
    shared = SharedForm.objects.filter(procedure=procedure).first()
    if shared is None:
        shared = SharedForm(
            title=f"Mẫu dùng chung — {procedure.name}",
            procedure=procedure,
            intro="Tờ khai theo mẫu của Bộ Tư pháp; trung tâm có thể thay, bỏ hoặc thêm trường.",
        )
        shared.fields = field_rows(SharedFormField, NATIONALITY_TEMPLATE)
        shared.save()
    if not shared.live or shared.has_unpublished_changes:
        shared.save_revision(user=user).publish(user=user)
    return shared


def ensure_demo_forms(home, user=None) -> int:
    """Create the demo forms that are missing under `home` (the site's home page, which `cms` owns); return how
    many were created."""
    center = (
        Center.objects.filter(code="TTPVHCC-H22").first()
        or Center.objects.filter(kind=Center.Kind.PROVINCE_CENTER).first()
    )
    if home is None or center is None:
        return 0
    index = FormIndexPage.objects.first()
    if index is None:
        index = FormIndexPage(
            title="Nộp hồ sơ trực tuyến",
            slug="nop-ho-so",
            intro="<p>Chọn thủ tục, điền tờ khai và đính kèm giấy tờ; hồ sơ được chuyển ngay tới bộ phận tiếp nhận.</p>",
        )
        home.add_child(instance=index)
        index.save_revision(user=user).publish(user=user)
    created = 0
    for code, spec in FORMS.items():
        procedure = Procedure.objects.filter(code=code, status=Procedure.Status.ACTIVE).first()
        if (
            procedure is None
            or DeclarationFormPage.objects.filter(center=center, procedure=procedure).exists()
        ):
            continue
        page = DeclarationFormPage(
            title=spec["title"],
            slug=f"{code.replace('.', '-')}-{center.code.lower()}",
            center=center,
            procedure=procedure,
            shared_form=_template(procedure, user) if spec.get("template") else None,
            intro=f"<p>Nộp hồ sơ “{procedure.name}” tại {center.name}.</p>",
        )
        page.form_fields = field_rows(FormField, spec["fields"])
        index.add_child(instance=page)
        page.save_revision(user=user).publish(user=user)
        created += 1
    return created
