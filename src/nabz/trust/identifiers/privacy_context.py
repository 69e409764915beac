"""What the PHI rules need to know beyond the identifiers themselves: the
organisation's allow-list, whether the text is about a patient or about staff, and
the quasi-identifiers (room and bed numbers, wards, rare conditions) that point at
one patient when they come together.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from functools import lru_cache
from importlib.resources import files

import yaml

from nabz.trust.document import Document
from nabz.trust.identifiers import Identifier, IdentifierKind
from nabz.trust.identifiers._scan import PhraseMatcher
from nabz.trust.keys import register
from nabz.trust.model import AllowList
from nabz.trust.text import normalize_term


def _phrases(words: str) -> list[str]:
    return [w.strip() for w in words.split("|") if w.strip()]


# --- the allow-list -------------------------------------------------------------------
def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _norm(text: str) -> str:
    return " ".join(normalize_term(text).lower().split())


def is_allowed(ident: Identifier, allow: AllowList) -> bool:
    """True when ``ident`` is one of the organisation's own public details."""
    kind = ident.kind
    if kind is IdentifierKind.PHONE and allow.phones:
        digits = _digits(normalize_term(ident.text))
        national = digits.lstrip("0")
        for allowed in allow.phones:
            core = allowed.lstrip("0")
            if len(core) >= 6 and (digits.endswith(core) or core.endswith(national)):
                return True
        return False
    if kind is IdentifierKind.EMAIL:
        if not allow.emails and not allow.domains:
            return False
        email = ident.text.strip().lower()
        domain = email.rsplit("@", 1)[-1]
        return email in allow.emails or _domain_allowed(domain, allow.domains)
    if kind is IdentifierKind.URL:
        if not allow.domains:
            return False
        host = ident.text.lower().split("//", 1)[-1].split("/", 1)[0].removeprefix("www.")
        return _domain_allowed(host, allow.domains)
    if kind in (IdentifierKind.STREET_ADDRESS, IdentifierKind.POSTAL_CODE, IdentifierKind.PLACE):
        if not allow.addresses:
            return False
        found = _norm(ident.text).replace(",", " ")
        found = " ".join(found.split())
        for address in allow.addresses:
            allowed = " ".join(_norm(address).replace(",", " ").split())
            if found and (found in allowed or allowed in found):
                return True
        return False
    if kind is IdentifierKind.PERSON_NAME:
        if not allow.names:
            return False
        found = _norm(ident.text)
        return any(found and found in _norm(name) for name in allow.names)
    return False


def _domain_allowed(host: str, domains: Iterable[str]) -> bool:
    host = host.removeprefix("www.")
    return any(host == d.removeprefix("www.") or host.endswith("." + d) for d in domains)


# --- patient and staff context ------------------------------------------------------
_PATIENT_CUES = _phrases(
    """our patient|our patients|the patient|this patient|a patient|patient|patient story|
    patient's|was admitted|were admitted|was discharged|was diagnosed|diagnosed with|
    underwent|treated for|recovering from|survivor|his diagnosis|her diagnosis|his surgery|
    her surgery|his treatment|her treatment|went home|bedside|
    بیمار ما|بیمارمان|بیمار|بیماران ما|مددجو|مراجعه کننده|بستری شد|بستری|ترخیص شد|مرخص شد|
    تشخیص داده شد|جراحی شد|تحت عمل|داستان بیمار|
    مريضنا|مريضتنا|المريض|المريضة|مرضانا|قصة المريض|تم تنويم|تم تنويمه|دخل المستشفى|
    خرج من المستشفى|شخص بـ|تم تشخيص|أجريت له|أجريت لها|يتعافى|تتعافى"""
)
_STAFF_CUES = _phrases(
    """nurse|nurses|doctor|doctors|physician|surgeon|consultant|specialist|resident doctor|
    our team|team|staff|colleague|employee|pharmacist|therapist|technician|midwife|
    dr|dr.|prof|professor|head of|director|manager|volunteer|spotlight|
    پرستار|پرستاران|پزشک|جراح|متخصص|همکار|همکاران|کادر|کارکنان|کارمند|دکتر|استاد|رئیس|
    مدیر|ماما|داروساز|تکنسین|داوطلب|
    ممرض|ممرضة|ممرضات|طبيب|طبيبة|أطباء|جراح|استشاري|استشارية|أخصائي|أخصائية|زميل|زميلة|
    زملاء|فريق|الفريق|طاقم|موظف|موظفة|الدكتور|الدكتورة|رئيس|مدير|مديرة|صيدلي|متطوع"""
)


