"""Street addresses in the formats of Europe and of the Gulf, written in Latin letters.

Found by their structure, not by a list of streets:

- a street word that leads the name in Romance and Slavic languages ("Via Garibaldi
  14", "8 rue des Lilas", "Calle Mayor 23", "ul. Długa 5") or one that ends it in
  Germanic ones ("Hauptstraße 12", "221 Keizersgracht", "Storgatan 4"), with a house
  number before or after; a postcode of four or five digits and a town may follow;
- the numbered parts of Gulf addresses ("Villa 12, Street 45", "Block 3, Road 2410",
  "Building 7, Olaya Street"): a unit with a number and a street, joined by commas.

English "number + name + street type" addresses are in ``places``.
"""

from __future__ import annotations

import regex as re

from nabz.trust.identifiers import IdentifierKind as K
from nabz.trust.identifiers._scan import Scan

_CAP = r"\p{Lu}[\p{L}'’-]*"
_NUMBER = r"\d{1,4}(?:\s?[a-zA-Z]\b|\s?(?:bis|ter)\b)?"
_PARTICLES = r"(?:(?:de|del|della|delle|dei|di|da|do|dos|das|des|du|la|le|les|los|las|el|l'|d')\s*)"
_LEADS = (
    r"(?:Via|Viale|Corso|Piazza|Piazzale|Largo|Vicolo|Calle|Carrer|Avenida|Avda\.|Paseo|Plaza|"
    r"Praça|Rua|Travessa|Rue|rue|Avenue|avenue|Boulevard|boulevard|Bd|Chemin|chemin|Allée|"
    r"allée|Impasse|impasse|Quai|quai|Place|place|Ulica|ulica|ul\.|Strada|Calea|Bulevardul|"
    r"Aleja|al\.|Odos|Rruga)"
)
# Leads that are also English words ("avenue", "place", "via") need a house number.
_ENGLISH_LEADS = frozenset({"Avenue", "avenue", "Boulevard", "boulevard", "Place", "place", "Via"})
_SUFFIXED = (
    r"\p{Lu}[\p{L}-]*(?:straße|strasse|str\.|weg|gasse|platz|allee|damm|ufer|gracht|straat|"
    r"laan|plein|steeg|kade|singel|gade|gatan|vägen|gata|vej|veien|vegen|katu|tie|utca|ulice)"
)
_LEAD_NAME = rf"{_LEADS}\s+{_PARTICLES}*{_CAP}(?:\s+{_PARTICLES}*{_CAP}){{0,2}}"
_EUROPEAN = re.compile(
    rf"(?<![\w-])(?:(?P<pre>{_NUMBER}),?\s+)?(?P<street>{_LEAD_NAME}|{_SUFFIXED})"
    rf"(?:,?\s+(?P<post>{_NUMBER})(?![\d.,:]\d|\s*(?:%|am|pm|years?|km|m)\b))?"
)
_POSTCODE_TOWN = re.compile(r",?\s+(?:[A-Z]{1,2}-)?(\d{4,5})(?!\d)(?=\s+\p{Lu}\p{Ll})")

_UNIT = (
    r"(?:Villa|Building|Bldg\.?|Block|Blk\.?|Flat|Apartment|Apt\.?|House|Plot|Office|Tower|"
    r"Compound|Unit|Shop)\s+(?:No\.?\s*)?\d{1,5}[A-Z]?"
)
_STREET_NUMBER = (
    r"(?:Street|St\.?|Road|Rd\.?|Avenue|Ave\.?|Way|Lane|Sikka|Jadda)\s+(?:No\.?\s*)?\d{1,5}"
)
_NAMED_STREET = r"\p{Lu}[\p{L}'-]*(?:\s+\p{Lu}[\p{L}'-]*){0,3}\s+(?:Street|Road|Avenue|Highway)"
_GULF_PART = rf"(?:{_UNIT}|{_STREET_NUMBER}|{_NAMED_STREET})"
_GULF = re.compile(rf"(?<![\w-]){_GULF_PART}(?:,\s*{_GULF_PART})*(?![\w])")
_UNIT_RE = re.compile(_UNIT)
_HOUSE_NUMBER_BEFORE = re.compile(r"\d[A-Za-z]?,?\s+$")
_STREET_NUMBER_RE = re.compile(_STREET_NUMBER)

_LEAD_WORDS = frozenset(
    w.lower().replace("\\.", "") for w in _LEADS.removeprefix("(?:").removesuffix(")").split("|")
)
_UNIT_WORDS = frozenset(
    {"villa", "building", "bldg", "block", "blk", "flat", "apartment", "apt", "house", "plot"}
    | {"office", "tower", "compound", "unit", "shop"}
)
_STREET_WORDS = frozenset({"street", "st", "road", "rd", "avenue", "ave", "way", "lane"})
_GULF_WORDS = _UNIT_WORDS | _STREET_WORDS | {"sikka", "jadda"}
# Word endings of Germanic street names ("str" as the tokens have "Hauptstr.").
_SUFFIXES = (
    "straße", "strasse", "str", "weg", "gasse", "platz", "allee", "damm", "ufer", "gracht",
    "straat", "laan", "plein", "steeg", "kade", "singel", "gade", "gatan", "vägen", "gata",
    "vej", "veien", "vegen", "katu", "tie", "utca", "ulice",
)  # fmt: skip


def detect(scan: Scan) -> None:
    if not scan.has_digit:
        return
    tokens = scan.tokens
    if not _LEAD_WORDS.isdisjoint(tokens) or any(t.endswith(_SUFFIXES) for t in tokens):
        _european(scan)
    if not _UNIT_WORDS.isdisjoint(tokens) or (
        not _GULF_WORDS.isdisjoint(tokens) and _STREET_NUMBER_RE.search(scan.text)
    ):
        _gulf(scan)


def _european(scan: Scan) -> None:
    text = scan.text
    for m in _EUROPEAN.finditer(text):
        if not (m.group("pre") or m.group("post")):
            continue  # a street word and a name, no number: too weak on its own
        street = m.group("street")
        if street.split()[0] in _ENGLISH_LEADS and not m.group("post") and not m.group("pre"):
            continue
        start = m.start("pre") if m.group("pre") else m.start("street")
        end = m.end("post") if m.group("post") else m.end("street")
        if scan.is_claimed(start, end):
            continue
        scan.add(K.STREET_ADDRESS, start, end, True, "street address")
        scan.claim(start, end)
        p = _POSTCODE_TOWN.match(text, end)
        if p and not scan.is_claimed(p.start(1), p.end(1)):
            scan.add(K.POSTAL_CODE, p.start(1), p.end(1), False, "postcode")
            scan.claim(p.start(1), p.end(1))


def _gulf(scan: Scan) -> None:
    text = scan.text
    for m in _GULF.finditer(text):
        if _HOUSE_NUMBER_BEFORE.search(text, max(0, m.start() - 8), m.start()):
            continue  # "42 Elm Street, Apt 3": an English address, found in places
        found = m.group()
        numbered_street = _STREET_NUMBER_RE.search(found) is not None
        unit = _UNIT_RE.search(found) is not None
        if not (numbered_street or (unit and "," in found)):
            continue
        if scan.is_claimed(m.start(), m.end()):
            continue
        scan.add(K.STREET_ADDRESS, m.start(), m.end(), True, "street address")
        scan.claim(m.start(), m.end())
