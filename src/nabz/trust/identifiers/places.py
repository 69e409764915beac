"""Street addresses, postal codes and places smaller than a province.

English addresses follow "number + name + street type"; Persian and Arabic ones
are chains of parts introduced by street words (خیابان، کوچه، پلاک / شارع، حي،
مبنى). Villages and neighbourhoods are found after cue words (village of, روستای,
قرية). Cities are not reported: a hospital names its own city all the time.
"""

from __future__ import annotations

from importlib.resources import files

import regex as re

from nabz.trust.identifiers import IdentifierKind as K
from nabz.trust.identifiers import street_formats
from nabz.trust.identifiers._scan import Scan
from nabz.trust.identifiers.lexicon import all_stopwords
from nabz.trust.keys import found, matches_at, register
from nabz.trust.text import normalize_term

# Street types of English addresses (data/privacy/street_types.txt).
_STREET_TYPE_WORDS = [
    line.strip()
    for line in files("nabz.trust")
    .joinpath("data", "privacy", "street_types.txt")
    .read_text("utf-8")
    .splitlines()
    if line.strip() and not line.startswith("#")
]
_STREET_TYPES = "|".join(sorted(_STREET_TYPE_WORDS, key=len, reverse=True))
_EN_ADDRESS = re.compile(
    r"(?<![\w-])\d{1,5}[A-Za-z]?(?:-\d{1,5})?,?\s+(?:[NSEW]\.?\s+)?"
    r"(?:[A-Z][\w'.-]*\s+){0,3}?[A-Z][\w'.-]*\s+"
    rf"(?:{_STREET_TYPES})\b\.?(?:\s+(?:[NS][EW]?|[EW])\b\.?)?"
    r"(?:,?\s*(?:Apt|Apartment|Suite|Ste|Unit|Flat|Fl|Floor|Room|Rm|Bldg|#)\.?\s*#?\w{1,6})?"
    r"(?:,\s*[A-Z][a-z]+(?:\s[A-Z][a-z]+)?(?:,\s*[A-Z]{2})?(?:\s+\d{5}(?:-\d{4})?)?)?"
)
_FULL_TYPES = tuple(t for t in _STREET_TYPES.split("|") if len(t) > 4)
_EN_STREET_ONLY = re.compile(
    r"(?<=\b(?:on|at|near|off|in|from|of|along|down|up|to) )(?:[A-Z][a-z]+\s+){1,2}"
    r"(?:Street|Avenue|Road|Boulevard|Lane|Drive|Close|Crescent|Terrace|Court|Grove|Mews)\b"
)
_PO_BOX = re.compile(r"\bP\.?\s?O\.?\s?Box\s+\d{1,6}\b", re.IGNORECASE)
_US_STATES = (
    "AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|"
    "NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC"
)
_US_ZIP = re.compile(rf"(?<=\b(?:{_US_STATES})\s)(\d{{5}}(?:-\d{{4}})?)(?!\d)")
_UK_POSTCODE = re.compile(r"\b(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?)\s?\d[ABD-HJLNP-UW-Z]{2}\b")
_EN_PLACE = re.compile(
    r"\b(?:village|town|hamlet|neighbou?rhood|suburb|township|parish|district|settlement|"
    r"camp|island) (?:of|called|named) ((?:[A-Z][\w'-]+)(?:[ -][A-Z][\w'-]+){0,2})"
    r"|\b((?:[A-Z][\w'-]+)(?: [A-Z][\w'-]+)?) (?:[Vv]illage|County|Township|Parish|[Hh]amlet)\b"
)

