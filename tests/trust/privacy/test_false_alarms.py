"""False alarms of the PHI rules on text that names nobody: a weekday that belongs to the
visiting hours, not to the patient, and courtesy words read as names."""

from __future__ import annotations

import pytest

from nabz.trust import Severity, check, scan_identifiers


def _phi(text: str, lang: str) -> set[tuple[str, Severity]]:
    report = check(text, language=lang)
    return {(f.code, f.severity) for f in report.findings if f.code.startswith("PHI")}


# A weekday or date about the hospital's timetable, in a post that also mentions a
# patient in a bed: one quasi-identifier (the bed), so PHI113 may inform but not block,
# and the date is no person's date (no PHI107).
@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Visiting hours change on Monday. Our patient in bed 4 is doing well."),
        (
            "en",
            "Visiting hours on our heart ward change on Monday. For a lift, our patient in "
            "bed 4 says call the front desk.",
        ),
        ("en", "The cafeteria reopens on 3 December. Our patient in room 12 sends thanks."),
        ("ar", "تتغير مواعيد الزيارة في قسم القلب يوم الاثنين. مريضتنا في السرير ٤ بخير."),
        ("ar", "يفتح المقهى أبوابه في ٣ ديسمبر. مريضنا في الغرفة 12 يشكركم."),
        ("fa", "ساعت ملاقات بخش قلب روز دوشنبه تغییر می‌کند. بیمار ما در تخت ۴ حالش خوب است."),
        ("fa", "کافه بیمارستان ۱۲ اسفند باز می‌شود. بیمار ما در اتاق ۱۲ از شما تشکر می‌کند."),
    ],
)
def test_a_date_not_tied_to_the_patient_does_not_count(lang: str, text: str) -> None:
    found = _phi(text, lang)
    assert ("PHI113", Severity.BLOCK) not in found
    assert not any(code == "PHI107" for code, _ in found)


# The same date tied to the patient's event, or said of the patient, still counts.
@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Our patient in bed 4 was admitted on Monday."),
        ("en", "Our patient in bed 4 had her surgery on 3 December."),
        ("en", "Our patient in bed 4 turns a year older on 3 December."),
        ("ar", "مريضتنا في السرير ٤ دخلت المستشفى يوم الاثنين."),
        ("ar", "مريضنا في الغرفة 12 أجريت له العملية في ٣ ديسمبر."),
        ("fa", "بیمار ما در تخت ۴ روز دوشنبه بستری شد."),
        ("fa", "بیمار ما در اتاق ۱۲ در ۱۲ اسفند جراحی شد."),
    ],
)
def test_a_date_tied_to_the_patient_still_counts(lang: str, text: str) -> None:
    found = _phi(text, lang)
    assert ("PHI113", Severity.BLOCK) in found or ("PHI107", Severity.BLOCK) in found, found


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ar", "شكرًا يا دكتور على كل شيء."),
        ("ar", "شكرًا لكم جميعًا."),
        ("ar", "شكرًا جزيلًا للفريق الطبي."),
        ("ar", "شكرا على الرعاية الممتازة."),
        ("ar", "نشكر كل من ساهم في الحملة."),
        ("ar", "مبروك للجميع النجاح."),
        ("fa", "شکراً از همه همکاران."),
        ("fa", "ممنون از همه."),
        ("fa", "ممنون بابت صبر شما."),
        ("fa", "ممنون که همراه ما بودید."),
        ("fa", "ممنون عزیزان."),
        ("fa", "خیلی ممنون پرستاران بخش اطفال."),
    ],
)
def test_thanks_words_are_not_names(lang: str, text: str) -> None:
    names = [i.text for i in scan_identifiers(text, language=lang) if i.kind.value == "PERSON_NAME"]
    assert names == []
    assert not any(code == "PHI101" for code, _ in _phi(text, lang))


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        ("ar", "شكرًا سارة القحطاني على رسالتك.", "سارة القحطاني"),
        ("fa", "ممنون مریم رضایی بابت پیامت.", "مریم رضایی"),
    ],
)
def test_a_name_after_thanks_is_still_found(lang: str, text: str, name: str) -> None:
    names = [i.text for i in scan_identifiers(text, language=lang) if i.kind.value == "PERSON_NAME"]
    assert name in names


# Found by running the detectors over the safe texts of bench/eval and the myth base.
@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ar", "شكرا لممرضات المناوبة الليلية."),
        ("ar", "شكرا لكلماتك الجميلة، سننقلها للفريق."),
        ("ar", "المشي مفيد لقلبك. امش نصف ساعة في معظم الأيام."),
        ("ar", "الاكتئاب ضعف في الشخصية أو قلة إيمان وليس مرضاً."),
        ("ar", "بشرة أصغر بعشر سنوات في أسبوع واحد."),
        ("fa", "روزهای گرم در راه است. زیاد آب بنوشید حتی اگر تشنه نیستید."),
        ("fa", "به گفته سازمان جهانی بهداشت، ترک سیگار خطر بیماری قلبی را کم می‌کند."),
        ("fa", "ساعت ملاقات روز جمعه چه زمانی است؟"),
        ("fa", "به جای درمان می‌تواند به قیمت جان بیمار تمام شود."),
    ],
)
def test_ordinary_words_in_health_prose_are_not_names(lang: str, text: str) -> None:
    names = [i.text for i in scan_identifiers(text, language=lang) if i.kind.value == "PERSON_NAME"]
    assert names == []


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        ("fa", "زیاد رحمانی امروز مرخص شد.", "زیاد رحمانی"),
        ("ar", "إيمان الشمري غادرت المستشفى.", "إيمان الشمري"),
    ],
)
def test_those_words_with_a_family_name_are_still_names(lang: str, text: str, name: str) -> None:
    names = [i.text for i in scan_identifiers(text, language=lang) if i.kind.value == "PERSON_NAME"]
    assert name in names
