"""Addresses, dates and ages in the forms people write them, found by their structure.

Each text uses street names, places and people that no word list of the engine holds,
so a detector passes only by the shape of the expression.
"""

from __future__ import annotations

import pytest

from nabz.trust import check, scan_identifiers


def _found(text: str, language: str, kind: str) -> list[str]:
    return [i.text for i in scan_identifiers(text, language=language) if i.kind.value == kind]


@pytest.mark.parametrize(
    ("language", "text", "address"),
    [
        ("en", "A cyclist from Juniper Lane is still in intensive care.", "Juniper Lane"),
        ("en", "Ms. Thornbury from Elmhurst Drive was readmitted.", "Elmhurst Drive"),
        ("en", "The clinic at Hauptstraße 12, 10115 Berlin opens soon.", "Hauptstraße 12"),
        ("en", "She moved to 221 Keizersgracht after her treatment.", "221 Keizersgracht"),
        ("en", "We met her at home on Via Garibaldi 14 in Turin.", "Via Garibaldi 14"),
        ("en", "She wrote from 8 rue des Lilas, Lyon, after her transplant.", "8 rue des Lilas"),
        ("en", "The donor lives on Calle Mayor 23 in Zaragoza.", "Calle Mayor 23"),
        ("en", "Delivery address: Villa 12, Street 45, Al Barsha.", "Villa 12, Street 45"),
        ("en", "He lives at Block 3, Road 2410, Manama.", "Block 3, Road 2410"),
        ("en", "Send it to Building 7, Olaya Street, Riyadh.", "Building 7, Olaya Street"),
        ("ar", "يسكن في شارع الورود، مبنى ١٨ بجوار المسجد.", "شارع الورود، مبنى ١٨"),
        ("fa", "نشانی: بلوار فردوس، کوچه لاله، پلاک ۲۱", "بلوار فردوس، کوچه لاله، پلاک ۲۱"),
    ],
)
def test_street_addresses_by_structure(language: str, text: str, address: str) -> None:
    assert address in _found(text, language, "STREET_ADDRESS")


def test_postcodes_after_an_address() -> None:
    assert "10115" in _found("The clinic at Hauptstraße 12, 10115 Berlin.", "en", "POSTAL_CODE")
    assert "١١٥٦٤" in _found("العنوان: ص.ب ٤٤٢١، الرياض ١١٥٦٤.", "ar", "POSTAL_CODE")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Take two tablets a day with food."),
        ("en", "Road safety week starts soon: wear a helmet."),
        ("en", "Our new MRI scanner arrives in 2026."),
        ("en", "Street food can be healthy too: choose grilled over fried."),
        ("fa", "ساعت ملاقات از ده صبح تا هشت شب است."),
        ("fa", "ده دقیقه پیاده‌روی هم مفید است."),
    ],
)
def test_no_address_in_plain_health_talk(language: str, text: str) -> None:
    kinds = {"STREET_ADDRESS", "POSTAL_CODE", "PLACE"}
    assert not [i for i in scan_identifiers(text, language=language) if i.kind.value in kinds]


@pytest.mark.parametrize(
    ("language", "text", "date"),
    [
        ("en", "She went home yesterday after her bypass.", "yesterday"),
        ("en", "He was readmitted the day before yesterday.", "the day before yesterday"),
        ("en", "He had his knee replaced last Tuesday.", "last Tuesday"),
        ("en", "She gave birth to twins two days ago.", "two days ago"),
        ("en", "He had surgery 3 weeks ago and is back at work.", "3 weeks ago"),
        ("en", "She turned 102 on Sunday.", "Sunday"),
        ("en", "He was seen again last week.", "last week"),
        ("en", "Baby Isla arrived Monday morning weighing 3.2 kg.", "Monday morning"),
        ("en", "He has been back home since Tuesday.", "Tuesday"),
        ("ar", "غادرت المستشفى أمس بعد عملية القلب.", "أمس"),
        ("ar", "دخل المستشفى أول أمس بسبب ضيق في التنفس.", "أول أمس"),
        ("ar", "أجرى عملية الركبة الأسبوع الماضي.", "الأسبوع الماضي"),
        ("ar", "خرج الطفل من العناية المركزة قبل يومين.", "قبل يومين"),
        ("ar", "توفيت يوم الخميس الماضي.", "يوم الخميس الماضي"),
        ("fa", "دیروز بعد از عمل قلب مرخص شد.", "دیروز"),
        ("fa", "پریروز از بخش مراقبت‌های ویژه بیرون آمد.", "پریروز"),
        ("fa", "هفته گذشته زانویش را عمل کرد.", "هفته گذشته"),
        ("fa", "سه روز پیش با تنگی نفس بستری شد.", "سه روز پیش"),
        ("fa", "پنجشنبه گذشته درگذشت.", "پنجشنبه گذشته"),
        ("fa", "در بیستم آبان دوره توانبخشی را تمام کرد.", "بیستم آبان"),
    ],
)
def test_every_date_expression_is_a_date(language: str, text: str, date: str) -> None:
    assert date in _found(text, language, "DATE")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Free flu shots this month at all our clinics."),
        ("en", "Our clinics are open on Sundays."),
        ("en", "Last year we treated more patients than ever."),
        ("en", "The clinic is open Monday to Friday, 8 am to 4 pm."),
        ("en", "Classes run Monday through Saturday all winter."),
        ("ar", "قبل العملية يجب الصيام ست ساعات."),
        ("fa", "روزانه هشت لیوان آب بنوشید."),
    ],
)
def test_periods_are_not_dates(language: str, text: str) -> None:
    assert _found(text, language, "DATE") == []


def test_a_relative_date_keeps_its_event() -> None:
    [date] = [
        i
        for i in scan_identifiers("Jennifer Walsh was discharged yesterday.", language="en")
        if i.kind.value == "DATE"
    ]
    assert date.detail.startswith("discharge date") and "relative date" in date.detail


@pytest.mark.parametrize(
    ("language", "text", "age"),
    [
        ("en", "Mrs. Ogunleye turned 102 on Sunday.", "102"),
        ("en", "Flowers for Agnes, who celebrates her 95th birthday today!", "95th birthday"),
        ("ar", "المريض عبدالرحمن الشهري ٥٨ سنة يشكر فريق الكلى.", "٥٨ سنة"),
        ("ar", "الطفلة ذات الست سنوات عادت إلى المدرسة.", "الست سنوات"),
        ("ar", "نهنئ الحاجة مريم بعيد ميلادها المئة.", "المئة"),
        ("fa", "دخترک شش ساله به مدرسه برگشت.", "شش ساله"),
        ("fa", "تولد صد سالگی مادربزرگ را جشن گرفتیم.", "صد سالگی"),
        ("fa", "پدربزرگ هشتاد و پنج ساله ما مرخص شد.", "هشتاد و پنج ساله"),
    ],
)
def test_ages_in_every_form(language: str, text: str, age: str) -> None:
    assert age in _found(text, language, "AGE")


def test_ages_written_out_keep_their_value() -> None:
    report = check("پدربزرگ نود و دو ساله ما امروز مرخص شد.", language="fa")
    assert any(f.code == "PHI108" for f in report.findings)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Our hospital turned 100 this year."),
        ("fa", "برنامه پنج ساله بیمارستان را ببینید."),
    ],
)
def test_not_a_person_s_age(language: str, text: str) -> None:
    assert _found(text, language, "AGE") == []
