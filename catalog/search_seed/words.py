"""The search words each round seeded: synonyms (colloquial term → official wording) and hints (a wording that
ranks without being required), as (term, replacement, note); see the package's docstring for the rounds."""

SYNONYMS = [
    # residence and identity
    ("cắt khẩu", "xóa đăng ký thường trú", "Sổ hộ khẩu đã bỏ: nay là xóa đăng ký thường trú"),
    ("tách khẩu", "tách hộ", ""),
    ("tách hộ khẩu", "tách hộ", ""),
    ("vneid", "định danh điện tử", "Ứng dụng định danh điện tử"),
    ("passport", "hộ chiếu", ""),
    ("thất lạc", "", "Ngữ cảnh (bị mất)"),
    # justice, civil status, inheritance
    ("tiền án tiền sự", "lý lịch tư pháp", "Giấy xác nhận không có tiền án: Phiếu lý lịch tư pháp"),
    ("không tiền án tiền sự", "lý lịch tư pháp", ""),
    ("từ chối thừa kế", "từ chối nhận di sản", ""),
    ("không nhận thừa kế", "từ chối nhận di sản", ""),
    ("chia thừa kế", "phân chia di sản", ""),
    ("đổi họ tên", "thay đổi cải chính bổ sung thông tin hộ tịch", ""),
    ("đổi họ", "thay đổi cải chính bổ sung thông tin hộ tịch", ""),
    ("sửa giấy khai sinh", "thay đổi cải chính bổ sung thông tin hộ tịch", ""),
    ("nhận nuôi", "nuôi con nuôi", ""),
    ("sao y", "chứng thực bản sao từ bản chính", ""),
    ("sao y bản chính", "chứng thực bản sao từ bản chính", ""),
    # land and building
    ("thế chấp", "biện pháp bảo đảm", "Thế chấp quyền sử dụng đất là một biện pháp bảo đảm"),
    ("xóa thế chấp", "xóa đăng ký biện pháp bảo đảm", ""),
    ("giải chấp", "xóa đăng ký biện pháp bảo đảm", ""),
    ("sửa chữa nhà", "sửa chữa cải tạo", ""),
    ("nhà cấp 4", "cấp iv", "Công trình cấp IV"),
    ("hợp đồng mua bán đất", "chứng thực giao dịch quyền sử dụng đất", ""),
    ("khoan giếng", "khai thác nước dưới đất", ""),
    ("giếng khoan", "khai thác nước dưới đất", ""),
    # business and tax
    ("tạm nghỉ kinh doanh", "tạm ngừng kinh doanh", ""),
    ("tạm nghỉ", "tạm ngừng", ""),
    ("giải thể công ty", "giải thể doanh nghiệp", ""),
    ("đổi địa chỉ công ty", "thay đổi địa chỉ trụ sở", ""),
    ("chuyển trụ sở", "thay đổi địa chỉ trụ sở", ""),
    (
        "giấy phép kinh doanh",
        "giấy chứng nhận đăng ký",
        "Giấy chứng nhận đăng ký doanh nghiệp / hộ kinh doanh",
    ),
    ("giấy phép đăng ký kinh doanh", "giấy chứng nhận đăng ký", ""),
    ("hóa đơn lẻ", "hóa đơn theo từng lần phát sinh", ""),
    # social insurance
    ("lĩnh hộ", "lĩnh thay", ""),
    ("nhận thay", "lĩnh thay", ""),
    ("nhận hộ", "lĩnh thay", ""),
    ("tiền tuất", "tử tuất", ""),
]

