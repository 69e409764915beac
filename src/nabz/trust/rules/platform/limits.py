"""PLT501 length in each network's unit and PLT502 hashtag and mention counts."""

from __future__ import annotations

from collections.abc import Iterator

from nabz.trust.document import Document
from nabz.trust.model import Severity
from nabz.trust.platforms import (
    NETWORK_SPECS,
    hashtags,
    measure,
    mentions,
    overflow_start,
)
from nabz.trust.registry import Hit, rule
from nabz.trust.rules.platform.common import ALL_NETWORKS, message_lang

_UNIT_NAMES = {
    "en": {"weighted characters": "weighted characters", "graphemes": "characters",
           "characters": "characters", "bytes": "bytes"},
    "ar": {"weighted characters": "حرفا موزونا", "graphemes": "حرفا", "characters": "حرفا",
           "bytes": "بايت"},
    "fa": {"weighted characters": "نویسه وزن‌دار", "graphemes": "نویسه", "characters": "نویسه",
           "bytes": "بایت"},
}  # fmt: skip
_LENGTH_MESSAGE = {
    "en": "Too long for {network}: {used:,} of {limit:,} {unit}. "
    "The highlighted part will not fit.",
    "ar": "النص أطول من المسموح على {network}: {used:,} من {limit:,} {unit}. الجزء المظلل لن يتسع.",
    "fa": "برای {network} بیش از حد بلند است: {used:,} از {limit:,} {unit}. بخش مشخص‌شده جا نمی‌شود.",
}


@rule(
    code="PLT501",
    title="Too long for the network",
    severity=Severity.BLOCK,
    networks=ALL_NETWORKS,
    message={
        "en": "The text is longer than this network allows; it cannot be published as it is.",
        "ar": "النص أطول مما تسمح به هذه الشبكة؛ لا يمكن نشره كما هو.",
        "fa": "متن از حد مجاز این شبکه بلندتر است و به همین شکل منتشر نمی‌شود.",
    },
    fix={
        "en": "Shorten the text, move details to a link, or split it into a thread.",
        "ar": "اختصر النص، أو انقل التفاصيل إلى رابط، أو قسمه إلى سلسلة منشورات.",
        "fa": "متن را کوتاه کنید، جزئیات را به یک پیوند ببرید یا آن را در چند پست پشت‌سرهم بنویسید.",
    },
    examples={
        "en": {
            "fire": [
                {"text": "Flu season is here. " * 15, "network": "x"},
                {"text": "Heart health starts with small steps. " * 9, "network": "bluesky"},
                {"text": "Our hospital news. " * 30, "network": "mastodon"},
            ],
            "pass": [
                {"text": "Flu season is here. Book your shot today.", "network": "x"},
                {"text": "Heart health starts with small steps. " * 7, "network": "bluesky"},
                {"text": "Our hospital news. " * 30, "network": "linkedin"},
            ],
        },
        "ar": {
            "fire": [
                {"text": "موسم الإنفلونزا بدأ، احجز لقاحك الآن. " * 9, "network": "x"},
                {"text": "صحة القلب تبدأ بخطوات صغيرة. " * 12, "network": "bluesky"},
                {"text": "أخبار المستشفى. " * 150, "network": "instagram"},
            ],
            "pass": [
                {"text": "موسم الإنفلونزا بدأ، احجز لقاحك الآن. " * 6, "network": "x"},
                {"text": "صحة القلب تبدأ بخطوات صغيرة. " * 9, "network": "bluesky"},
                {"text": "أخبار المستشفى. " * 150, "network": "facebook"},
            ],
        },
        "fa": {
            "fire": [
                {"text": "فصل آنفلوآنزا رسید، همین حالا واکسن بزنید. " * 8, "network": "x"},
                {"text": "سلامت قلب با قدم‌های کوچک شروع می‌شود. " * 9, "network": "bluesky"},
                {"text": "خبر بیمارستان. " * 40, "network": "mastodon"},
            ],
            "pass": [
                {"text": "فصل آنفلوآنزا رسید، همین حالا واکسن بزنید. " * 6, "network": "x"},
                {"text": "سلامت قلب با قدم‌های کوچک شروع می‌شود. " * 7, "network": "bluesky"},
                {"text": "خبر بیمارستان. " * 40, "network": "linkedin"},
            ],
        },
    },
)
def too_long(doc: Document) -> Iterator[Hit]:
    """What it does
    Measures the text in the network's own unit: X weighted characters (280; a
    link counts 23, emoji and CJK 2), Bluesky graphemes (300) and bytes (3,000),
    Mastodon characters (500 or the instance's ``mastodon_limit``; a link counts
    23), Instagram 2,200, LinkedIn 3,000, Facebook 63,206. Highlights what does
    not fit.

    Why it matters
    The network rejects an over-long post, or cuts it; a cut health message can
    lose the one sentence that made it safe (a dose, a caveat, a source).

    Example
    A 310-weighted-character post for X.

    Use instead
    A post of at most 280 weighted characters, with details behind a link.

    References
    - X counting characters (twitter-text): https://docs.x.com/resources/fundamentals/counting-characters
    - Bluesky post record limits: https://docs.bsky.app/docs/advanced-guides/post-richtext
    - Mastodon instance configuration: https://docs.joinmastodon.org/methods/instance/
    """
    network = doc.network or ""
    limit = doc.settings.mastodon_limit
    length = measure(doc.text, network, mastodon_limit=limit)
    if not length.over:
        return
    lang = message_lang(doc)
    units = _UNIT_NAMES[lang]
    used, cap, unit = length.used, length.limit, length.unit
    if length.bytes_used is not None and length.bytes_limit and length.used <= length.limit:
        used, cap, unit = length.bytes_used, length.bytes_limit, "bytes"
    start = overflow_start(doc.text, network, mastodon_limit=limit)
    label = NETWORK_SPECS[network].label
    yield Hit(
        start,
        len(doc.text),
        message=_LENGTH_MESSAGE[lang].format(network=label, used=used, limit=cap, unit=units[unit]),
        data={
            "used": length.used,
            "limit": length.limit,
            "unit": length.unit,
            "bytes_used": length.bytes_used,
            "bytes_limit": length.bytes_limit,
        },
    )


