"""CLM304: a known health myth repeated without a correction."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from rapidfuzz import fuzz

from nabz.trust.document import Document
from nabz.trust.model import Severity
from nabz.trust.registry import Hit, rule
from nabz.trust.rules.claims._shared import (
    DEBUNK,
    DEBUNK_STRICT,
    LANGS,
    NEGATION,
    View,
    add_triggers,
    debunking_post,
    has,
    triggered,
    view,
)
from nabz.trust.rules.claims.mythbase import KeyHit, Myth, myth_base, stems

CODE = "CLM304"
FUZZY_THRESHOLD = 72

_CLAUSE = re.compile(
    r"[,;:!?\n()]|\.(?=\s|$)|\s(?:but|however|so|because|and)\s"
    r"|\s(?:لکن|ولکن|اما|ولی|چون|زیرا|لان|و)\s"
)
# Questions ask, they do not assert ("Do vaccines cause autism?"), except the rhetorical kind.
_RHETORICAL = {
    "en": re.compile(r"did you know|didn't you know"),
    "ar": re.compile(r"هل تعلم|هل تعلمون|هل کنت تعلم"),
    "fa": re.compile(r"ایا میدانستید|آیا میدانستید|میدانستید"),
}
# A reply right after the sentence: "No.", "False.", "خیر", "لا،", "نه".
_ANSWER = {
    "en": re.compile(r"^\s*(?:no\b|nope\b|false\b|wrong\b|not true\b|not at all\b)"),
    "ar": re.compile(r"^\s*(?:لا\b|کلا\b|خطا\b|غیر صحیح|لیس صحیحا|الجواب\s*:?\s*لا)"),
    "fa": re.compile(r"^\s*(?:خیر\b|نه\b|غلط\b|نادرست\b|پاسخ\s*:?\s*(?:خیر|نه))"),
}

_FRAME = {
    "en": 'This repeats a common health myth: "{myth}" Fact: {fact} Source: {source}',
    "ar": 'يكرر هذا النص خرافة صحية شائعة: "{myth}" الحقيقة: {fact} المصدر: {source}',
    "fa": "این متن یک باور غلط رایج سلامت را تکرار می‌کند: «{myth}» واقعیت: {fact} منبع: {source}",
}


def _clause_span(v: View, start: int, end: int) -> tuple[int, int]:
    s0, s1 = v.sentence(start)
    left = v.low[s0:start]
    cuts = [m.end() for m in _CLAUSE.finditer(left)]
    c0 = s0 + cuts[-1] if cuts else s0
    right = v.low[end:s1]
    m = _CLAUSE.search(right)
    c1 = end + m.start() if m else s1
    return c0, c1


def _assign(hits: list[KeyHit], groups: int) -> list[KeyHit] | None:
    """One hit per group with no two overlapping, or None (greedy, longest hits first)."""
    chosen: list[KeyHit] = []
    by_group: dict[int, list[KeyHit]] = defaultdict(list)
    for h in hits:
        by_group[h.group].append(h)
    for g in sorted(by_group, key=lambda g: len(by_group[g])):
        for h in sorted(by_group[g], key=lambda h: h.start - h.end):
            if all(h.end <= c.start or h.start >= c.end for c in chosen):
                chosen.append(h)
                break
    return chosen


def _corrected(
    v: View, lang: str, start: int, end: int, keys: list[KeyHit], strict: bool = False
) -> bool:
    """The clause negates the myth, the sentence debunks it, or the next one answers it.
    With ``strict`` (incoming messages) only a correction counts, not a warning: "beware,
    the jab makes you sterile" spreads the myth."""
    debunk = DEBUNK_STRICT if strict else DEBUNK
    c0, c1 = _clause_span(v, start, end)
    if lang == "fa" and any(
        k.start > 0 and v.low[k.start - 1] == "ن" and v.low.startswith("می", k.start) for k in keys
    ):
        return True  # a key verb with the negative prefix: «نمی‌کند», «نمی‌شود»
    chars = list(v.low[c0:c1])
    for k in keys:
        for i in range(max(k.start, c0), min(k.end, c1)):
            chars[i - c0] = " "
    if has(NEGATION, lang, "".join(chars)):
        return True
    s0, s1 = v.sentence(start)
    if has(debunk, lang, v.low[s0:s1]):
        return True
    following = v.low[s1 : s1 + 60]
    return bool(_ANSWER[lang].search(following)) or has(debunk, lang, following)