# Third round (issue #15): kinds of words rather than questions. The abbreviations every administrative text and
# forum uses for the catalog's own wording, and regional or borrowed words for things the names call otherwise.
# Those prompted by a miss of bench/search/questions_heldout2.json (a tuning set from this round) say so: the
# term is the common one for its thing, not a test question's wording.
SYNONYMS_THIRD = [
    # abbreviations
    ("cty", "công ty", "Viết tắt (gợi ý từ một câu hỏi của heldout2)"),
    ("ctcp", "công ty cổ phần", "Viết tắt"),
    ("dntn", "doanh nghiệp tư nhân", "Viết tắt"),
    ("htx", "hợp tác xã", "Viết tắt"),
    (
        "gpkd",
        "giấy chứng nhận đăng ký",
        "Giấy phép kinh doanh: giấy chứng nhận đăng ký doanh nghiệp / hộ kinh doanh",
    ),
    ("đkkd", "đăng ký kinh doanh", "Viết tắt"),
    ("bhtn", "bảo hiểm thất nghiệp", "Viết tắt"),
    ("pccc", "phòng cháy chữa cháy", "Viết tắt"),
    ("attp", "an toàn thực phẩm", "Viết tắt"),
    ("vsattp", "an toàn thực phẩm", "Vệ sinh an toàn thực phẩm"),
    ("lltp", "lý lịch tư pháp", "Viết tắt"),
    ("qsdđ", "quyền sử dụng đất", "Viết tắt"),
    ("gcn", "giấy chứng nhận", "Viết tắt"),
    ("bđs", "bất động sản", "Viết tắt"),
    ("cmt", "thẻ căn cước", "Chứng minh thư: nay là thẻ căn cước"),
    ("csgt", "cảnh sát giao thông", "Viết tắt"),
    # regional and borrowed words
    ("heo", "lợn", "Tiếng miền Nam (gợi ý từ một câu hỏi của heldout2)"),
    ("xe hơi", "xe ô tô", "Tiếng miền Nam"),
    ("ôtô", "ô tô", "Cách viết liền"),
    ("oto", "ô tô", "Cách viết liền, không dấu"),
    ("cà vẹt", "chứng nhận đăng ký xe", "Từ mượn (carte verte) (gợi ý từ heldout2)"),
    ("cà vẹt xe", "chứng nhận đăng ký xe", ""),
    ("cavet", "chứng nhận đăng ký xe", "Cà vẹt viết liền (gợi ý từ heldout2)"),
    ("đăng kiểm", "kiểm định", "Đăng kiểm xe: kiểm định an toàn kỹ thuật (gợi ý từ heldout2)"),
    ("đăng kiểm xe", "kiểm định xe", ""),
    (
        "karaoke",
        "an ninh trật tự",
        "Kinh doanh karaoke cần giấy chứng nhận đủ điều kiện về an ninh, trật tự (gợi ý từ heldout2)",
    ),
    ("đánh bắt", "khai thác thủy sản", "Đánh bắt cá, hải sản (gợi ý từ heldout2)"),
    ("tiền rách", "đổi tiền không đủ tiêu chuẩn lưu thông", "Tiền rách, cháy, hư hỏng"),
    # the same thing said another way
    ("tạm dừng", "tạm ngừng", "Cùng nghĩa (gợi ý từ heldout2)"),
    ("mở quán", "đăng ký thành lập hộ kinh doanh", "Như “mở cửa hàng” (gợi ý từ heldout2)"),
    ("mở tiệm", "đăng ký thành lập hộ kinh doanh", "Như “mở cửa hàng” (gợi ý từ heldout2)"),
]

