"""Two common words that are rare side by side name one thing ("khai tử": "khai" is in every tax return,
"tử" in many names): the pair weighs at least its own rarity among the names (search_rank.Ranking)."""

import pytest

from catalog.services import search_catalog
from catalog.services.search_rank import Ranking
from tests.factories import ProcedureFactory

NAMES = [
    *(
        f"Khai thuế {kind}"
        for kind in ("giá trị gia tăng", "thu nhập cá nhân", "tài nguyên", "bảo vệ môi trường")
    ),
    *(f"Khai lệ phí {kind}" for kind in ("trước bạ nhà đất", "môn bài", "cấp phép")),
    *(f"Cấp phiếu lý lịch tư pháp {who}" for who in ("cho công dân", "cho cơ quan", "theo yêu cầu")),
    *(f"Đăng ký đầu tư {what}" for what in ("ra nước ngoài", "dự án mới", "theo hình thức góp vốn")),
    *(
        f"{act} quốc tịch Việt Nam ở {where}"
        for act in ("Nhập", "Thôi", "Trở lại")
        for where in ("trong nước", "nước ngoài")
    ),
    "Thủ tục đăng ký tàu bay mang quốc tịch Việt Nam",
    "Thủ tục đăng ký khai tử",
    "Thủ tục đăng ký khai tử có yếu tố nước ngoài",
]


@pytest.fixture
def catalog(db):
    for i, name in enumerate(NAMES):
        ProcedureFactory(code=f"9.{i:06d}", name=name)


def test_a_rare_pair_of_common_words_outweighs_rarer_single_words(catalog):
    found = search_catalog("chồng tôi quốc tịch Pháp mất tại bệnh viện ở Việt Nam, đăng ký khai tử thế nào")
    assert "khai tử" in found.procedures[0].name


def test_the_pair_weighs_its_own_rarity_but_not_inside_a_synonyms_wording(catalog):
    ranking = Ranking(["dang", "ky", "khai", "tu"])
    assert ranking.pairs["khai tu"] > ranking.weights["khai"] + ranking.weights["tu"]
    worded = Ranking(["dang", "ky", "khai", "tu"], wordings=["dang ky khai tu"])
    assert "khai tu" not in worded.pairs
