"""Person names, from cue words (titles, "patient X", "my son X", آقای، خانم، بیمار،
السيد، المريضة، أبو) and shipped name lexicons (en, ar, fa).

Precision comes from combining evidence: a given name that is also an ordinary word
(Rose, Hope, May; أمل، نور؛ امید، بهار) needs a cue or a surname beside it; a name
inside an institution's name (King Faisal Hospital, بیمارستان امام رضا) or after an
honorific of a public figure (النبي، امام، حضرت) is not reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from nabz.trust.identifiers import IdentifierKind
from nabz.trust.identifiers._scan import Scan
from nabz.trust.identifiers.lexicon import read_tsv, stopwords_for
from nabz.trust.text import normalize_term

NAMES_FOLDER = "names"


@dataclass(frozen=True, slots=True)
class Lexicon:
    first: frozenset[str]
    core: frozenset[str]  # frequent given names that count alone, without a cue
    common: frozenset[str]  # given names that are also ordinary words
    last: frozenset[str]


@lru_cache(maxsize=1)
def lexicons() -> dict[str, Lexicon]:
    first: dict[str, set[str]] = {"en": set(), "ar": set(), "fa": set()}
    common: dict[str, set[str]] = {"en": set(), "ar": set(), "fa": set()}
    last: dict[str, set[str]] = {"en": set(), "ar": set(), "fa": set()}
    core: dict[str, set[str]] = {"en": set(), "ar": set(), "fa": set()}

    def norm(name: str, lang: str) -> list[str]:
        text = name if lang == "en" else normalize_term(name)
        return text.split()

    for lang in ("en", "ar", "fa"):
        for row in read_tsv(NAMES_FOLDER, f"{lang}_first.tsv"):
            parts = norm(row[0], lang)
            first[lang].add(parts[0]) if len(parts) == 1 else first[lang].update(parts)
            if len(row) > 1 and row[1] == "common" and len(parts) == 1:
                common[lang].add(parts[0])
        for row in read_tsv(NAMES_FOLDER, f"{lang}_last.tsv"):
            last[lang].update(p for p in norm(row[0], lang) if len(p) > 2 or lang == "en")
    for row in read_tsv(NAMES_FOLDER, "extra.tsv"):
        lang, kind, name = row[0], row[1], row[2]
        parts = norm(name, lang)
        target = {"first": first, "last": last, "common": common}[kind][lang]
        target.update(parts)
        if kind == "first" and len(parts) == 1:
            core[lang].add(parts[0])
        if kind == "common":
            first[lang].update(parts)
    # Arabic-script names are shared: Persian texts name Arab patients and vice versa.
    shared_first = first["ar"] | first["fa"]
    shared_last = last["ar"] | last["fa"]
    out = {
        "en": Lexicon(
            frozenset(first["en"]),
            frozenset(first["en"]),
            frozenset(common["en"]),
            frozenset(last["en"]),
        ),
    }
    for lang in ("ar", "fa"):
        stop = stopwords_for(lang)
        out[lang] = Lexicon(
            frozenset(shared_first - stop),
            frozenset((core["ar"] | core["fa"]) - common[lang] - stop),
            frozenset(common[lang] | (stop & shared_first)),
            frozenset(shared_last - stop),
        )
    return out


# --- English ---------------------------------------------------------------------
_TITLES = {
    "Mr": "title", "Mrs": "title", "Ms": "title", "Miss": "title", "Mx": "title",
    "Master": "title", "Sir": "title", "Dame": "title", "Lady": "title", "Lord": "title",
    "Sheikh": "title", "Sheikha": "title", "Haji": "title", "Hajj": "title",
    "Dr": "staff", "Doctor": "staff", "Prof": "staff", "Professor": "staff", "Nurse": "staff",
    "Sister": "staff", "Rev": "title", "Father": "title", "Uncle": "relative", "Aunt": "relative",
    "Auntie": "relative", "Grandma": "relative", "Grandpa": "relative", "Baby": "patient",
}  # fmt: skip
_EN_PATIENT_CUES = frozenset(
    [
        "patient",
        "patients",
        "client",
        "resident",
        "survivor",
        "warrior",
        "fighter",
        "mom",
        "mum",
        "mother",
        "father",
        "dad",
        "son",
        "daughter",
        "husband",
        "wife",
        "brother",
        "sister",
        "baby",
        "grandson",
        "granddaughter",
        "grandmother",
        "grandfather",
        "grandma",
        "grandpa",
        "child",
        "kid",
        "boy",
        "girl",
        "nephew",
        "niece",
        "cousin",
        "friend",
        "neighbor",
        "neighbour",
        "partner",
        "fiance",
        "fiancee",
        "toddler",
        "newborn",
        "infant",
        "teen",
        "teenager",
    ]
)
_EN_NAMED_CUES = frozenset(
    [
        "named",
        "called",
        "meet",
        "welcome",
        "congratulations",
        "congrats",
        "thanks",
        "introducing",
        "remembering",
        "rip",
        "dear",
        "hi",
        "hello",
        "hey",
        "i'm",
        "i’m",
    ]
)
_EN_NAMED_PHRASES = frozenset(
    ["thank you", "say hello to", "say hi to", "in memory of", "prayers for", "pray for",
     "get well soon", "happy birthday", "shout out to", "shoutout to",
     "congratulations to", "congrats to", "my name is", "name is", "i am"]
)  # fmt: skip
# Cues after which a full name of words no lexicon knows is still a name ("my father
# Tobiah Marchetti", "thank you Osric Wojcik"); "Meet"/"Welcome" often head a title.
_EN_FULL_NAME_CUES = _EN_PATIENT_CUES | frozenset(
    ["thank you", "thanks", "congratulations to", "congrats to", "my name is", "name is",
     "i am", "i'm", "i’m", "hi", "hello", "hey", "dear", "in memory of", "remembering", "rip"]
)  # fmt: skip
# Unknown capitalised words shaped like plurals or adjectives ("Sponsors", "Grateful"),
# not names: a name no lexicon knows needs to look like one.
_EN_WORD_SHAPE = re.compile(r"(?:[^aeiousy]s|ful|ness|ment|ship|ing|ly|ous|ive|able|ation)$")
# "Roger, 98 years old," / "Keith, aged 95," / "Ana (93)": an age in apposition.
_EN_AGE_AFTER = re.compile(
    r",\s*(?:aged\s+\d{1,3}\b|\d{1,3}(?:\s*|-)(?:years?|yrs?)(?:\s*|-)old\b)|\s*\(\d{1,3}\)"
)


def _lower_word_before(text: str, start: int) -> bool:
    """True when running text (a lower-case word, maybe a comma) comes right before."""
    if start < 2 or text[start - 1] != " ":
        return False
    ch = text[start - 2]
    return ch == "," or (ch.isalpha() and ch.islower())


def _english_cue(text: str, start: int) -> str:
    """'patient:son' / 'named:meet' when a cue word stands right before ``start``."""
    words = text[max(0, start - 24) : start].lower().replace(",", " ").split()
    if not words:
        return ""
    last = words[-1].strip(".:;!?'’\"()")
    if last in _EN_PATIENT_CUES:
        return "patient:" + last
    if last in _EN_NAMED_CUES:
        return "named:" + last
    for n in (2, 3, 4):
        phrase = " ".join(words[-n:])
        if phrase in _EN_NAMED_PHRASES:
            return "named:" + phrase
    return ""


_CAP = re.compile(
    r"[A-Z](?:(?:['’][A-Z])?[a-z]+(?:[A-Z][a-z]+)?(?:['’][A-Z][a-z]+)?(?:-[A-Z][a-z]+)*"
    r"(?:['’]s)?\.?|\.(?=\s[A-Z]))"
)
_CAP_PREFIX = re.compile(r"(?:[Aa]l|[Ee]l|[Aa]bu|[Bb]in|[Ii]bn)-$")
_CONNECTORS = frozenset(
    {"bin", "ibn", "bint", "al", "el", "van", "von", "de", "da", "abu", "abd", "ben"}
)
_ORG_WORDS = frozenset(
    [
        "Hospital",
        "Hospitals",
        "Clinic",
        "Clinics",
        "Center",
        "Centre",
        "Medical",
        "Health",
        "Healthcare",
        "University",
        "College",
        "School",
        "Institute",
        "Foundation",
        "Department",
        "Ward",
        "Unit",
        "Society",
        "Association",
        "Ministry",
        "Council",
        "Trust",
        "Street",
        "Road",
        "Avenue",
        "Boulevard",
        "Lane",
        "Drive",
        "Square",
        "Mall",
        "Park",
        "Mosque",
        "Church",
        "Pharmacy",
        "Laboratory",
        "Lab",
        "Labs",
        "Group",
        "Company",
        "Inc",
        "Ltd",
        "LLC",
        "Children's",
        "Memorial",
        "Cancer",
        "Heart",
        "Eye",
        "Specialist",
        "General",
        "Day",
        "Week",
        "Month",
        "Awareness",
        "Foundation's",
        "Hospital's",
        "Clinic's",
        "Program",
        "Programme",
        "Fund",
        "Prize",
        "Award",
        "Syndrome",
        "Disease",
        "Disorder",
        "Test",
        "Scale",
        "Score",
        "Method",
        "Technique",
        "Procedure",
        "Maneuver",
        "Law",
        "Act",
    ]
)


_STOP_EN = stopwords_for("en")
_LEADING_ADJECTIVES = frozenset(
    {"little", "brave", "sweet", "tiny", "baby", "dear", "beloved", "young", "big", "old"}
)


@lru_cache(maxsize=1)
def _nameish() -> frozenset[str]:
    lex = lexicons()["en"]
    return frozenset(lex.first | lex.last | set(_TITLES) | _EN_PATIENT_CUES | _EN_NAMED_CUES)


def _en_key(token: str) -> str:
    token = token.rstrip(".")
    if token.endswith(("'s", "’s")):
        token = token[:-2]
    return token


# A capitalised token: (start, end, key); the key has no possessive or trailing period.
_Tok = tuple[int, int, str]
_POSSESSIVE = ("'s", "’s")


def _english(scan: Scan) -> None:
    if not scan.has_upper:
        return  # every token starts with a capital letter
    text = scan.text
    toks: list[_Tok] = []
    for m in _CAP.finditer(text):
        start = m.start()
        if start:
            before = text[start - 1]
            if before.isalnum() or before in "'’#@_":
                continue
            if before == "-":
                prefix = _CAP_PREFIX.search(text, max(0, start - 4), start)
                if prefix is None:
                    continue
                start = prefix.start()
        key = m.group().rstrip(".")  # _en_key, inlined: this loop runs for every word
        if key.endswith(_POSSESSIVE):
            key = key[:-2]
        toks.append((start, m.end(), key))
    if not toks:
        return
    nameish = _nameish()
    for start, _end, key in toks:
        if key in nameish or key.lower() in nameish or _lower_word_before(text, start):
            break
    else:
        if scan.tokens.isdisjoint(("old", "aged")) or not _EN_AGE_AFTER.search(text):
            return  # no lexicon name, title or cue: capitalised words only start sentences
    lex = lexicons()["en"]
    # Group capitalised tokens that follow each other with one space (or a connector).
    groups: list[list[_Tok]] = []
    prev: _Tok | None = None
    for tok in toks:
        if prev is not None:
            p_start, p_end, p_key = prev
            ends_sentence = text[p_end - 1] == "." and p_key not in _TITLES and len(p_key) > 1
            if not ends_sentence:
                gap = text[p_end : tok[0]]
                joins = (gap == " " and text[p_end - 1] not in ",;:!?") or (
                    gap.strip() in _CONNECTORS and len(gap) <= 6 and gap.startswith(" ")
                )
                if joins and not text[p_start:p_end].endswith(_POSSESSIVE):
                    groups[-1].append(tok)
                    prev = tok
                    continue
        groups.append([tok])
        prev = tok
    for group in groups:
        _english_group(scan, group, lex)


def _english_group(scan: Scan, group: list[_Tok], lex: Lexicon) -> None:
    text = scan.text
    if len(group) == 1:
        if group[0][2] in _ORG_WORDS:
            return
    elif not _ORG_WORDS.isdisjoint([t[2] for t in group]):
        return
    cue = ""
    i = 0
    # Leading titles, cue words and function words: "Our Patient Sarah", "Meet Dr. Lee".
    while i < len(group):
        key = group[i][2]
        low = key.lower()
        if key in _TITLES:
            cue = _TITLES[key] + ":" + key
        elif low in _EN_PATIENT_CUES:
            cue = "patient:" + low
        elif low in _EN_NAMED_CUES:
            cue = "named:" + low
        elif not ((low in _STOP_EN and key not in lex.first) or low in _LEADING_ADJECTIVES):
            break
        i += 1
    if i >= len(group):
        return
    rest = group[i:] if i else group
    first_start = rest[0][0]
    first = rest[0][2]
    known = first in lex.first or first in lex.last
    if not cue and (known or _lower_word_before(text, first_start)):
        cue = _english_cue(text, first_start)
    if not cue and _EN_AGE_AFTER.match(text, rest[min(len(rest), 3) - 1][1]):
        cue = "age:apposition"
    if not cue and not known:
        return
    is_first = first in lex.first
    common = first in lex.common
    second = rest[1][2] if len(rest) > 1 else ""
    second_is_name = bool(second) and (
        second in lex.last
        or (second in lex.first and second not in lex.common)
        or second.startswith(("Al-", "al-", "El-", "el-", "Abu-"))
    )
    if cue:
        ok = is_first or second_is_name or first in lex.last or cue.startswith(("title", "staff"))
        full = cue.split(":", 1)[1] in _EN_FULL_NAME_CUES or cue.startswith("age:")
        if not ok and not (
            (len(rest) == 1 or full)
            and all(
                t[2].lower() not in _STOP_EN and not _EN_WORD_SHAPE.search(t[2]) for t in rest[:2]
            )
        ):
            return
        ok = True
    elif is_first and not common:
        # Alone, a word that is also a surname (Johnson, Taylor) may be a company or place.
        ok = len(rest) > 1 or first not in lex.last
    elif is_first and common:
        ok = second_is_name
    else:
        ok = first in lex.last and second_is_name
    if not ok:
        return
    end_tok = rest[0]
    for tok in rest[1:4]:
        if tok[2].lower() in _STOP_EN and tok[2] not in lex.last:
            break
        end_tok = tok
    end = end_tok[1]
    raw = text[end_tok[0] : end]
    if raw.endswith(_POSSESSIVE):
        end -= 2
    elif raw.endswith(".") and len(end_tok[2]) > 1:
        end -= 1
    detail = cue or "lexicon"
    scan.add(IdentifierKind.PERSON_NAME, first_start, end, False, detail)


# --- Arabic and Persian ------------------------------------------------------------
def _terms(words: str) -> frozenset[str]:
    return frozenset(normalize_term(w) for w in words.split())


# Titles after which any surname-like word is a name (آقای رضایی، الدكتور الزهراني).
_STRONG_CUES = _terms(
    "اقای آقای خانم جناب سرکار بانو دکتر استاد مهندس حاج حاجی حاجیه مرحوم مرحومه شادروان "
    "السيد السيدة الآنسة الانسة الحاج الحاجة الدكتور الدكتورة د الأستاذ الأستاذة المهندس المهندسة "
    "الشيخ الشيخة "
    "المرحوم المرحومة الفقيد الفقيدة"
)
# Nouns after which a given name is a name (بیمار مریم، المريضة سارة، ابني أحمد).
_WEAK_CUES = _terms(
    "بیمار بیمارمان مددجو کودک نوزاد پسرم دخترم همسرم مادرم پدرم برادرم خواهرم پدربزرگم "
    "مادربزرگم نوه نوهام عمویم خالهام دوستم پسر دختر همسر مادر پدر "
    "المريض المريضة مريضنا مريضتنا الطفل الطفلة الرضيع الرضيعة المولود ابني ابنتي بنتي زوجي زوجتي "
    "والدي والدتي أمي ابي أبي أخي اختي أختي جدي جدتي عمي خالي عمتي خالتي صديقي حفيدي حفيدتي "
    "الشاب الشابة الفتى الفتاة المراجع المراجعة"
)
_STAFF_CUES = _terms("دکتر استاد الدكتور الدكتورة د الأستاذ الأستاذة پرستار الممرض الممرضة")
# Parts that join a name: kunya (أم/أبو), nasab (بن/بنت), آل (normalised to "ال"), عبد.
_KUNYA = _terms("ام أم ابو أبو ابا أبا ابن بن بنت عبد آل سادات السادات بیگم")
# Words before a name that make it part of an institution, a place or a public figure.
_BLOCK_BEFORE = _terms(
    "مستشفى مستشفي بیمارستان مرکز مركز مجمع مدينة مدینه شارع خیابان بلوار میدان ميدان جامعة شب "
    "دانشگاه مسجد امام الإمام الامام النبي نبی پیامبر حضرت الملك الملک ملک الأمير الامیر شهید "
    "الشهيد سوره سورة مدرسه مدرسة کلیه كلية برج حي کوی یا مؤسسة موسسه بنیاد جایزه جائزة "
    "قاعة سالن تالار دبیرستان آموزشگاه سپاه کوچه زقاق مستوصف درمانگاه قرية روستای"
)
_SURNAME_SHAPE = re.compile(
    normalize_term(
        r"^(?:.{2,}(?:زاده|پور|نیا|فر|یان|وند|نژاد|لو|فرد|راد|نسب|دوست|کیا|ی)|ال.{3,}ی|ال.{3,})$"
    )
)
# A family name that confirms an ordinary-word given name: a lexicon surname or a nisba.
_NISBA = re.compile(normalize_term(r"^ال.{3,}ی$|^.{2,}(?:زاده|پور|نیا|نژاد)$"))
_AR_TOKEN = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def _probe_set() -> frozenset[str]:
    """Every token (with an optional و) that may start or cue a name: the quick filter."""
    lex = lexicons()["fa"]
    base = lex.first | _STRONG_CUES | _WEAK_CUES | _KUNYA
    return frozenset(
        base | {"و" + w for w in base} | {"لل" + w[2:] for w in _CUES if w.startswith("ال")}
    )


_CUES = _STRONG_CUES | _WEAK_CUES


def _strip_clitic(word: str) -> str:
    """ "ومحمد" -> "محمد", "للدكتور" -> "الدكتور" (only when that makes a known word)."""
    if word.startswith("لل") and "ال" + word[2:] in _CUES:
        return "ال" + word[2:]
    if word[:1] in ("و", "ل", "ب", "ف") and len(word) > 3 and word[1:] in _probe_set():
        return word[1:]
    return word


def _surname_like(token: str, lex: Lexicon, stop: frozenset[str]) -> bool:
    if token in stop or len(token) < 3:
        return False
    return token in lex.last or token in lex.first or bool(_SURNAME_SHAPE.match(token))


_NEXT_WORD = re.compile(r" {1,2}([^\W\d_]+)")


def _word_before(text: str, pos: int) -> str:
    r"""The word (letters only) that ends right before ``pos`` with only spaces between,
    within 30 characters; "" if none. The same as searching ``([^\W\d_]+)[^\w]*$`` in
    ``text[pos - 30 : pos]`` and requiring blank space after the group, without the
    regex's backtracking from every position of the window (a letter is a character that
    is alphanumeric but not a decimal digit, as ``[^\W\d_]`` has it)."""
    floor = max(0, pos - 30)
    end = pos
    while end > floor and text[end - 1].isspace():
        end -= 1
    if end == floor or not (ch := text[end - 1]).isalnum() or ch.isdecimal():
        return ""
    start = end - 1
    while start > floor and (ch := text[start - 1]).isalnum() and not ch.isdecimal():
        start -= 1
    return text[start:end]


def _occurrences(text: str, word: str) -> list[int]:
    """Start offsets of ``word`` as a whole token."""
    out: list[int] = []
    n, size = len(text), len(word)
    pos = text.find(word)
    while pos != -1:
        end = pos + size
        if (pos == 0 or not text[pos - 1].isalnum()) and (end >= n or not text[end].isalnum()):
            out.append(pos)
        pos = text.find(word, pos + 1)
    return out


def _arabic_script(scan: Scan) -> None:
    text = scan.text
    probe = _probe_set()
    hits = probe.intersection(scan.tokens)
    if not hits:
        return
    lang = scan.language if scan.language in ("ar", "fa") else "fa"
    lex = lexicons()[lang]
    stop = stopwords_for(lang)
    candidates: set[int] = set()
    for word in hits:
        core = _strip_clitic(word)
        # A word that is only a name with a surname after it: look at the next word
        # before doing any real work (most hits are "على", "عمر", "کمال" in prose).
        needs_surname = (
            core not in _CUES
            and core not in _KUNYA
            and (core in lex.common or core not in lex.core or core in _ORDINARY)
        )
        for pos in _occurrences(text, word):
            if needs_surname:
                nxt_m = _NEXT_WORD.match(text, pos + len(word))
                nxt = nxt_m.group(1) if nxt_m else ""
                if not (
                    nxt in lex.last
                    or nxt in _KUNYA
                    or _NISBA.match(nxt)
                    or (core not in lex.common and nxt in lex.core)
                ):
                    continue
            candidates.add(pos)
    done = 0
    for pos in sorted(candidates):
        if pos < done:
            continue
        toks = [
            (m.start(), m.end(), m.group())
            for _, m in zip(
                range(7), _AR_TOKEN.finditer(text, pos, min(len(text), pos + 120)), strict=False
            )
        ]
        prev = _word_before(text, pos)
        span = _name_at(text, toks, prev, lex, stop)
        if span is None:
            continue
        start, end, detail = span
        scan.add(IdentifierKind.PERSON_NAME, start, end, False, detail)
        done = end


def _joined(text: str, toks: list[tuple[int, int, str]], a: int, b: int) -> bool:
    """Tokens a and b are separated by at most two blanks."""
    gap = text[toks[a][1] : toks[b][0]]
    return gap.strip() == "" and len(gap) <= 2


def _name_at(
    text: str,
    toks: list[tuple[int, int, str]],
    prev: str,
    lex: Lexicon,
    stop: frozenset[str],
) -> tuple[int, int, str] | None:
    """The name that starts at (or is cued by) ``toks[0]``, as (start, end, detail)."""
    n = len(toks)
    word = toks[0][2]
    core = _strip_clitic(word)
    cue = ""
    j = 0
    if core in _CUES:
        cue = "staff" if core in _STAFF_CUES else "title" if core in _STRONG_CUES else "patient"
        cue += ":" + core
        while (
            j + 1 < n
            and _joined(text, toks, j, j + 1)
            and _strip_clitic(toks[j + 1][2]) in _STRONG_CUES
        ):
            j += 1
        j += 1
        if j >= n or not _joined(text, toks, j - 1, j):
            return None
        first = toks[j][2]
        if first in stop:
            return None
        if core in _STRONG_CUES:
            ok = _surname_like(first, lex, stop) or first in _KUNYA
        else:
            ok = (first in lex.first and first not in _ORDINARY) or first in _KUNYA
        if not ok:
            return None
    else:
        if prev in _BLOCK_BEFORE or _strip_clitic(prev) in _CUES:
            return None
        first = core
        nxt = toks[1][2] if n > 1 and _joined(text, toks, 0, 1) else ""
        if first in _KUNYA:
            if nxt not in lex.first:
                return None
        elif first not in lex.first:
            return None
        elif first in lex.common or first not in lex.core or first in _ORDINARY:
            # An ordinary word, or a rarer name: only with a surname beside it.
            if not nxt or nxt in lex.common or nxt in stop or nxt in _BLOCK_BEFORE:
                return None
            if not (
                nxt in lex.last
                or nxt in _KUNYA
                or _NISBA.match(nxt)
                or (first not in lex.common and nxt in lex.core)
            ):
                return None
    # Extend over the rest of the name: given names, father's names, family names.
    name_start = toks[j][0] + (len(word) - len(core) if j == 0 else 0)
    k = j
    # Only the word right after the given name may be a surname by its shape alone
    # ("احمدی", "الزهراني"); later words must be known names ("بیمار رضایی آرزوی ...").
    shaped = toks[j][2] not in lex.first
    while k + 1 < n and k - j < 6 and _joined(text, toks, k, k + 1):
        nxt = toks[k + 1][2]
        if nxt in stop or nxt in _BLOCK_BEFORE or nxt in AR_PERSON_VERBS:
            break
        if toks[k][2] in _KUNYA or (nxt in _KUNYA and nxt != "ام"):
            shaped = shaped or toks[k][2] in _KUNYA  # the word after بن/آل is a name
            k += 1
            continue
        if nxt in lex.last or nxt in lex.first:
            shaped = shaped or nxt in lex.last
            k += 1
            continue
        if not shaped and _surname_like(nxt, lex, stop):
            shaped = True
            k += 1
            continue
        break
    while k > j and toks[k][2] in _KUNYA:  # a dangling "بن" is not part of the name
        k -= 1
    if k == j and toks[j][2] in _KUNYA:
        return None
    return name_start, toks[k][1], cue or "lexicon"


# Ordinary words that are also given names, and institution words, that the tagger and the
# patient-noun cue read as names in health prose ("المشي مفيد لقلبك", "قلة إيمان", "آب
# زیاد", "سازمان جهانی بهداشت", "جان بیمار تمام شود"). Kept here, not in the lexicons,
# because the tagger's gazetteer features read the lexicons and the shipped model was
# trained with them as they are.
_ORDINARY = _terms(
    "مفيد أصغر اكبر أكبر إيمان ايمان تمام زیاد زمانی کرم جادویی گلی فيلر سازمان وزارت انجمن "
    "هیئت اداره شرکت دانشکده جمعیت منظمة منظمه هيئة وزارة جمعية"
)


def ordinary_word(word: str) -> bool:
    return word in _ORDINARY


# Arabic verbs of what happens to a patient, right after the subject ("ريم خرجت"): never
# part of a name, and they make a lone given name before them a person (lone_names).
AR_PERSON_VERBS = _terms(
    "خرج خرجت عاد عادت غادر غادرت يتعافى تتعافى تعافى تعافت بدأ بدأت أجرى أجرت دخل دخلت "
    "استيقظ استيقظت ولد ولدت توفي توفيت يرقد ترقد أنهى أنهت احتفل احتفلت رجع رجعت يعود "
    "تعود وصل وصلت شفي شفيت تماثل تماثلت يبدأ تبدأ نجح نجحت خضع خضعت"
)


def _tagged(scan: Scan) -> None:
    """Names the statistical tagger finds that no lexicon or cue detector found."""
    from nabz.trust.tagger import find_names, worth_tagging

    lang = scan.language if scan.language in ("en", "ar", "fa") else "en"
    if not worth_tagging(scan.tokens, lang, scan.has_upper):
        return
    spans = find_names(scan.text, lang)
    if not spans:
        return
    known = [(f.start, f.end) for f in scan.found if f.kind is IdentifierKind.PERSON_NAME]
    text = scan.text
    for start, end in spans:
        if any(start < b and a < end for a, b in known) or scan.is_claimed(start, end):
            continue
        if lang != "en" and text[start:end].split(" ", 1)[0] in _ORDINARY:
            continue
        scan.add(IdentifierKind.PERSON_NAME, start, end, False, "tagger")


def detect(scan: Scan) -> None:
    _english(scan)
    if scan.language != "en" or not scan.text.isascii():
        _arabic_script(scan)
        from nabz.trust.identifiers import name_cues

        lang = scan.language if scan.language in ("ar", "fa") else "fa"
        stop = stopwords_for(lang)
        name_cues.detect(scan, lexicons()[lang], stop)
        from nabz.trust.identifiers import lone_names

        lone_names.detect(scan, lexicons()[lang], stop)
        _tagged(scan)
        name_cues.propagate(scan, lexicons()[lang].common, stop)
    else:
        _tagged(scan)