# Fourth round (migration 0019): everyday words for things the names call otherwise. "(heldout4)" marks a term a
# miss of questions_heldout4.json prompted (a tuning set from this round); each is a common word for its thing.
SYNONYMS_FOURTH = [
    ("khách tây", "người nước ngoài", "Khách nước ngoài (gợi ý từ heldout4)"),
    ("mỏ đá", "khoáng sản", "Đá, cát, sỏi là khoáng sản (gợi ý từ heldout4)"),
    ("mỏ cát", "khoáng sản", "Đá, cát, sỏi là khoáng sản"),
    ("khai thác đá", "khai thác khoáng sản", ""),
    ("khai thác cát", "khai thác khoáng sản", ""),
    ("nước sông", "nước mặt", "Nước sông, suối là nước mặt (gợi ý từ heldout4)"),
    ("nước suối", "nước mặt", "Nước sông, suối là nước mặt"),
    (
        "mô tô nước",
        "phương tiện vui chơi giải trí dưới nước",
        "Mô tô nước, thuyền du lịch (gợi ý từ heldout4)",
    ),
    ("thắng kiện", "thi hành án", "Bản án có hiệu lực mà bên kia không thi hành"),
    ("xử thắng", "thi hành án", "Bản án có hiệu lực mà bên kia không thi hành (gợi ý từ heldout4)"),
    ("bán hàng online", "thương mại điện tử", "(gợi ý từ heldout4)"),
    ("bán hàng qua mạng", "thương mại điện tử", ""),
    ("shopee", "thương mại điện tử", "Sàn thương mại điện tử (gợi ý từ heldout4)"),
    ("lazada", "thương mại điện tử", "Sàn thương mại điện tử"),
    ("tiktok shop", "thương mại điện tử", "Sàn thương mại điện tử"),
    ("gia truyền", "gia bảo", "Đồ gia truyền là đồ gia bảo (gợi ý từ heldout4)"),
    ("thanh kiếm", "vũ khí thô sơ", "Kiếm, dao găm, giáo, mác là vũ khí thô sơ (gợi ý từ heldout4)"),
    ("dao găm", "vũ khí thô sơ", "Kiếm, dao găm, giáo, mác là vũ khí thô sơ"),
    ("giáo mác", "vũ khí thô sơ", "Kiếm, dao găm, giáo, mác là vũ khí thô sơ"),
    ("ghi sai", "sai sót", "Giấy tờ ghi sai: đính chính sai sót (gợi ý từ heldout4)"),
    ("viết sai", "sai sót", ""),
    ("in sai", "sai sót", ""),
    ("hoàn công", "đăng ký tài sản gắn liền với đất", "Hoàn công: ghi nhà mới xây vào giấy chứng nhận"),
    ("bổ sung nhà", "tài sản gắn liền với đất", "Ghi nhà vào sổ đỏ (gợi ý từ heldout4)"),
    ("dịch tả châu phi", "dịch bệnh động vật", "Dịch tả lợn châu Phi (gợi ý từ heldout4)"),
    ("dịch tả lợn", "dịch bệnh động vật", ""),
    ("lở mồm long móng", "dịch bệnh động vật", ""),
    ("cúm gia cầm", "dịch bệnh động vật", ""),
    ("thú cưng", "động vật", "Chó, mèo nuôi làm cảnh"),
    ("chó cưng", "động vật", "(gợi ý từ heldout4)"),
    ("mèo cưng", "động vật", ""),
    (
        "rút bảo hiểm xã hội",
        "hưởng bảo hiểm xã hội",
        "Rút BHXH một lần: hưởng BHXH một lần (gợi ý từ heldout4)",
    ),
    ("rút bhxh", "hưởng bảo hiểm xã hội", "Rút BHXH một lần: hưởng BHXH một lần"),
]

