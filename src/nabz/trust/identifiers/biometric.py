"""Biometric identifiers tied to a person: fingerprints, iris/retina scans, voiceprints,
face geometry, DNA profiles ("his fingerprints", "بصمة المريض", "اثر انگشت بیمار")."""

from __future__ import annotations

import regex as re

from nabz.trust.identifiers import IdentifierKind
from nabz.trust.identifiers._scan import Scan
from nabz.trust.keys import found, register
from nabz.trust.text import normalize_term

_EN = re.compile(
    r"\b(?:(?P<own>(?:his|her|their|my|the patient'?s|patient'?s|[A-Z][a-z]+'s)\s+(?:own\s+)?)"
    r"(?:fingerprints?|finger\s?prints?|thumbprints?|palm\s?prints?|retina(?:l)?\s+scans?|"
    r"iris\s+scans?|voice\s?prints?|face\s+scans?|facial\s+(?:geometry|scan|template)|"
    r"dna\s+(?:profile|sample|sequence|test results?)|genetic\s+(?:profile|fingerprint)|"
    r"genome|gait\s+signature))\b"
    r"|\b(?:fingerprints?|retina(?:l)?\s+scans?|iris\s+scans?|voice\s?prints?|dna\s+profile|"
    r"genetic\s+profile|face\s+scans?)\s+(?:of|from|belonging to)\s+"
    r"(?:the\s+)?(?:patient|mr\.?|mrs\.?|ms\.?|baby|child|[A-Z][a-z]+)\b",
    re.IGNORECASE,
)
_PERSON_AR = normalize_term(
    r"(?:ه|ها|هم|\s+(?:المريض|المريضة|الطفل|الطفلة|المتوفى|المتوفي|السيد|السيدة|الحاج|الحاجة|"
    r"المولود|الرضيع|الأم|الأب|الام|الاب|المراجع|المراجعة)"
    r"|\s+لل(?:مريض|مريضة|طفل|طفلة|متوفى|مولود|رضيع|مراجع|مراجعة))(?![\w])"
)
_AR = re.compile(
    "(?:"
    + normalize_term(
        r"(?:بصمة|بصمات|بصمه)(?:\s*(?:اصبع|إصبع|أصابع|اصابع|الإصبع|الاصبع|الأصابع|الاصابع|العين|"
        r"الصوت|الوجه|الكف|اليد|الإبهام|الابهام))?"
        r"|(?:مسح|صورة)\s+(?:قزحية|القزحية|شبكية|الشبكية)(?:\s+العين)?"
        r"|(?:البصمة الوراثية|الحمض النووي|الملف الجيني|البصمة الجينية)"
    )
    + ")"
    + _PERSON_AR
)
_FA = re.compile(
    "(?:"
    + normalize_term(
        r"(?:اثر\s*انگشت|اثرانگشت|انگشتنگاری|اسکن\s+(?:عنبیه|شبکیه|چهره)|عنبیه|شبکیه\s+چشم|"
        r"اثر\s+صوتی|نمونه\s+صدا|پروفایل\s+ژنتیکی|پروفایل\s+DNA|ژنوم|دی\s?ان\s?ای|DNA)"
    )
    + ")"
    + r"(?:ش|شان|\s+(?:بیمار|این\s+بیمار|نوزاد|کودک|مرحوم|متوفی|اقای|خانم|او|وی|ایشان|"
    + r"[\u0600-\u06ff]{2,}ی\b))"
)


# Words without which a pattern cannot match. They are found in the shared walk of
# nabz.trust.keys (a substring test per word would scan the text a dozen times).
_CUES = {
    "en": ("print", "retina", "iris", "dna", "genetic", "genome", "face", "facial", "gait"),
    "ar": ("بصم", "قزحية", "شبكية", "الحمض النووي", "الجيني"),
    "fa": ("انگشت", "عنبیه", "شبکیه", "صوتی", "صدا", "ژن", "DNA", "دی ان"),
}
_PATTERNS = {"en": _EN, "ar": _AR, "fa": _FA}


def _cue_keys(language: str) -> dict[str, tuple[str, ...]]:
    """Cue word (folded) -> the patterns it opens: English everywhere, Arabic and Persian
    in Arabic-script texts."""
    keys: dict[str, tuple[str, ...]] = {}
    for lang in ("en",) if language == "en" else ("en", "ar", "fa"):
        for word in _CUES[lang]:
            key = normalize_term(word).lower()
            keys[key] = (*keys.get(key, ()), lang)
    return keys


_CUE_WORDS = "identifiers.biometric"
register(_CUE_WORDS, _cue_keys)


def detect(scan: Scan) -> None:
    hits = found(scan.doc, _CUE_WORDS)
    if not hits:
        return
    opened = {lang for langs, _start, _end in hits for lang in langs}
    text = scan.text
    for lang in ("en", "ar", "fa"):
        if lang in opened:
            for m in _PATTERNS[lang].finditer(text):
                scan.add(
                    IdentifierKind.BIOMETRIC, m.start(), m.end(), False, "biometric of a person"
                )
