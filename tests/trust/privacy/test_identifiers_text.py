"""Dates, ages, names, places, web identifiers and biometrics, per language."""

from __future__ import annotations

import pytest

from nabz.trust import IdentifierKind as K
from nabz.trust import scan_identifiers


def _texts(text: str, lang: str, kind: K) -> list[str]:
    return [i.text for i in scan_identifiers(text, lang) if i.kind is kind]


POSITIVES = [
    # dates: three calendars, month names in three languages, numeric forms, any digits
    ("en", "She was born on 12 March 1931 in Leeds.", K.DATE, "12 March 1931"),
    ("en", "Admitted March 3, 2024 with chest pain.", K.DATE, "March 3, 2024"),
    ("en", "Discharged 2024-03-12 after surgery.", K.DATE, "2024-03-12"),
    ("en", "DOB 04/12/1948.", K.DATE, "04/12/1948"),
    ("en", "Seen on the 5th of January 2024.", K.DATE, "5th of January 2024"),
    ("ar", "ولد في ٣ يناير ٢٠٢٤ في جدة.", K.DATE, "٣ يناير ٢٠٢٤"),
    ("ar", "توفي في ٣ آذار ٢٠٢٤ رحمه الله.", K.DATE, "٣ آذار ٢٠٢٤"),
    ("ar", "من مواليد ١٥ رمضان ١٣٥٠ هـ", K.DATE, "١٥ رمضان ١٣٥٠ ه"),
    ("ar", "دخل المستشفى في 12/03/2024.", K.DATE, "12/03/2024"),
    ("ar", "خرج يوم ٢٠ ذو الحجة ١٤٤٤", K.DATE, "٢٠ ذو الحجة ١٤٤٤"),
    ("fa", "متولد ۱۲ مرداد ۱۳۱۰ است.", K.DATE, "۱۲ مرداد ۱۳۱۰"),
    ("fa", "در تاریخ ۱۴۰۲/۰۵/۱۲ بستری شد.", K.DATE, "۱۴۰۲/۰۵/۱۲"),
    ("fa", "روز ۱۷ دی ماه ترخیص شد.", K.DATE, "۱۷ دی"),
    ("fa", "در ۵ مارس ۲۰۲۴ جراحی شد.", K.DATE, "۵ مارس ۲۰۲۴"),
    # ages
    ("en", "Our 93-year-old patient walked out.", K.AGE, "93-year-old"),
    ("en", "Mrs. Roe, aged 94, thanked us.", K.AGE, "94"),
    ("en", "A 3-month-old baby was admitted.", K.AGE, "3-month-old"),
    ("en", "Jane Roe, 97, went home.", K.AGE, "97"),
    ("en", "She is in her 90s and still gardening.", K.AGE, "90s"),
    ("ar", "المريض البالغ من العمر ٩٣ عاماً غادر.", K.AGE, "٩٣ عاماً"),
    ("ar", "عمره ٩٣ عاماً.", K.AGE, "٩٣ عاماً"),
    ("ar", "رجل في الـ 92 من عمره.", K.AGE, "92 من عمره"),
    ("fa", "بیمار ۹۳ ساله ما مرخص شد.", K.AGE, "۹۳ ساله"),
    ("fa", "در سن ۸۰ سالگی جراحی شد.", K.AGE, "۸۰ سالگی"),
    ("fa", "نوزاد ۳ ماهه بستری شد.", K.AGE, "۳ ماهه"),
    # names: cues and lexicons
    ("en", "Our patient Mrs. Jane Roe went home.", K.PERSON_NAME, "Jane Roe"),
    ("en", "Mr. O'Brien thanked the nurses.", K.PERSON_NAME, "O'Brien"),
    ("en", "My son Omar is doing well.", K.PERSON_NAME, "Omar"),
    ("en", "Get well soon, Emily Chen!", K.PERSON_NAME, "Emily Chen"),
    (
        "en",
        "Khalid bin Salman Al-Harbi was transferred.",
        K.PERSON_NAME,
        "Khalid bin Salman Al-Harbi",
    ),
    ("en", "Sarah's mother brought her in.", K.PERSON_NAME, "Sarah"),
    ("en", "The patient Okonkwo was seen today.", K.PERSON_NAME, "Okonkwo"),
    ("ar", "المريض أحمد محمد الزهراني غادر.", K.PERSON_NAME, "أحمد محمد الزهراني"),
    ("ar", "السيدة نورة بنت سعد الدوسري شكرت الفريق.", K.PERSON_NAME, "نورة بنت سعد الدوسري"),
    ("ar", "شكرًا للدكتور خالد العتيبي.", K.PERSON_NAME, "خالد العتيبي"),
    ("ar", "توفيت الحاجة أم خالد.", K.PERSON_NAME, "أم خالد"),
    ("ar", "غادر ناصر آل عواض المستشفى اليوم.", K.PERSON_NAME, "ناصر آل عواض"),
    (
        "en",
        "She lives at 2328 Figueroa Skyway Apt. 290.",
        K.STREET_ADDRESS,
        "2328 Figueroa Skyway Apt. 290",
    ),
    ("fa", "بیمار ما خانم مریم احمدی مرخص شد.", K.PERSON_NAME, "مریم احمدی"),
    ("fa", "آقای رضایی از کادر درمان تشکر کرد.", K.PERSON_NAME, "رضایی"),
    ("fa", "مادربزرگم فاطمه سادات حسینی فوت کرد.", K.PERSON_NAME, "فاطمه سادات حسینی"),
    ("fa", "پسرم امیرعلی ۵ ساله است.", K.PERSON_NAME, "امیرعلی"),
    # addresses, postal codes, small places
    (
        "en",
        "She lives at 42 Elm Street, Apt 3, Springfield, IL 62704.",
        K.STREET_ADDRESS,
        "42 Elm Street, Apt 3, Springfield, IL 62704",
    ),
    ("en", "He came from the village of Little Hampton.", K.PLACE, "Little Hampton"),
    ("en", "Send it to London NW1 6XE.", K.POSTAL_CODE, "NW1 6XE"),
    (
        "fa",
        "ساکن تهران، خیابان آزادی، کوچه ۱۲، پلاک ۴ است.",
        K.STREET_ADDRESS,
        "خیابان آزادی، کوچه ۱۲، پلاک ۴",
    ),
    ("fa", "از روستای اسفندآباد آمد.", K.PLACE, "اسفندآباد"),
    (
        "ar",
        "يسكن في حي الملقا، شارع الأمير سلطان، مبنى 12.",
        K.STREET_ADDRESS,
        "حي الملقا، شارع الأمير سلطان، مبنى 12",
    ),
    ("ar", "من قرية ميت غمر.", K.PLACE, "ميت غمر"),
    # web
    ("en", "Write to jane.roe@example.org today.", K.EMAIL, "jane.roe@example.org"),
    ("fa", "ایمیل: ali.ahmadi1360@yahoo.com است", K.EMAIL, "ali.ahmadi1360@yahoo.com"),
    (
        "en",
        "See https://instagram.com/jane.roe.recovery.",
        K.URL,
        "https://instagram.com/jane.roe.recovery",
    ),
    ("ar", "الموقع www.example.org/ahmad", K.URL, "www.example.org/ahmad"),
    ("en", "Login from 203.0.113.45 was blocked.", K.IP_ADDRESS, "203.0.113.45"),
    ("en", "Host 2001:db8::ff00:42:8329 replied.", K.IP_ADDRESS, "2001:db8::ff00:42:8329"),
    # biometrics tied to a person
    ("en", "We stored his fingerprints.", K.BIOMETRIC, "his fingerprints"),
    ("en", "The patient's DNA profile is attached.", K.BIOMETRIC, "The patient's DNA profile"),
    ("ar", "هذه بصمات المريض.", K.BIOMETRIC, "بصمات المريض"),
    ("fa", "اثر انگشت بیمار ثبت شد.", K.BIOMETRIC, "اثر انگشت بیمار"),
]


