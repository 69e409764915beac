"""Words for the consent messages and the helpers that build the rule examples."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from nabz.trust.document import Document
from nabz.trust.platforms import NETWORK_SPECS

# --- words for messages ----------------------------------------------------------------
# English names are the platform table's labels (one place for them); the table holds no
# Arabic or Persian labels, so those are kept here, checked against it by a test
# (tests/trust/test_consent.py). The sandbox reads better with its article in a sentence.
_IN_A_SENTENCE = {"sandbox": "the sandbox"}
_NETWORK_NAMES: dict[str, dict[str, str]] = {
    "en": {name: _IN_A_SENTENCE.get(name, spec.label) for name, spec in NETWORK_SPECS.items()},
    "ar": {
        "facebook": "فيسبوك",
        "instagram": "إنستغرام",
        "linkedin": "لينكدإن",
        "x": "إكس",
        "mastodon": "ماستودون",
        "bluesky": "بلوسكاي",
        "sandbox": "بيئة التجربة",
    },
    "fa": {
        "facebook": "فیسبوک",
        "instagram": "اینستاگرام",
        "linkedin": "لینکدین",
        "x": "ایکس",
        "mastodon": "ماستودون",
        "bluesky": "بلواسکای",
        "sandbox": "محیط آزمایشی",
    },
}
_KIND_NAMES = {
    "en": {"story": "patient story", "quote": "quote", "photo": "photo", "video": "video"},
    "ar": {"story": "قصة مريض", "quote": "اقتباس", "photo": "صورة", "video": "فيديو"},
    "fa": {"story": "داستان بیمار", "quote": "نقل‌قول", "photo": "عکس", "video": "ویدیو"},
}
_LIST_SEP = {"en": ", ", "ar": "، ", "fa": "، "}
_NONE = {"en": "none", "ar": "لا شيء", "fa": "هیچ"}


def _lang(doc: Document) -> str:
    lang = doc.message_language
    return lang if lang in _KIND_NAMES else "en"


def _names(doc: Document, values: frozenset[str], table: Mapping[str, Mapping[str, str]]) -> str:
    lang = _lang(doc)
    if not values:
        return _NONE[lang]
    return _LIST_SEP[lang].join(table[lang].get(v, v) for v in sorted(values))


def _say(doc: Document, templates: Mapping[str, str], **values: str) -> str:
    return templates[_lang(doc)].format(**values)


_STORY_EXAMPLE_EN = "Meet Sara, who beat breast cancer after eight months of treatment with us."
_STORY_EXAMPLE_AR = "تعرفوا على سلمى التي تغلبت على سرطان الثدي بعد ثمانية أشهر من العلاج معنا."
_STORY_EXAMPLE_FA = "با مریم آشنا شوید؛ او پس از هشت ماه درمان در بیمارستان ما سرطان را شکست داد."
_TODAY = "2025-06-01"
_PHOTO = {"id": "img-1", "kind": "image", "identifiable_person": True, "alt_text": "A woman"}
_VIDEO = {"id": "vid-1", "kind": "video", "identifiable_person": True}
_FULL = {
    "label": "Form 2025-014",
    "networks": ["instagram", "facebook"],
    "content_kinds": ["story", "quote", "photo", "video"],
    "expires": "2026-05-31",
}


def _ex(text: str, network: str | None = "instagram", **context: object) -> dict[str, object]:
    return {"text": text, "network": network, "context": {"today": _TODAY, **context}}


_LANGS = ("en", "ar", "fa")
_STORY_TEXT = {"en": _STORY_EXAMPLE_EN, "ar": _STORY_EXAMPLE_AR, "fa": _STORY_EXAMPLE_FA}
_QUOTED = {
    "en": _STORY_EXAMPLE_EN + ' "I never gave up, not for one day," she says.',
    "ar": _STORY_EXAMPLE_AR + " تقول: «لم أفقد الأمل يوماً واحداً».",
    "fa": _STORY_EXAMPLE_FA + " می‌گوید: «هرگز حتی یک روز ناامید نشدم».",
}
_PLAIN = {  # posts that tell no story
    "en": "Our new parking opens on Monday.",
    "ar": "يفتتح موقف السيارات الجديد يوم الاثنين.",
    "fa": "پارکینگ تازهٔ بیمارستان دوشنبه باز می‌شود.",
}
_WARD = {
    "en": "A big day on ward 7.",
    "ar": "يوم مميز في الجناح السابع.",
    "fa": "روزی ویژه در بخش هفت.",
}
_PHOTO_2 = {**_PHOTO, "id": "img-2"}
_NOBODY = {**_PHOTO, "identifiable_person": False}
_REVOKED = {**_FULL, "revoked": True}
ExampleTable = dict[str, list[dict[str, object]]]


def _per_language(build: Callable[[str], ExampleTable]) -> dict[str, ExampleTable]:
    """The same situations in each language (CON201 has its own, freer examples)."""
    return {lang: build(lang) for lang in _LANGS}


def _expired(date: str) -> dict[str, object]:
    return {**_FULL, "expires": date}