# Arabic-script street words: (normalised word, strength). Strong words start an
# address on their own; weak ones need a number or another part beside them.
_ADDRESS_WORDS = {
    "fa": {"خیابان": 2, "خ.": 2, "کوچه": 2, "بلوار": 2, "بزرگراه": 1, "میدان": 1, "جاده": 1,
           "بن بست": 2, "بنبست": 2, "کوی": 2, "پلاک": 1, "طبقه": 0, "واحد": 0, "نبش": 1,
           "مجتمع": 0, "ساختمان": 0, "بلوک": 0, "فاز": 0, "خیابون": 2, "کوچهی": 2},
    "ar": {"شارع": 2, "طریق": 1, "حی": 1, "مبنی": 0, "عماره": 0, "شقه": 0, "الدور": 0,
           "الطابق": 0, "میدان": 1, "جاده": 1, "زقاق": 2, "مجمع": 0, "فیلا": 0,
           "بنایه": 0, "ص.ب": 2, "صندوق برید": 2},
}  # fmt: skip
_PLACE_CUES = {
    "fa": ("روستای", "روستا", "دهستان", "شهرستان", "محله", "محلهی", "شهرک", "قریه", "ده"),
    "ar": ("قریه", "بلده", "مخیم", "حی", "ضاحیه", "هجره", "نجع", "عزبه", "کفر"),
}
_DIGIT = re.compile(r"\d")
# Persian village names of two words: "کلاته نو", "ده بالا", "قلعه حسن خان".
_FA_PLACE_HEADS = frozenset(
    normalize_term(w)
    for w in ("کلاته", "ده", "قلعه", "چشمه", "حاجی", "سید", "امام", "شهید", "بنه", "کوشک", "باغ")
)
_FA_PLACE_TAILS = frozenset(
    normalize_term(w)
    for w in ("آباد", "بالا", "پایین", "سفلی", "علیا", "نو", "کهنه", "بزرگ", "کوچک", "سادات")
)
_TOKEN = re.compile(r"[^\s,.;:!?()\[\]{}\"«»]+")
_FA_NAME_HEADS = frozenset(
    normalize_term(w)
    for w in (
        "شهید",
        "دکتر",
        "امام",
        "استاد",
        "آیت الله",
        "آیت‌الله",
        "حاج",
        "سید",
        "شیخ",
        "الملك",
        "الامير",
        "الأمير",
        "الامام",
        "الإمام",
        "الشيخ",
        "ابو",
        "أبو",
        "ابن",
    )
)
_STREET_TAILS = frozenset(
    normalize_term(w) for w in ("شمالی", "جنوبی", "شرقی", "غربی", "الشمالي", "الجنوبي")
)


# Words after «ده» that make it the number ten (ده is also "village").
_AFTER_TEN = frozenset(
    normalize_term(w)
    for w in (
        "صبح", "شب", "عصر", "ظهر", "دقیقه", "ثانیه", "ساعت", "روز", "هفته", "ماه", "سال",
        "نفر", "درصد", "هزار", "میلیون", "بار", "تا", "سالگی", "ساله", "کیلو", "کیلومتر",
        "متر", "لیوان", "عدد", "قرص", "بیمار", "پزشک", "دلیل", "نکته", "توصیه", "راه",
    )
)  # fmt: skip
_POSTAL_AFTER = re.compile(r"[،,]\s*(?:[^\s\d،,.]+\s+){1,2}(\d{5}(?:-?\d{5})?)(?![\d.,/]?\d)")
_VEHICLE_AFTER = re.compile(r"\s*(?:خودرو|ماشین|اتومبیل|موتور)")
_CHAIN_GAP = re.compile(r"[\s,]{0,4}(?:و\s)?")


def _word_regex(words: dict[str, int]) -> re.Pattern[str]:
    alts = sorted((re.escape(normalize_term(w)) for w in words), key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:و|در|به)?(" + "|".join(alts) + r")(?![\w])")


_ADDR_RE = {lang: _word_regex(words) for lang, words in _ADDRESS_WORDS.items()}
_ADDR_STRENGTH = {
    lang: {normalize_term(w): s for w, s in words.items()} for lang, words in _ADDRESS_WORDS.items()
}
_PLACE_RE = {
    lang: re.compile(
        r"(?<![\w])(?:و|در|به|از)?("
        + "|".join(sorted((normalize_term(w) for w in cues), key=len, reverse=True))
        + r")\s+"
    )
    for lang, cues in _PLACE_CUES.items()
}


_EN_TRIGGERS = frozenset(
    [w.lower() for w in _STREET_TYPE_WORDS]
    + ["box", "village", "town", "hamlet", "neighbourhood", "neighborhood", "suburb"]
    + ["township", "parish", "district", "settlement", "camp", "island", "county"]
)
_STATES_LOWER = frozenset(s.lower() for s in _US_STATES.split("|"))


def _triggers(lang: str) -> frozenset[str]:
    # (Letters only, as Scan.tokens has them: "ص.ب" is the tokens "ص" and "ب".)
    words = {w for phrase in _ADDRESS_WORDS[lang] for w in _LETTERS.findall(normalize_term(phrase))}
    words |= {normalize_term(w) for w in _PLACE_CUES[lang]}
    return frozenset(words | {p + w for w in words for p in ("و", "در", "به")})