def _lead_in(v: View, s0: int, by_sentence: dict[int, list[KeyHit]]) -> list[KeyHit]:
    """Hits of a short lead-in just before the sentence ("Got a cold? Antibiotics ...")."""
    if s0 == 0:
        return []
    p0, p1 = v.sentence(s0 - 1)
    if p1 - p0 > 60 or v.low[p0:p1].rstrip()[-1:] not in ("?", ":"):
        return []
    return by_sentence.get(p0, [])


def _register_anchors() -> None:
    """A myth cannot match without its most specific key group; those words are the
    rule's triggers in the shared keyword pass."""
    words: dict[str, list[str]] = {}
    for lang in LANGS:
        words[lang] = [w for myth in myth_base(lang).anchor_terms for w in myth]
    add_triggers(CODE, words)


_register_anchors()


def find_myths(doc: Document, strict: bool = False) -> Iterator[tuple[Myth, int, int, int]]:
    """(myth, start, end, score) in normalised offsets for every uncorrected myth
    (``strict``: only corrections count as such, see :func:`_corrected`)."""
    if not triggered(doc, CODE):
        return
    lang = doc.language if doc.language in LANGS else "en"
    base = myth_base(lang)
    v = view(doc)
    hits = base.key_hits(doc)
    if not hits:
        return
    per_myth: dict[int, set[int]] = defaultdict(set)
    for h in hits:
        per_myth[h.myth].add(h.group)
    candidates = [
        m
        for m, groups in per_myth.items()
        if len(groups) >= base.myths[m].groups - (1 if base.myths[m].groups >= 3 else 0)
    ]
    if not candidates or debunking_post(v):
        return
    reported: set[tuple[int, int]] = set()
    for m in candidates:
        myth = base.myths[m]
        by_sentence: dict[int, list[KeyHit]] = defaultdict(list)
        for h in hits:
            if h.myth == m:
                by_sentence[v.sentence(h.start)[0]].append(h)
        for s0, own_hits in by_sentence.items():
            _, s1 = v.sentence(s0)
            sentence_hits = own_hits + _lead_in(v, s0, by_sentence)
            chosen = _assign(sentence_hits, myth.groups)
            if not chosen:
                continue
            score = 100
            if len(chosen) < myth.groups:
                # One group of three may be missing, never the first: it names what the
                # myth is about (coconut oil, fasting), the others what is claimed of it.
                # "Olive oil is good for your heart" claims the same, of something else.
                if len(chosen) < myth.groups - 1 or myth.groups < 3:
                    continue
                present = {h.group for h in chosen}
                if 0 not in present:
                    continue
                # A subject → relation → object myth may lose its relation word in a
                # paraphrase ("vaccines and infertility: wake up"), never its object:
                # "vaccines cause autism" is not the infertility myth.
                if myth.triple and myth.groups - 1 not in present:
                    continue
                score = int(
                    fuzz.token_set_ratio(" ".join(stems(v.low[s0:s1], lang)), base.stemmed[m])
                )
                if score < FUZZY_THRESHOLD:
                    continue
            start = min(h.start for h in chosen)
            end = max(h.end for h in chosen)
            if v.low[s0:s1].rstrip().endswith("?") and not _RHETORICAL[lang].search(v.low[s0:s1]):
                continue
            if _corrected(v, lang, max(start, s0), end, sentence_hits, strict):
                continue
            if (s0, m) in reported:
                continue
            reported.add((s0, m))
            yield myth, start, end, score


