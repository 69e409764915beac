"""CON201: a patient story or identifiable person with no signed consent linked."""

from __future__ import annotations

from collections.abc import Iterator

from nabz.trust.document import Document
from nabz.trust.model import Severity
from nabz.trust.registry import Hit, rule
from nabz.trust.rules.consent._needs import (
    _analyse,
)
from nabz.trust.rules.consent._shared import (
    _FULL,
    _KIND_NAMES,
    _PHOTO,
    _STORY_EXAMPLE_AR,
    _STORY_EXAMPLE_EN,
    _STORY_EXAMPLE_FA,
    _ex,
    _lang,
    _say,
)

# --- CON201 ------------------------------------------------------------------------------
_NO_CONSENT_STORY = {
    "en": "This reads as a patient story, but no signed consent is linked to the post.",
    "ar": "يبدو هذا النص قصة مريض، لكن لا توجد موافقة موقّعة مرتبطة بالمنشور.",
    "fa": "این متن داستان یک بیمار است، اما هیچ رضایت‌نامهٔ امضاشده‌ای به پست پیوند نشده است.",
}
_NO_CONSENT_MEDIA = {
    "en": "The {kind} '{media}' shows an identifiable person, but no signed consent is linked.",
    "ar": "يظهر في {kind} '{media}' شخص يمكن التعرف عليه، لكن لا توجد موافقة موقّعة مرتبطة.",
    "fa": (
        "در {kind} «{media}» فردی قابل شناسایی دیده می‌شود، اما رضایت‌نامهٔ امضاشده‌ای پیوند نشده است."
    ),
}


@rule(
    code="CON201",
    title="Patient story or identifiable person without consent",
    severity=Severity.BLOCK,
    kinds=("post",),
    message=_NO_CONSENT_STORY,
    fix={
        "en": "Link the patient's signed consent record, or remove the story and the photo.",
        "ar": "اربط سجل الموافقة الموقّعة من المريض، أو احذف القصة والصورة.",
        "fa": "رضایت‌نامهٔ امضاشدهٔ بیمار را پیوند دهید، یا داستان و عکس را حذف کنید.",
    },
    examples={
        "en": {
            "fire": [
                _ex(_STORY_EXAMPLE_EN),
                _ex("After my transplant I can walk again. Thank you to ward 4 for everything!"),
                _ex("Thank you, Daniel, for trusting us with your care. Welcome home!"),
                _ex("Smiles all round on the children's ward today.", media=[_PHOTO]),
                _ex("Our spring update.", pillar="patient_story"),
            ],
            "pass": [
                _ex("Meet Dr. Hana Ali, our new cardiologist, who joined us this month."),
                _ex("What should I expect after my surgery? Our nurses answer on Friday."),
                _ex("Flu vaccines are free for over-65s at all our clinics this week."),
                _ex(_STORY_EXAMPLE_EN, consents=[_FULL]),
                _ex(
                    "Our new MRI suite opens Monday.",
                    media=[{**_PHOTO, "identifiable_person": False}],
                ),
            ],
        },
        "ar": {
            "fire": [
                _ex(_STORY_EXAMPLE_AR),
                _ex("بعد عمليتي عدت للمشي خلال أسبوعين. شكراً لكل الفريق!"),
                _ex("قصة المريض أحمد مع زراعة الكلى بدأت قبل عامين في مستشفانا."),
                _ex("ابتسامات في جناح الأطفال اليوم.", media=[_PHOTO]),
            ],
            "pass": [
                _ex("تعرفوا على الدكتورة هناء، استشارية القلب الجديدة في فريقنا."),
                _ex("ماذا أتوقع بعد عمليتي؟ يجيب فريق التمريض يوم الجمعة."),
                _ex("لقاح الإنفلونزا متوفر مجاناً في جميع عياداتنا هذا الأسبوع."),
                _ex(_STORY_EXAMPLE_AR, consents=[_FULL]),
            ],
        },
        "fa": {
            "fire": [
                _ex(_STORY_EXAMPLE_FA),
                _ex("بعد از عملم دوباره راه رفتم. از همهٔ پرستاران بخش ۴ ممنونم!"),
                _ex("داستان بیمار ما، آقای رضایی، از یک سکتهٔ قلبی شروع شد."),
                _ex("لبخندهای امروز در بخش کودکان.", media=[_PHOTO]),
            ],
            "pass": [
                _ex("با دکتر هانا احمدی، متخصص قلب تازه‌وارد تیم ما، آشنا شوید."),
                _ex("بعد از جراحی چه انتظاری داشته باشم؟ پرستاران ما جمعه پاسخ می‌دهند."),
                _ex("واکسن آنفلوانزا این هفته در همهٔ درمانگاه‌های ما رایگان است."),
                _ex(_STORY_EXAMPLE_FA, consents=[_FULL]),
            ],
        },
    },
)
def story_without_consent(doc: Document) -> Iterator[Hit]:
    """What it does
    Finds posts that tell a patient's story or show an identifiable person in a photo
    or video while no consent record is linked to the post.

    Why it matters
    A patient's story, face or voice is their health information. Publishing it needs
    their written, informed authorisation, even when the name is left out: people are
    recognised from details, photos and the place they were treated.

    Example
    "Meet Sara, who beat breast cancer after eight months of treatment with us." with
    no consent linked.

    Use instead
    Link the patient's signed consent (it records the networks, the kinds of content and
    the media it covers), or publish general education without the personal story.

    References
    - HIPAA Privacy Rule, uses requiring an authorisation: 45 CFR 164.508
      (https://www.ecfr.gov/current/title-45/section-164.508)
    - HHS, Marketing under the HIPAA Privacy Rule
      (https://www.hhs.gov/hipaa/for-professionals/privacy/guidance/marketing/index.html)
    """
    if doc.context.consents:
        return
    analysis = _analyse(doc)
    story_done = False
    for need in analysis.needs:
        if need.media_id:
            kind = _KIND_NAMES[_lang(doc)][need.content_kind]
            message = _say(doc, _NO_CONSENT_MEDIA, kind=kind, media=need.media_id)
            yield Hit(*need.span, message=message, data={"media_id": need.media_id})
        elif not story_done and need.content_kind == "story":
            story_done = True
            yield Hit(*need.span, data={"content_kind": "story"})
