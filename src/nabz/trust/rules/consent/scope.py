"""CON202 to CON204: a consent that does not cover this network, content kind or media item."""

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
    _KIND_NAMES,
    _NETWORK_NAMES,
    _NOBODY,
    _PHOTO,
    _PHOTO_2,
    _PLAIN,
    _QUOTED,
    _STORY_TEXT,
    _VIDEO,
    _WARD,
    _ex,
    _lang,
    _names,
    _per_language,
    _say,
)

# --- CON202 ------------------------------------------------------------------------------
_NETWORK_MSG = {
    "en": "The linked consent does not cover {network}; it covers: {covered}.",
    "ar": "الموافقة المرتبطة لا تشمل {network}؛ فهي تشمل: {covered}.",
    "fa": "رضایت‌نامهٔ پیوندشده {network} را پوشش نمی‌دهد؛ فقط این‌ها را پوشش می‌دهد: {covered}.",
}


@rule(
    code="CON202",
    title="Consent does not cover this network",
    severity=Severity.BLOCK,
    kinds=("post",),
    message={
        "en": "The linked consent does not cover the network this post goes to.",
        "ar": "الموافقة المرتبطة لا تشمل الشبكة التي سيُنشر عليها هذا المنشور.",
        "fa": "رضایت‌نامهٔ پیوندشده شبکه‌ای را که این پست در آن منتشر می‌شود پوشش نمی‌دهد.",
    },
    fix={
        "en": "Publish only on the networks the patient agreed to, or ask for a new consent.",
        "ar": "انشر فقط على الشبكات التي وافق عليها المريض، أو اطلب موافقة جديدة.",
        "fa": "فقط در شبکه‌هایی منتشر کنید که بیمار پذیرفته است، یا رضایت تازه بگیرید.",
    },
    examples=_per_language(
        lambda lang: {
            "fire": [
                _ex(_STORY_TEXT[lang], network="linkedin", consents=[_FULL]),
                _ex(_STORY_TEXT[lang], network="x", consents=[_FULL]),
                _ex(_WARD[lang], network="linkedin", media=[_PHOTO], consents=[_FULL]),
            ],
            "pass": [
                _ex(_STORY_TEXT[lang], network="instagram", consents=[_FULL]),
                _ex(_STORY_TEXT[lang], network="linkedin", consents=[{**_FULL, "networks": []}]),
                _ex(_PLAIN[lang], network="linkedin", consents=[_FULL]),
            ],
        }
    ),
)
def consent_network(doc: Document) -> Iterator[Hit]:
    """What it does
    Checks that a consent linked to a patient story or a photo of a person names the
    network the post is going to.

    Why it matters
    Patients agree to a specific audience. A story shared on Instagram reaches other
    people, and stays in other archives, than the same story on LinkedIn or X.

    Example
    A consent for Instagram and Facebook, and the same story scheduled for LinkedIn.

    Use instead
    Publish the story only on the networks in the consent, or record a new consent
    that adds the network.

    References
    - HIPAA authorisation must describe the use and the recipients: 45 CFR 164.508(c)
      (https://www.ecfr.gov/current/title-45/section-164.508)
    """
    analysis = _analyse(doc)
    if not analysis.needs or not analysis.live or doc.network is None:
        return
    if any(not c.networks or doc.network in c.networks for c in analysis.live):
        return
    covered: frozenset[str] = frozenset().union(*(c.networks for c in analysis.live))
    lang = _lang(doc)
    message = _say(
        doc,
        _NETWORK_MSG,
        network=_NETWORK_NAMES[lang].get(doc.network, doc.network),
        covered=_names(doc, covered, _NETWORK_NAMES),
    )
    yield Hit(*analysis.anchor, message=message, data={"network": doc.network})


# --- CON203 ------------------------------------------------------------------------------
_KIND_MSG = {
    "en": "The linked consent does not cover a {kind}; it covers: {covered}.",
    "ar": "الموافقة المرتبطة لا تشمل {kind}؛ فهي تشمل: {covered}.",
    "fa": "رضایت‌نامهٔ پیوندشده {kind} را پوشش نمی‌دهد؛ فقط این‌ها را پوشش می‌دهد: {covered}.",
}


def _kinds_consent(*kinds: str) -> dict[str, object]:
    return {**_FULL, "content_kinds": list(kinds)}


