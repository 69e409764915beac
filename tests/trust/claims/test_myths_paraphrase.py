"""Myth matching sees what is claimed about what (subject → relation → object).

The sentences below were written for this test, not copied from the myth base: other
synonyms, other word order, other sentence shapes. A claim is recognised by the myth's
concept (the same id in every language); a post that debunks, negates or quotes the myth
to refute it is not a finding.
"""

import pytest

from nabz.trust import check


def concepts(text: str, lang: str, kind: str = "post") -> list[str]:
    code = "CLM304" if kind == "post" else "CLM307"
    report = check(text, language=lang, kind=kind)
    return [str(f.data.get("concept")) for f in report.findings if f.code == code]


PARAPHRASES = [
    ("en", "Infertility in young couples is being caused by these jabs.", "vaccines-infertility"),
    ("en", "Booster shots are leaving women sterile.", "vaccines-infertility"),
    ("en", "Pfizer's shot made my sister unable to have children.", "vaccines-infertility"),
    ("en", "Your immune system gets destroyed by 5G radiation.", "5g-immune"),
    ("en", "Drug companies have buried the cure for cancer.", "cancer-hidden-cure"),
    (
        "en",
        "After the Moderna jab, spoons stick to your arm like a fridge magnet.",
        "covid-vaccine-magnetic",
    ),
    ("en", "Stop taking your statins, they are toxic.", "statins-poison"),
    ("en", "Hot tea kills the virus before it reaches your lungs.", "covid-hot-water"),
    ("ar", "العقم عند الشباب سببه هذه التطعيمات.", "vaccines-infertility"),
    ("ar", "الجرعة المعززة تؤدي إلى العقم.", "vaccines-infertility"),
    ("ar", "جهاز المناعة تضعفه أبراج الجيل الخامس.", "5g-immune"),
    ("ar", "شركات الأدوية تتكتم على علاج السرطان منذ سنين.", "cancer-hidden-cure"),
    ("ar", "الكيماوي سم يقتل المريض قبل المرض.", "cancer-chemo-kills"),
    ("ar", "على الريق، ماء الليمون يحرق دهون البطن.", "lemon-burns-fat"),
    ("fa", "ناباروری این همه جوان به خاطر واکسن کرونا است.", "vaccines-infertility"),
    ("fa", "دز یادآور موجب نازایی می‌شود.", "vaccines-infertility"),
    ("fa", "سیستم ایمنی را امواج نسل پنجم ضعیف می‌کند.", "5g-immune"),
    ("fa", "شرکت‌های دارو درمان سرطان را سال‌هاست مخفی کرده‌اند.", "cancer-hidden-cure"),
    ("fa", "سرطان مغز را گوشی موبایل ایجاد می‌کند.", "phones-cancer"),
    ("fa", "همه امراض با سیاه‌دانه درمان می‌شود.", "black-seed-all"),
]


@pytest.mark.parametrize(("lang", "text", "concept"), PARAPHRASES)
def test_paraphrase_with_other_words_and_order_is_found(lang, text, concept):
    assert concept in concepts(text, lang), concepts(text, lang)


@pytest.mark.parametrize(("lang", "text", "concept"), PARAPHRASES)
def test_same_claim_in_an_incoming_message_is_a_misinformation_finding(lang, text, concept):
    assert concept in concepts(text, lang, kind="incoming")


DEBUNKS = [
    ("en", "No, vaccines do not cause infertility."),
    ("en", "Vaccines don't make anyone sterile; fertility was checked in the trials."),
    ("en", "Myth: 5G weakens your immune system. Fact: the signal is far too weak to harm cells."),
    ("en", "False: the COVID vaccine makes you magnetic. It contains no metal."),
    ("en", '"Vaccines cause infertility" is a rumour with no evidence behind it.'),
    ("en", "People keep forwarding that chemo kills more people than cancer. That is not true."),
    ("ar", "لا، اللقاحات لا تسبب العقم."),
    ("ar", "خرافة: الجيل الخامس يضعف المناعة. الحقيقة: موجاته أضعف من أن تضر الخلايا."),
    ("ar", "غير صحيح أن لقاح كورونا يجعل الجسم ممغنطا."),
    ("ar", "انتشرت شائعة أن الجرعة المعززة تسبب العقم، وهي شائعة لا أساس لها."),
    ("ar", "ليس صحيحا أن العلاج الكيماوي يقتل أكثر من السرطان."),
    ("fa", "نه، واکسن باعث ناباروری نمی‌شود."),
    ("fa", "باور غلط: فایوجی سیستم ایمنی را ضعیف می‌کند. واقعیت: این امواج بسیار ضعیف‌اند."),
    ("fa", "این شایعه که واکسن کرونا بدن را آهنربایی می‌کند درست نیست."),
    ("fa", "ادعای اینکه دز یادآور باعث نازایی می‌شود نادرست است."),
    ("fa", "شیمی‌درمانی بیشتر از سرطان نمی‌کشد؛ این یک باور غلط است."),
]


@pytest.mark.parametrize(("lang", "text"), DEBUNKS)
def test_debunking_post_is_not_a_finding(lang, text):
    assert concepts(text, lang) == []
    assert concepts(text, lang, kind="incoming") == []


UNRELATED = [
    ("en", "Our fertility clinic and our flu vaccine clinic are on the same floor."),
    ("en", "Ask your doctor before you stop taking statins."),
    ("ar", "عيادة الخصوبة وعيادة التطعيم في الطابق نفسه."),
    ("fa", "درمانگاه ناباروری و واحد واکسیناسیون در یک طبقه هستند."),
]


@pytest.mark.parametrize(("lang", "text"), UNRELATED)
def test_sharing_words_without_the_claim_is_not_a_finding(lang, text):
    assert concepts(text, lang) == []