# Fifth round (migration 0021). Hints (`SearchSynonym.Kind.HINT`) rank a wording without requiring it: names say
# "có yếu tố nước ngoài" or "người nước ngoài", never which country, and a country's folded words mislead ("han"
# is "hạn" of every "gia hạn", "quoc" is "quốc tịch"); names say "doanh nghiệp" where citizens say "công ty".
# Countries that names do cite (Trung Quốc, Lào, Campuchia: border permits) are left out. "(heldout5)" marks a
# term a miss of questions_heldout5.json prompted (a tuning set from this round).
HINTS_FIFTH = [
    ("hàn quốc", "nước ngoài", "Tên thủ tục không nêu từng nước (gợi ý từ heldout5)"),
    ("người hàn", "nước ngoài", ""),
    ("quốc tịch hàn", "nước ngoài", "(gợi ý từ heldout5)"),
    ("nhật bản", "nước ngoài", ""),
    ("người nhật", "nước ngoài", ""),
    ("đài loan", "nước ngoài", ""),
    ("người đài loan", "nước ngoài", ""),
    ("người mỹ", "nước ngoài", ""),
    ("nước mỹ", "nước ngoài", ""),
    ("người úc", "nước ngoài", ""),
    ("nước úc", "nước ngoài", ""),
    ("thái lan", "nước ngoài", ""),
    ("người thái", "nước ngoài", ""),
    ("người nga", "nước ngoài", ""),
    ("người đức", "nước ngoài", ""),
    ("người pháp", "nước ngoài", ""),
    ("singapore", "nước ngoài", ""),
    ("malaysia", "nước ngoài", ""),
    ("canada", "nước ngoài", ""),
    ("châu âu", "nước ngoài", ""),
    ("ngoại quốc", "nước ngoài", ""),
    ("việt kiều", "định cư ở nước ngoài", "Người Việt Nam định cư ở nước ngoài (gợi ý từ heldout5)"),
    ("công ty", "doanh nghiệp", "Tên thủ tục nói doanh nghiệp (gợi ý từ heldout5)"),
]
SYNONYMS_FIFTH = [
    ("ở nhờ", "lưu trú", "Người thân đến ở vài hôm: thông báo lưu trú (gợi ý từ heldout5)"),
    ("ngủ lại", "lưu trú", ""),
    ("trừ điểm", "kiểm tra kiến thức pháp luật", "Phục hồi điểm giấy phép lái xe (gợi ý từ heldout5)"),
    ("phục hồi điểm", "kiểm tra kiến thức pháp luật", "Phục hồi điểm giấy phép lái xe"),
    ("tiền bị rách", "tiền không đủ tiêu chuẩn lưu thông", "Đổi tiền rách, cháy (gợi ý từ heldout5)"),
    ("tiền bị cháy", "tiền không đủ tiêu chuẩn lưu thông", ""),
    ("xe hợp đồng", "kinh doanh vận tải", "(gợi ý từ heldout5)"),
    ("ghe", "phương tiện thủy nội địa", "Ghe, xuồng, đò (gợi ý từ heldout5)"),
    ("xuồng máy", "phương tiện thủy nội địa", ""),
    ("xem quy hoạch", "thông tin quy hoạch", "(gợi ý từ heldout5)"),
    ("thợ khoan giếng", "hành nghề khoan nước dưới đất", "(gợi ý từ heldout5)"),
]

# Sixth round (migration 0022): the same kinds, "(heldout6)" marking a term a miss of questions_heldout6.json (a
# tuning set from this round) prompted.
HINTS_SIXTH = [
    ("đồ đạc", "tài sản di chuyển", "Đồ đạc mang theo khi về nước định cư (gợi ý từ heldout6)"),
    ("bắt oan", "bồi thường", "Bồi thường của Nhà nước (gợi ý từ heldout6)"),
    ("chân đê", "đê điều", "Làm nhà, công trình gần đê (gợi ý từ heldout6)"),
]
SYNONYMS_SIXTH = [
    ("lấn đất", "tranh chấp đất đai", "Hàng xóm lấn đất (gợi ý từ heldout6)"),
    ("lấn chiếm đất", "tranh chấp đất đai", ""),
    ("mã số thuế bị khóa", "khôi phục mã số thuế", "(gợi ý từ heldout6)"),
    ("mở lại mã số thuế", "khôi phục mã số thuế", ""),
    ("thế chấp ô tô", "biện pháp bảo đảm bằng động sản", "Xe là động sản (gợi ý từ heldout6)"),
    ("thế chấp xe", "biện pháp bảo đảm bằng động sản", "Xe là động sản"),
    ("đóng hộ kinh doanh", "chấm dứt hoạt động hộ kinh doanh", "(gợi ý từ heldout6)"),
    ("1 thành viên", "một thành viên", "Công ty TNHH một thành viên (gợi ý từ heldout6)"),
    ("2 thành viên", "hai thành viên", "Công ty TNHH hai thành viên trở lên (gợi ý từ heldout6)"),
    ("đến hạn đăng kiểm", "kiểm định xe cơ giới", "Đăng kiểm định kỳ (gợi ý từ heldout6)"),
    ("đi đăng kiểm", "kiểm định xe cơ giới", ""),
    ("hóa giá nhà", "bán nhà ở cũ thuộc tài sản công", "Mua nhà cũ đang thuê của Nhà nước"),
    ("quá tiêu chuẩn miễn thuế", "vượt quá định mức miễn thuế", "Hành lý (gợi ý từ heldout6)"),
    ("sửa mái nhà", "sửa chữa cải tạo", "(gợi ý từ heldout6)"),
]

