"""PHI110: links and IP addresses that point at a person."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from nabz.trust.document import Document
from nabz.trust.identifiers.privacy_context import (
    is_patient_context,
)
from nabz.trust.model import Severity
from nabz.trust.registry import Hit, rule
from nabz.trust.rules.privacy._shared import (
    K,
    _open,
    _removed,
)

# --- PHI110 URLs and IPs -------------------------------------------------------------------------
_PROFILE_HOSTS = regex.compile(
    r"^(?:[\w-]+\.)?(?:facebook\.com|fb\.com|instagram\.com|x\.com|twitter\.com|tiktok\.com|"
    r"linkedin\.com|t\.me|telegram\.me|wa\.me|youtube\.com|snapchat\.com|threads\.net|"
    r"bsky\.app|aparat\.com|virgool\.io)$"
)
_PERSONAL_QUERY = regex.compile(
    r"[?&](?:patient|patient_?id|pid|mrn|name|user|uid|email|phone|national_?id|ssn)=",
    regex.IGNORECASE,
)


@rule(
    code="PHI110",
    title="Link or IP address that points at a person",
    severity=Severity.BLOCK,
    message={
        "en": "A link or IP address that leads to a person: a personal profile, a page "
        "with a patient's details, or a device's address.",
        "ar": "رابط أو عنوان IP يقود إلى شخص: حساب شخصي أو صفحة فيها بيانات مريض أو عنوان جهاز.",
        "fa": "پیوند یا نشانی IP که به یک فرد می‌رسد: صفحه شخصی، صفحه‌ای با اطلاعات بیمار "
        "یا نشانی یک دستگاه.",
    },
    fix={
        "en": "Remove the link, or link to the organisation's own page instead.",
        "ar": "احذف الرابط، أو ضع رابط صفحة المنشأة بدلًا منه.",
        "fa": "پیوند را حذف کنید یا به جای آن پیوند صفحه سازمان را بگذارید.",
    },
    examples={
        "en": {
            "fire": [
                "Follow our patient's journey at https://instagram.com/jane.roe.recovery",
                "Patient portal: https://portal.example.org/record?patient_id=4471",
                "The patient's home camera at 203.0.113.45 recorded the fall.",
            ],
            "pass": [
                "Read more on flu at https://www.who.int/health-topics/influenza",
                {
                    "text": "Book online at https://hospital.example/book",
                    "context": {"settings": {"allow": {"domains": ["hospital.example"]}}},
                },
                "Follow us on https://instagram.com/ourhospital",
            ],
        },
        "ar": {
            "fire": [
                "تابعوا رحلة المريض على https://instagram.com/ahmad.recovery",
                "ملف المريض: https://portal.example.org/file?mrn=7734521",
                "عنوان جهاز المريضة 203.0.113.45",
            ],
            "pass": [
                "اقرأ المزيد على https://www.who.int/ar",
                "تابعونا على https://instagram.com/ourhospital",
                "نصائح صحية يومية على حساباتنا.",
            ],
        },
        "fa": {
            "fire": [
                "مسیر درمان بیمار ما را در https://instagram.com/maryam.recovery دنبال کنید.",
                "پرونده بیمار: https://portal.example.org/file?mrn=7734521",
                "نشانی دستگاه بیمار 203.0.113.45 است.",
            ],
            "pass": [
                "اطلاعات بیشتر: https://www.who.int/fa",
                "ما را در https://instagram.com/ourhospital دنبال کنید.",
                "نکات سلامت را هر روز در صفحه ما بخوانید.",
            ],
        },
    },
)
def person_link(doc: Document) -> Iterator[Hit]:
    """What it does
    Flags IP addresses, links with personal query fields (patient, mrn, id, email),
    and personal social-media profiles in a patient's context. Links to the
    organisation's own domains (allow-list) and to public health sites never fire.

    Why it matters
    Web URLs and IP addresses are HIPAA Safe Harbor identifiers (N, O) when they point
    at an individual.

    Example
    "Follow our patient's journey at https://instagram.com/jane.roe.recovery"

    Use instead
    "Read our patient stories on our website." (with consent)

    References
    - https://www.ecfr.gov/current/title-45/subtitle-A/subchapter-C/part-164/subpart-E/section-164.514
    """
    links = _open(doc, (K.URL, K.IP_ADDRESS))
    if not links:
        return
    patient = is_patient_context(doc)
    for ident in links:
        if ident.kind is K.IP_ADDRESS:
            yield Hit(
                ident.start,
                ident.end,
                replacement=_removed("link", doc),
                severity=Severity.BLOCK if patient else Severity.WARN,
            )
            continue
        url = ident.text
        rest = url.lower().split("//", 1)[-1]
        host, _, path = rest.partition("/")
        host = host.removeprefix("www.")
        personal_query = _PERSONAL_QUERY.search(url) is not None
        profile = bool(_PROFILE_HOSTS.match(host)) and bool(path.strip("/"))
        if personal_query or (profile and (patient or host in ("wa.me", "t.me"))):
            yield Hit(
                ident.start, ident.end, replacement=_removed("link", doc), data={"host": host}
            )
