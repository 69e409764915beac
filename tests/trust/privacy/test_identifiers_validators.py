"""Checksum and structure validators: each accepts real-shaped numbers and rejects a
single wrong digit."""

from __future__ import annotations

import pytest

from nabz.trust.identifiers import ae, eg, ir, sa, us
from nabz.trust.identifiers.cards import luhn_ok, valid_card
from nabz.trust.identifiers.devices import gtin_ok
from nabz.trust.identifiers.iban import valid_iban
from nabz.trust.identifiers.vehicles import valid_vin


@pytest.mark.parametrize(
    ("check", "good", "bad"),
    [
        (ir.valid_national_code, "0084575948", "0084575949"),
        (ir.valid_national_code, "0012345679", "0012345670"),
        (sa.valid_national_id, "1023456781", "1023456782"),
        (sa.valid_national_id, "2123456788", "3123456788"),  # first digit must be 1 or 2
        (ae.valid_emirates_id, "784198512345673", "784198512345674"),
        (eg.valid_national_id, "29001010112345", "29013010112345"),  # month 13
        (us.valid_ssn, "078051120", "666051120"),
        (us.valid_nhs_number, "9434765919", "9434765918"),
        (luhn_ok, "4111111111111111", "4111111111111112"),
        (valid_iban, "SA4420000001234567891234", "SA4420000001234567891235"),
        (valid_iban, "IR062960000000100324200001", "IR062960000000100324200002"),
        (valid_iban, "AE070331234567890123456", "AE07033123456789012345"),  # wrong length
        (valid_iban, "EG380019000500000000263180002", "EG380019000500000000263180003"),
        (valid_iban, "GB82WEST12345698765432", "GB82WEST12345698765433"),
        (valid_vin, "1HGCM82633A004352", "1HGCM82643A004352"),
        (gtin_ok, "00884838062146", "00884838062147"),
    ],
)
def test_validator_accepts_good_and_rejects_one_wrong_digit(check, good, bad) -> None:  # type: ignore[no-untyped-def]
    assert check(good)
    assert not check(bad)


def test_iran_code_rejects_a_repeated_digit() -> None:
    assert not ir.valid_national_code("1111111111")


def test_egypt_needs_a_known_governorate() -> None:
    assert eg.valid_national_id("29001010112345")
    assert not eg.valid_national_id("29001010512345")  # 05 is no governorate


def test_ssn_rules_reject_unissued_areas_groups_and_serials() -> None:
    for bad in ("000121234", "900121234", "123001234", "123450000", "987654320"):
        assert not us.valid_ssn(bad)


@pytest.mark.parametrize(
    ("number", "network"),
    [
        ("4111111111111111", "Visa"),
        ("5555555555554444", "Mastercard"),
        ("2223003122003222", "Mastercard"),
        ("378282246310005", "American Express"),
        ("6011111111111117", "Discover"),
        ("3530111333300000", "JCB"),
    ],
)
def test_card_network_comes_from_the_issuer_range(number: str, network: str) -> None:
    assert valid_card(number) == network


def test_luhn_valid_number_outside_issuer_ranges_is_no_card() -> None:
    assert luhn_ok("1234567812345670")
    assert valid_card("1234567812345670") is None