_PEOPLE = "identifiers.patient_and_staff"  # the lexicon's name in the shared walk


@lru_cache(maxsize=1)
def _context_matcher() -> PhraseMatcher:
    return PhraseMatcher(_PEOPLE, {"patient": _PATIENT_CUES, "staff": _STAFF_CUES}, suffixes=False)


register(_PEOPLE, lambda _language: _context_matcher().keys)


def context_words(doc: Document) -> list[tuple[int, int, str]]:
    """(start, end, "patient"|"staff") cue words in normalised offsets; cached per doc."""
    return doc.memoized("_phi_ctx", _find_context_words)


def _find_context_words(doc: Document) -> list[tuple[int, int, str]]:
    return _context_matcher().find(doc)


def is_patient_context(doc: Document) -> bool:
    """The text is about a patient: the patient-story pillar, or patient words in it."""
    return doc.memoized("_phi_patient", _find_patient_context)


def _find_patient_context(doc: Document) -> bool:
    return (
        doc.context.pillar == "patient_story"
        or any(label == "patient" for *_, label in context_words(doc))
        or any(
            i.kind is IdentifierKind.PERSON_NAME and i.detail.startswith("patient:")
            for i in doc.identifiers
        )
    )


def is_staff_context(doc: Document) -> bool:
    return doc.context.pillar in ("staff_spotlight", "behind_the_scenes")


_SENTENCE_BREAK = re.compile(r"[.!?\n؟]")


def _staff_index(doc: Document) -> tuple[list[int], list[tuple[int, int, str]], list[int]]:
    """Sentence-break offsets, and the cue words in ORIGINAL offsets with their starts;
    computed once per document so that many identifiers in a long text stay cheap."""
    return doc.memoized("_phi_staff_index", _build_staff_index)


def _build_staff_index(doc: Document) -> tuple[list[int], list[tuple[int, int, str]], list[int]]:
    breaks = [m.start() for m in _SENTENCE_BREAK.finditer(doc.text)]
    words = [(*doc.span(s, e), label) for s, e, label in context_words(doc)]
    return breaks, words, [w[0] for w in words]


def staff_near(doc: Document, ident: Identifier) -> bool:
    """A staff word in the same sentence as ``ident`` (and no patient word there)."""
    breaks, words, starts = _staff_index(doc)
    # The sentence: after the last break before the identifier, up to the first break
    # at or after its end.
    i = bisect_left(breaks, ident.start)
    start = breaks[i - 1] + 1 if i else 0
    j = bisect_left(breaks, ident.end)
    end = breaks[j] if j < len(breaks) else len(doc.text)
    labels = set()
    for k in range(bisect_left(starts, start), len(words)):
        os, oe, label = words[k]
        if os > end:
            break
        if oe <= end and not (os >= ident.start and oe <= ident.end):
            labels.add(label)
    return "staff" in labels and "patient" not in labels


# --- quasi-identifiers --------------------------------------------------------------------
_ROOM = re.compile(
    normalize_term(
        r"(?:\b(?:room|rm|bed|bay|cubicle|suite|ward)\s*(?:no\.?|number|#)?\s*\d{1,4}[a-z]?\b"
        r"|(?:اتاق|تخت|بخش|غرفه|غرفة|سرير|السرير|الغرفة|جناح)\s*(?:شماره|رقم)?\s*\d{1,4})"
    ),
    re.IGNORECASE,
)
_WARDS = _phrases(
    """icu|nicu|picu|ccu|intensive care|neonatal intensive care|burn unit|burns unit|
    cardiac ward|oncology ward|maternity ward|isolation ward|psychiatric ward|
    بخش مراقبت های ویژه|مراقبت های ویژه|آی سی یو|ای سی یو|بخش سوختگی|بخش نوزادان|بخش روانپزشکی|
    بخش ایزوله|العناية المركزة|وحدة العناية المركزة|العناية المركزة لحديثي الولادة|قسم الحروق|
    جناح العزل|قسم الأورام|الطب النفسي"""
)


