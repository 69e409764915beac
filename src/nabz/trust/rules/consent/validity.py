"""CON205 and CON206: an expired or a revoked consent."""

from __future__ import annotations

from collections.abc import Iterator

from nabz.trust.document import Document
from nabz.trust.model import Severity
from nabz.trust.registry import Hit, rule
from nabz.trust.rules.consent._needs import (
    _analyse,
)
from nabz.trust.rules.consent._shared import (
    _FULL,
    _PHOTO,
    _PLAIN,
    _REVOKED,
    _STORY_TEXT,
    _TODAY,
    _WARD,
    _ex,
    _expired,
    _per_language,
    _say,
)

# --- CON205 ------------------------------------------------------------------------------
_EXPIRED_MSG = {
    "en": "The consent '{label}' expired on {date}.",
    "ar": "انتهت صلاحية الموافقة '{label}' في {date}.",
    "fa": "اعتبار رضایت‌نامهٔ «{label}» در {date} به پایان رسیده است.",
}


@rule(
    code="CON205",
    title="Consent has expired",
    severity=Severity.BLOCK,
    kinds=("post",),
    message={
        "en": "The linked consent has expired.",
        "ar": "انتهت صلاحية الموافقة المرتبطة.",
        "fa": "اعتبار رضایت‌نامهٔ پیوندشده به پایان رسیده است.",
    },
    fix={
        "en": "Ask the patient to renew their consent before publishing.",
        "ar": "اطلب من المريض تجديد موافقته قبل النشر.",
        "fa": "پیش از انتشار از بیمار بخواهید رضایتش را تمدید کند.",
    },
    examples=_per_language(
        lambda lang: {
            "fire": [
                _ex(_STORY_TEXT[lang], consents=[_expired("2025-05-31")]),
                _ex(_WARD[lang], media=[_PHOTO], consents=[_expired("2024-01-01")]),
                _ex(_PLAIN[lang], pillar="patient_story", consents=[_expired("2025-01-15")]),
            ],
            "pass": [
                _ex(_STORY_TEXT[lang], consents=[_expired(_TODAY)]),
                _ex(_STORY_TEXT[lang], consents=[{**_FULL, "expires": None}]),
                _ex(_STORY_TEXT[lang], consents=[_expired("2024-01-01"), _FULL]),
            ],
        }
    ),
)
def consent_expired(doc: Document) -> Iterator[Hit]:
    """What it does
    Reports a linked consent whose expiry date has passed, when no other linked consent
    is still valid.

    Why it matters
    Consent is given for a period. After it ends the hospital may no longer use the
    story or the photo, even if the post was written while the consent was valid.

    Example
    A consent that expired on 31 May and a story scheduled for 1 June.

    Use instead
    Renew the consent with the patient, or do not publish the story.

    References
    - HIPAA authorisation must state an expiration date or event: 45 CFR 164.508(c)(1)(v)
      (https://www.ecfr.gov/current/title-45/section-164.508)
    """
    analysis = _analyse(doc)
    if analysis.live or not doc.context.consents:
        return
    today = doc.today
    for consent in doc.context.consents:
        if consent.revoked or consent.expires is None or consent.expires >= today:
            continue
        message = _say(doc, _EXPIRED_MSG, label=consent.label, date=consent.expires.isoformat())
        yield Hit(*analysis.anchor, message=message, data={"consent": consent.label})


# --- CON206 ------------------------------------------------------------------------------
_REVOKED_MSG = {
    "en": "The patient has withdrawn the consent '{label}'.",
    "ar": "سحب المريض الموافقة '{label}'.",
    "fa": "بیمار رضایت‌نامهٔ «{label}» را پس گرفته است.",
}


@rule(
    code="CON206",
    title="Consent has been withdrawn",
    severity=Severity.BLOCK,
    kinds=("post",),
    message={
        "en": "The patient has withdrawn the linked consent.",
        "ar": "سحب المريض الموافقة المرتبطة.",
        "fa": "بیمار رضایت‌نامهٔ پیوندشده را پس گرفته است.",
    },
    fix={
        "en": "Do not publish; remove every post that relies on this consent.",
        "ar": "لا تنشر؛ واحذف كل منشور يعتمد على هذه الموافقة.",
        "fa": "منتشر نکنید و هر پستی را که به این رضایت‌نامه تکیه دارد حذف کنید.",
    },
    examples=_per_language(
        lambda lang: {
            "fire": [
                _ex(_STORY_TEXT[lang], consents=[_REVOKED]),
                _ex(_STORY_TEXT[lang], consents=[_REVOKED, _FULL]),
                _ex(_PLAIN[lang], consents=[_REVOKED]),
            ],
            "pass": [
                _ex(_STORY_TEXT[lang], consents=[_FULL]),
                _ex(_STORY_TEXT[lang], consents=[{**_FULL, "revoked": False}]),
                _ex(_PLAIN[lang]),
            ],
        }
    ),
)
def consent_revoked(doc: Document) -> Iterator[Hit]:
    """What it does
    Reports every linked consent that the patient has withdrawn, whatever else is
    linked to the post.

    Why it matters
    A patient may withdraw consent at any time. From then on nothing that relied on it
    may be published, and what was published should be taken down.

    Example
    A story linked to a consent marked as revoked by the compliance officer.

    Use instead
    Do not publish the post; unlink the consent and remove the patient's story, name
    and images from the draft.

    References
    - HIPAA: an individual may revoke an authorisation in writing at any time,
      45 CFR 164.508(b)(5) (https://www.ecfr.gov/current/title-45/section-164.508)
    """
    anchor = _analyse(doc).anchor
    for consent in doc.context.consents:
        if consent.revoked:
            message = _say(doc, _REVOKED_MSG, label=consent.label)
            yield Hit(*anchor, message=message, data={"consent": consent.label})