# Seventh round (migration 0023), "(heldout7)" / "(heldout8)" marking a term a miss of questions_heldout7.json or,
# after its one measurement, questions_heldout8.json prompted. "mất" (a context word since migration 0009)
# becomes a hint for "cấp lại": a lost paper is re-issued; a death is said by the phrases below, context that
# takes precedence over "mất" alone.
# Context words of migration 0009 that become hints: (term, wording, note, the note they had).
CONTEXT_TO_HINTS = [
    ("mất", "cấp lại", "Mất giấy tờ: cấp lại (gợi ý từ heldout7)", "Ngữ cảnh (bị mất, qua đời)"),
    ("thuê trọ", "tạm trú", "Thuê trọ: đăng ký tạm trú (gợi ý từ heldout8)", "Ngữ cảnh"),
    ("ở trọ", "tạm trú", "Ở trọ: đăng ký tạm trú", "Ngữ cảnh"),
]
HINTS_SEVENTH = [
    ("sang tỉnh khác", "ra khỏi địa bàn cấp tỉnh", "Vận chuyển động vật (gợi ý từ heldout8)"),
    ("ra tỉnh khác", "ra khỏi địa bàn cấp tỉnh", ""),
    ("chủ cũ", "thu hồi", "Bán xe: chủ cũ làm thủ tục thu hồi đăng ký (gợi ý từ heldout8)"),
    ("ví điện tử", "trung gian thanh toán", "(gợi ý từ heldout8)"),
    ("không chịu trả", "thi hành án", "Bản án có hiệu lực mà bên kia không trả (gợi ý từ heldout7)"),
    (
        "tuyển nhân viên",
        "đóng bhxh",
        "Doanh nghiệp đăng ký đóng bảo hiểm cho người lao động (gợi ý từ heldout7)",
    ),
    ("đóng bảo hiểm cho nhân viên", "đóng bhxh", ""),
]
SYNONYMS_SEVENTH = [
    ("bố mất", "", "Ngữ cảnh: qua đời, không phải mất giấy tờ"),
    ("mẹ mất", "", "Ngữ cảnh: qua đời"),
    ("ông mất", "", "Ngữ cảnh: qua đời"),
    ("bà mất", "", "Ngữ cảnh: qua đời"),
    ("chồng mất", "", "Ngữ cảnh: qua đời"),
    ("vợ mất", "", "Ngữ cảnh: qua đời"),
    ("người thân mất", "", "Ngữ cảnh: qua đời"),
    ("đã mất", "", "Ngữ cảnh: qua đời"),
    ("thuốc trừ sâu", "thuốc bảo vệ thực vật", "(gợi ý từ heldout7)"),
    ("thuốc diệt cỏ", "thuốc bảo vệ thực vật", ""),
    ("dùi cui", "công cụ hỗ trợ", "Dùi cui, bình xịt hơi cay là công cụ hỗ trợ (gợi ý từ heldout7)"),
    ("bình xịt hơi cay", "công cụ hỗ trợ", ""),
    ("ở chơi", "lưu trú", "Người thân đến ở vài hôm (gợi ý từ heldout7)"),
    ("ra hộ khẩu riêng", "tách hộ", "(gợi ý từ heldout7)"),
    ("sổ hộ khẩu riêng", "tách hộ", ""),
    ("thuyền máy", "phương tiện thủy nội địa", "(gợi ý từ heldout7)"),
    # Folded, "ô" of "ô tô" is "ở", a context word: "mua ô tô" kept only "to" (gợi ý từ heldout7).
    ("ô tô", "xe ô tô", "Không dấu, “o” là “ở” (gợi ý từ heldout7)"),
    ("1 lần", "một lần", "Hưởng BHXH một lần (gợi ý từ heldout8)"),
    ("đóng mã số thuế", "chấm dứt hiệu lực mã số thuế", "(gợi ý từ heldout8)"),
    ("đóng mst", "chấm dứt hiệu lực mã số thuế", ""),
]
# The tenth round's (migration 0025), prompted by heldout10's misses and the earlier sets' recurring ones.
HINTS_TENTH = [
    ("photo", "bản sao", "Bản photo đem chứng thực: chứng thực bản sao (gợi ý từ heldout10)"),
    ("trừ hết điểm", "kiểm tra kiến thức pháp luật", "Phục hồi điểm giấy phép lái xe (gợi ý từ heldout10)"),
    ("báo mất", "trình báo mất", "Trình báo mất hộ chiếu, giấy tờ (gợi ý từ heldout10)"),
    ("12 điểm", "kiểm tra kiến thức pháp luật", "Giấy phép lái xe có 12 điểm (gợi ý từ heldout10)"),
    ("cho thuê nhà", "cho thuê bất động sản", "Người cho thuê nhà khai thuế (gợi ý từ heldout10)"),
    ("nhà vào sổ", "tài sản gắn liền với thửa đất", "Ghi thêm nhà vào sổ đỏ (gợi ý từ heldout10)"),
    ("tự quyết toán", "quyết toán thuế trực tiếp với cơ quan thuế", "(gợi ý từ heldout10)"),
    ("chở xăng", "vận chuyển hàng hóa nguy hiểm", "Xăng dầu là hàng nguy hiểm (gợi ý từ heldout10)"),
    # Asked again and again in the earlier sets (heldout5 to heldout9), by the same words.
    ("bán xe", "thu hồi chứng nhận đăng ký xe", "Người bán xe làm thủ tục thu hồi đăng ký, biển số"),
    ("mang xe", "nhập khẩu xe", "Việt kiều mang xe về nước: nhập khẩu xe không nhằm mục đích thương mại"),
    (
        "chưa có giấy khai sinh",
        "khai sinh cho người đã có hồ sơ",
        "Người lớn tuổi chưa từng đăng ký khai sinh",
    ),
    ("chưa từng có giấy khai sinh", "khai sinh cho người đã có hồ sơ", ""),
    ("mai táng", "tử tuất", "Trợ cấp mai táng thuộc chế độ tử tuất"),
    ("lấn sang", "tranh chấp đất đai", "Hàng xóm lấn đất"),
    ("nhà cũ của nhà nước", "nhà ở cũ thuộc tài sản công", "Mua nhà đang thuê của Nhà nước"),
    ("nhà xe", "kinh doanh vận tải", "Mở nhà xe chạy tuyến cố định"),
]
SYNONYMS_TENTH = [
    ("giấy xác nhận cư trú", "xác nhận thông tin về cư trú", "Mẫu CT07 (gợi ý từ heldout10)"),
    ("xác nhận cư trú", "xác nhận thông tin về cư trú", ""),
    ("không nợ thuế", "hoàn thành nghĩa vụ nộp thuế", "Giấy xác nhận không nợ thuế (gợi ý từ heldout8)"),
    ("phi công", "người lái tàu bay", "(gợi ý từ heldout8, heldout9)"),
    ("máy bay", "tàu bay", "Tên thủ tục gọi là tàu bay (gợi ý từ heldout9)"),
]
# The eleventh round's (migration 0026), prompted by heldout11's misses.
SYNONYMS_ELEVENTH = [
    # Longer than "giấy phép kinh doanh" (→ giấy chứng nhận đăng ký), which would drop "vận tải".
    ("giấy phép kinh doanh vận tải", "kinh doanh vận tải", "Xe taxi, xe hợp đồng (gợi ý từ heldout11)"),
    ("đăng kiểm ô tô", "kiểm định xe cơ giới", "Đăng kiểm định kỳ (gợi ý từ heldout11)"),
    ("chó mèo", "động vật", "Kiểm dịch chó mèo mang theo người (gợi ý từ heldout11)"),
]

