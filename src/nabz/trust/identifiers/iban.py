"""IBAN (ISO 13616): country code, two check digits, mod-97 = 1, per-country length."""

from __future__ import annotations

import re

from nabz.trust.identifiers import IdentifierKind
from nabz.trust.identifiers._scan import Scan

# ("(?<![A-Za-z0-9])[A-Z]{2}" is written "[A-Z](?<![A-Za-z0-9].)[A-Z]": the same matches,
# but a pattern that starts with a character class lets the regex engine skip to capitals.)
_CANDIDATE = re.compile(r"[A-Z](?<![A-Za-z0-9].)[A-Z]\d{2}(?: ?[A-Z0-9]{1,4}){3,9}")


# IBAN length per country (ISO 13616 registry, plus countries such as Iran, Algeria and
# Morocco whose national IBANs follow the same format outside the registry).
IBAN_LENGTHS = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22,
    "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "DO": 28,
    "DZ": 26, "EE": 20, "EG": 29, "ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22,
    "GI": 23, "GL": 18, "GR": 27, "GT": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23,
    "IR": 26, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21,
    "LT": 20, "LU": 20, "LV": 21, "LY": 25, "MA": 28, "MC": 27, "MD": 24, "ME": 22, "MK": 19,
    "MR": 27, "MT": 31, "MU": 30, "NL": 18, "NO": 15, "OM": 23, "PK": 24, "PL": 28, "PS": 29,
    "PT": 25, "QA": 29, "RO": 24, "RS": 22, "SA": 24, "SC": 31, "SD": 18, "SE": 24, "SI": 19,
    "SK": 24, "SM": 27, "ST": 25, "SV": 28, "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22,
    "VG": 24, "XK": 20, "YE": 30,
}  # fmt: skip


def valid_iban(compact: str) -> bool:
    """Country length and the ISO 7064 mod-97 check (the rearranged number mod 97 is 1)."""
    compact = compact.upper()
    if IBAN_LENGTHS.get(compact[:2]) != len(compact) or not compact.isalnum():
        return False
    if not compact[2:4].isdigit():
        return False
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(ch, 36)) for ch in rearranged)) % 97 == 1


def detect(scan: Scan) -> None:
    text = scan.text
    if not scan.long_number or not scan.has_upper:
        return  # an IBAN starts with two capitals and holds digits
    for m in _CANDIDATE.finditer(text):
        groups = m.group().split(" ")
        # Trim trailing groups that belong to the next word until the checksum fits.
        for cut in range(len(groups), 0, -1):
            compact = "".join(groups[:cut])
            if len(compact) < 15:
                break
            if valid_iban(compact):
                end = m.start() + len(" ".join(groups[:cut]))
                scan.add(IdentifierKind.IBAN, m.start(), end, True, f"IBAN {compact[:2]}")
                scan.claim(m.start(), end)
                break
