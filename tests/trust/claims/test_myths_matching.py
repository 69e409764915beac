"""Myth matching: paraphrases and reordering are caught; corrections are not."""

import pytest

from nabz.trust import check


def myth_ids(text, lang):
    return [f.data["myth_id"] for f in check(text, language=lang).findings if f.code == "CLM304"]


@pytest.mark.parametrize(
    ("lang", "text", "myth_id"),
    [
        ("en", "Autism in children is caused by the MMR jab.", "en-vaccines-autism"),
        ("en", "The MMR vaccine and autism: parents, the link is real.", "en-vaccines-autism"),
        (
            "en",
            "Feeling better? Then you can stop your antibiotics now.",
            "en-antibiotics-stop-early",
        ),
        ("en", "Colds clear up quicker with antibiotics.", "en-antibiotics-viruses"),
        ("en", "Your DNA can be altered by the new mRNA jabs.", "en-covid-vaccine-dna"),
        (
            "en",
            "Fruit is off the menu once you have diabetes: you must avoid it.",
            "en-diabetes-fruit",
        ),
        ("ar", "التوحد عند الأطفال سببه اللقاحات.", "ar-vaccines-autism"),
        ("ar", "بسرعة تقضي المضادات الحيوية على الزكام.", "ar-antibiotics-viruses"),
        ("ar", "الحمض النووي يتغير بسبب لقاح كورونا.", "ar-covid-vaccine-dna"),
        ("fa", "اوتیسم کودکان به خاطر واکسن ام‌ام‌آر ایجاد می‌شود.", "fa-vaccines-autism"),
        ("fa", "سرماخوردگی با آنتی بیوتیک زودتر خوب می شود.", "fa-antibiotics-cold"),
        ("fa", "DNA بدن با واکسن کرونا تغییر می‌کند.", "fa-covid-vaccine-dna"),
    ],
)
def test_paraphrased_and_reordered_myths_are_found(lang, text, myth_id):
    assert myth_id in myth_ids(text, lang)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Myth: vaccines cause autism. Fact: there is no link."),
        ("en", "It is not true that antibiotics cure colds."),
        ("en", "Vaccines don't cause autism; the studies are clear."),
        ("en", "Do vaccines cause autism? No."),
        ("en", "You may have heard that vaccines cause autism. The evidence says otherwise."),
        ("en", "Antibiotics cure colds - false! Colds are viral."),
        ("ar", "خرافة: اللقاحات تسبب التوحد. الحقيقة: لا علاقة بينهما."),
        ("ar", "ليس صحيحاً أن المضادات الحيوية تعالج الزكام."),
        ("ar", "حقيقة أم خرافة: هل تسبب اللقاحات التوحد؟ خرافة."),
        ("ar", "اللقاحات لا تسبب التوحد."),
        ("fa", "شایعه: واکسن باعث اوتیسم می‌شود. واقعیت: هیچ ارتباطی وجود ندارد."),
        ("fa", "این باور غلط که آنتی‌بیوتیک سرماخوردگی را درمان می‌کند را کنار بگذارید."),
        ("fa", "واکسن‌ها باعث اوتیسم نمی‌شوند."),
    ],
)
def test_debunking_and_negation_do_not_fire(lang, text):
    assert myth_ids(text, lang) == []


def test_unrelated_mentions_of_the_same_words_do_not_fire():
    assert myth_ids("Our autism clinic and our vaccine clinic share a car park.", "en") == []
    assert myth_ids("درمانگاه دیابت در ماه رمضان باز است.", "fa") == []


def test_finding_carries_fact_and_source():
    report = check("Vaccines cause autism.", language="en")
    (finding,) = [f for f in report.findings if f.code == "CLM304"]
    assert finding.data["source"].startswith("https://www.who.int/")
    assert finding.data["fact"] in finding.message
    assert finding.data["source"] in finding.message
    assert finding.severity.value == "block"


def test_message_frame_follows_message_language():
    report = check("Vaccines cause autism.", language="en", context={"message_language": "fa"})
    (finding,) = [f for f in report.findings if f.code == "CLM304"]
    assert finding.message.startswith("این متن")


def test_offsets_point_into_original_text_with_diacritics_and_zwnj():
    text = "یادتان باشد: واکسن‌ها باعث اوتیسم می‌شوند!"
    (finding,) = [f for f in check(text, language="fa").findings if f.code == "CLM304"]
    assert finding.text == text[finding.start : finding.end]
    assert finding.text.startswith("واکسن")