@pytest.mark.parametrize(("lang", "text", "kind", "expected"), POSITIVES)
def test_identifier_is_found_with_exact_text(lang: str, text: str, kind: K, expected: str) -> None:
    assert expected in _texts(text, lang, kind)


NEGATIVES = [
    # words that double as names, in ordinary sentences
    ("en", "Hope you are well. May is Mental Health Awareness Month.", K.PERSON_NAME),
    ("en", "Rose Hill Clinic opens Monday, Grace Street entrance.", K.PERSON_NAME),
    ("en", "Join us at Mayo Clinic and King Faisal Specialist Hospital.", K.PERSON_NAME),
    ("en", "Will you come to the screening? Bill it to insurance.", K.PERSON_NAME),
    ("ar", "أمل كبير أن يتعافى الجميع. نور العلم يضيء الطريق.", K.PERSON_NAME),
    ("ar", "جلس على الكرسي في مستشفى الملك فهد.", K.PERSON_NAME),
    ("ar", "انضموا إلينا يوم السبت لفحص مجاني.", K.PERSON_NAME),
    ("fa", "امید داریم بهار امسال سلامتی بیاورد.", K.PERSON_NAME),
    ("fa", "بیمارستان امام رضا نیازی به نوبت ندارد.", K.PERSON_NAME),
    ("fa", "یک خانم جوان به اورژانس آمد.", K.PERSON_NAME),
    ("fa", "فشار خون ۱۲۰/۸۰ سالم است.", K.PERSON_NAME),
    ("ar", "حصة توعوية عن سرطان الثدي يوم الخميس.", K.PERSON_NAME),
    ("en", "Thank you to Johnson & Johnson for the grant.", K.PERSON_NAME),
    # years, event dates without a day, ratios
    ("en", "Our hospital opened in 1931 and grew in March.", K.DATE),
    ("en", "Open 24/7; the ratio was 3/4.", K.DATE),
    ("fa", "در سال ۱۴۰۲ به ۴۵۰۰ بیمار خدمت کردیم.", K.DATE),
    # durations and audiences are not ages
    ("en", "Adults aged 65 and over, children ages 5-12.", K.AGE),
    ("en", "We have served the city for 93 years.", K.AGE),
    ("ar", "نخدم المدينة منذ 93 عامًا.", K.AGE),
    ("fa", "برنامه ۵ ساله بیمارستان اعلام شد.", K.AGE),
    # streets in everyday speech, technology without a person
    ("fa", "در خیابان شلوغ بود.", K.STREET_ADDRESS),
    ("ar", "تواصلوا معنا عن طريق الهاتف.", K.STREET_ADDRESS),
    ("en", "Fingerprint scanners now secure our pharmacy.", K.BIOMETRIC),
    ("ar", "أجهزة البصمة الجديدة تؤمن الصيدلية.", K.BIOMETRIC),
    ("en", "Version 10.2.3.4 fixes bugs.", K.IP_ADDRESS),
]


@pytest.mark.parametrize(("lang", "text", "kind"), NEGATIVES)
def test_hard_negative_is_not_reported(lang: str, text: str, kind: K) -> None:
    assert _texts(text, lang, kind) == []


def test_date_detail_names_the_event() -> None:
    ids = scan_identifiers("Born 12 March 1931, admitted 2024-03-12.", "en")
    details = [i.detail for i in ids if i.kind is K.DATE]
    assert details[0].startswith("date of birth")
    assert details[1].startswith("admission date")


def test_name_detail_says_which_cue_found_it() -> None:
    ids = {i.text: i.detail for i in scan_identifiers("Dr. Sara Lee met our patient Omar.", "en")}
    assert ids["Sara Lee"].startswith("staff:")
    assert ids["Omar"].startswith("patient:")