_LETTERS = re.compile(r"[^\W\d_]+")
_AR_TRIGGERS = {lang: _triggers(lang) for lang in ("fa", "ar")}

# The address and place words of both languages, found in the shared walk: a match of
# _ADDR_RE or _PLACE_RE starts at one of them or at its one- or two-letter prefix (و,
# در, به, از), so the patterns are tried there only, not at every position of the text.
_WORDS = "identifiers.places"
register(
    _WORDS,
    lambda language: (
        {}
        if language == "en"
        else {
            normalize_term(w): True
            for lang in ("ar", "fa")
            for w in (*_ADDRESS_WORDS[lang], *_PLACE_CUES[lang])
        }
    ),
)


def _matches(pattern: re.Pattern[str], scan: Scan) -> list[re.Match[str]]:
    """``pattern.finditer(scan.text)`` for _ADDR_RE and _PLACE_RE."""
    hits = found(scan.doc, _WORDS)
    starts = [s - prefix for _, s, _ in hits for prefix in (0, 1, 2) if s >= prefix]
    return matches_at(pattern, scan.text, starts)


def detect(scan: Scan) -> None:
    tokens = scan.tokens
    # The European and Gulf shapes first: "Building 7, Olaya Street" is one address, not
    # a unit word before "7, Olaya Street".
    street_formats.detect(scan)
    if not _EN_TRIGGERS.isdisjoint(tokens):
        _english(scan)
    if scan.has_digit:
        _postcodes(scan)
    if scan.language != "en":
        for lang in ("ar", "fa") if scan.language == "ar" else ("fa", "ar"):
            if not _AR_TRIGGERS[lang].isdisjoint(tokens):
                _arabic_script(scan, lang)


_EN_STREET_NAME_WORDS = frozenset(
    {"street", "avenue", "road", "boulevard", "lane", "drive", "close", "crescent", "terrace"}
    | {"court", "grove", "mews"}
)
_EN_PLACE_WORDS = frozenset(
    {"village", "town", "hamlet", "neighbourhood", "neighborhood", "suburb", "township",
     "parish", "district", "settlement", "camp", "island", "county"}
)  # fmt: skip


def _english(scan: Scan) -> None:
    text, tokens = scan.text, scan.tokens
    # Each pattern runs only when its own words are there (street types are common
    # English words: "way", "park", "view"); an address needs a house number.
    if scan.has_digit:
        _english_numbered(scan)
    if not _EN_STREET_NAME_WORDS.isdisjoint(tokens):
        for m in _EN_STREET_ONLY.finditer(text):
            _claim(scan, K.STREET_ADDRESS, m.start(), m.end(), False, "street name")
    if not _EN_PLACE_WORDS.isdisjoint(tokens):
        for m in _EN_PLACE.finditer(text):
            g = 1 if m.group(1) else 2
            _claim(scan, K.PLACE, m.start(g), m.end(g), False, "village or neighbourhood")


def _english_numbered(scan: Scan) -> None:
    text = scan.text
    for m in _EN_ADDRESS.finditer(text):
        end = m.end()
        if text[end - 1] == "." and text[m.start() : end - 1].endswith(_FULL_TYPES):
            end -= 1
        _claim(scan, K.STREET_ADDRESS, m.start(), end, True, "street address")
        # "12 Oak Street, Apt 4, 32534": a ZIP code closing the address, with or
        # without a city before it.
        z = _ZIP_AFTER_ADDRESS.match(text, end)
        if z:
            _claim(scan, K.POSTAL_CODE, z.start(1), z.end(1), False, "US ZIP code")
    if "box" in scan.tokens:
        for m in _PO_BOX.finditer(text):
            _claim(scan, K.STREET_ADDRESS, m.start(), m.end(), True, "P.O. box")


def _postcodes(scan: Scan) -> None:
    text = scan.text
    if not _STATES_LOWER.isdisjoint(scan.tokens):
        for m in _US_ZIP.finditer(text):
            _claim(scan, K.POSTAL_CODE, m.start(1), m.end(1), True, "US ZIP code")
    if scan.has_upper and _UK_QUICK.search(text):
        for m in _UK_POSTCODE.finditer(text):
            _claim(scan, K.POSTAL_CODE, m.start(), m.end(), True, "UK postcode")


