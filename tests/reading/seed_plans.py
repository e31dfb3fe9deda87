"""Plan-task tables of seeds 000 (Quảng Bình), 001 (Thanh Hóa) and 002 (Bắc Giang), typed as data.

Import them from :mod:`tests.reading.seed_tables`, which also writes them to ``.xlsx``.
"""

from __future__ import annotations

from .seed_tables import Sec, SeedTable

_ALL_CQ = "- Các sở, ban, ngành thuộc UBND tỉnh;\n\n- UBND cấp huyện;\n\n- UBND cấp xã;\n\n- Các cơ quan HCNN TW đóng trên địa bàn."

SEED_000 = SeedTable(
    sheet="Phụ lục",
    titles=[
        "PHỤ LỤC",
        "NHIỆM VỤ CỤ THỂ TRIỂN KHAI THỰC HIỆN NGHỊ ĐỊNH SỐ 61/2018/NĐ-CP CỦA CHÍNH PHỦ",
        "(Ban hành kèm theo Kế hoạch số 1655 /KH-UBND ngày 03 / 10 /2018 của UBND tỉnh Quảng Bình)",
    ],
    header=[
        [
            "STT",
            "Nội dung thực hiện",
            "Sản phẩm dự kiến hoàn thành",
            "Cơ quan thực hiện",
            "Thời gian thực hiện",
        ]
    ],
    header_merges=[],
    rows=[
        Sec("I", "XÂY DỰNG, BAN HÀNH VĂN BẢN CHỈ ĐẠO, ĐIỀU HÀNH"),
        (
            1,
            "Xây dựng Kế hoạch triển khai thực hiện Nghị định số 61/2018/NĐ-CP",
            "Ban hành Kế hoạch của UBND tỉnh",
            "VP UBND tỉnh tham mưu",
            "Quý III/2018",
        ),
        (
            2,
            "Xây dựng Quy chế hoạt động của Cổng Dịch vụ công và Hệ thống Thông tin một cửa điện tử của tỉnh",
            "Ban hành Quy chế của UBND tỉnh",
            "- Sở TT&TT chủ trì tham mưu;\n\n- Các sở, ban, ngành phối hợp.",
            "Tháng 11/2018",
        ),
        (
            3,
            "Xây dựng văn bản triển khai xây dựng quy trình tin học hoá trong giải quyết TTHC",
            "Ban hành văn bản hướng dẫn triển khai của UBND tỉnh",
            "- VP UBND tỉnh chủ trì tham mưu;\n\n- Sở TT&TT và Sở KH&CN phối hợp.",
            "Quý III/2018",
        ),
        Sec("II", "THÀNH LẬP, KIỆN TOÀN TỔ CHỨC, NHIỆM VỤ, QUYỀN HẠN VÀ TRỤ SỞ CỦA BỘ PHẬN MỘT CỬA"),
        (
            2,
            "Phê duyệt Danh mục TTHC tiếp nhận tại Bộ phận Một cửa và Danh mục TTHC tiếp nhận trực tuyến",
            "- Quyết định phê duyệt Danh mục TTHC tiếp nhận hồ sơ, trả kết quả tại Bộ phận Một cửa của các cơ quan, "
            "đơn vị, địa phương.",
            _ALL_CQ,
            "Quý IV/2018",
        ),
        (
            6,
            "Tổ chức đánh giá việc giải quyết TTHC",
            "Kết quả đánh giá được công khai trên Hệ thống Thông tin một cửa điện tử và Cổng Dịch vụ công của tỉnh",
            _ALL_CQ,
            "Thường xuyên hàng năm",
        ),
        Sec(
            "III",
            "TRIỂN KHAI ỨNG DỤNG CÔNG NGHỆ THÔNG TIN ĐÁP ỨNG YÊU CẦU THỰC HIỆN CƠ CHẾ MỘT CỬA, MỘT CỬA "
            "LIÊN THÔNG TRONG GIẢI QUYẾT TTHC",
        ),
        (
            1,
            "Xây dựng và tổ chức quản lý, vận hành Cổng Dịch vụ công và Hệ thống Thông tin một cửa điện tử của tỉnh",
            "Hoàn thành việc xây dựng Cổng Dịch vụ công và Hệ thống Thông tin một cửa điện tử của tỉnh",
            "- Sở TT&TT chủ trì tham mưu;\n\n- VP UBND tỉnh phối hợp.",
            "Quý III/2018",
        ),
        (
            None,
            "Nâng cấp năng lực hạ tầng công nghệ thông tin đáp ứng yêu cầu quản lý, vận hành, đảm bảo an toàn "
            "thông tin của Hệ thống Thông tin một cửa điện tử",
            "Sở TT&TT xây dựng kế hoạch, đề án, dự án cụ thể trình UBND tỉnh để tổ chức thực hiện",
            None,
            "Trình UBND tỉnh ban hành Kế hoạch trong Quý IV/2018",
        ),
        (
            None,
            "Nâng cấp, hoàn thiện các chức năng trên Cổng Dịch vụ công và Hệ thống Thông tin một cửa điện tử",
            None,
            "- Sở TT&TT chủ trì tham mưu;\n\n- VP UBND tỉnh phối hợp.",
            "Theo yêu cầu từng giai đoạn",
        ),
        (
            None,
            "Xây dựng và phê duyệt quy trình nội bộ theo phân cấp của UBND tỉnh",
            None,
            _ALL_CQ,
            "Thường xuyên hàng năm",
        ),
        (
            None,
            "Phối hợp thực hiện Kế hoạch triển khai thí điểm phần mềm một cửa điện tử",
            None,
            _ALL_CQ,
            "Theo lộ trình của Văn phòng Chính phủ, Bộ Thông tin và Truyền thông và các Bộ, ngành TW",
        ),
        (
            2,
            "Thực hiện việc trao đổi thông tin, giao dịch giải quyết TTHC với cá nhân, tổ chức",
            "- Sử dụng các biểu mẫu trên Hệ thống Thông tin một cửa điện tử",
            _ALL_CQ,
            "Thường xuyên hàng năm",
        ),
        Sec("IV", "TỔ CHỨC TẬP HUẤN, TUYÊN TRUYỀN, PHỔ BIẾN VÀ KIỂM TRA, ĐÔN ĐỐC VIỆC THỰC HIỆN"),
        (
            1,
            "Tổ chức tập huấn nghiệp vụ, hướng dẫn sử dụng Hệ thống Thông tin một cửa điện tử",
            "Các lớp tập huấn cho 100% CBCCVC thực hiện giải quyết TTHC",
            "Sở TT&TT",
            "Hoàn thành trong Quý III/2018",
        ),
        (
            None,
            None,
            "Văn bản hướng dẫn của Sở TT&TT khi các đơn vị, địa phương yêu cầu hướng dẫn bổ sung",
            "Sở TT&TT",
            "Khi có yêu cầu",
        ),
        (
            2,
            "Tuyên truyền, phổ biến triển khai thực hiện Nghị định số 61/2018/NĐ-CP của Chính phủ",
            "Thực hiện các chuyên mục, phóng sự, tin bài tuyên truyền",
            "- VP UBND tỉnh;\n\n- Sở TT&TT;\n\n- Sở Nội vụ;\n\n- Đài PT-TH;\n\n- Báo QB;",
            "Hàng năm",
        ),
    ],
)

