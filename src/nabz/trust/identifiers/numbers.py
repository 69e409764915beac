"""Digit runs: national IDs, cards, phones and context-named numbers (MRN, policy...).

A cheap regex finds runs of digits (with the separators people write inside
numbers). Each run is classified once: first by the context word before it,
then by shape and checksum, then by ``phonenumbers``. Runs already claimed by
another detector (dates, IBANs, e-mails, URLs) are skipped.
"""

from __future__ import annotations

import re

from nabz.trust.identifiers import IdentifierKind as K
from nabz.trust.identifiers._scan import Scan
from nabz.trust.identifiers.cards import luhn_ok, valid_card
from nabz.trust.identifiers.context import label_near
from nabz.trust.identifiers.iban import valid_iban
from nabz.trust.identifiers.national_ids import shaped_national_id, validate_national_id
from nabz.trust.identifiers.phone import parse_phone, phones_inside
from nabz.trust.identifiers.us import valid_nhs_number
from nabz.trust.keys import matches_at

# A run: optional +, an optional letter prefix (passports, MRNs like "A-12345"),
# digit groups joined by at most two separators. Every group is required to hold
# digits, so matching is linear.
# ("[+(]?\d+" is written "[+(\d](?:(?<=[+(])\d+|(?<=\d)\d*)": the same matches, but a
# pattern that starts with a character class lets the regex engine skip to candidates.)
_RUN = re.compile(
    r"[+(\d](?:(?<=[+(])\d+|(?<=\d)\d*)\)?"
    r"(?:(?:[ .\-]{1,2}|[ ]?\(|\)[ .\-]?|(?<=\)))\d+\)?)*"
)
_RUN_NOT_AFTER = frozenset("+/@#$€£¥.,-_")
_NOT_DIGITS = str.maketrans("", "", "+() .-")  # everything in a run that is not a digit
_CURRENCY_AFTER = re.compile(
    r"\s?(?:%|\$|usd|sar|aed|egp|irr|eur|gbp|ریال|تومان|ريال|درهم|جنيه|دينار|دلار|دولار|يورو|"
    r"یورو|kg|mg|ml|km|cm|mm|calories|kcal|steps|people|patients|cases|beds|نفر|مورد|حالة|حاله)",
    re.IGNORECASE,
)
_CURRENCY_BEFORE = re.compile(r"(?:[$€£¥]|usd|sar|aed|egp|rs\.?)\s?$", re.IGNORECASE)

# Fewest digits a context-named number must have (fewer: a count, a year, a room).
_MIN_DIGITS = {
    "mrn": 4, "health_plan": 5, "account": 6, "license": 4, "vehicle": 3, "device": 4,
    "postal": 4, "passport": 6, "national_id": 8, "card": 12, "iban": 15, "phone": 6, "fax": 6,
}  # fmt: skip
_LABEL_KIND = {
    "mrn": K.MEDICAL_RECORD_NUMBER, "health_plan": K.HEALTH_PLAN_NUMBER,
    "account": K.ACCOUNT_NUMBER,
    "license": K.LICENSE_NUMBER, "vehicle": K.VEHICLE_ID, "device": K.DEVICE_ID,
    "postal": K.POSTAL_CODE, "passport": K.NATIONAL_ID,
}  # fmt: skip
_LABEL_DETAIL = {
    "mrn": "medical record number", "health_plan": "health plan / insurance number",
    "account": "account number", "license": "licence or certificate number",
    "vehicle": "vehicle identifier", "device": "device identifier", "postal": "postal code",
    "passport": "passport number",
}  # fmt: skip
# "12 34 56 78 90": lottery draws and scores, not a phone number (those start with 0 or +).
_SMALL_GROUPS = re.compile(r"[1-9]\d?(?:[ ,\-]\d{1,2}){3,}")
# Shapes only phone numbers take, valid in a numbering plan or not: (555) 123-4567,
# 555-123-4567, +44 20 7946 0000, 0912 345 6789.
_MAESTRO_12 = ("5018", "5020", "5038", "5893", "6304", "6759", "6761", "6762", "6763", "0604")
_STRONG_PHONE_SHAPE = re.compile(
    r"(?:(?:\+|00)\d{1,3}[ .-]?)?(?:\(\d{3}\)[ .-]?|\d{3}[ .-])\d{3}[ .-]\d{4}"
    r"|(?:\+|00)\d{1,3}(?:[ .-]\(?\d{1,4}\)?){2,5}"
    r"|\(?0\d{1,4}\)?[ .-]\d{3,4}[ .-]?\d{3,4}"
)
_YEAR_RANGE = re.compile(
    r"^(?:(?:1[89]\d\d|20\d\d|1[34]\d\d)\s?[-.]\s?)+(?:1[89]\d\d|20\d\d|1[34]\d\d)$"
)


def _trim(raw: str) -> tuple[int, int]:
    """Offsets of ``raw`` without an unbalanced bracket or separator at either end."""
    s, e = 0, len(raw)
    if raw[-1].isdigit() and "(" not in raw and ")" not in raw:
        return s, e  # the common case: nothing to trim
    while e > s and raw[e - 1] in " .-(":
        e -= 1
    if raw[s:e].endswith(")") and raw[s:e].count("(") < raw[s:e].count(")"):
        e -= 1
    if raw[s:e].startswith("(") and ")" not in raw[s:e]:
        s += 1
    return s, e


