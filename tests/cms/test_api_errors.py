"""Issue 11 item 5: hostile query values and bodies get the API's JSON error, never a 500 or an HTML page."""

import pytest

DUE = "/api/v1/calendar/due/"


@pytest.mark.parametrize("value", ["NaN", "nan", "sNaN", "inf", "-Infinity", "1e999999", "9" * 400, "abc"])
def test_calendar_due_refuses_values_that_are_not_finite_numbers(client, db, value):
    response = client.get(DUE, {"start": "2026-03-02T09:00:00", "value": value, "unit": "working_day"})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_value"


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        (b"{bad", 400, "parse_error"),
        (b"\xff\xfe{", 400, "parse_error"),
        (b"[" * 200_000, 400, "parse_error"),  # deeper than json.loads can recurse
        (b'{"code":"' + b"x" * 3_000_000 + b'"}', 413, "too_large"),  # over DATA_UPLOAD_MAX_MEMORY_SIZE
    ],
)
def test_malformed_or_oversized_json_bodies_answer_in_the_json_error_format(client, db, body, status, code):
    response = client.post("/api/v1/lookup/", body, content_type="application/json")
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["error"]["code"] == code
    assert response.json()["error"]["message"]
