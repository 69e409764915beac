"""IBAN (ISO 13616): country code, two check digits, mod-97 = 1, per-country length."""

from __future__ import annotations

import re

from stdnum import iban as std_iban

from nabz.trust.identifiers import IdentifierKind
from nabz.trust.identifiers._scan import Scan

_CANDIDATE = re.compile(r"(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{1,4}){3,9}")


def valid_iban(compact: str) -> bool:
    return std_iban.is_valid(compact)


def detect(scan: Scan) -> None:
    text = scan.text
    if not scan.long_number:
        return
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
                scan.claimed.append((m.start(), end))
                break