_UK_QUICK = re.compile(r"[A-Z]\d")
_ZIP_AFTER_ADDRESS = re.compile(
    r",?\s{0,2}(?:[A-Z][a-z]+(?:\s[A-Z][a-z]+)?,\s?)?(\d{5}(?:-\d{4})?)(?![\d,.]?\d)"
    r"(?![ \t]*(?:%|(?:people|patients|visitors|residents|members|steps|cases|beds|calls|miles|"
    r"km|sq|square|feet|ft|years|dollars|usd|times)\b))"
)


def _claim(scan: Scan, kind: K, start: int, end: int, validated: bool, detail: str) -> None:
    if not scan.is_claimed(start, end):
        scan.add(kind, start, end, validated, detail)
        scan.claim(start, end)


def _segment_end(text: str, pos: int, max_tokens: int, stop: frozenset[str]) -> tuple[int, bool]:
    """End of the name after a street word: up to ``max_tokens`` tokens, no stop words."""
    end, has_digit = pos, False
    for count, m in enumerate(_TOKEN.finditer(text, pos)):
        gap = text[end : m.start()]
        if count == max_tokens and m.group() in _STREET_TAILS:
            max_tokens += 1  # "خیابان فلسطین جنوبی"
        if any(ch in gap for ch in ",،.;\n") or m.group() in stop or count >= max_tokens:
            break
        if count == 0 and m.group() in _FA_NAME_HEADS:
            max_tokens += 1
        end = m.end()
        if any(ch.isdigit() for ch in m.group()):
            has_digit = True
            break
    return end, has_digit


def _arabic_script(scan: Scan, lang: str) -> None:
    text = scan.text
    stop = all_stopwords()
    strength = _ADDR_STRENGTH[lang]
    chain: list[tuple[int, int, int, bool]] = []  # start, end, strength, has digit

    def flush() -> None:
        if not chain:
            return
        total = sum(1 for _ in chain)
        best = max(s for _, _, s, _ in chain)
        digit = any(d for *_, d in chain)
        if total >= 2 or digit or best >= 2:
            _claim(scan, K.STREET_ADDRESS, chain[0][0], chain[-1][1], digit, "street address")
            # «ص.ب ٤٤٢١، الرياض ١١٥٦٤»: a postal code of five or ten digits after the town
            # (also when the box number was already taken as a postal code).
            p = _POSTAL_AFTER.match(text, chain[-1][1])
            if p:
                _claim(scan, K.POSTAL_CODE, p.start(1), p.end(1), False, "postal code")
        chain.clear()

    for m in _matches(_ADDR_RE[lang], scan):
        word = m.group(1)
        if lang == "ar" and word in ("طریق", "حی"):
            before = text[max(0, m.start() - 4) : m.start()]
            after = text[m.end() : m.end() + 3].lstrip()
            if before.endswith("عن ") or not (after.startswith("ال") or after[:1].isdigit()):
                continue
        if word == "پلاک" and _VEHICLE_AFTER.match(text, m.end()):
            continue
        end, digit = _segment_end(text, m.end(), 1 if scan.language == "fa" else 2, stop)
        if end == m.end():
            continue
        if chain and not _CHAIN_GAP.fullmatch(text, chain[-1][1], m.start(1)):
            flush()
        chain.append((m.start(1), end, strength.get(word, 0), digit))
    flush()
    for m in _matches(_PLACE_RE[lang], scan):
        tok = _TOKEN.match(text, m.end())
        if tok is None or tok.group() in stop or any(ch.isdigit() for ch in tok.group()):
            continue
        if m.group(1) == "ده" and tok.group() in _AFTER_TEN:
            continue  # «از ده صبح»: ten o'clock, ten days, not a village
        end = tok.end()
        # A second word belongs to the name unless it is a function word or a new clause.
        second = _TOKEN.match(text, end + 1) if text[end : end + 1] == " " else None
        word = second.group() if second else ""
        if scan.language == "fa":
            two_words = tok.group() in _FA_PLACE_HEADS or word in _FA_PLACE_TAILS
        else:
            two_words = bool(word) and word not in stop and word[:1] not in "وفبل"
        if two_words and not _DIGIT.search(word):
            end = second.end()  # type: ignore[union-attr]
        _claim(scan, K.PLACE, tok.start(), end, False, "village or neighbourhood")