def detect(scan: Scan) -> None:
    text = scan.text
    if not scan.long_number:
        return
    for m in _runs(scan):
        p, q = m.span()
        if q - p < 3:
            continue  # fewer than three characters hold fewer than three digits
        # "MRN-00482913", "ID#4471": a code glued to its label is still a number.
        glued_to_label = p > 1 and text[p - 1] in "-#" and text[p - 2].isalpha()
        if p and (text[p - 1].isalnum() or text[p - 1] in _RUN_NOT_AFTER) and not glued_to_label:
            continue
        raw_full = m.group()
        s_off, e_off = _trim(raw_full)
        start, end = p + s_off, p + e_off
        raw = text[start:end]
        digits = raw.translate(_NOT_DIGITS)  # a run holds digits and these marks only
        if len(digits) < 3 or scan.is_claimed(start, end):
            continue
        _classify(scan, start, end, raw, digits)


def _runs(scan: Scan) -> list[re.Match[str]]:
    """``_RUN.finditer(scan.text)``: a run starts at a run of digits, or at the "+" or
    "(" right before one, and the pattern matches at every such place; so it is tried
    there only, not at every position of the text."""
    text = scan.text
    starts = [s - 1 if s and text[s - 1] in "+(" else s for s, _e in scan.digit_runs]
    return matches_at(_RUN, text, starts)


def _classify(scan: Scan, start: int, end: int, raw: str, digits: str) -> None:
    nd = len(digits)
    lang = scan.language
    label = label_near(scan, start, end) if nd >= 3 else None
    if label is None and nd < 6:
        return
    if label == "negative" or _CURRENCY_AFTER.match(scan.text, end):
        return
    if _CURRENCY_BEFORE.search(scan.text, max(0, start - 5), start):
        return
    if label in _LABEL_KIND:
        if nd < _MIN_DIGITS[label] or _YEAR_RANGE.match(raw) or _is_year(raw):
            return
        kind = _LABEL_KIND[label]
        validated, detail = False, _LABEL_DETAIL[label]
        if label == "mrn" and nd == 10 and valid_nhs_number(digits):
            validated, detail = True, "NHS number"
        if label == "device" and nd == 15 and luhn_ok(digits):
            validated, detail = True, "IMEI"
        scan.add(kind, start, end, validated, detail)
        return
    if label == "national_id":
        if nd < _MIN_DIGITS[label]:
            return
        name = validate_national_id(digits, raw, lang)
        scan.add(K.NATIONAL_ID, start, end, name is not None, name or "national ID (unverified)")
        return
    if label == "card":
        network = valid_card(digits)
        if network or 13 <= nd <= 19:
            scan.add(K.PAYMENT_CARD, start, end, network is not None, network or "card number")
        return
    if label == "iban" and nd >= 15:
        compact = "".join(ch for ch in raw if ch.isalnum()).upper()
        ok = valid_iban(compact) or (nd == 24 and valid_iban("IR" + digits))
        scan.add(K.IBAN, start, end, ok, "IBAN (Sheba)" if nd == 24 else "IBAN")
        return
    if label in ("phone", "fax"):
        _phone(scan, start, end, raw, digits, wide=True, strong=True, fax=label == "fax")
        return
    # No context word: only shapes and checksums speak.
    contiguous = raw.isdigit()
    if 12 <= nd <= 19 and not raw.startswith(("+", "00")):
        network = valid_card(digits)
        grouped = re.fullmatch(r"\d{4}(?:[ -]\d{4}){2}[ -]\d{1,7}|\d{4}[ -]\d{6}[ -]\d{4,5}", raw)
        if nd == 12 and not digits.startswith(_MAESTRO_12):
            network = None  # twelve digits: only Maestro issues cards that short
        if network and (contiguous or grouped):
            scan.add(K.PAYMENT_CARD, start, end, True, network)
            return
    if 9 <= nd <= 15:
        name = shaped_national_id(digits, raw, lang)
        if name and not (lang == "en" and nd == 10 and parse_phone(raw, lang, wide=False)):
            scan.add(K.NATIONAL_ID, start, end, True, name)
            return
    if nd >= 7 and not _SMALL_GROUPS.fullmatch(raw) and not _YEAR_RANGE.match(raw):
        shaped = _looks_like_phone(raw)
        # A bare 7-8 digit number, or a round one, is a count or an amount, not a phone.
        if not shaped and (nd < 9 or digits.endswith("0000")):
            return
        _phone(scan, start, end, raw, digits, wide=shaped, strong=False, fax=False)


def _is_year(raw: str) -> bool:
    return len(raw) == 4 and raw.isdigit() and (raw[:2] in ("19", "20") or raw[:2] in ("13", "14"))


def _looks_like_phone(raw: str) -> bool:
    """A national number with its trunk 0: worth trying in every region's plan."""
    return raw.lstrip("(").startswith("0") and not raw.startswith("00")


def _phone(
    scan: Scan, start: int, end: int, raw: str, digits: str, *, wide: bool, strong: bool, fax: bool
) -> None:
    what = "fax" if fax else "phone"
    e164 = parse_phone(raw, scan.language, wide=wide)
    if e164:
        scan.add(K.PHONE, start, end, True, f"{what} {e164}")
        return
    if " " in raw or "." in raw:
        inside = phones_inside(raw, scan.language)
        for s, e, number in inside:
            scan.add(K.PHONE, start + s, start + e, True, f"{what} {number}")
        if inside:
            return
    if (strong and 7 <= len(digits) <= 15) or (
        8 <= len(digits) <= 15 and _STRONG_PHONE_SHAPE.fullmatch(raw)
    ):
        scan.add(K.PHONE, start, end, False, f"{what} (unverified)")