@rule(
    code=CODE,
    title="Health myth repeated without correction",
    severity=Severity.BLOCK,
    message={
        "en": "This repeats a common health myth without correcting it.",
        "ar": "يكرر هذا النص خرافة صحية شائعة دون تصحيحها.",
        "fa": "این متن یک باور غلط رایج سلامت را بدون اصلاح تکرار می‌کند.",
    },
    fix={
        "en": "Remove the claim, or turn the post into a correction: state the myth as a myth "
        '("Myth: ... Fact: ..."), give the fact and link the source.',
        "ar": "احذف الادعاء، أو اجعل المنشور تصحيحاً له: قدّم الخرافة على أنها خرافة "
        '("خرافة: ... الحقيقة: ...") واذكر الحقيقة ورابط المصدر.',
        "fa": "ادعا را حذف کنید یا پست را به اصلاح آن تبدیل کنید: باور غلط را با همین عنوان "
        "بیاورید («باور غلط: ... واقعیت: ...»)، واقعیت را بگویید و به منبع پیوند دهید.",
    },
    examples={
        "en": {
            "fire": [
                "Vaccines cause autism, so think twice before the MMR jab.",
                "Autism is caused by childhood vaccines.",
                "Got a cold? Antibiotics will help you get better faster.",
                "Pregnant? Remember you are eating for two now!",
            ],
            "pass": [
                "Myth: vaccines cause autism. Fact: studies of millions of children found no link.",
                "Vaccines do not cause autism.",
                "It is not true that antibiotics cure colds.",
                "Do vaccines cause autism? No. Here is what the evidence says.",
                "Our autism clinic and our vaccination clinic share a waiting room.",
                "Swap butter for olive oil: it is good for your heart.",
            ],
        },
        "ar": {
            "fire": [
                "اللقاحات تسبب التوحد عند الأطفال.",
                "المضاد الحيوي يعالج الزكام بسرعة.",
                "على الحامل أن تأكل عن شخصين.",
            ],
            "pass": [
                "خرافة: اللقاحات تسبب التوحد. الحقيقة: لا علاقة بينهما.",
                "اللقاحات لا تسبب التوحد.",
                "ليس صحيحاً أن المضاد الحيوي يعالج الزكام.",
                "هل تسبب اللقاحات التوحد؟ لا، والدراسات واضحة في ذلك.",
                "استبدل الزبدة بزيت الزيتون، فهو مفيد لقلبك.",
            ],
        },
        "fa": {
            "fire": [
                "واکسن باعث اوتیسم در کودکان می‌شود.",
                "آنتی‌بیوتیک سرماخوردگی را زودتر خوب می‌کند.",
                "زن باردار باید برای دو نفر غذا بخورد.",
            ],
            "pass": [
                "باور غلط: واکسن باعث اوتیسم می‌شود. واقعیت: هیچ ارتباطی پیدا نشده است.",
                "واکسن‌ها باعث اوتیسم نمی‌شوند.",
                "این شایعه که آنتی‌بیوتیک سرماخوردگی را درمان می‌کند درست نیست.",
                "آیا واکسن باعث اوتیسم می‌شود؟ خیر.",
                "به جای کره از روغن زیتون استفاده کنید؛ برای قلب مفید است.",
            ],
        },
    },
)
def health_myth(doc: Document) -> Iterator[Hit]:
    """What it does
    Compares each sentence with a curated, trilingual base of common health myths
    (vaccines, antibiotics, COVID-19, cancer, diabetes, heart, mental health, pregnancy,
    nutrition, fasting), each with the fact and an authoritative source. Matching uses
    key-phrase groups in any order, Arabic and Persian clitics and spelling variants, and
    fuzzy similarity of stemmed tokens, so paraphrases are caught. A post that debunks the
    myth ("Myth: ... Fact: ...", "it is not true that ...", "شایعه", "خرافة"), negates it,
    asks it as a question or reports it as hearsay does not fire. The finding carries the
    fact and the source.

    Why it matters
    A myth repeated by a hospital's own account gains the hospital's authority. Health
    misinformation leads people to refuse vaccines, misuse antibiotics and delay treatment.

    Example
    "Got a cold? Antibiotics will help you get better faster."

    Use instead
    "Myth: antibiotics cure colds. Fact: colds are caused by viruses, and antibiotics do not
    work on viruses. https://www.who.int/news-room/fact-sheets/detail/antibiotic-resistance"

    References
    - WHO, Infodemic management: https://www.who.int/health-topics/infodemic
    - NCI, Common Cancer Myths and Misconceptions: https://www.cancer.gov/about-cancer/causes-prevention/risk/myths
    """
    frame = _FRAME.get(doc.message_language, _FRAME["en"])
    # One finding per span: two myths matched by the same words are one problem; the
    # closest match (highest score, then the first in the base) is the one reported.
    best: dict[tuple[int, int], tuple[Myth, int, int, int]] = {}
    for found in find_myths(doc):
        key = (found[1], found[2])
        if key not in best or found[3] > best[key][3]:
            best[key] = found
    for myth, start, end, score in best.values():
        s, e = doc.span(start, end)
        yield Hit(
            s,
            e,
            message=frame.format(myth=myth.myth, fact=myth.fact, source=myth.source),
            data={
                "myth_id": myth.id,
                "topic": myth.topic,
                "myth": myth.myth,
                "fact": myth.fact,
                "source": myth.source,
                "score": score,
                "concept": myth.concept,
                "triple": list(myth.triple),
            },
        )
