"""CLM307: health misinformation in an incoming message or a listening result.

Two sources, either enough:

- the myth base (the same matcher as CLM304, subject → relation → object, paraphrases,
  corrections excluded): the finding carries the myth's fact and source;
- the shape of a false health claim that no list holds yet (data/claims/misinfo.yaml):
  signals such as a cure claim about a disease, a miracle or home-remedy ingredient,
  "they don't want you to know", conspiracy framing, an authority said to have
  "announced" or "admitted" something with no link, a number about deaths or cures with no
  source, "share before they delete it", "stop your insulin". Signals weigh in; a sentence
  that corrects a claim ("myth", "no evidence", "not true") weighs nothing, and a message
  that links an authoritative source loses the "no source" signals.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from nabz.trust.document import Document
from nabz.trust.keys import KeyTable
from nabz.trust.model import Severity
from nabz.trust.registry import Hit, rule
from nabz.trust.rules.claims._shared import (
    LANGS,
    debunking_post,
    load_yaml,
    spelling_variants,
    view,
)
from nabz.trust.rules.claims.myths import find_myths
from nabz.trust.rules.claims.sources import domain_matches, links, source_data

CODE = "CLM307"
INCOMING = ("incoming",)
# Signals that count once for the whole message, wherever they are.
MESSAGE_WIDE = ("suppression", "conspiracy", "viral")
# What makes a message about health at all (a shape alone is not enough).
HEALTH = ("disease", "remedy", "intervention", "grave_outcome", "cure_verb", "prevent_verb")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?\s*(?:%|٪|percent|per cent|درصد|بالمئه|فی المئه|في المئه)")
_WHO = re.compile(r"(?<![A-Za-z])WHO(?![A-Za-z])")
_SUFFIX_MAX = {"en": 0, "ar": 3, "fa": 3}

_REASONS = {
    "en": {
        "myth": "repeats a known health myth",
        "cure_claim": "claims a cure for a disease",
        "prevent_claim": "claims protection against a disease",
        "remedy": "credits a home or herbal remedy",
        "miracle": "calls it a miracle or a secret",
        "suppression": "says the truth is being hidden",
        "conspiracy": "uses conspiracy framing",
        "authority_claim": "attributes it to an authority with no link",
        "number": "gives numbers with no source",
        "viral": "pushes people to forward it",
        "absolute": "promises total or instant results",
        "stop_treatment": "tells people to stop or refuse treatment",
        "harm_claim": "claims a vaccine, treatment or technology causes grave harm",
    },
    "ar": {
        "myth": "يكرر خرافة صحية معروفة",
        "cure_claim": "يدعي علاجا لمرض",
        "prevent_claim": "يدعي وقاية من مرض",
        "remedy": "ينسب الفائدة إلى وصفة منزلية أو عشبية",
        "miracle": "يصفه بالمعجزة أو السر",
        "suppression": "يزعم أن الحقيقة مخفية",
        "conspiracy": "يستخدم لغة المؤامرة",
        "authority_claim": "ينسبه إلى جهة رسمية دون رابط",
        "number": "يذكر أرقاما بلا مصدر",
        "viral": "يحث على إعادة النشر",
        "absolute": "يعد بنتائج كاملة أو فورية",
        "stop_treatment": "يدعو إلى ترك العلاج أو رفضه",
        "harm_claim": "يدعي أن لقاحا أو علاجا أو تقنية تسبب ضررا بالغا",
    },
    "fa": {
        "myth": "یک باور غلط شناخته‌شده سلامت را تکرار می‌کند",
        "cure_claim": "ادعای درمان یک بیماری را دارد",
        "prevent_claim": "ادعای پیشگیری از یک بیماری را دارد",
        "remedy": "فایده را به یک نسخه خانگی یا گیاهی نسبت می‌دهد",
        "miracle": "آن را معجزه یا راز می‌نامد",
        "suppression": "می‌گوید حقیقت پنهان می‌شود",
        "conspiracy": "زبان توطئه دارد",
        "authority_claim": "آن را بی‌پیوند به یک مرجع رسمی نسبت می‌دهد",
        "number": "عدد بی‌منبع می‌آورد",
        "viral": "به بازنشر تشویق می‌کند",
        "absolute": "نتیجه کامل یا فوری وعده می‌دهد",
        "stop_treatment": "به قطع یا رد درمان دعوت می‌کند",
        "harm_claim": "ادعا می‌کند واکسن، درمان یا فناوری آسیب جدی می‌زند",
    },
}
_FRAME = {
    "en": "This looks like health misinformation: {reasons}.",
    "ar": "يبدو هذا معلومة صحية مضللة: {reasons}.",
    "fa": "این به نظر اطلاعات نادرست سلامت است: {reasons}.",
}
_MYTH_FRAME = {
    "en": " Fact: {fact} Source: {source}",
    "ar": " الحقيقة: {fact} المصدر: {source}",
    "fa": " واقعیت: {fact} منبع: {source}",
}
_JOIN = {"en": "; ", "ar": "؛ ", "fa": "؛ "}


@dataclass(frozen=True, slots=True)
class Shape:
    """The signal lexicon of one language: one automaton; a key may serve several signals
    (its payload lists each signal with whether the key is a prefix)."""

    language: str
    table: KeyTable[tuple[tuple[str, bool], ...]]
    weights: dict[str, int]
    threshold: int


@lru_cache(maxsize=3)
def shape(language: str) -> Shape:
    raw: dict[str, Any] = load_yaml("claims/misinfo.yaml")
    keys: dict[str, list[tuple[str, bool]]] = {}
    for signal, by_language in raw["signals"].items():
        for item in by_language.get(language, []):
            text = str(item)
            prefix = text.endswith("*")
            for variant in spelling_variants(text.rstrip("*"), language):
                if variant and (signal, prefix) not in keys.get(variant, []):
                    keys.setdefault(variant, []).append((str(signal), prefix))
    table = KeyTable({key: tuple(payload) for key, payload in keys.items()})
    weights = {str(k): int(v) for k, v in raw["weights"].items()}
    return Shape(language, table, weights, int(raw["threshold"]))


@dataclass(slots=True)
class Signal:
    name: str
    start: int
    end: int


def _signals(low: str, lang: str) -> list[Signal]:
    """Every whole-word cue in the lower-cased normalised text, with Arabic and Persian
    one-letter clitics in front and short endings behind."""
    data = shape(lang)
    size = len(low)
    suffix_max = _SUFFIX_MAX.get(lang, 0)
    out: list[Signal] = []
    for index, start, end in data.table.matches(low):
        if start > 0 and low[start - 1].isalnum():
            clitic = (
                lang != "en"
                and low[start - 1] in "وفبل"
                and (start == 1 or not low[start - 2].isalnum())
            )
            if not clitic:
                continue
        key = data.table.keys[index]
        for name, prefix in data.table.payloads[index]:
            if not prefix and end < size and low[end].isalnum():
                stop = end
                while stop < size and low[stop].isalnum() and stop - end <= suffix_max:
                    stop += 1
                if stop - end > suffix_max or (stop < size and low[stop].isalnum()):
                    continue
                if len(key) < 4:
                    continue
            out.append(Signal(name, start, end))
    return out


@dataclass(slots=True)
class Assessment:
    score: int
    reasons: list[str]
    start: int  # normalised offsets of the sentence that weighs most
    end: int


def assess(doc: Document) -> Assessment | None:
    """The weighed shape signals of a message, or None when it is not about health or
    corrects a claim as a whole."""
    lang = doc.language if doc.language in LANGS else "en"
    v = view(doc)
    if not v.low.strip() or debunking_post(v):
        return None
    data = shape(lang)
    w = data.weights
    found = _signals(v.low, lang)
    if lang == "en":
        found += [Signal("authority", m.start(), m.end()) for m in _WHO.finditer(doc.norm.text)]
    if not any(s.name in HEALTH for s in found):
        return None
    cited = any(domain_matches(link.host, source_data().authoritative) for link in links(doc))
    linked = bool(links(doc))
    # A correction cue inside another cue ("doesn't want you to know") is part of it.
    spans = [(s.start, s.end) for s in found if s.name != "debunk"]
    found = [
        s
        for s in found
        if s.name != "debunk" or not any(a <= s.start and s.end <= b for a, b in spans)
    ]
    total = 0
    reasons: list[str] = []
    best = (0, 0, len(v.low))
    wide: set[str] = set()
    for s0, s1 in v.sentences():
        here = {s.name for s in found if s0 <= s.start < s1}
        if "debunk" in here:
            continue
        got: list[str] = []
        if "cure_verb" in here and "disease" in here:
            got.append("cure_claim")
        if "prevent_verb" in here and "disease" in here:
            got.append("prevent_claim")
        for name in ("remedy", "miracle", "stop_treatment", "absolute"):
            if name in here:
                got.append(name)
        if {"intervention", "grave_outcome", "harm_link"} <= here:
            got.append("harm_claim")
        if not linked and "authority" in here and "authority_verb" in here:
            got.append("authority_claim")
        if not cited and "outcome" in here and _NUMBER.search(v.low, s0, s1):
            got.append("number")
        wide |= here & set(MESSAGE_WIDE)
        score = sum(w.get(name, 0) for name in got)
        if "hedge" in here and score:
            score += w.get("hedge", 0)
        if score > best[0]:
            best = (score, s0, s1)
        total += max(score, 0)
        reasons += [r for r in got if r not in reasons]
    for name in MESSAGE_WIDE:
        if name in wide:
            total += w.get(name, 0)
            reasons.append(name)
    if cited:
        total -= 2
    if total < data.threshold:
        return None
    return Assessment(total, reasons, best[1], best[2])


@rule(
    code=CODE,
    title="Health misinformation in a message or listening result",
    severity=Severity.WARN,
    kinds=INCOMING,
    message={
        "en": "This message looks like health misinformation.",
        "ar": "تبدو هذه الرسالة معلومة صحية مضللة.",
        "fa": "این پیام به نظر اطلاعات نادرست سلامت است.",
    },
    fix={
        "en": "Do not repeat it. Answer with the fact and a source, or report the post; "
        "watch whether it spreads.",
        "ar": "لا تكرره. أجب بالحقيقة ومصدرها أو أبلغ عن المنشور، وراقب انتشاره.",
        "fa": "تکرارش نکنید. با واقعیت و منبع پاسخ دهید یا پست را گزارش کنید "
        "و انتشارش را زیر نظر بگیرید.",
    },
    examples={
        "en": {
            "fire": [
                {"text": "The jabs are making young women sterile. Wake up!", "kind": "incoming"},
                {
                    "text": "Doctors don't want you to know that lemon and soda cure cancer.",
                    "kind": "incoming",
                },
                {
                    "text": "WHO just announced that onions protect you from the new variant.",
                    "kind": "incoming",
                },
            ],
            "pass": [
                {"text": "No, vaccines do not cause infertility.", "kind": "incoming"},
                {
                    "text": "Hepatitis C can be cured with antiviral tablets. Ask for a test.",
                    "kind": "incoming",
                },
                {"text": "What time does the vaccine clinic open?", "kind": "incoming"},
            ],
        },
        "ar": {
            "fire": [
                {"text": "اللقاحات تسبب العقم للشباب، انشرها قبل أن يحذفوها", "kind": "incoming"},
                {
                    "text": "سر لا يريدون أن تعرفه: الثوم والعسل يشفيان السكري نهائيا",
                    "kind": "incoming",
                },
            ],
            "pass": [
                {"text": "لا، اللقاحات لا تسبب العقم.", "kind": "incoming"},
                {"text": "متى تفتح عيادة التطعيم؟", "kind": "incoming"},
                {"text": "السل مرض يمكن علاجه بالالتزام بالدواء ستة أشهر.", "kind": "incoming"},
            ],
        },
        "fa": {
            "fire": [
                {"text": "واکسن باعث نازایی جوان‌ها می‌شود، برای همه بفرستید", "kind": "incoming"},
                {
                    "text": "پزشکان نمی‌خواهند بدانید که جوشانده سیر سرطان را درمان می‌کند",
                    "kind": "incoming",
                },
            ],
            "pass": [
                {"text": "نه، واکسن باعث ناباروری نمی‌شود.", "kind": "incoming"},
                {"text": "ساعت کار واحد واکسیناسیون چیست؟", "kind": "incoming"},
                {"text": "سل قابل درمان است و مصرف کامل دارو کلید بهبودی است.", "kind": "incoming"},
            ],
        },
    },
)
def incoming_misinformation(doc: Document) -> Iterator[Hit]:
    """What it does
    Marks health misinformation in an incoming comment, message or listening result: a
    myth of the myth base (matched as subject → relation → object, with the myth's fact
    and source), or the shape of a false health claim no list holds yet — a cure claim
    about a disease, a miracle or home-remedy ingredient, "they don't want you to know",
    conspiracy framing, an authority said to have announced something with no link,
    numbers with no source, calls to forward it, calls to stop treatment. A message that
    corrects a myth ("No, vaccines do not cause infertility", "Myth: ...") is not marked.

    Why it matters
    A health account is the public's navigator in a crisis: it must notice a myth in its
    comments and in what people say about its topics before it spreads, and answer it
    with the fact and the source.

    Example
    "Doctors don't want you to know that lemon and baking soda cure cancer."

    Use instead
    Answer it: "There is no evidence that lemon or baking soda treat cancer; please talk
    to your care team. https://www.cancer.gov/about-cancer/treatment/cam"

    References
    - WHO, Infodemic management: https://www.who.int/health-topics/infodemic
    - WHO, Let's flatten the infodemic curve: https://www.who.int/news-room/spotlight/let-s-flatten-the-infodemic-curve
    """
    lang = doc.message_language if doc.message_language in _FRAME else "en"
    reasons_text = _REASONS[lang]
    best: dict[tuple[int, int], tuple[Any, int]] = {}
    for myth, start, end, score in find_myths(doc, strict=True):
        key = (start, end)
        if key not in best or score > best[key][1]:
            best[key] = (myth, score)
    for (start, end), (myth, _score) in best.items():
        s, e = doc.span(start, end)
        message = _FRAME[lang].format(reasons=reasons_text["myth"]) + _MYTH_FRAME[lang].format(
            fact=myth.fact, source=myth.source
        )
        yield Hit(
            s,
            e,
            message=message,
            data={
                "reason": "myth",
                "reasons": ["myth"],
                "myth_id": myth.id,
                "concept": myth.concept,
                "triple": list(myth.triple),
                "myth": myth.myth,
                "fact": myth.fact,
                "source": myth.source,
            },
        )
    if best:
        return
    found = assess(doc)
    if found is None:
        return
    s, e = doc.span(found.start, found.end)
    text = _JOIN[lang].join(reasons_text[r] for r in found.reasons)
    yield Hit(
        s,
        e,
        message=_FRAME[lang].format(reasons=text),
        data={"reason": "shape", "reasons": list(found.reasons), "score": found.score},
    )
