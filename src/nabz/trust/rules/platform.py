"""Platform fit (PLT5xx): length, hashtags, alt text, Instagram links, each network's purpose.

These rules only run when a network is chosen; limits come from ``nabz.trust.platforms``.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from nabz.trust.document import Document
from nabz.trust.model import MediaItem, Severity
from nabz.trust.platforms import (
    NETWORK_SPECS,
    hashtags,
    links,
    measure,
    mentions,
    overflow_start,
)
from nabz.trust.registry import Hit, rule
from nabz.trust.text import normalize_term

ALL_NETWORKS = tuple(NETWORK_SPECS)

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


def _lang(doc: Document) -> str:
    lang = doc.message_language
    return lang if lang in _LENGTH_MESSAGE else "en"


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
    lang = _lang(doc)
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
    lang = _lang(doc)
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


_PLACEHOLDER_ALT = regex.compile(
    r"^\s*(?:image|img|photo|picture|pic|screenshot|graphic|untitled|alt|alt text|صورة|صوره|"
    r"عکس|تصویر|image\s*\d+|photo\s*\d+|[\w-]+\.(?:jpe?g|png|gif|webp|heic))\s*$",
    regex.IGNORECASE,
)
_ALT_MESSAGE = {
    "en": "Image “{media}” has no useful alt text{why}.",
    "ar": "الصورة «{media}» بلا نص بديل مفيد{why}.",
    "fa": "تصویر «{media}» متن جایگزین مفیدی ندارد{why}.",
}
_ALT_PLACEHOLDER = {
    "en": " (only a placeholder: “{alt}”)",
    "ar": " (مجرد عنصر نائب: «{alt}»)",
    "fa": " (فقط یک متن پیش‌فرض: «{alt}»)",
}


def _alt_problem(item: MediaItem) -> str | None:
    alt = item.alt_text.strip()
    if not alt:
        return ""
    if _PLACEHOLDER_ALT.match(alt):
        return alt
    return None


@rule(
    code="PLT503",
    title="Image without alt text",
    severity=Severity.WARN,
    networks=ALL_NETWORKS,
    message={
        "en": "An attached image has no alt text, so people using screen readers miss it.",
        "ar": "إحدى الصور المرفقة بلا نص بديل، فلا يصل محتواها إلى مستخدمي قارئات الشاشة.",
        "fa": "یکی از تصویرهای پیوست متن جایگزین ندارد و کاربران صفحه‌خوان محتوای آن را از دست "
        "می‌دهند.",
    },
    fix={
        "en": "Describe what the image shows and why it is there, in one or two sentences "
        "(for an infographic, include its key facts).",
        "ar": "صف ما تُظهره الصورة وسبب وجودها في جملة أو جملتين (وللإنفوغرافيك اذكر أهم معلوماته).",
        "fa": "در یک یا دو جمله بنویسید تصویر چه نشان می‌دهد و چرا آمده است (برای اینفوگرافیک، "
        "نکته‌های اصلی آن را بنویسید).",
    },
    examples={
        "en": {
            "fire": [
                {
                    "text": "Meet our new NICU team.",
                    "network": "instagram",
                    "context": {"media": [{"id": "team.jpg", "alt_text": ""}]},
                },
                {
                    "text": "Five signs of stroke.",
                    "network": "facebook",
                    "context": {
                        "media": [
                            {"id": "m1", "alt_text": "Stroke signs: face, arms, speech, time."},
                            {"id": "m2"},
                        ]
                    },
                },
                {
                    "text": "Our new wing.",
                    "network": "x",
                    "context": {"media": [{"id": "m1", "alt_text": "IMG_2041.jpg"}]},
                },
            ],
            "pass": [
                {
                    "text": "Meet our new NICU team.",
                    "network": "instagram",
                    "context": {
                        "media": [
                            {
                                "id": "team.jpg",
                                "alt_text": "Six nurses in blue "
                                "scrubs smiling in the neonatal unit.",
                            }
                        ]
                    },
                },
                {"text": "Five signs of stroke.", "network": "facebook"},
                {
                    "text": "Tour our new wing.",
                    "network": "x",
                    "context": {"media": [{"id": "v1", "kind": "video", "alt_text": ""}]},
                },
            ],
        },
        "ar": {
            "fire": [
                {
                    "text": "تعرفوا على فريق العناية المركزة لحديثي الولادة.",
                    "network": "instagram",
                    "context": {"media": [{"id": "team.jpg", "alt_text": ""}]},
                },
                {
                    "text": "علامات السكتة الدماغية.",
                    "network": "facebook",
                    "context": {"media": [{"id": "m1", "alt_text": "صورة"}]},
                },
                {"text": "جناحنا الجديد.", "network": "x", "context": {"media": [{"id": "m1"}]}},
            ],
            "pass": [
                {
                    "text": "تعرفوا على فريق العناية المركزة لحديثي الولادة.",
                    "network": "instagram",
                    "context": {
                        "media": [
                            {
                                "id": "team.jpg",
                                "alt_text": "ست ممرضات يبتسمن في وحدة حديثي الولادة.",
                            }
                        ]
                    },
                },
                {"text": "علامات السكتة الدماغية.", "network": "facebook"},
                {
                    "text": "جولة في جناحنا الجديد.",
                    "network": "x",
                    "context": {"media": [{"id": "v1", "kind": "video"}]},
                },
            ],
        },
        "fa": {
            "fire": [
                {
                    "text": "با تیم مراقبت ویژه نوزادان آشنا شوید.",
                    "network": "instagram",
                    "context": {"media": [{"id": "team.jpg", "alt_text": ""}]},
                },
                {
                    "text": "نشانه‌های سکته مغزی.",
                    "network": "facebook",
                    "context": {"media": [{"id": "m1", "alt_text": "عکس"}]},
                },
                {"text": "بخش تازه ما.", "network": "x", "context": {"media": [{"id": "m1"}]}},
            ],
            "pass": [
                {
                    "text": "با تیم مراقبت ویژه نوزادان آشنا شوید.",
                    "network": "instagram",
                    "context": {
                        "media": [{"id": "team.jpg", "alt_text": "شش پرستار خندان در بخش نوزادان."}]
                    },
                },
                {"text": "نشانه‌های سکته مغزی.", "network": "facebook"},
                {
                    "text": "گشتی در بخش تازه ما.",
                    "network": "x",
                    "context": {"media": [{"id": "v1", "kind": "video"}]},
                },
            ],
        },
    },
)
def missing_alt_text(doc: Document) -> Iterator[Hit]:
    """What it does
    Checks every attached image for alt text, and treats placeholders ("image",
    "photo", "صورة", "عکس", a file name) as missing. Each network that supports
    alt text gets it from the media item's ``alt_text``.

    Why it matters
    Patients with visual impairments rely on screen readers. An infographic
    without alt text hides exactly the health facts it was made to share, and
    accessibility is a legal duty for many health providers.

    Example
    An infographic on stroke signs posted with an empty alt text.

    Use instead
    Alt text: "Stroke signs: face drooping, arm weakness, speech difficulty; time
    to call the emergency number."

    References
    - W3C WAI images tutorial: https://www.w3.org/WAI/tutorials/images/
    - WCAG 2.2, success criterion 1.1.1 Non-text content: https://www.w3.org/TR/WCAG22/#non-text-content
    """
    lang = _lang(doc)
    for item in doc.context.media:
        if item.kind != "image":
            continue
        problem = _alt_problem(item)
        if problem is None:
            continue
        why = _ALT_PLACEHOLDER[lang].format(alt=problem) if problem else ""
        yield Hit(
            0,
            0,
            message=_ALT_MESSAGE[lang].format(media=item.id or "?", why=why),
            data={"media_id": item.id},
        )


@rule(
    code="PLT504",
    title="Link in an Instagram caption",
    severity=Severity.WARN,
    networks=("instagram",),
    message={
        "en": "Links in Instagram captions are not clickable; readers cannot follow this one.",
        "ar": "الروابط في تعليقات إنستغرام غير قابلة للنقر؛ لن يتمكن القراء من فتح هذا الرابط.",
        "fa": "پیوندهای متن پست اینستاگرام قابل کلیک نیستند؛ خوانندگان نمی‌توانند این پیوند را "
        "باز کنند.",
    },
    fix={
        "en": "Put the link in your bio or a story link sticker and write “link in bio”.",
        "ar": "ضع الرابط في النبذة التعريفية أو في ملصق رابط في القصة واكتب «الرابط في النبذة».",
        "fa": "پیوند را در بیو یا استیکر لینک استوری بگذارید و بنویسید «لینک در بیو».",
    },
    examples={
        "en": {
            "fire": [
                {"text": "Read more at https://www.cdc.gov/flu/", "network": "instagram"},
                {"text": "Book online: www.example-hospital.org/book", "network": "instagram"},
                {"text": "All facts on who.int today.", "network": "instagram"},
            ],
            "pass": [
                {"text": "Read more: link in bio.", "network": "instagram"},
                {"text": "Read more at https://www.cdc.gov/flu/", "network": "facebook"},
                {"text": "Version 2.0 of our app is out.", "network": "instagram"},
            ],
        },
        "ar": {
            "fire": [
                {"text": "اقرأ المزيد على https://www.who.int/ar", "network": "instagram"},
                {"text": "احجز موعدك عبر www.example-hospital.sa", "network": "instagram"},
                {"text": "التفاصيل على moh.gov.sa الآن", "network": "instagram"},
            ],
            "pass": [
                {"text": "التفاصيل: الرابط في النبذة التعريفية.", "network": "instagram"},
                {"text": "اقرأ المزيد على https://www.who.int/ar", "network": "facebook"},
                {"text": "احجز موعدك من التطبيق.", "network": "instagram"},
            ],
        },
        "fa": {
            "fire": [
                {"text": "بیشتر بخوانید: https://www.who.int/fa", "network": "instagram"},
                {"text": "نوبت آنلاین: www.example-hospital.ir", "network": "instagram"},
                {"text": "جزئیات در behdasht.gov.ir", "network": "instagram"},
            ],
            "pass": [
                {"text": "جزئیات: لینک در بیو.", "network": "instagram"},
                {"text": "بیشتر بخوانید: https://www.who.int/fa", "network": "facebook"},
                {"text": "نوبت خود را از اپلیکیشن بگیرید.", "network": "instagram"},
            ],
        },
    },
)
def instagram_link(doc: Document) -> Iterator[Hit]:
    """What it does
    Finds links (with or without https://, "www." or a bare domain) in a caption
    for Instagram, where they are shown as plain text and cannot be tapped.

    Why it matters
    A post that says "read more at ..." sends people nowhere: the source behind a
    health claim becomes unreachable, and readers copy-pasting URLs by hand is a
    phishing risk.

    Example
    "Read more at https://www.cdc.gov/flu/" on Instagram.

    Use instead
    "Read more: link in bio." with the link in the profile or a story sticker.

    References
    - Instagram Help Center, adding links: https://help.instagram.com/
    - Instagram Graph API, caption field: https://developers.facebook.com/docs/instagram-platform/content-publishing/
    """
    for start, end in links(doc.text):
        yield Hit(start, end, data={"link": doc.text[start:end]})


_PROMO = {
    "en": r"\b(?:giveaway|give away|contest|competition|tag a friend|tag your friends|"
    r"like and share|"
    r"share to win|win an?|sweepstakes?|raffle|discount|% off|promo code)\b",
    "ar": r"(?:مسابقه|سحب علی|شارک واربح|اربح|خصم|منشن لصدیق|اعمل منشن|عرض خاص|کوبون)",
    "fa": r"(?:قرعه ?کشی|مسابقه|جایزه|دوستانتان را تگ کنید|تگ کنید|تخفیف|کد تخفیف|برنده)",
}
_PROMO_RE = {lang: regex.compile(normalize_term(p), regex.IGNORECASE) for lang, p in _PROMO.items()}

_PURPOSE = {
    "instagram_media": {
        "en": "Instagram is visual: a post needs an image, a carousel or a reel (staff, tours, "
        "infographics); text alone cannot be published there.",
        "ar": "إنستغرام منصة بصرية: يحتاج المنشور إلى صورة أو ألبوم أو مقطع (الفريق، الجولات، "
        "الإنفوغرافيك)؛ النص وحده لا يُنشر هناك.",
        "fa": "اینستاگرام بصری است: پست به تصویر، آلبوم یا ریلز نیاز دارد (کارکنان، گشت در "
        "بیمارستان، اینفوگرافیک)؛ متن تنها آنجا منتشر نمی‌شود.",
    },
    "linkedin_promo": {
        "en": "LinkedIn's audience is professional (research, achievements, recruiting); "
        "giveaways and promotions fit Facebook or Instagram better.",
        "ar": "جمهور لينكدإن مهني (الأبحاث، الإنجازات، التوظيف)؛ المسابقات والعروض أنسب "
        "لفيسبوك أو إنستغرام.",
        "fa": "مخاطبان لینکدین حرفه‌ای‌اند (پژوهش، دستاوردها، استخدام)؛ مسابقه و تبلیغ در "
        "فیسبوک یا اینستاگرام بهتر جا می‌افتد.",
    },
    "pillar_linkedin": {
        "en": "Research and recruiting posts reach their audience best on LinkedIn; on this "
        "network lead with what it means for the community.",
        "ar": "منشورات الأبحاث والتوظيف تصل إلى جمهورها على لينكدإن أفضل؛ هنا ابدأ بما تعنيه "
        "للمجتمع.",
        "fa": "پست‌های پژوهش و استخدام در لینکدین بهتر به مخاطب می‌رسند؛ اینجا با اهمیت آن "
        "برای مردم شروع کنید.",
    },
    "pillar_community": {
        "en": "Patient stories and community shout-outs fit Facebook and Instagram; on "
        "LinkedIn frame them as a professional achievement or lesson.",
        "ar": "قصص المرضى والإشادة بالمجتمع أنسب لفيسبوك وإنستغرام؛ على لينكدإن قدّمها "
        "كإنجاز مهني أو درس مستفاد.",
        "fa": "داستان بیماران و قدردانی از مردم در فیسبوک و اینستاگرام جا می‌افتد؛ در لینکدین "
        "آن را به شکل یک دستاورد یا درس حرفه‌ای بنویسید.",
    },
}
_RESEARCH_PILLARS = frozenset(
    {"research", "recruiting", "research_recruiting", "research/recruiting"}
)
_COMMUNITY_PILLARS = frozenset(
    {"patient_story", "community", "ugc", "shout_out", "shoutout", "community_ugc", "community/ugc"}
)


@rule(
    code="PLT505",
    title="Does not fit the network's purpose",
    severity=Severity.INFO,
    networks=ALL_NETWORKS,
    message={
        "en": "This content does not match what people come to this network for.",
        "ar": "هذا المحتوى لا يوافق ما يبحث عنه الناس على هذه الشبكة.",
        "fa": "این محتوا با آنچه مردم در این شبکه دنبالش هستند جور نیست.",
    },
    fix={
        "en": "Facebook: community, events, Q&A. Instagram: visual, staff, tours, "
        "infographics. LinkedIn: research, achievements, recruiting.",
        "ar": "فيسبوك: المجتمع والفعاليات والأسئلة. إنستغرام: الصور والفريق والجولات "
        "والإنفوغرافيك. لينكدإن: الأبحاث والإنجازات والتوظيف.",
        "fa": "فیسبوک: جامعه، رویدادها، پرسش و پاسخ. اینستاگرام: تصویر، کارکنان، گشت، "
        "اینفوگرافیک. لینکدین: پژوهش، دستاوردها، استخدام.",
    },
    examples={
        "en": {
            "fire": [
                {"text": "Our clinic opens at 8 am on Saturdays.", "network": "instagram"},
                {
                    "text": "Giveaway! Tag a friend to win a free health check.",
                    "network": "linkedin",
                },
                {
                    "text": "We are recruiting ICU nurses.",
                    "network": "facebook",
                    "context": {"pillar": "research_recruiting"},
                },
            ],
            "pass": [
                {
                    "text": "Our clinic opens at 8 am on Saturdays.",
                    "network": "instagram",
                    "context": {
                        "media": [{"id": "m1", "alt_text": "The clinic entrance at dawn."}]
                    },
                },
                {
                    "text": "Our cardiology team published a new study on heart failure care.",
                    "network": "linkedin",
                },
                {
                    "text": "We are recruiting ICU nurses.",
                    "network": "linkedin",
                    "context": {"pillar": "research_recruiting"},
                },
            ],
        },
        "ar": {
            "fire": [
                {"text": "عيادتنا تفتح الساعة الثامنة صباحا يوم السبت.", "network": "instagram"},
                {"text": "مسابقة! اعمل منشن لصديق واربح فحصا مجانيا.", "network": "linkedin"},
                {
                    "text": "قصة أم سعيدة غادرت مستشفانا مع طفلها.",
                    "network": "linkedin",
                    "context": {"pillar": "patient_story"},
                },
            ],
            "pass": [
                {
                    "text": "عيادتنا تفتح الساعة الثامنة صباحا يوم السبت.",
                    "network": "instagram",
                    "context": {"media": [{"id": "m1", "alt_text": "مدخل العيادة صباحا."}]},
                },
                {"text": "نشر فريق القلب دراسة جديدة عن رعاية قصور القلب.", "network": "linkedin"},
                {
                    "text": "قصة أم سعيدة غادرت مستشفانا مع طفلها.",
                    "network": "facebook",
                    "context": {"pillar": "patient_story"},
                },
            ],
        },
        "fa": {
            "fire": [
                {"text": "درمانگاه ما شنبه‌ها ساعت ۸ صبح باز می‌شود.", "network": "instagram"},
                {
                    "text": "قرعه‌کشی! دوستانتان را تگ کنید و چکاپ رایگان ببرید.",
                    "network": "linkedin",
                },
                {
                    "text": "برای بخش مراقبت‌های ویژه پرستار استخدام می‌کنیم.",
                    "network": "instagram",
                    "context": {
                        "pillar": "research_recruiting",
                        "media": [{"id": "m1", "alt_text": "پرستاران در بخش."}],
                    },
                },
            ],
            "pass": [
                {
                    "text": "درمانگاه ما شنبه‌ها ساعت ۸ صبح باز می‌شود.",
                    "network": "instagram",
                    "context": {"media": [{"id": "m1", "alt_text": "ورودی درمانگاه در صبح."}]},
                },
                {
                    "text": "گروه قلب ما پژوهش تازه‌ای درباره مراقبت از نارسایی قلب منتشر کرد.",
                    "network": "linkedin",
                },
                {
                    "text": "برای بخش مراقبت‌های ویژه پرستار استخدام می‌کنیم.",
                    "network": "linkedin",
                    "context": {"pillar": "research_recruiting"},
                },
            ],
        },
    },
)
def network_purpose(doc: Document) -> Iterator[Hit]:
    """What it does
    Gives low-key hints when a post does not fit its network: an Instagram post
    without an image or video; giveaways and promotions on LinkedIn; research and
    recruiting posts on Facebook or Instagram; patient stories and community
    shout-outs on LinkedIn (from the post's content pillar).

    Why it matters
    Each network has a purpose: Facebook is the local community, events and
    Q&A; Instagram is visual (staff, tours, infographics); LinkedIn is research,
    achievements and recruiting. Content that fits gets seen and trusted.

    Example
    A text-only post scheduled for Instagram.

    Use instead
    The same message as an infographic with alt text, or as a Facebook post.

    References
    - Instagram Graph API content publishing (image or video required): https://developers.facebook.com/docs/instagram-platform/content-publishing/
    - LinkedIn Pages best practices: https://business.linkedin.com/marketing-solutions/linkedin-pages/best-practices
    """
    network = doc.network
    lang = _lang(doc)
    pillar = (doc.context.pillar or "").strip().lower()
    if network == "instagram" and not doc.context.media:
        yield Hit(0, 0, message=_PURPOSE["instagram_media"][lang], data={"hint": "media"})
    if network == "linkedin":
        m = _PROMO_RE[doc.language].search(doc.norm.text)
        if m:
            start, end = doc.span(m.start(), m.end())
            yield Hit(start, end, message=_PURPOSE["linkedin_promo"][lang], data={"hint": "promo"})
        if pillar in _COMMUNITY_PILLARS:
            yield Hit(0, 0, message=_PURPOSE["pillar_community"][lang], data={"hint": "pillar"})
    if network in ("facebook", "instagram") and pillar in _RESEARCH_PILLARS:
        yield Hit(0, 0, message=_PURPOSE["pillar_linkedin"][lang], data={"hint": "pillar"})
