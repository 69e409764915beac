"""check(): workspace switches, severities, message language, score, bad input."""

from __future__ import annotations

import pytest

from nabz.trust import InputError, check, trust_score
from nabz.trust.engine import BLOCKED_CAP, SCORE_WEIGHTS
from nabz.trust.model import Finding, Severity
from nabz.trust.registry import all_rules

STORY = "Meet Sara, who beat breast cancer after eight months of treatment with us."
STORY_FA = "با مریم آشنا شوید؛ او پس از هشت ماه درمان در بیمارستان ما سرطان را شکست داد."


# Other families have their own opinion of these texts (a first name in a story is
# PHI); these tests are about the engine, so only the consent rules run.
OTHERS = [r.code for r in all_rules() if r.family != "CON"]


def only_consent(**context: object) -> dict[str, object]:
    settings = dict(context.pop("settings", {}) or {})  # type: ignore[call-overload]
    settings["disabled_rules"] = [*OTHERS, *settings.get("disabled_rules", [])]
    return {**context, "settings": settings}


def _finding(severity: Severity) -> Finding:
    return Finding("CON201", severity, 0, 1, "x", "m", "f", "t")


def test_clean_text_scores_100_and_is_publishable() -> None:
    report = check("Flu vaccines are free at all our clinics this week.", language="en")
    assert report.score == 100 and report.ok and report.findings == ()


def test_blocking_finding_caps_the_score_and_blocks() -> None:
    report = check(STORY, language="en", context=only_consent())
    assert not report.ok
    assert report.score <= BLOCKED_CAP
    assert [f.code for f in report.blocking] == ["CON201"]


def test_score_formula_multiplies_per_finding() -> None:
    assert trust_score([]) == 100
    assert trust_score([_finding(Severity.WARN)]) == round(100 * (1 - SCORE_WEIGHTS[Severity.WARN]))
    two_notes_one_warning = [_finding(Severity.INFO)] * 2 + [_finding(Severity.WARN)]
    assert trust_score(two_notes_one_warning) == 90  # 100 * .99 * .99 * .92 = 90.2
    assert trust_score([_finding(Severity.BLOCK)]) == min(70, BLOCKED_CAP)
    assert trust_score([_finding(Severity.WARN)] * 100) == 0


def test_disabled_rule_is_not_run() -> None:
    report = check(
        STORY, language="en", context=only_consent(settings={"disabled_rules": ["CON201"]})
    )
    assert "CON201" not in report.codes()
    assert report.ok


def test_severity_override_softens_a_block_into_a_warning() -> None:
    context = only_consent(settings={"severity_overrides": {"CON201": "warn"}})
    report = check(STORY, language="en", context=context)
    assert [f.severity for f in report.findings] == [Severity.WARN]
    assert report.ok and report.score == 92


def test_messages_follow_the_message_language() -> None:
    report = check(STORY, language="en", context=only_consent(message_language="fa"))
    finding = report.findings[0]
    assert "رضایت" in finding.message and "رضایت" in finding.fix_hint
    default = check(STORY_FA, language="fa", context=only_consent()).findings[0]
    assert "داستان" in default.message


def test_language_is_detected_when_not_given() -> None:
    assert check(STORY_FA).language == "fa"
    assert check("قصة المريض أحمد مع زراعة الكلى بدأت في مستشفانا.").language == "ar"
    assert check(STORY).language == "en"


def test_rules_only_run_on_the_kinds_they_claim() -> None:
    # Consent rules look at posts; a reply is left to the reply-safety rules.
    assert "CON201" not in check(STORY, language="en", kind="reply").codes()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"language": "de"}, "language"),
        ({"network": "myspace"}, "network"),
        ({"kind": "tweet"}, "kind"),
        ({"context": {"today": "yesterday"}}, "today"),
        ({"context": {"consents": "form-12"}}, "consents"),
        ({"context": {"settings": {"severity_overrides": {"CON201": "fatal"}}}}, "override"),
        ({"context": {"message_language": "de"}}, "message_language"),
    ],
)
def test_bad_requests_raise_input_error_naming_the_field(kwargs: dict, message: str) -> None:
    with pytest.raises(InputError, match=message):
        check("hello", **kwargs)


def test_non_string_text_is_refused() -> None:
    with pytest.raises(InputError):
        check(b"bytes")  # type: ignore[arg-type]


def test_report_to_dict_is_plain_json_data() -> None:
    data = check(STORY, language="en", network="x", context=only_consent()).to_dict()
    assert data["blocking"] == 1 and data["network"] == "x" and data["kind"] == "post"
    finding = data["findings"][0]
    assert finding["severity"] == "block" and finding["text"] == STORY[: finding["end"]]
