"""PHI111 and PHI112: licence, vehicle and device numbers; biometrics."""

from __future__ import annotations

from collections.abc import Iterator

from nabz.trust.document import Document
from nabz.trust.identifiers.privacy_context import (
    is_staff_context,
    staff_near,
)
from nabz.trust.model import Severity
from nabz.trust.registry import Hit, rule
from nabz.trust.rules.privacy._shared import (
    K,
    _open,
    _removed,
)


# --- PHI111 licence, vehicle, device -------------------------------------------------------------
@rule(
    code="PHI111",
    title="Licence, vehicle or device identifier",
    severity=Severity.BLOCK,
    message={
        "en": "A licence, certificate, vehicle plate, VIN or device serial number. Each "
        "belongs to one person or one implanted device.",
        "ar": "رقم رخصة أو شهادة أو لوحة سيارة أو رقم هيكل أو رقم تسلسلي لجهاز، وكلها "
        "تخص شخصًا واحدًا أو جهازًا مزروعًا واحدًا.",
        "fa": "شماره گواهینامه، پروانه، پلاک خودرو، شماره شاسی یا سریال دستگاه؛ هر کدام "
        "متعلق به یک نفر یا یک دستگاه کاشتنی است.",
    },
    fix={
        "en": "Remove the identifier.",
        "ar": "احذف الرقم.",
        "fa": "شناسه را حذف کنید.",
    },
    examples={
        "en": {
            "fire": [
                "The patient's pacemaker serial number: PM-20931-X7.",
                "Our patient's car, plate 7ABC123, is still in the visitor lot.",
                "Patient's driver's license D1234567 was found in the ER.",
            ],
            "pass": [
                "Our new MRI scanner arrives next week.",
                {
                    "text": "Dr. Lee, medical license 123456, joins our team.",
                    "context": {"pillar": "staff_spotlight"},
                },
                "Parking is free for patients and visitors.",
            ],
        },
        "ar": {
            "fire": [
                "الرقم التسلسلي لجهاز المريض SN-448213",
                "سيارة المريض رقم اللوحة 4521 ABC ما زالت في الموقف.",
                "رخصة القيادة الخاصة بالمريض رقم 10234567",
            ],
            "pass": [
                "يصل جهاز الرنين المغناطيسي الجديد الأسبوع القادم.",
                "المواقف مجانية للمرضى والزوار.",
                "نرحب بالدكتور خالد في فريقنا.",
            ],
        },
        "fa": {
            "fire": [
                "شماره سریال دستگاه بیمار SN-448213 است.",
                "خودروی بیمار با پلاک ۱۲ ب ۳۴۵ ایران ۶۷ در پارکینگ است.",
                "گواهینامه بیمار به شماره ۹۸۷۶۵۴۳۲ پیدا شد.",
            ],
            "pass": [
                "دستگاه ام‌آر‌آی جدید هفته آینده می‌رسد.",
                "پارکینگ برای بیماران و همراهان رایگان است.",
                {
                    "text": "دکتر کریمی با شماره نظام پزشکی ۱۲۳۴۵ به تیم ما پیوست.",
                    "context": {"pillar": "staff_spotlight"},
                },
            ],
        },
    },
)
def licence_vehicle_device(doc: Document) -> Iterator[Hit]:
    """What it does
    Flags licence and certificate numbers, vehicle plates (Iranian plate structure,
    plates after "plate"/"لوحة"/"پلاک خودرو"), VINs (check digit), and device
    identifiers (serials, IMEI, MAC addresses, GS1 UDI). A clinician's licence number
    in a staff spotlight does not fire.

    Why it matters
    Certificate/licence numbers, vehicle identifiers and device identifiers and serial
    numbers are HIPAA Safe Harbor identifiers (K, L, M).

    Example
    "The patient's pacemaker serial number: PM-20931-X7."

    Use instead
    "The patient received a new pacemaker."

    References
    - https://www.hhs.gov/hipaa/for-professionals/privacy/special-topics/de-identification/index.html
    """
    found = _open(doc, (K.LICENSE_NUMBER, K.VEHICLE_ID, K.DEVICE_ID))
    staff = is_staff_context(doc) if found else False
    for ident in found:
        if ident.kind is K.LICENSE_NUMBER and (staff or staff_near(doc, ident)):
            continue
        yield Hit(
            ident.start,
            ident.end,
            replacement=_removed("number", doc),
            data={"kind": str(ident.kind), "detail": ident.detail},
        )


