"""Issue 11 item 5, the online form's path: what a citizen types is stored NFC, without bidi controls."""

import unicodedata

from eforms.submissions import OnlineSubmission
from workflows.models import Dossier

from .conftest import valid_data

HOSTILE = unicodedata.normalize("NFD", "Nguyễn \u202eVăn\u202c An\u2066")


def test_the_online_form_stores_clean_names_and_answers(client, desk):
    response = client.post(desk["page"].url, valid_data(ho_va_ten=HOSTILE, dia_chi_detail=f"Số 5 {HOSTILE}"))
    assert response.status_code == 200
    dossier = Dossier.objects.get()
    assert dossier.applicant_name == "Nguyễn Văn An"
    assert dossier.applicant_address.startswith("Số 5 Nguyễn Văn An")
    answers = OnlineSubmission.objects.get().form_data
    assert answers["ho_va_ten"] == "Nguyễn Văn An"