_TAG_MESSAGE = {
    "en": "{count} hashtags on {network}: {advice}",
    "ar": "{count} وسما على {network}: {advice}",
    "fa": "{count} هشتگ در {network}: {advice}",
}
_TAG_ADVICE = {
    "block": {
        "en": "Instagram rejects a post with more than {limit} hashtags.",
        "ar": "ترفض إنستغرام أي منشور فيه أكثر من {limit} وسما.",
        "fa": "اینستاگرام پستی با بیش از {limit} هشتگ را نمی‌پذیرد.",
    },
    "advice": {
        "en": "more than {limit} reads as spam here and buries the message.",
        "ar": "أكثر من {limit} يبدو هنا كرسائل مزعجة ويخفي الرسالة.",
        "fa": "بیش از {limit} هشتگ اینجا شبیه هرزنامه است و پیام را گم می‌کند.",
    },
    "mentions": {
        "en": "Instagram rejects a caption with more than {limit} mentions.",
        "ar": "ترفض إنستغرام أي تعليق فيه أكثر من {limit} إشارة.",
        "fa": "اینستاگرام متنی با بیش از {limit} منشن را نمی‌پذیرد.",
    },
}
_STRICT_TAG_NETWORKS = ("x", "linkedin", "bluesky")


@rule(
    code="PLT502",
    title="Too many hashtags or mentions",
    severity=Severity.WARN,
    networks=ALL_NETWORKS,
    message={
        "en": "Too many hashtags for this network.",
        "ar": "عدد الوسوم أكبر من المناسب لهذه الشبكة.",
        "fa": "تعداد هشتگ‌ها برای این شبکه زیاد است.",
    },
    fix={
        "en": "Keep two to five specific hashtags (the awareness day, your organisation's tag).",
        "ar": "احتفظ بوسمين إلى خمسة وسوم محددة (اليوم التوعوي، ووسم مؤسستك).",
        "fa": "دو تا پنج هشتگ مشخص نگه دارید (روز مناسبت سلامت و هشتگ سازمان خودتان).",
    },
    examples={
        "en": {
            "fire": [
                {
                    "text": "Get your flu shot #flu #health #vaccine #winter #wellness #hospital",
                    "network": "x",
                },
                {
                    "text": "Proud of our team " + " ".join(f"#tag{i}x" for i in range(31)),
                    "network": "instagram",
                },
                {
                    "text": "New research #cardiology #research #science #heart #medicine #health",
                    "network": "linkedin",
                },
            ],
            "pass": [
                {"text": "Get your flu shot today #WorldHealthDay #flu", "network": "x"},
                {
                    "text": "Proud of our team " + " ".join(f"#tag{i}x" for i in range(8)),
                    "network": "instagram",
                },
                {"text": "Call us on #1 for appointments, room #12.", "network": "linkedin"},
            ],
        },
        "ar": {
            "fire": [
                {
                    "text": "احصل على لقاحك #الإنفلونزا #صحة #لقاح #الشتاء #عافية #مستشفى",
                    "network": "x",
                },
                {
                    "text": "فخورون بفريقنا " + " ".join(f"#وسم{i}ا" for i in range(31)),
                    "network": "instagram",
                },
                {"text": "بحث جديد #القلب #بحث #علوم #طب #صحة #أبحاث", "network": "linkedin"},
            ],
            "pass": [
                {"text": "احصل على لقاحك اليوم #يوم_الصحة_العالمي", "network": "x"},
                {"text": "فخورون بفريقنا #تمريض #شكرا", "network": "instagram"},
                {"text": "بحث جديد من فريق القلب #أبحاث_القلب", "network": "linkedin"},
            ],
        },
        "fa": {
            "fire": [
                {
                    "text": "واکسن بزنید #آنفلوآنزا #سلامت #واکسن #زمستان #تندرستی #بیمارستان",
                    "network": "x",
                },
                {
                    "text": "به تیم‌مان افتخار می‌کنیم " + " ".join(f"#برچسب{i}ا" for i in range(31)),
                    "network": "instagram",
                },
                {
                    "text": "پژوهش تازه #قلب #پژوهش #علم #پزشکی #سلامت #تحقیقات",
                    "network": "linkedin",
                },
            ],
            "pass": [
                {"text": "امروز واکسن بزنید #روز_جهانی_سلامت", "network": "x"},
                {"text": "به تیم‌مان افتخار می‌کنیم #پرستاری #سپاس", "network": "instagram"},
                {"text": "پژوهش تازه گروه قلب ما #پژوهش_قلب", "network": "linkedin"},
            ],
        },
    },
)
def too_many_hashtags(doc: Document) -> Iterator[Hit]:
    """What it does
    Counts hashtags (a tag needs a letter: "#1" is not one). Blocks an Instagram
    post over the hard limit of 30 hashtags or 20 mentions; warns on X, LinkedIn
    and Bluesky from six hashtags, and notes more than ten anywhere else.

    Why it matters
    Instagram refuses a post over its limits. Elsewhere a wall of hashtags looks
    like spam, is read out tag by tag by screen readers, and hides the message.

    Example
    "Get your flu shot #flu #health #vaccine #winter #wellness #hospital" on X.

    Use instead
    "Get your flu shot today #WorldHealthDay #flu"

    References
    - Instagram hashtags (Help Center): https://help.instagram.com/351460621611097
    - Instagram Graph API content publishing limits: https://developers.facebook.com/docs/instagram-platform/content-publishing/
    """
    network = doc.network or ""
    spec = NETWORK_SPECS[network]
    tags = hashtags(doc.text)
    lang = message_lang(doc)
    if spec.hashtag_limit is not None and len(tags) > spec.hashtag_limit:
        advice = _TAG_ADVICE["block"][lang].format(limit=spec.hashtag_limit)
        yield Hit(
            tags[spec.hashtag_limit][0],
            tags[-1][1],
            message=_TAG_MESSAGE[lang].format(count=len(tags), network=spec.label, advice=advice),
            severity=Severity.BLOCK,
            data={"hashtags": len(tags), "limit": spec.hashtag_limit},
        )
    elif len(tags) > spec.hashtag_advice:
        advice = _TAG_ADVICE["advice"][lang].format(limit=spec.hashtag_advice)
        yield Hit(
            tags[spec.hashtag_advice][0],
            tags[-1][1],
            message=_TAG_MESSAGE[lang].format(count=len(tags), network=spec.label, advice=advice),
            severity=None if network in _STRICT_TAG_NETWORKS else Severity.INFO,
            data={"hashtags": len(tags), "advice": spec.hashtag_advice},
        )
    if spec.mention_limit is not None:
        found = mentions(doc.text)
        if len(found) > spec.mention_limit:
            yield Hit(
                found[spec.mention_limit][0],
                found[-1][1],
                message=_TAG_ADVICE["mentions"][lang].format(limit=spec.mention_limit),
                severity=Severity.BLOCK,
                data={"mentions": len(found), "limit": spec.mention_limit},
            )
