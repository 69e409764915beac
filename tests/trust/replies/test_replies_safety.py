"""Reply safety: what a social media manager's reply must and must not do."""

import pytest

from nabz.trust import check


def reply(text, incoming, language, **settings):
    context = {"incoming": incoming}
    if settings:
        context["settings"] = settings
    return check(text, language=language, kind="reply", context=context)


def codes(report):
    return [f.code for f in report.findings if f.code.startswith("RPL")]


@pytest.mark.parametrize(
    ("incoming", "language", "snippet"),
    [
        ("I have crushing chest pain", "en", "call your local emergency number"),
        ("عندي ألم في صدري وما أقدر أتنفس", "ar", "رقم الطوارئ المحلي"),
        ("قفسه سینه‌ام درد می‌کند", "fa", "اورژانس محل خود"),
    ],
)
def test_emergency_reply_without_guidance_is_blocked_with_guidance_in_their_language(
    incoming, language, snippet
):
    report = reply("Please DM us your details.", incoming, "en")
    finding = next(f for f in report.findings if f.code == "RPL605")
    assert finding.severity == "block"
    assert not report.ok
    assert snippet in finding.data["suggested_text"]
    assert finding.data["language"] == language
    assert finding.data["suggested_text"] in finding.fix_hint


def test_emergency_suggestion_uses_the_workspace_number_and_satisfies_the_rule():
    report = reply("We're here for you.", "بدي انتحر", "ar", emergency_number="937")
    finding = next(f for f in report.findings if f.code == "RPL605")
    suggestion = finding.data["suggested_text"]
    assert "937" in suggestion and "suicide" in finding.data["emergency"]
    # Sending the suggested text instead clears the finding.
    fixed = reply(suggestion, "بدي انتحر", "ar", emergency_number="937")
    assert "RPL605" not in codes(fixed)


def test_calling_the_configured_number_counts_as_guidance():
    report = reply(
        "Please ring 0800 123 now.", "he can't breathe", "en", emergency_number="0800 123"
    )
    assert "RPL605" not in codes(report)


def test_negated_symptom_is_not_an_emergency():
    incoming = check(
        "No chest pain, just a mild cough since Monday.", language="en", kind="incoming"
    )
    assert "RPL606" not in incoming.codes()
    incoming_fa = check("درد قفسه سینه ندارم، فقط سرفه می‌کنم.", language="fa", kind="incoming")
    assert "RPL606" not in incoming_fa.codes()


def test_incoming_emergency_finding_points_at_the_words_and_suggests_guidance():
    text = "help, my dad is having a stroke, his face is drooping"
    report = check(text, language="en", kind="incoming")
    spans = [f.text for f in report.findings if f.code == "RPL606"]
    assert spans == ["having a stroke", "face is drooping"]
    assert all(f.severity == "warn" for f in report.findings if f.code == "RPL606")


def test_patient_confirmation_span_in_persian_and_arabic():
    fa = reply("جواب آزمایش‌تان آماده است.", "جواب چی شد؟", "fa")
    assert [f.text for f in fa.findings if f.code == "RPL601"] == ["جواب آزمایش‌تان"]
    ar = reply("نأسف لأن إقامتك معنا لم تكن مريحة.", "الخدمة سيئة", "ar")
    assert [f.text for f in ar.findings if f.code == "RPL601"] == ["إقامتك"]


def test_generic_booking_information_does_not_confirm_a_patient():
    report = reply("You can book your appointment at our clinic online.", "How do I book?", "en")
    assert "RPL601" not in codes(report)


def test_repeating_the_diagnosis_is_blocked_and_generic_mention_only_warned():
    incoming = "I was just diagnosed with high blood pressure, can I get a check-up?"
    tied = reply("Sorry about your hypertension. Please DM us.", incoming, "en")
    finding = next(f for f in tied.findings if f.code == "RPL602")
    assert finding.text == "hypertension" and finding.severity == "block"
    generic = reply("Our blood pressure clinic runs on Mondays. Please DM us.", incoming, "en")
    found = [f for f in generic.findings if f.code == "RPL602"]
    assert found and all(f.severity == "warn" for f in found)


def test_no_health_details_in_incoming_means_no_repeat_and_no_private_channel_needed():
    report = reply(
        "Yes, our diabetes clinic is open on Saturdays.", "Is the diabetes clinic open?", "en"
    )
    assert codes(report) == []


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Take 500 mg of paracetamol every 6 hours.", "en"),
        ("خذ حبتين من البنادول الآن.", "ar"),
        ("روزی دو بار بخورید.", "fa"),
        ("You probably have a urinary tract infection.", "en"),
        ("احتمالا شما میگرن دارید.", "fa"),
    ],
)
def test_individual_advice_is_blocked(text, language):
    report = reply(text, "I feel awful", language)
    assert "RPL603" in codes(report)


def test_deferring_to_a_clinician_is_not_advice():
    report = reply(
        "Please don't stop taking your medicine without talking to your doctor.",
        "Can I stop?",
        "en",
    )
    assert "RPL603" not in codes(report)


def test_private_channel_suggestion_in_the_reply_language():
    report = reply("سلامتك!", "ابني عنده ربو والبخاخ خلص", "ar")
    finding = next(f for f in report.findings if f.code == "RPL604")
    assert "رسالة خاصة" in finding.data["suggested_text"]
    assert "RPL604" not in codes(reply(finding.data["suggested_text"], "ابني عنده ربو", "ar"))


def test_incoming_kind_reports_triage_but_not_reply_rules():
    report = check("My son has asthma and needs a new inhaler.", language="en", kind="incoming")
    assert codes(report) == ["RPL607"]
    assert report.findings[0].severity == "info"


def test_post_kind_does_not_run_reply_rules():
    assert codes(check("Your results are ready.", language="en")) == []


def test_reply_rules_handle_100kb():
    # (Their speed is measured by bench/trust_linear.py, not asserted here.)
    text = ("Take 2 tablets. Your results are ready. Please DM us. " * 2000)[:100_000]
    assert reply(text, "I have chest pain and my diabetes is bad", "en").findings
