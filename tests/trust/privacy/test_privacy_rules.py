"""The PHI rules decide from context: allow-list, staff spotlight, patient stories,
quasi-identifiers, media. Checked through the public ``check()``."""

from __future__ import annotations

from typing import Any

from nabz.trust import Severity, check


def _phi(text: str, lang: str, **context: Any) -> list[tuple[str, str, Severity, str | None]]:
    report = check(text, language=lang, context=context or None)
    return [
        (f.code, f.text, f.severity, f.replacement)
        for f in report.findings
        if f.code.startswith("PHI")
    ]


def _codes(text: str, lang: str, **context: Any) -> set[str]:
    return {code for code, *_ in _phi(text, lang, **context)}


def test_the_organisations_own_contact_details_never_fire() -> None:
    allow = {
        "phones": ["+966 11 464 7272"],
        "emails": ["press@kfsh.example"],
        "domains": ["hospital.example"],
        "addresses": ["42 Elm Street"],
        "names": ["Dr. Sara Lee"],
    }
    text = (
        "Questions? Call 011 464 7272, write to info@hospital.example or press@kfsh.example, "
        "visit https://hospital.example/patients?patient_id=1 or come to 42 Elm Street. "
        "Sara Lee will answer."
    )
    assert _codes(text, "en", settings={"allow": allow}) == set()
    assert {"PHI102", "PHI103", "PHI109", "PHI110"} <= _codes(text, "en")


def test_allowed_phone_matches_in_local_digits_and_international_form() -> None:
    allow = {"settings": {"allow": {"phones": ["966114647272"]}}}
    assert "PHI102" not in _codes("للحجز اتصلوا على ٠١١٤٦٤٧٢٧٢", "ar", **allow)
    assert "PHI102" in _codes("للحجز اتصلوا على ٠١١٤٦٤٧٢٧٣", "ar", **allow)


def test_staff_spotlight_names_a_colleague_not_a_patient() -> None:
    text = "Meet Layla Haddad, who has led our night shift for ten years."
    assert "PHI101" not in _codes(text, "en", pillar="staff_spotlight")
    assert ("PHI101", "Layla Haddad", Severity.BLOCK, "L.") in _phi(
        text, "en", pillar="patient_story"
    )


def test_a_titled_clinician_is_not_flagged_but_the_patient_beside_them_is() -> None:
    findings = _phi("Dr. Ahmed Al-Harbi operated on our patient Omar last week.", "en")
    names = [(text, sev) for code, text, sev, _ in findings if code == "PHI101"]
    assert names == [("Omar", Severity.BLOCK)]


def test_persian_staff_and_patient_names() -> None:
    text = "دکتر علی کریمی جراح قلب، بیمار ما آقای حسین رضایی را عمل کرد."
    names = [t for code, t, *_ in _phi(text, "fa") if code == "PHI101"]
    assert names == ["حسین رضایی"]


def test_arabic_staff_spotlight_and_patient_story() -> None:
    staff = "تعرفوا على الممرضة سارة القحطاني التي تقود فريق العناية المركزة."
    assert "PHI101" not in _codes(staff, "ar", pillar="staff_spotlight")
    story = "المريضة سارة القحطاني غادرت المستشفى اليوم بعد رحلة علاج طويلة."
    assert ("PHI101", "سارة القحطاني") in {(c, t) for c, t, *_ in _phi(story, "ar")}


def test_contact_details_block_in_a_patient_story_and_warn_elsewhere() -> None:
    story = _phi("Our patient's son asked us to share 202-555-0143.", "en")
    plain = _phi("Volunteers, text 202-555-0143 to sign up.", "en")
    assert ("PHI102", "202-555-0143", Severity.BLOCK, "[phone removed]") in story
    assert ("PHI102", "202-555-0143", Severity.WARN, "[phone removed]") in plain


def test_replacements_are_written_in_the_texts_language() -> None:
    fa = _phi("شماره همراه بیمار ما ۰۹۱۲ ۳۴۵ ۶۷۸۹ است.", "fa")
    ar = _phi("رقم جوال المريض ٠٥٠١٢٣٤٥٦٧", "ar")
    assert ("PHI102", "۰۹۱۲ ۳۴۵ ۶۷۸۹", Severity.BLOCK, "[شماره تلفن حذف شد]") in fa
    assert ("PHI102", "٠٥٠١٢٣٤٥٦٧", Severity.BLOCK, "[رقم الهاتف محذوف]") in ar