_RARE = "identifiers.rare_conditions_and_wards"


@lru_cache(maxsize=1)
def _rare_and_wards() -> PhraseMatcher:
    raw = yaml.safe_load(
        files("nabz.trust").joinpath("data", "privacy", "rare_conditions.yaml").read_text("utf-8")
    )
    rare = [str(n) for entry in raw["conditions"] for names in entry.values() for n in names]
    return PhraseMatcher(_RARE, {"rare condition": rare, "ward": _WARDS}, suffixes=False)


register(_RARE, lambda _language: _rare_and_wards().keys)


def quasi_identifiers(doc: Document) -> list[tuple[int, int, str]]:
    """(start, end, what) in ORIGINAL offsets: rooms, beds, wards, rare conditions, and
    the exact ages, dates and small places the detectors found."""
    out: list[tuple[int, int, str]] = []
    norm = doc.norm.text
    if any(ch.isdigit() for ch in norm):
        for m in _ROOM.finditer(norm):
            out.append((*doc.span(m.start(), m.end()), "room or bed number"))
    for s, e, label in _rare_and_wards().find(doc):
        out.append((*doc.span(s, e), label))
    for ident in doc.identifiers:
        if ident.kind is IdentifierKind.AGE:
            out.append((ident.start, ident.end, "exact age"))
        elif ident.kind is IdentifierKind.DATE:
            if date_tied_to_person(doc, ident):
                out.append((ident.start, ident.end, "exact date"))
        elif ident.kind in (
            IdentifierKind.PLACE,
            IdentifierKind.STREET_ADDRESS,
        ) and not is_allowed(ident, doc.settings.allow):
            out.append((ident.start, ident.end, "small place"))
    out.sort()
    return out


# Events of a person's own: a date a cue word ties to one of these is the person's date.
PERSON_EVENTS = frozenset(
    {
        "date of birth", "admission date", "discharge date", "date of death",
        "surgery or procedure date",
    }
)  # fmt: skip
# Words that stand for a person in the sentence of a date ("she", «او», «هي»).
_PERSON_WORDS = re.compile(
    r"\b(?:he|she|his|her|him|hers)\b"
    r"|(?<![^\W\d_])(?:او|وی|ایشان|هو|هي|له|لها)(?![^\W\d_])",
    re.IGNORECASE,
)


def date_tied_to_person(doc: Document, ident: Identifier) -> bool:
    """A date is a person's when a cue word ties it to their own event (birth,
    admission, discharge, death, surgery), or when its sentence is about the person: a
    patient word, a name or a personal pronoun in it. "Visiting hours change on Monday"
    beside a sentence about the patient in bed 4 is the hospital's date, not theirs."""
    if ident.detail.split(",")[0] in PERSON_EVENTS:
        return True
    start, end = _sentence_of(doc, ident.start, ident.end)
    _breaks, words, starts = _staff_index(doc)
    for k in range(bisect_left(starts, start), len(words)):
        os, oe, label = words[k]
        if os >= end:
            break
        if label == "patient" and oe <= end:
            return True
    for other in doc.identifiers:
        if other.kind is IdentifierKind.PERSON_NAME and start <= other.start < end:
            return True
    return _PERSON_WORDS.search(doc.text, start, end) is not None


def _sentence_of(doc: Document, start: int, end: int) -> tuple[int, int]:
    """ORIGINAL offsets of the sentence that holds ``start``..``end``."""
    breaks = _staff_index(doc)[0]
    i = bisect_left(breaks, start)
    first = breaks[i - 1] + 1 if i else 0
    j = bisect_left(breaks, end)
    last = breaks[j] if j < len(breaks) else len(doc.text)
    return first, last


def patient_cue_spans(doc: Document) -> list[tuple[int, int]]:
    """ORIGINAL spans of the patient words (our patient, بیمار ما, مريضنا...)."""
    return [doc.span(s, e) for s, e, label in context_words(doc) if label == "patient"]
