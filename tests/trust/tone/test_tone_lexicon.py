"""Jargon, stigma and register findings: exact spans and one-click replacements."""

from nabz.trust import check


def _findings(text, code, **kw):
    return [f for f in check(text, **kw).findings if f.code == code]


def apply(text, finding):
    return text[: finding.start] + finding.replacement + text[finding.end :]


def test_english_jargon_replacement_keeps_capitals_and_plural():
    text = "Hypertension and renal lesions are common."
    found = _findings(text, "TON402", language="en")
    assert [(f.text, f.replacement) for f in found] == [
        ("Hypertension", "High blood pressure"),
        ("renal", "kidney"),
        ("lesion", "abnormal area"),
    ]
    assert apply(text, found[0]).startswith("High blood pressure and")


def test_persian_jargon_span_with_zwnj_and_suffix():
    # ZWNJ inside the term and before the plural suffix; the suffix stays.
    text = "درمان هیپر‌تانسیون و ترومبوز‌ها در بخش ما"
    found = _findings(text, "TON402", language="fa")
    assert [f.text for f in found] == ["هیپر‌تانسیون", "ترومبوز"]
    fixed = apply(text, found[1])
    assert "لخته خون‌ها" in fixed


def test_persian_jargon_typed_with_a_space_instead_of_zwnj():
    found = _findings("درمان تاکی کاردی", "TON402", language="fa")
    assert [f.text for f in found] == ["تاکی کاردی"]
    assert found[0].replacement == "تند زدن قلب"


def test_persian_jargon_with_arabic_letter_forms():
    # Arabic yeh and kaf in a Persian text still match the Persian lexicon entry.
    text = "انفاركتوس ميوكارد را بشناسید"
    found = _findings(text, "TON402", language="fa")
    assert found and found[0].text == "انفاركتوس ميوكارد"
    assert found[0].replacement == "سکته قلبی"


def test_arabic_jargon_span_with_diacritics_and_clitics():
    text = "علاماتُ احْتِشاءِ عَضَلَةِ القلبِ ولِلْوَذَمَةِ"
    found = _findings(text, "TON402", language="ar")
    assert [f.text for f in found] == ["احْتِشاءِ عَضَلَةِ القلبِ", "لِلْوَذَمَةِ"]
    assert found[0].replacement == "نوبة قلبية"
    # و stays outside the span; ل + ال (written لل) is rewritten with the plain word
    assert text[found[1].start - 1] == "و"
    assert found[1].replacement == "للتورم"


def test_arabic_jargon_with_mixed_digits_keeps_offsets():
    text = "٣ حالات فرط ضغط الدم و۲ حالات"
    found = _findings(text, "TON402", language="ar")
    assert [f.text for f in found] == ["فرط ضغط الدم"]
    assert text[found[0].start : found[0].end] == "فرط ضغط الدم"


def test_custom_jargon_from_the_workspace():
    context = {
        "settings": {"custom_lexicon": {"jargon": {"en": {"STEMI": "a major heart attack"}}}}
    }
    found = _findings("Our STEMI team is on call.", "TON402", language="en", context=context)
    assert [(f.text, f.replacement) for f in found] == [("STEMI", "a major heart attack")]
    assert not _findings("Our STEMI team is on call.", "TON402", language="en")


def test_jargon_not_matched_inside_other_words():
    assert not _findings("Ischemic-free living: a new book.", "TON402", language="en")
    assert not _findings("آدم‌ها را دوست داریم.", "TON402", language="fa")


def test_stigma_person_first_replacement_in_each_language():
    en = _findings("Diabetics can fast safely with planning.", "TON403", language="en")
    assert en[0].replacement == "People with diabetes"
    ar = _findings("برنامج لدعم المدمنين وأسرهم", "TON403", language="ar")
    assert ar[0].text == "المدمنين" or ar[0].text == "مدمنين"
    fa = _findings("افراد مبتلا به دیابت", "TON403", language="fa")
    assert fa[0].text == "مبتلا به" and fa[0].replacement == "دارای"


def test_stigma_medical_adjective_is_left_alone():
    assert not _findings("How we treat a diabetic foot ulcer.", "TON403", language="en")
    assert not _findings("An epileptic seizure lasts minutes.", "TON403", language="en")
    assert not _findings("توزیع گوشت قربانی در عید", "TON403", language="fa")


def test_shouting_acronyms_are_not_shouting():
    assert not _findings("WHO, CDC and NHS advice on COVID-19 and RSV.", "TON405", language="en")
    hits = _findings("STOP SMOKING NOW, says the WHO.", "TON405", language="en")
    assert [h.text for h in hits] == ["STOP SMOKING NOW"]


def test_persian_question_marks_normalised_for_shouting():
    hits = _findings("واکسن زدید؟؟؟", "TON405", language="fa")
    assert [h.text for h in hits] == ["؟؟؟"]
    assert hits[0].replacement == "?" or hits[0].replacement == "؟"


def test_casual_register_only_on_linkedin_but_slang_everywhere():
    text = "We're gonna open a new ward, lol"
    codes_ig = [f.text for f in _findings(text, "TON407", language="en", network="instagram")]
    codes_li = [f.text for f in _findings(text, "TON407", language="en", network="linkedin")]
    assert codes_ig == ["lol"]
    assert codes_li == ["gonna", "lol"]


def test_emoji_density_depends_on_the_network():
    text = "Proud of our nurses 👏🙌💙🎉 Thank you!"
    assert _findings(text, "TON406", language="en", network="linkedin")
    assert not _findings(text, "TON406", language="en", network="instagram")


def test_tone_rules_handle_100kb():
    # (Their speed is measured by bench/trust_linear.py, not asserted here.)
    text = ("Hypertension!!! is a SILENT killer for diabetics lol 💉💉 " * 2000)[:100_000]
    assert any(c.startswith("TON") for c in check(text, language="en", network="linkedin").codes())
