"""Procedure codes, agency identifiers (QCVN 102:2016/BTTTT) and decision numbers."""

from __future__ import annotations

from decimal import Decimal

import pytest

from catalog.parsing.codes import (
    AgencyCode,
    ProcedureCode,
    is_agency_code,
    is_procedure_code,
    normalize_agency_code,
    normalize_decision_number,
    normalize_procedure_code,
    parse_agency_code,
    parse_decision_number,
    parse_procedure_code,
)


@pytest.mark.parametrize("code", ["1.001234", "2.000889", "3.000545", "6.003467"])
def test_national_codes(code):
    assert normalize_procedure_code(code) == code
    assert parse_procedure_code(code).is_national


def test_short_local_suffix():
    assert parse_procedure_code("1.012753.H19") == ProcedureCode("1.012753", "H19")


def test_full_local_suffix():
    code = parse_procedure_code("2.002154.000.00.00.H29")
    assert code == ProcedureCode("2.002154", "000.00.00.H29")
    assert code.code == "2.002154.000.00.00.H29"


def test_service_variant_suffix():
    assert parse_procedure_code("2.000815.000.00.00.H55.02") == ProcedureCode(
        "2.000815", "000.00.00.H55", "02"
    )
    assert parse_procedure_code("1.013652.01") == ProcedureCode("1.013652", None, "01")


@pytest.mark.parametrize("raw", ["1.001234.", "1.001234..", " 1.001234 ", "1.001234 .", "1 . 001234"])
def test_trailing_dots_and_spaces(raw):
    assert normalize_procedure_code(raw) == "1.001234"


def test_lower_case_suffix_is_upper_cased():
    assert normalize_procedure_code("1.012753.h19.") == "1.012753.H19"


def test_float_from_excel_gets_its_zeros_back():
    assert normalize_procedure_code(1.0012) == "1.001200"
    assert normalize_procedure_code(2.00089) == "2.000890"
    assert normalize_procedure_code(Decimal("1.001234")) == "1.001234"


def test_typed_short_string_is_not_padded_unless_it_came_from_a_number():
    assert normalize_procedure_code("1.0012") is None
    assert normalize_procedure_code("1.0012", from_number=True) == "1.001200"


@pytest.mark.parametrize(
    "raw", ["", None, "23604.0", "10.001234", "1.00123456", "0.001234", "Demo", "1.001234.X1", True]
)
def test_not_procedure_codes(raw):
    assert not is_procedure_code(raw)


def test_suffix_with_broken_agency_hierarchy_is_rejected():
    assert normalize_procedure_code("2.001765.000.01.00.H44") is None


@pytest.mark.parametrize(
    ("raw", "full", "level"),
    [
        ("000.00.12.H22", "000.00.12.H22", 2),
        ("H22", "000.00.00.H22", 1),
        ("G01", "000.00.00.G01", 1),
        ("000.00.00.H22", "000.00.00.H22", 1),
        ("A01", "000.00.00.A01", 1),
        ("000.05.12.H22", "000.05.12.H22", 3),
        ("001.05.12.h22 ", "001.05.12.H22", 4),
    ],
)
def test_agency_codes(raw, full, level):
    agency = parse_agency_code(raw)
    assert agency.code == full
    assert agency.level == level
    assert normalize_agency_code(raw) == full


def test_agency_code_parts():
    assert parse_agency_code("000.00.12.H22") == AgencyCode("H22", "12", "00", "000")


@pytest.mark.parametrize(
    "raw",
    ["H2", "HH22", "22H", "00.00.00.H22", "000.01.00.H22", "001.00.12.H22", "H55.242", "000.00.00.G02-KQ1"],
)
def test_not_agency_codes(raw):
    assert not is_agency_code(raw)


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("Quyết định số 6225/QĐ-BQP", "6225/QĐ-BQP"),
        ("3980 /QĐ-BQP", "3980/QĐ-BQP"),
        ("1655/QĐ-UBND", "1655/QĐ-UBND"),
        ("SỐ 99/QĐ-NHNN", "99/QĐ-NHNN"),
        ("Quyết định số: 123/QĐ-UBND", "123/QĐ-UBND"),
        ("9999/QD-BTP", "9999/QĐ-BTP"),
        ("1234./QĐ-BXD", "1234/QĐ-BXD"),
        ("105a/QĐ-NHNN", "105a/QĐ-NHNN"),
        ("QĐ/0001-BCA", "0001/QĐ-BCA"),
        ("QĐ1234-BTP", "1234/QĐ-BTP"),
        ("99/QĐCB", "99/QĐ-CB"),
        ("1234/QĐ-BCA-C06", "1234/QĐ-BCA-C06"),
        ("12/2021/QĐ-TTg", "12/2021/QĐ-TTg"),
        ("Quyết định số 4777", "4777"),
    ],
)
def test_decision_numbers(raw, normalised):
    assert normalize_decision_number(raw) == normalised


def test_decision_number_parts():
    decision = parse_decision_number("Quyết định số 12/2021/QĐ-TTg")
    assert (decision.number, decision.year, decision.type, decision.issuer) == ("12", "2021", "QĐ", "TTg")


@pytest.mark.parametrize("raw", ["", None, "Demo/QĐ-BCA", "Không có thông tin"])
def test_not_decision_numbers(raw):
    assert parse_decision_number(raw) is None