SEED_001 = SeedTable(
    sheet="Phụ lục",
    titles=[
        "PHỤ LỤC",
        "NHIỆM VỤ CỤ THỂ VỀ TRIỂN KHAI NGHỊ ĐỊNH SỐ 61/2018/NĐ-CP NGÀY 23/4/2018 CỦA CHÍNH PHỦ",
        "(Ban hành kèm theo Quyết định số 3342/QĐ-UBND ngày 05 tháng 9 năm 2018 của Chủ tịch UBND tỉnh Thanh Hóa)",
    ],
    header=[
        [
            "TT",
            "Nội dung thực hiện",
            "Cơ quan chủ trì",
            "Cơ quan phối hợp",
            "Thời gian hoàn thành",
            "Sản phẩm dự kiến hoàn thành",
        ]
    ],
    header_merges=[],
    rows=[
        Sec("I", "XÂY DỰNG, BAN HÀNH CÁC VĂN BẢN QUY PHẠM PHÁP LUẬT, VĂN BẢN CHỈ ĐẠO ĐIỀU HÀNH"),
        (
            1,
            "Ban hành Kế hoạch triển khai thực hiện Nghị định số 61/2018/NĐ-CP tại cơ quan đơn vị.",
            "- Các sở, ban, ngành cấp tỉnh;\n\n- UBND cấp huyện;\n\n- UBND cấp xã.",
            "Các cơ quan liên quan",
            "Quý III/2018",
            "Kế hoạch triển khai thực hiện Nghị định 61/2018/NĐ-CP.",
        ),
        (
            4,
            "Tham mưu trình UBND tỉnh ban hành Quy chế hoạt động của Cổng dịch vụ công tỉnh Thanh Hóa.",
            "Sở Thông tin và Truyền thông.",
            "- Văn phòng UBND tỉnh;\n\n- Các cơ quan liên quan.",
            "Quý I/2019",
            "Quyết định ban hành Quy chế hoạt động của Cổng dịch vụ công.",
        ),
        Sec("II", "KIỆN TOÀN TỔ CHỨC, NHIỆM VỤ, QUYỀN HẠN VÀ TRỤ SỞ CỦA BỘ PHẬN MỘT CỬA"),
        (
            2,
            "Nâng cấp, cải tạo trụ sở, bố trí trang thiết bị tại Bộ phận Một cửa.",
            "- Trung tâm hành chính công tỉnh;\n\n- UBND cấp huyện; UBND cấp xã.",
            "Các cơ quan liên quan.",
            "- Quý IV/2018 đối với cấp tỉnh;\n\n- Quý I/2019 (Cấp huyện thuộc đô thị loại III trở lên);\n\n"
            "- Quý III/2019 (Cấp huyện chưa đạt đô thị loại III và cấp xã);\n\n- Quý III/2020 (Cấp huyện, cấp xã "
            "vùng sâu, vùng xa vùng dân tộc thiểu số, vùng biên giới, hải đảo, vùng đặc biệt khó khăn).",
            "Bộ phận Một cửa các cấp được cải tạo, nâng cấp, bố trí đầy đủ trang thiết bị hoạt động.",
        ),
        (
            4,
            "Ban hành quy trình nội bộ, quy trình điện tử đối với việc giải quyết từng thủ tục hành chính.",
            "- Các sở, ban, ngành cấp tỉnh",
            "- Sở Khoa học và Công nghệ (Đối với quy trình nội bộ)\n\n- Sở Thông "
            "tin và Truyền thông (đối với quy trình điện tử).",
            "Quý I/2019 và hàng năm.",
            "Quyết định của Chủ tịch UBND tỉnh ban hành quy trình nội bộ.",
        ),
        Sec(
            "III",
            "TRIỂN KHAI ỨNG DỤNG CÔNG NGHỆ THÔNG TIN ĐÁP ỨNG YÊU CẦU THỰC HIỆN CƠ CHẾ MỘT CỬA, MỘT CỬA "
            "LIÊN THÔNG TRONG GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH",
        ),
        (
            5,
            "Kết nối Cổng Dịch vụ công quốc gia và Cổng dịch vụ công, Hệ thống thông tin một cửa điện tử cấp tỉnh "
            "với cơ sở dữ liệu quốc gia về dân cư.",
            "Sở Thông tin và Truyền thông.",
            "Sở Kế hoạch và Đầu tư, Công an tỉnh, Ngân hàng Nhà nước chi nhánh tỉnh Thanh Hóa.",
            "- Quý IV/2019: Kết nối với CSDL về đăng ký kinh doanh;\n\n- Quý III/2020: Kết nối với CSDL về người "
            "dân;\n\n- Quý IV/2020: Kết nối với Cổng thanh toán tập trung.",
            "Các hệ thống được kết nối với nhau.",
        ),
    ],
)

