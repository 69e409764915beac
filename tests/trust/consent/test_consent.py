"""Consent rules as a compliance officer sees them: stories found, scopes checked, dates kept."""

from __future__ import annotations

from typing import Any

import pytest

from nabz.trust import check
from nabz.trust.registry import all_rules

TODAY = "2025-06-01"
OTHERS = [r.code for r in all_rules() if r.family != "CON"]
CONSENT = {
    "label": "Form 2025-014",
    "networks": ["instagram", "facebook"],
    "content_kinds": ["story", "photo"],
    "expires": "2026-05-31",
}
PHOTO = {"id": "img-7", "kind": "image", "identifiable_person": True}


def codes(text: str, language: str, network: str | None = "instagram", **context: Any) -> list[str]:
    ctx = {"today": TODAY, "settings": {"disabled_rules": OTHERS}, **context}
    return check(text, language=language, network=network, context=ctx).codes()


STORIES = {
    "en": [
        "I was diagnosed with leukaemia at 29. Today I rang the bell on ward 6!",
        "Three years ago I had a stroke. Thanks to the rehab team I can walk again.",
        "Our brave patient Omar went home yesterday after 40 days in intensive care.",
        "Meet Lina – she delivered twins at 31 weeks and both are thriving.",
        "Thank you, Grace, for trusting us with your mother's care.",
        "In her own words: how the cardiac team saved my life.",
        "#PatientStory After my transplant I finally feel like myself again.",
    ],
    "ar": [
        "تم تشخيصي بسرطان الدم وأنا في التاسعة والعشرين، واليوم أحتفل بنهاية العلاج.",
        "قبل ثلاث سنوات أصبت بجلطة، وبفضل فريق التأهيل عدت أمشي من جديد.",
        "مريضتنا نورة غادرت المستشفى أمس بعد أربعين يوماً في العناية المركزة.",
        "تعرّفوا إلى ليان التي أنجبت توأماً في الأسبوع الحادي والثلاثين.",
        "نشكر أم خالد على ثقتها بفريقنا خلال علاج ابنها.",
        "تروي قصتها مع زراعة الكبد في هذا الفيديو القصير.",
        "#قصة_مريض أنقذوا حياتي في قسم الطوارئ تلك الليلة.",
    ],
    "fa": [
        "پارسال برای من تشخیص دادند که لوسمی دارم؛ امروز آخرین جلسهٔ درمانم بود.",
        "سه سال پیش سکته کردم و در بخش توان‌بخشی دوباره راه رفتم.",
        "بیمار ما، خانم کریمی، دیروز پس از چهل روز از بیمارستان مرخص شد.",
        "با لیلا آشنا شوید که در هفتهٔ سی‌ویکم دوقلوهایش را به دنیا آورد و زایمان سختی داشت.",
        "از خانوادهٔ احمدی بابت اعتمادشان به تیم جراحی سپاسگزاریم.",
        "روایت بیمار: پس از جراحی‌ام فهمیدم مراقبت یعنی چه.",
        "#داستان_بیمار پزشکان اورژانس جانم را نجات دادند.",
    ],
}
NOT_STORIES = {
    "en": [
        "Can I drive after my surgery? Ask our nurses on Thursday.",
        "Meet Dr. Yusuf Kaya, our new paediatric surgeon, who joined us from Ankara.",
        "Meet our night-shift nurses, who keep the ward running while you sleep.",
        "Stroke: act FAST. Face, arms, speech, time to call for help.",
        "We are hiring: patient experience officer, full time.",
        "Thank you for trusting us for 25 years of care in this city.",
    ],
    "ar": [
        "هل يمكنني القيادة بعد عمليتي؟ يجيب فريق التمريض يوم الخميس.",
        "تعرفوا على الدكتور يوسف، جرّاح الأطفال الجديد في فريقنا.",
        "الجلطة الدماغية: تصرّف بسرعة واتصل بالإسعاف.",
        "شكراً لكم على ثقتكم بنا طوال خمسة وعشرين عاماً.",
        "تعرفوا على خدماتنا الجديدة في قسم الأشعة.",
    ],
    "fa": [
        "آیا بعد از جراحی‌ام می‌توانم رانندگی کنم؟ پرستاران ما پنجشنبه پاسخ می‌دهند.",
        "با دکتر یوسف کایا، جراح اطفال تازه‌وارد تیم ما، آشنا شوید.",
        "سکتهٔ مغزی: سریع عمل کنید و با اورژانس تماس بگیرید.",
        "از اعتماد شما در این بیست‌وپنج سال سپاسگزاریم.",
        "با خدمات تازهٔ بخش تصویربرداری آشنا شوید.",
    ],
}


@pytest.mark.parametrize(
    ("lang", "text"), [(lang, t) for lang, items in STORIES.items() for t in items]
)
def test_patient_stories_need_consent(lang: str, text: str) -> None:
    assert "CON201" in codes(text, lang)
    assert "CON201" not in codes(text, lang, consents=[CONSENT])


@pytest.mark.parametrize(
    ("lang", "text"), [(lang, t) for lang, items in NOT_STORIES.items() for t in items]
)
def test_faq_staff_spotlights_and_education_are_not_stories(lang: str, text: str) -> None:
    assert "CON201" not in codes(text, lang)