@rule(
    code="CON203",
    title="Consent does not cover this kind of content",
    severity=Severity.BLOCK,
    kinds=("post",),
    message={
        "en": "The linked consent does not cover this kind of content (story, quote, photo, video)",
        "ar": "الموافقة المرتبطة لا تشمل هذا النوع من المحتوى (قصة أو اقتباس أو صورة أو فيديو).",
        "fa": "رضایت‌نامهٔ پیوندشده این نوع محتوا (داستان، نقل‌قول، عکس یا ویدیو) را پوشش نمی‌دهد.",
    },
    fix={
        "en": "Use only the kinds of content the patient agreed to, or ask for a new consent.",
        "ar": "استخدم فقط أنواع المحتوى التي وافق عليها المريض، أو اطلب موافقة جديدة.",
        "fa": "فقط از انواع محتوایی استفاده کنید که بیمار پذیرفته است، یا رضایت تازه بگیرید.",
    },
    examples=_per_language(
        lambda lang: {
            "fire": [
                _ex(_STORY_TEXT[lang], media=[_PHOTO], consents=[_kinds_consent("story")]),
                _ex(_STORY_TEXT[lang], consents=[_kinds_consent("photo")]),
                _ex(_QUOTED[lang], consents=[_kinds_consent("story", "photo")]),
                _ex(_WARD[lang], media=[_VIDEO], consents=[_kinds_consent("photo")]),
            ],
            "pass": [
                _ex(_STORY_TEXT[lang], media=[_PHOTO], consents=[_kinds_consent("story", "photo")]),
                _ex(_STORY_TEXT[lang], consents=[_kinds_consent("story")]),
                _ex(_QUOTED[lang], consents=[_kinds_consent("story", "quote")]),
                _ex(_PLAIN[lang], consents=[_kinds_consent("photo")]),
            ],
        }
    ),
)
def consent_content_kind(doc: Document) -> Iterator[Hit]:
    """What it does
    Checks that the linked consent covers every kind of content the post uses: the
    story itself, a quote of the patient's words, a photo or a video.

    Why it matters
    Agreeing to a written story is not agreeing to show one's face, and agreeing to a
    photo is not agreeing to a video of one's voice. Each kind exposes the patient
    differently, so consent forms list them one by one.

    Example
    A consent for "story" only, and a post that adds a photo of the patient.

    Use instead
    Leave out what the consent does not list (for example, tell the story without the
    photo), or record a new consent that covers it.

    References
    - HIPAA authorisation core elements, 45 CFR 164.508(c)
      (https://www.ecfr.gov/current/title-45/section-164.508)
    - NHS England, Consent for photographs and recordings guidance
      (https://www.england.nhs.uk/publication/guidance-on-the-use-of-patient-images/)
    """
    analysis = _analyse(doc)
    if not analysis.needs or not analysis.live:
        return
    reported: set[str] = set()
    for need in analysis.needs:
        kind = need.content_kind
        if kind in reported:
            continue
        if any(not c.content_kinds or kind in c.content_kinds for c in analysis.live):
            continue
        reported.add(kind)
        covered: frozenset[str] = frozenset().union(*(c.content_kinds for c in analysis.live))
        message = _say(
            doc,
            _KIND_MSG,
            kind=_KIND_NAMES[_lang(doc)][kind],
            covered=_names(doc, covered, _KIND_NAMES),
        )
        data = {"content_kind": kind, "media_id": need.media_id}
        yield Hit(*need.span, message=message, data=data)


# --- CON204 ------------------------------------------------------------------------------
_MEDIA_MSG = {
    "en": "The linked consent does not list the {kind} '{media}'.",
    "ar": "الموافقة المرتبطة لا تذكر {kind} '{media}'.",
    "fa": "رضایت‌نامهٔ پیوندشده {kind} «{media}» را در بر نمی‌گیرد.",
}


def _media_consent(*ids: str) -> dict[str, object]:
    return {**_FULL, "media_ids": list(ids)}


@rule(
    code="CON204",
    title="Consent does not cover this photo or video",
    severity=Severity.BLOCK,
    kinds=("post",),
    message={
        "en": "A photo or video of a person is not among the media the consent lists.",
        "ar": "صورة أو فيديو لشخص ليس ضمن الوسائط التي تذكرها الموافقة.",
        "fa": "عکس یا ویدیوی یک فرد جزو رسانه‌هایی نیست که رضایت‌نامه نام می‌برد.",
    },
    fix={
        "en": "Use the photos the patient approved, or add this one to their consent record.",
        "ar": "استخدم الصور التي وافق عليها المريض، أو أضف هذه الصورة إلى سجل موافقته.",
        "fa": "از عکس‌هایی استفاده کنید که بیمار تأیید کرده، یا این یکی را به رضایت‌نامه‌اش بیفزایید.",
    },
    examples=_per_language(
        lambda lang: {
            "fire": [
                _ex(_STORY_TEXT[lang], media=[_PHOTO], consents=[_media_consent("img-9")]),
                _ex(_WARD[lang], media=[_VIDEO], consents=[_media_consent("img-1")]),
                _ex(_WARD[lang], media=[_PHOTO, _PHOTO_2], consents=[_media_consent("img-1")]),
            ],
            "pass": [
                _ex(_STORY_TEXT[lang], media=[_PHOTO], consents=[_media_consent("img-1")]),
                _ex(_STORY_TEXT[lang], media=[_PHOTO], consents=[_FULL]),
                _ex(_WARD[lang], media=[_NOBODY], consents=[_media_consent("img-9")]),
            ],
        }
    ),
)
def consent_media(doc: Document) -> Iterator[Hit]:
    """What it does
    Checks that each attached photo or video showing an identifiable person is one of
    the media items the linked consent lists.

    Why it matters
    Patients often approve one picture and not another (a hospital gown, a scar, a
    child in the background). A consent that names its media keeps the post to what
    was actually approved.

    Example
    A consent listing photo "img-9", and a post that attaches photo "img-1" of the
    patient.

    Use instead
    Attach the approved photo, or add the new one to the patient's consent record
    after they have seen it.

    References
    - HIPAA Safe Harbor lists full-face photographs as identifiers: 45 CFR 164.514(b)(2)
      (https://www.ecfr.gov/current/title-45/section-164.514)
    - NHS England, Guidance on the use of patient images
      (https://www.england.nhs.uk/publication/guidance-on-the-use-of-patient-images/)
    """
    analysis = _analyse(doc)
    if not analysis.live:
        return
    for need in analysis.needs:
        if not need.media_id:
            continue
        if any(not c.media_ids or need.media_id in c.media_ids for c in analysis.live):
            continue
        kind = _KIND_NAMES[_lang(doc)][need.content_kind]
        message = _say(doc, _MEDIA_MSG, kind=kind, media=need.media_id)
        yield Hit(*need.span, message=message, data={"media_id": need.media_id})
