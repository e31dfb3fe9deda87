# The online forms move from `cms` to their own app (issue 17) without touching the data: the models enter
# this app's state over the tables `cms` 0002 created (renamed in 0002 here), and their content types change
# app label in place, so existing pages, revisions, permissions and search entries keep their ids.

import django.core.serializers.json
import django.core.validators
import django.db.models.deletion
import eforms.rows
import eforms.submissions
import workflows.models.files
import modelcluster.fields
import modelsearch.index
import wagtail.contrib.forms.models
import wagtail.fields
import wagtail.models.preview
from django.conf import settings
from django.db import migrations, models

MOVED = [
    "declarationformpage",
    "dossierfile",
    "formfield",
    "formindexpage",
    "onlinesubmission",
    "pendingupload",
    "sharedform",
    "sharedformfield",
]


def relabel(source: str, target: str):
    def run(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        db = schema_editor.connection.alias
        for model in MOVED:
            # A fresh database has no rows yet (post_migrate creates them under the new label).
            if ContentType.objects.using(db).filter(app_label=target, model=model).exists():
                continue
            ContentType.objects.using(db).filter(app_label=source, model=model).update(app_label=target)

    return run


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('cms', '0002_online_forms'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('catalog', '0006_procedure_id_as_index_object_id'),
        ('wagtailcore', '0098_apitoken'),
        ('workflows', '0002_dossier_step_scope_notices_ratings'),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='FormIndexPage',
                    fields=[
                        ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                        ('intro', wagtail.fields.RichTextField(blank=True, verbose_name='giới thiệu')),
                    ],
                    options={
                        'verbose_name': 'trang nộp hồ sơ trực tuyến',
                        'db_table': 'cms_formindexpage',
                    },
                    bases=('wagtailcore.page',),
                ),
                migrations.CreateModel(
                    name='DeclarationFormPage',
                    fields=[
                        ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                        ('intro', wagtail.fields.RichTextField(blank=True, verbose_name='hướng dẫn')),
                        ('confirmation_text', models.TextField(blank=True, default='Trung tâm sẽ kiểm tra hồ sơ và báo cho ông/bà qua điện thoại hoặc thư điện tử.', verbose_name='lời nhắn sau khi nộp')),
                        ('center', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='catalog.center', verbose_name='nơi tiếp nhận')),
                        ('procedure', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='catalog.procedure', verbose_name='thủ tục')),
                    ],
                    options={
                        'verbose_name': 'biểu mẫu nộp hồ sơ trực tuyến',
                        'verbose_name_plural': 'biểu mẫu nộp hồ sơ trực tuyến',
                        'db_table': 'cms_declarationformpage',
                    },
                    bases=(wagtail.contrib.forms.models.FormMixin, 'wagtailcore.page'),
                ),
                migrations.CreateModel(
                    name='FormField',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                        ('clean_name', models.CharField(blank=True, default='', help_text='Safe name of the form field, the label converted to ascii_snake_case', max_length=255, verbose_name='name')),
                        ('label', models.CharField(help_text='Câu hỏi người dân đọc thấy.', max_length=255, verbose_name='nhãn')),
                        ('required', models.BooleanField(default=True, verbose_name='bắt buộc')),
                        ('choices', models.TextField(blank=True, help_text='Mỗi lựa chọn một dòng (hoặc cách nhau bởi dấu phẩy).', verbose_name='các lựa chọn')),
                        ('default_value', models.TextField(blank=True, help_text='Với trường địa chỉ: tên hoặc mã tỉnh chọn sẵn (ví dụ Quảng Ninh). Ô đánh dấu: “có”.', verbose_name='giá trị mặc định')),
                        ('help_text', models.CharField(blank=True, max_length=255, verbose_name='hướng dẫn')),
                        ('field_type', models.CharField(choices=[('section', 'Tiêu đề phần (không phải ô nhập)'), ('singleline', 'Chữ, một dòng'), ('multiline', 'Đoạn văn nhiều dòng'), ('number', 'Số'), ('date', 'Ngày tháng'), ('dropdown', 'Chọn một (danh sách thả xuống)'), ('radio', 'Chọn một (nút chọn)'), ('checkboxes', 'Chọn nhiều (ô đánh dấu)'), ('multiselect', 'Chọn nhiều (danh sách)'), ('checkbox', 'Một ô đánh dấu (có/không)'), ('email', 'Thư điện tử'), ('phone', 'Số điện thoại'), ('cccd', 'Số CCCD / định danh cá nhân (12 số)'), ('address', 'Địa chỉ (tỉnh, xã, số nhà)'), ('file', 'Tệp đính kèm (thành phần hồ sơ)')], max_length=16, verbose_name='loại trường')),
                        ('condition_field', models.CharField(blank=True, help_text='Nhãn (hoặc tên) của một trường đứng trước. Để trống: luôn hiện.', max_length=255, verbose_name='chỉ hiện khi trường')),
                        ('condition_value', models.CharField(blank=True, help_text='Giá trị làm trường này hiện ra; nhiều giá trị cách nhau bởi “|”. Ô đánh dấu: “có” hoặc “không”.', max_length=255, verbose_name='có giá trị')),
                        ('allowed_types', models.CharField(blank=True, default='pdf,jpg,png', help_text='Chỉ với trường tệp. Loại tệp được kiểm tra theo nội dung, không theo tên tệp.', max_length=255, validators=[eforms.rows.validate_file_types], verbose_name='loại tệp được nhận')),
                        ('max_size_mb', models.PositiveSmallIntegerField(default=10, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(50)], verbose_name='dung lượng tối đa (MB)')),
                        ('applicant_role', models.CharField(blank=True, choices=[('name', 'Họ tên người nộp'), ('id_number', 'Số CCCD người nộp'), ('phone', 'Điện thoại người nộp'), ('email', 'Thư điện tử người nộp'), ('address', 'Địa chỉ người nộp')], help_text='Trường nào cho hồ sơ biết họ tên, số CCCD, điện thoại, thư điện tử, địa chỉ người nộp.', max_length=16, verbose_name='dùng làm thông tin người nộp')),
                        ('replaces', models.CharField(blank=True, help_text='Nhãn hoặc tên trường của mẫu dùng chung mà trường này thay thế (giữ vị trí của nó).', max_length=255, verbose_name='thay thế trường của mẫu')),
                        ('removed', models.BooleanField(default=False, help_text='Đánh dấu cùng “thay thế trường của mẫu” để bỏ hẳn trường đó khỏi biểu mẫu này.', verbose_name='bỏ trường của mẫu')),
                        ('page', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='form_fields', to='eforms.declarationformpage')),
                    ],
                    options={
                        'db_table': 'cms_formfield',
                        'ordering': ['sort_order'],
                        'abstract': False,
                    },
                ),
                migrations.CreateModel(
                    name='OnlineSubmission',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('form_data', models.JSONField(encoder=django.core.serializers.json.DjangoJSONEncoder)),
                        ('submit_time', models.DateTimeField(auto_now_add=True, verbose_name='submit time')),
                        ('token', models.UUIDField(editable=False, unique=True, verbose_name='mã lượt nộp')),
                        ('definition', models.JSONField(default=list, encoder=django.core.serializers.json.DjangoJSONEncoder, verbose_name='định nghĩa biểu mẫu')),
                        ('applicant_name', models.CharField(blank=True, max_length=255, verbose_name='người nộp')),
                        ('center', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='catalog.center', verbose_name='nơi tiếp nhận')),
                        ('dossier', models.OneToOneField(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='online_submission', to='workflows.dossier', verbose_name='hồ sơ')),
                        ('page', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.WAGTAIL_PAGE_MODEL)),
                        ('procedure', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='catalog.procedure', verbose_name='thủ tục')),
                        ('revision', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.revision', verbose_name='phiên bản biểu mẫu')),
                    ],
                    options={
                        'verbose_name': 'hồ sơ nộp trực tuyến',
                        'verbose_name_plural': 'hồ sơ nộp trực tuyến',
                        'db_table': 'cms_onlinesubmission',
                        'ordering': ['-submit_time', '-pk'],
                    },
                ),
                migrations.CreateModel(
                    name='DossierFile',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('field_name', models.CharField(max_length=255, verbose_name='trường')),
                        ('label', models.CharField(max_length=255, verbose_name='thành phần hồ sơ')),
                        ('file', models.FileField(max_length=255, storage=workflows.models.files.private_storage, upload_to=workflows.models.files.dossier_file_path)),
                        ('original_name', models.CharField(max_length=255, verbose_name='tên tệp')),
                        ('content_type', models.CharField(max_length=128)),
                        ('size', models.PositiveIntegerField(verbose_name='dung lượng')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('dossier', models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='online_files', to='workflows.dossier')),
                        ('submission', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='files', to='eforms.onlinesubmission')),
                    ],
                    options={
                        'verbose_name': 'tệp hồ sơ',
                        'verbose_name_plural': 'tệp hồ sơ',
                        'db_table': 'cms_dossierfile',
                        'ordering': ['pk'],
                    },
                ),
                migrations.CreateModel(
                    name='PendingUpload',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('form_token', models.UUIDField(db_index=True)),
                        ('field_name', models.CharField(max_length=255)),
                        ('file', models.FileField(max_length=255, storage=eforms.submissions.private_storage, upload_to=eforms.submissions.pending_file_path)),
                        ('original_name', models.CharField(max_length=255)),
                        ('content_type', models.CharField(max_length=128)),
                        ('size', models.PositiveIntegerField()),
                        ('created_at', models.DateTimeField(auto_now_add=True, db_index=True)),
                        ('page', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.WAGTAIL_PAGE_MODEL)),
                    ],
                    options={
                        'verbose_name': 'tệp tải lên tạm',
                        'verbose_name_plural': 'tệp tải lên tạm',
                        'db_table': 'cms_pendingupload',
                    },
                ),
                migrations.CreateModel(
                    name='SharedForm',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('live', models.BooleanField(default=True, editable=False, verbose_name='live')),
                        ('has_unpublished_changes', models.BooleanField(default=False, editable=False, verbose_name='has unpublished changes')),
                        ('first_published_at', models.DateTimeField(blank=True, db_index=True, null=True, verbose_name='first published at')),
                        ('last_published_at', models.DateTimeField(editable=False, null=True, verbose_name='last published at')),
                        ('go_live_at', models.DateTimeField(blank=True, null=True, verbose_name='go live date/time')),
                        ('expire_at', models.DateTimeField(blank=True, null=True, verbose_name='expiry date/time')),
                        ('expired', models.BooleanField(default=False, editable=False, verbose_name='expired')),
                        ('title', models.CharField(max_length=255, verbose_name='tên mẫu')),
                        ('intro', models.TextField(blank=True, verbose_name='hướng dẫn chung')),
                        ('latest_revision', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.revision', verbose_name='latest revision')),
                        ('live_revision', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.revision', verbose_name='live revision')),
                        ('procedure', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='catalog.procedure', verbose_name='thủ tục')),
                    ],
                    options={
                        'verbose_name': 'mẫu tờ khai dùng chung',
                        'verbose_name_plural': 'mẫu tờ khai dùng chung',
                        'db_table': 'cms_sharedform',
                    },
                    bases=(wagtail.models.preview.PreviewableMixin, modelsearch.index.Indexed, models.Model),
                ),
                migrations.AddField(
                    model_name='declarationformpage',
                    name='shared_form',
                    field=models.ForeignKey(blank=True, help_text='Các trường của mẫu hiện trước; trường cùng tên ở dưới sẽ thay thế trường của mẫu.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='pages', to='eforms.sharedform', verbose_name='bắt đầu từ mẫu dùng chung'),
                ),
                migrations.CreateModel(
                    name='SharedFormField',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                        ('clean_name', models.CharField(blank=True, default='', help_text='Safe name of the form field, the label converted to ascii_snake_case', max_length=255, verbose_name='name')),
                        ('label', models.CharField(help_text='Câu hỏi người dân đọc thấy.', max_length=255, verbose_name='nhãn')),
                        ('required', models.BooleanField(default=True, verbose_name='bắt buộc')),
                        ('choices', models.TextField(blank=True, help_text='Mỗi lựa chọn một dòng (hoặc cách nhau bởi dấu phẩy).', verbose_name='các lựa chọn')),
                        ('default_value', models.TextField(blank=True, help_text='Với trường địa chỉ: tên hoặc mã tỉnh chọn sẵn (ví dụ Quảng Ninh). Ô đánh dấu: “có”.', verbose_name='giá trị mặc định')),
                        ('help_text', models.CharField(blank=True, max_length=255, verbose_name='hướng dẫn')),
                        ('field_type', models.CharField(choices=[('section', 'Tiêu đề phần (không phải ô nhập)'), ('singleline', 'Chữ, một dòng'), ('multiline', 'Đoạn văn nhiều dòng'), ('number', 'Số'), ('date', 'Ngày tháng'), ('dropdown', 'Chọn một (danh sách thả xuống)'), ('radio', 'Chọn một (nút chọn)'), ('checkboxes', 'Chọn nhiều (ô đánh dấu)'), ('multiselect', 'Chọn nhiều (danh sách)'), ('checkbox', 'Một ô đánh dấu (có/không)'), ('email', 'Thư điện tử'), ('phone', 'Số điện thoại'), ('cccd', 'Số CCCD / định danh cá nhân (12 số)'), ('address', 'Địa chỉ (tỉnh, xã, số nhà)'), ('file', 'Tệp đính kèm (thành phần hồ sơ)')], max_length=16, verbose_name='loại trường')),
                        ('condition_field', models.CharField(blank=True, help_text='Nhãn (hoặc tên) của một trường đứng trước. Để trống: luôn hiện.', max_length=255, verbose_name='chỉ hiện khi trường')),
                        ('condition_value', models.CharField(blank=True, help_text='Giá trị làm trường này hiện ra; nhiều giá trị cách nhau bởi “|”. Ô đánh dấu: “có” hoặc “không”.', max_length=255, verbose_name='có giá trị')),
                        ('allowed_types', models.CharField(blank=True, default='pdf,jpg,png', help_text='Chỉ với trường tệp. Loại tệp được kiểm tra theo nội dung, không theo tên tệp.', max_length=255, validators=[eforms.rows.validate_file_types], verbose_name='loại tệp được nhận')),
                        ('max_size_mb', models.PositiveSmallIntegerField(default=10, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(50)], verbose_name='dung lượng tối đa (MB)')),
                        ('applicant_role', models.CharField(blank=True, choices=[('name', 'Họ tên người nộp'), ('id_number', 'Số CCCD người nộp'), ('phone', 'Điện thoại người nộp'), ('email', 'Thư điện tử người nộp'), ('address', 'Địa chỉ người nộp')], help_text='Trường nào cho hồ sơ biết họ tên, số CCCD, điện thoại, thư điện tử, địa chỉ người nộp.', max_length=16, verbose_name='dùng làm thông tin người nộp')),
                        ('form', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='fields', to='eforms.sharedform')),
                    ],
                    options={
                        'db_table': 'cms_sharedformfield',
                        'ordering': ['sort_order'],
                        'abstract': False,
                    },
                ),
            ],
        ),
        migrations.RunPython(relabel("cms", "eforms"), relabel("eforms", "cms")),
    ]
