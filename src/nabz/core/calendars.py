"""Dates and digits the way each interface language writes them (F4).

English: Gregorian, ASCII digits. Persian: Jalali calendar (jdatetime), Persian
digits. Arabic: Gregorian with the Umm al-Qura Hijri date beside it (hijridate),
Arabic-Indic digits.
"""

from __future__ import annotations

import datetime as dt

import jdatetime
from hijridate import Gregorian

PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")

JALALI_MONTHS = (
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
)
ARABIC_GREGORIAN_MONTHS = (
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
)
HIJRI_MONTHS = (
    "محرم",
    "صفر",
    "ربيع الأول",
    "ربيع الآخر",
    "جمادى الأولى",
    "جمادى الآخرة",
    "رجب",
    "شعبان",
    "رمضان",
    "شوال",
    "ذو القعدة",
    "ذو الحجة",
)
ENGLISH_MONTHS = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)


def local_digits(value: object, language: str) -> str:
    text = str(value)
    if language == "fa":
        return text.translate(PERSIAN_DIGITS)
    if language == "ar":
        return text.translate(ARABIC_DIGITS)
    return text


def hijri(day: dt.date) -> tuple[int, int, int] | None:
    """(year, month, day) in the Umm al-Qura calendar, or None outside its range."""
    try:
        h = Gregorian(day.year, day.month, day.day).to_hijri()
    except (OverflowError, ValueError):
        return None
    return h.year, h.month, h.day


def format_date(day: dt.date, language: str) -> str:
    if language == "fa":
        j = jdatetime.date.fromgregorian(date=day)
        return local_digits(f"{j.day} {JALALI_MONTHS[j.month - 1]} {j.year}", "fa")
    if language == "ar":
        text = f"{day.day} {ARABIC_GREGORIAN_MONTHS[day.month - 1]} {day.year}"
        h = hijri(day)
        if h:
            text += f" ({h[2]} {HIJRI_MONTHS[h[1] - 1]} {h[0]} هـ)"
        return local_digits(text, "ar")
    return f"{day.day} {ENGLISH_MONTHS[day.month - 1]} {day.year}"


def format_datetime(moment: dt.datetime, language: str) -> str:
    return (
        f"{format_date(moment.date(), language)} {local_digits(moment.strftime('%H:%M'), language)}"
    )