SYNONYMS_THIRTEENTH = [
    # "mở lại mã số thuế" was seeded; citizens write the code's abbreviation.
    ("mở lại mst", "khôi phục mã số thuế", "(gợi ý từ heldout13)"),
    ("khôi phục mst", "khôi phục mã số thuế", ""),
    # A sale or gift contract is attested as a transaction ("giao dịch") in the names.
    ("chứng thực hợp đồng", "chứng thực giao dịch", "Hợp đồng mua bán, tặng cho (gợi ý từ heldout13)"),
    ("dữ liệu dân cư", "cơ sở dữ liệu quốc gia về dân cư", "(gợi ý từ heldout13)"),
]

HINTS_FOURTEENTH = [
    ("đánh rơi", "cấp lại", "Mất giấy tờ: cấp lại (gợi ý từ heldout14)"),
    ("làm rơi", "cấp lại", ""),
    # A bride's residence moves to her husband's household; "nhập khẩu" alone is importing goods.
    ("về nhà chồng", "thường trú", "Nhập hộ khẩu về nhà chồng: đăng ký thường trú (gợi ý từ heldout13, 14)"),
    ("về nhà vợ", "thường trú", ""),
]
SYNONYMS_FOURTEENTH = [
    ("nhập hk", "đăng ký thường trú", "Viết tắt: nhập hộ khẩu (gợi ý từ heldout13)"),
    ("báo lưu trú", "thông báo lưu trú", "Nhà nghỉ, khách ở qua đêm (gợi ý từ heldout14)"),
    ("khai báo lưu trú", "thông báo lưu trú", ""),
]