SEED_002 = SeedTable(
    sheet="Phụ lục",
    titles=["PHỤ LỤC", "Phân công nhiệm vụ triển khai thực hiện Kế hoạch số 129/KH-UBND"],
    header=[["Stt", "Nhiệm vụ, mục tiêu hàng năm", "Chủ trì", "Phối hợp", "Thời gian hoàn thành"]],
    header_merges=[],
    rows=[
        Sec("I", "Năm 2021"),
        (
            1,
            "Triển khai quy trình số hóa hồ sơ, giấy tờ, kết quả giải quyết TTHC.",
            "Văn phòng",
            "Một cửa, các phòng",
            "Theo hướng dẫn của Sở TT&TT",
        ),
        (
            2,
            "Rà soát, tái cấu trúc quy trình, điện tử hóa mẫu đơn, tờ khai, kết quả giải quyết TTHC.",
            "Văn phòng",
            "Một cửa, các phòng",
            "Theo hướng dẫn của VPUB",
        ),
        (
            3,
            "Tham gia các lớp đào tạo nghiệp vụ và kỹ năng cho bộ phận một cửa.",
            "Một cửa",
            "Các phòng",
            None,
        ),
        (
            4,
            "Thực hiện lưu trữ điện tử đối với hồ sơ TTHC.",
            "Văn phòng",
            "Một cửa, các phòng",
            "Theo hướng dẫn của Sở Nội vụ",
        ),
        Sec("II", "Năm 2022"),
        (
            1,
            "Tiếp tục triển khai số hóa kết quả giải quyết TTHC còn hiệu lực (tăng 20%).",
            "Văn phòng",
            "Một cửa, các phòng",
            "Năm 2022",
        ),
        (
            2,
            "Tăng hiệu quả của bộ phận một cửa, giảm thời gian chờ đợi của công dân xuống còn tối đa 20 phút /1 lần "
            "giao dịch.",
            "Một cửa",
            "Các phòng",
            "Năm 2022",
        ),
        Sec("III", "Năm 2023-2025"),
        (
            1,
            "Tiếp tục triển khai số hóa kết quả giải quyết TTHC còn hiệu lực cho đến khi đạt tỉ lệ 100%.",
            "Văn phòng",
            "Một cửa, các phòng",
            "Năm 2023-2025",
        ),
        (
            2,
            "Giảm thời gian chờ đợi của người dân, doanh nghiệp xuống còn tối đa 15 phút/1 lượt giao dịch; thời gian "
            "tiếp nhận, xử lý hồ sơ tối thiểu 30 phút/1 hồ sơ .",
            "Một cửa",
            "Các phòng",
            "Năm 2023-2025",
        ),
    ],
)