# --- PHI112 biometrics ---------------------------------------------------------------------------
@rule(
    code="PHI112",
    title="Biometric identifier of a person",
    severity=Severity.BLOCK,
    message={
        "en": "A biometric of a person: fingerprints, iris or retina scans, voiceprints, "
        "face geometry or a DNA profile. These cannot be changed once exposed.",
        "ar": "معرّف حيوي لشخص: بصمات أو مسح القزحية أو الشبكية أو بصمة الصوت أو ملامح "
        "الوجه أو الحمض النووي، ولا يمكن تغييرها بعد كشفها.",
        "fa": "شناسه زیستی یک فرد: اثر انگشت، اسکن عنبیه یا شبکیه، اثر صوتی، هندسه چهره "
        "یا DNA؛ پس از افشا دیگر قابل تغییر نیست.",
    },
    fix={
        "en": "Remove any biometric data or images of it.",
        "ar": "احذف أي بيانات حيوية أو صور لها.",
        "fa": "هر داده زیستی یا تصویر آن را حذف کنید.",
    },
    examples={
        "en": {
            "fire": [
                "We attached the patient's fingerprints to the post for the police.",
                "Here is her DNA profile, shared with the family's permission.",
                "The voiceprint of Mr. Roe is used to unlock his room.",
            ],
            "pass": [
                "Fingerprint scanners now secure our pharmacy.",
                "DNA testing can guide some cancer treatments.",
                "Our lab now offers genetic counselling.",
            ],
        },
        "ar": {
            "fire": [
                "هذه بصمات المريض التي أخذناها عند الدخول.",
                "نتائج الحمض النووي للمريض متاحة هنا.",
                "تم تسجيل بصمة العين للمريضة في النظام وهذه صورتها.",
            ],
            "pass": [
                "أجهزة البصمة الجديدة تؤمن الصيدلية.",
                "فحص الحمض النووي يساعد في اختيار بعض العلاجات.",
                "نقدم الاستشارات الوراثية في مختبرنا.",
            ],
        },
        "fa": {
            "fire": [
                "اثر انگشت بیمار در تصویر زیر آمده است.",
                "اسکن عنبیه او برای ورود به بخش ثبت شد.",
                "پروفایل ژنتیکی بیمار را اینجا ببینید.",
            ],
            "pass": [
                "دستگاه‌های اثر انگشت داروخانه را ایمن می‌کنند.",
                "آزمایش DNA به انتخاب برخی درمان‌ها کمک می‌کند.",
                "مشاوره ژنتیک در آزمایشگاه ما انجام می‌شود.",
            ],
        },
    },
)
def biometric(doc: Document) -> Iterator[Hit]:
    """What it does
    Flags mentions of a person's fingerprints, iris or retina scans, voiceprints, face
    geometry or DNA profile ("his fingerprints", "بصمات المريض", "اثر انگشت بیمار").
    General mentions of the technology do not fire.

    Why it matters
    Biometric identifiers, including finger and voice prints, are HIPAA Safe Harbor
    identifier (P); unlike a password they cannot be replaced.

    Example
    "We attached the patient's fingerprints."

    Use instead
    Leave biometric data out of public posts entirely.

    References
    - https://www.ecfr.gov/current/title-45/subtitle-A/subchapter-C/part-164/subpart-E/section-164.514
    """
    for ident in doc.identifiers:
        if ident.kind is K.BIOMETRIC:
            yield Hit(ident.start, ident.end)
