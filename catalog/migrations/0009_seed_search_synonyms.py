"""Common colloquial names of procedures, so citizens' words find the official ones from day one.

Researched from how people ask on the national portal, forums and the press (sổ đỏ/sổ hồng for the land
use right certificate, hộ khẩu for residence registration since the 2020 Residence Law, CMND/CCCD for the
căn cước card of the 2023 Identity Law, báo tử for khai tử, "giấy xác nhận độc thân" for the marital status
certificate, MST for tax registration…) and from the `dev` half of bench/search/questions_citizen.json
(never the `unseen` half). Editors change them in the admin (Danh mục TTHC → Từ đồng nghĩa tìm kiếm).
An empty replacement makes a context word: it describes the citizen's situation and never vetoes a match.
"""

from django.db import migrations

from catalog.parsing.text import fold

SYNONYMS = [
    # land
    ("sổ đỏ", "giấy chứng nhận quyền sử dụng đất", "Giấy chứng nhận quyền sử dụng đất (bìa đỏ)"),
    ("sổ hồng", "giấy chứng nhận quyền sử dụng đất", "Giấy chứng nhận quyền sở hữu nhà ở và quyền sử dụng đất"),
    ("bìa đỏ", "giấy chứng nhận quyền sử dụng đất", ""),
    ("làm sổ đỏ", "đăng ký đất đai cấp giấy chứng nhận quyền sử dụng đất", ""),
    ("sang tên sổ đỏ", "đăng ký biến động quyền sử dụng đất", "Chuyển nhượng, tặng cho, thừa kế"),
    ("sang tên sổ hồng", "đăng ký biến động quyền sử dụng đất", ""),
    ("tách sổ", "tách thửa", ""),
    ("tách sổ đỏ", "tách thửa", ""),
    ("tách thửa đất", "tách thửa", ""),
    ("lên thổ cư", "chuyển mục đích sử dụng đất", "Chuyển đất nông nghiệp sang đất ở"),
    ("chuyển đất vườn", "chuyển mục đích sử dụng đất", ""),
    ("thổ cư", "đất ở", ""),
    ("mua đất", "", "Ngữ cảnh"),
    ("mua nhà", "", "Ngữ cảnh"),
    ("mảnh đất", "", "Ngữ cảnh"),
    # residence and identity
    ("hộ khẩu", "thường trú", "Sổ hộ khẩu đã bỏ từ 2023; nay là đăng ký thường trú"),
    ("nhập hộ khẩu", "đăng ký thường trú", ""),
    ("cắt hộ khẩu", "xóa đăng ký thường trú", ""),
    ("chuyển hộ khẩu", "đăng ký thường trú", ""),
    ("sổ tạm trú", "đăng ký tạm trú", ""),
    ("thuê trọ", "", "Ngữ cảnh"),
    ("ở trọ", "", "Ngữ cảnh"),
    ("nhà trọ", "", "Ngữ cảnh"),
    ("người thuê trọ", "", "Ngữ cảnh"),
    ("cmnd", "thẻ căn cước", "Chứng minh nhân dân, nay là thẻ căn cước"),
    ("chứng minh nhân dân", "thẻ căn cước", ""),
    ("chứng minh thư", "thẻ căn cước", ""),
    ("cccd", "thẻ căn cước", "Căn cước công dân, nay là thẻ căn cước (Luật Căn cước 2023)"),
    ("căn cước công dân", "thẻ căn cước", ""),
    ("làm lại", "cấp lại", ""),
    ("làm mới", "cấp", ""),
    ("visa", "thị thực", ""),
    ("gia hạn visa", "gia hạn tạm trú", ""),
    # civil status
    ("báo tử", "khai tử", ""),
    ("giấy chứng tử", "khai tử", ""),
    ("làm giấy khai sinh", "đăng ký khai sinh", ""),
    ("giấy khai sinh", "khai sinh", ""),
    ("làm khai sinh", "đăng ký khai sinh", ""),
    ("độc thân", "xác nhận tình trạng hôn nhân", ""),
    ("giấy xác nhận độc thân", "xác nhận tình trạng hôn nhân", ""),
    ("lấy vợ", "kết hôn", ""),
    ("lấy chồng", "kết hôn", ""),
    ("cưới", "kết hôn", ""),
    ("người nước ngoài", "nước ngoài", "Tên thủ tục viết “có yếu tố nước ngoài”"),
    ("đổi tên", "thay đổi cải chính bổ sung thông tin hộ tịch", ""),
    ("sửa tên", "thay đổi cải chính bổ sung thông tin hộ tịch", ""),
    ("con ngoài giá thú", "nhận cha mẹ con", ""),
    ("nhận bố", "nhận cha mẹ con", ""),
    ("xin con nuôi", "nuôi con nuôi", ""),
    ("nhận con nuôi", "nuôi con nuôi", ""),
    ("chết", "", "Ngữ cảnh"),
    ("mất", "", "Ngữ cảnh (bị mất, qua đời)"),
    ("qua đời", "", "Ngữ cảnh"),
    # children
    ("trẻ sơ sinh", "trẻ em dưới 6 tuổi", ""),
    ("con mới sinh", "trẻ em dưới 6 tuổi", ""),
    ("trẻ mới sinh", "trẻ em dưới 6 tuổi", ""),
    ("con dưới 14 tuổi", "dưới 14 tuổi", ""),
    # transport
    ("bằng lái", "giấy phép lái xe", ""),
    ("bằng lái xe", "giấy phép lái xe", ""),
    ("gplx", "giấy phép lái xe", ""),
    ("xe máy", "xe", ""),
    ("xe mới mua", "xe lần đầu", ""),
    ("sang tên xe", "đăng ký xe thay đổi chủ xe", ""),
    ("tàu đánh cá", "tàu cá", ""),
    ("ghe đánh cá", "tàu cá", ""),
    # building
    ("giấy phép xây nhà", "giấy phép xây dựng", ""),
    ("xin phép xây nhà", "giấy phép xây dựng", ""),
    ("xây nhà", "xây dựng", ""),
    ("sửa nhà", "sửa chữa cải tạo", ""),
    # business and tax
    ("mst", "đăng ký thuế", "Mã số thuế"),
    ("mã số thuế", "đăng ký thuế", ""),
    ("mở hộ kinh doanh", "đăng ký thành lập hộ kinh doanh", ""),
    ("hộ kinh doanh cá thể", "hộ kinh doanh", ""),
    ("mở cửa hàng", "đăng ký thành lập hộ kinh doanh", ""),
    ("mở công ty", "đăng ký thành lập công ty", ""),
    ("lập công ty", "đăng ký thành lập công ty", ""),
    ("công ty một chủ", "công ty tnhh một thành viên", ""),
    ("tnhh", "trách nhiệm hữu hạn", ""),
    ("đóng cửa công ty", "giải thể doanh nghiệp", ""),
    ("tạp hóa", "", "Ngữ cảnh"),
    ("bán tạp hóa", "", "Ngữ cảnh"),
    ("tncn", "thu nhập cá nhân", ""),
    ("gtgt", "giá trị gia tăng", ""),
    ("vat", "giá trị gia tăng", ""),
    # social insurance
    ("bhxh", "bảo hiểm xã hội", ""),
    ("bhyt", "bảo hiểm y tế", ""),
    ("sinh con", "thai sản", ""),
    ("bị ốm", "ốm đau", ""),
    ("nghỉ ốm", "ốm đau", ""),
    ("nghỉ việc", "thất nghiệp", ""),
    ("nghỉ làm", "", "Ngữ cảnh"),
    # justice
    ("luật sư miễn phí", "trợ giúp pháp lý", ""),
    ("người nghèo", "", "Ngữ cảnh"),
    ("công chứng bản sao", "chứng thực bản sao từ bản chính", ""),
    ("photo công chứng", "chứng thực bản sao từ bản chính", ""),
    ("giấy ủy quyền", "", "Ngữ cảnh"),
]


def seed(apps, schema_editor):
    SearchSynonym = apps.get_model("catalog", "SearchSynonym")
    for term, replacement, note in SYNONYMS:
        folded = " ".join(fold(term).split())
        SearchSynonym.objects.get_or_create(
            folded_term=folded, defaults={"term": term, "replacement": replacement, "note": note}
        )


def unseed(apps, schema_editor):
    SearchSynonym = apps.get_model("catalog", "SearchSynonym")
    SearchSynonym.objects.filter(folded_term__in=[" ".join(fold(t).split()) for t, _, _ in SYNONYMS]).delete()


class Migration(migrations.Migration):
    dependencies = [("catalog", "0008_search_synonyms_and_query_stats")]

    operations = [migrations.RunPython(seed, unseed)]
