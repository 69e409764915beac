"""PLT503 alt text on every image and PLT504 links in Instagram captions."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from nabz.trust.document import Document
from nabz.trust.model import MediaItem, Severity
from nabz.trust.platforms import (
    links,
)
from nabz.trust.registry import Hit, rule
from nabz.trust.rules.platform.common import ALL_NETWORKS, message_lang

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
    lang = message_lang(doc)
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