# The fifteenth round (migration 0029), prompted by the misses of heldout15 and, after its one measurement,
# heldout16. "mất" followed by where ("mất ở nhà", "mất tại bệnh viện") is a death, not a lost paper.
HINTS_FIFTEENTH = [
    (
        "chưa đăng ký kết hôn",
        "nhận cha mẹ con",
        "Con của cha mẹ chưa đăng ký kết hôn: khai sinh kết hợp nhận cha (gợi ý từ heldout15, 16)",
    ),
    ("đồ dùng cá nhân", "tài sản di chuyển", "Đồ dùng mang theo khi về nước định cư (gợi ý từ heldout15)"),
]
SYNONYMS_FIFTEENTH = [
    ("vali", "hành lý", "(gợi ý từ heldout15)"),
    ("va li", "hành lý", ""),
    ("chơi mấy hôm", "lưu trú", "Người thân đến chơi vài hôm (gợi ý từ heldout16)"),
    ("chơi vài hôm", "lưu trú", ""),
    ("chơi mấy ngày", "lưu trú", ""),
    ("chơi vài ngày", "lưu trú", ""),
    ("ở nhà", "", "Ngữ cảnh: nơi (mất ở nhà, sinh ở nhà) (gợi ý từ heldout15)"),
    ("tại nhà", "", "Ngữ cảnh: nơi"),
    ("mất ở nhà", "", "Ngữ cảnh: qua đời"),
    ("mất tại nhà", "", "Ngữ cảnh: qua đời"),
    ("mất ở bệnh viện", "", "Ngữ cảnh: qua đời"),
    ("mất tại bệnh viện", "", "Ngữ cảnh: qua đời"),
]
