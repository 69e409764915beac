"""PLT505 hints on each network's purpose."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from nabz.trust.document import Document
from nabz.trust.model import Severity
from nabz.trust.registry import Hit, rule
from nabz.trust.rules.platform.common import ALL_NETWORKS, message_lang
from nabz.trust.text import normalize_term

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
    lang = message_lang(doc)
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