def test_journey_3_linkedin_is_caught_when_the_consent_names_instagram_and_facebook() -> None:
    text = "تعرفوا على سلمى التي تغلبت على سرطان الثدي بعد ثمانية أشهر من العلاج معنا."
    args = {"consents": [CONSENT], "media": [PHOTO | {"id": "img-1"}]}
    consent = CONSENT | {"media_ids": ["img-1"]}
    args["consents"] = [consent]
    assert codes(text, "ar", "instagram", **args) == []
    assert codes(text, "ar", "facebook", **args) == []
    report = check(
        text,
        language="ar",
        network="linkedin",
        context={"today": TODAY, "settings": {"disabled_rules": OTHERS}, **args},
    )
    assert report.codes() == ["CON202"] and not report.ok
    message = report.findings[0].message
    assert "لينكدإن" in message and "إنستغرام" in message and "فيسبوك" in message


def test_persian_messages_name_what_is_missing_in_persian() -> None:
    text = "با مریم آشنا شوید؛ او پس از هشت ماه درمان در بیمارستان ما سرطان را شکست داد."
    ctx = {
        "today": TODAY,
        "settings": {"disabled_rules": OTHERS},
        "consents": [CONSENT | {"content_kinds": ["story"]}],
        "media": [PHOTO | {"kind": "video"}],
    }
    report = check(text, language="fa", network="instagram", context=ctx)
    (finding,) = [f for f in report.findings if f.code == "CON203"]
    assert "ویدیو" in finding.message and "داستان بیمار" in finding.message
    assert finding.data["media_id"] == "img-7"


def test_expiry_day_itself_is_still_valid_and_the_day_after_is_not() -> None:
    text = "Meet Sara, who beat breast cancer after eight months of treatment with us."
    on_the_day = CONSENT | {"expires": TODAY}
    assert codes(text, "en", consents=[on_the_day]) == []
    report = check(
        text,
        language="en",
        network="instagram",
        context={
            "today": "2025-06-02",
            "settings": {"disabled_rules": OTHERS},
            "consents": [on_the_day],
        },
    )
    assert report.codes() == ["CON205"]
    assert (
        "2025-06-01" in report.findings[0].message and "Form 2025-014" in report.findings[0].message
    )


def test_revoked_consent_blocks_even_next_to_a_valid_one() -> None:
    text = "Thank you, Daniel, for trusting us with your care."
    found = codes(text, "en", consents=[CONSENT | {"revoked": True, "label": "old"}, CONSENT])
    assert found == ["CON206"]


def test_each_uncovered_photo_is_named() -> None:
    media = [PHOTO, PHOTO | {"id": "img-8"}, PHOTO | {"id": "img-9", "identifiable_person": False}]
    ctx = {
        "today": TODAY,
        "settings": {"disabled_rules": OTHERS},
        "media": media,
        "consents": [CONSENT | {"media_ids": ["img-7"]}],
    }
    report = check("Ward 3 today.", language="en", network="instagram", context=ctx)
    assert [f.data["media_id"] for f in report.findings if f.code == "CON204"] == ["img-8"]


def test_photo_without_consent_names_the_photo_in_arabic() -> None:
    ctx = {"today": TODAY, "settings": {"disabled_rules": OTHERS}, "media": [PHOTO]}
    report = check("يوم جميل في جناح الأطفال.", language="ar", network="x", context=ctx)
    (finding,) = report.findings
    assert finding.code == "CON201" and "img-7" in finding.message and "صورة" in finding.message


def test_a_quoted_patient_needs_quote_consent() -> None:
    text = 'Meet Sara, who beat breast cancer. "I never stopped believing," she told us.'
    assert "CON203" in codes(text, "en", consents=[CONSENT])
    assert "CON203" not in codes(
        text, "en", consents=[CONSENT | {"content_kinds": ["story", "quote"]}]
    )


def test_consent_that_leaves_scopes_empty_is_not_restricted() -> None:
    text = "Meet Sara, who beat breast cancer after eight months of treatment with us."
    assert codes(text, "en", "linkedin", consents=[{"label": "General consent"}]) == []


def test_story_pillar_needs_consent_even_without_story_words() -> None:
    assert codes("Spring on ward 4.", "en", pillar="patient_story") == ["CON201"]
    assert codes("Spring on ward 4.", "en", pillar="education") == []


def test_story_finding_points_at_the_words_that_make_it_a_story() -> None:
    text = "Big news today! Meet Sara, who beat breast cancer."
    report = check(
        text, language="en", context={"today": TODAY, "settings": {"disabled_rules": OTHERS}}
    )
    (finding,) = report.findings
    assert finding.text == "Meet Sara"


def test_every_network_has_a_name_in_each_language() -> None:
    from nabz.trust.platforms import NETWORK_SPECS
    from nabz.trust.rules.consent._shared import _NETWORK_NAMES

    for lang in ("en", "ar", "fa"):
        assert set(_NETWORK_NAMES[lang]) == set(NETWORK_SPECS), lang
    assert _NETWORK_NAMES["ar"]["pixelfed"] == NETWORK_SPECS["pixelfed"].name_in("ar")
    assert _NETWORK_NAMES["en"]["sandbox"] == "the sandbox"
