"""Biometric identifiers tied to a person: fingerprints, iris/retina scans, voiceprints,
face geometry, DNA profiles ("his fingerprints", "بصمة المريض", "اثر انگشت بیمار")."""

from __future__ import annotations

import regex as re

from nabz.trust.identifiers import IdentifierKind
from nabz.trust.identifiers._scan import Scan
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


_QUICK_EN = ("print", "retina", "iris", "dna", "genetic", "genome", "face", "facial", "gait")
# Words without which the Arabic or the Persian pattern cannot match (substring tests are
# several times cheaper than a regex alternation over Arabic script).
_QUICK_AR = tuple(normalize_term(w) for w in ("بصم", "قزحية", "شبكية", "الحمض النووي", "الجيني"))
_QUICK_FA = tuple(
    normalize_term(w) for w in ("انگشت", "عنبیه", "شبکیه", "صوتی", "صدا", "ژن", "DNA", "دی ان")
)


def detect(scan: Scan) -> None:
    text, lower = scan.text, scan.lower
    patterns = []
    if any(word in lower for word in _QUICK_EN):
        patterns.append(_EN)
    if scan.language != "en":
        if any(word in text for word in _QUICK_AR):
            patterns.append(_AR)
        if any(word in text for word in _QUICK_FA):
            patterns.append(_FA)
    for pattern in patterns:
        for m in pattern.finditer(text):
            scan.add(IdentifierKind.BIOMETRIC, m.start(), m.end(), False, "biometric of a person")