def test_identifiers_that_only_point_at_one_person_always_block() -> None:
    text = "SSN 078-05-1120, MRN 00482913, card 4111 1111 1111 1111, his fingerprints."
    findings = {code: sev for code, _, sev, _ in _phi(text, "en")}
    for code in ("PHI104", "PHI105", "PHI106", "PHI112"):
        assert findings[code] is Severity.BLOCK


def test_only_ages_over_89_are_flagged() -> None:
    assert "PHI108" in _codes("Our 90-year-old patient went home.", "en")
    assert "PHI108" not in _codes("Our 89-year-old patient went home.", "en")
    assert "PHI108" in _codes("الحاجة في التسعينات؟ لا، عمرها ٩٤ عامًا.", "ar")
    assert "PHI108" not in _codes("عمره ٨٨ عامًا", "ar")


def test_dates_of_events_pass_and_dates_of_a_patient_block() -> None:
    assert "PHI107" not in _codes("Free screening on 12 March 2025 at the main clinic.", "en")
    assert ("PHI107", "12 March 1931", Severity.BLOCK, "[date removed]") in _phi(
        "Our patient, born 12 March 1931, went home.", "en"
    )


def test_one_quasi_identifier_is_info_two_block() -> None:
    one = {(c, s) for c, _, s, _ in _phi("Our patient in room 312 is awake.", "en")}
    two = {(c, s) for c, _, s, _ in _phi("Our patient in room 312, aged 47, is awake.", "en")}
    none = _codes("Room 312 and the whole ward reopen on Monday.", "en")
    assert ("PHI113", Severity.INFO) in one
    assert ("PHI113", Severity.BLOCK) in two
    assert "PHI113" not in none


def test_quasi_identifiers_in_persian_and_arabic() -> None:
    fa = {(c, s) for c, _, s, _ in _phi("بیمار ما در اتاق ۳۱۲ با پروجریا بستری است.", "fa")}
    ar = {(c, s) for c, _, s, _ in _phi("مريضنا في السرير 4 بالعناية المركزة.", "ar")}
    assert ("PHI113", Severity.BLOCK) in fa
    assert ("PHI113", Severity.BLOCK) in ar


def test_iban_in_a_donation_appeal_only_warns() -> None:
    text = "Donate to our children's fund: IBAN SA44 2000 0001 2345 6789 1234"
    assert [(c, s) for c, _, s, _ in _phi(text, "en")] == [("PHI106", Severity.WARN)]


def test_media_with_a_face_or_location_metadata_warns() -> None:
    media = [
        {"id": "a", "identifiable_person": True},
        {"id": "b", "metadata": {"GPSLatitude": "24.7", "Make": "Canon"}},
        {"id": "c", "description": "The new MRI room"},
    ]
    report = check("A big day on the ward!", language="en", context={"media": media})
    found = [(f.code, f.data.get("media_id"), f.data.get("reason")) for f in report.findings]
    assert ("PHI114", "a", "identifiable person") in found
    assert ("PHI114", "b", "metadata") in found
    assert all(media_id != "c" for code, media_id, _ in found if code == "PHI114")


def test_social_profile_of_a_patient_blocks_but_the_hospitals_page_passes() -> None:
    assert "PHI110" in _codes("Follow our patient at https://instagram.com/jane.recovers", "en")
    assert "PHI110" not in _codes("Follow us at https://instagram.com/ourhospital", "en")


def test_finding_offsets_point_at_the_original_persian_text() -> None:
    text = "بیمار‌مان خانم مریم احمدی با کد ملی ۰۰۸۴۵۷۵۹۴۸ مرخص شد."
    report = check(text, language="fa")
    for finding in report.findings:
        assert text[finding.start : finding.end] == finding.text
    assert any(f.code == "PHI104" and f.text == "۰۰۸۴۵۷۵۹۴۸" for f in report.findings)
