"""PHI101: a patient's or relative's name."""

from __future__ import annotations

from collections.abc import Iterator

from nabz.trust.document import Document
from nabz.trust.identifiers.privacy_context import (
    is_patient_context,
    is_staff_context,
    staff_near,
)
from nabz.trust.model import Severity
from nabz.trust.registry import Hit, rule
from nabz.trust.rules.privacy._health import age_over_89, health_near
from nabz.trust.rules.privacy._shared import (
    K,
    _open,
)


# --- PHI101 names --------------------------------------------------------------------------------
def _initial(name: str) -> str:
    first = name.strip()[:1]
    return f"{first}." if first else name


@rule(
    code="PHI101",
    title="Name of a patient or relative",
    severity=Severity.BLOCK,
    message={
        "en": "This names a patient or a patient's relative. A name is the most direct "
        "identifier: it tells everyone who was treated here.",
        "ar": "هذا النص يذكر اسم مريض أو أحد أقاربه. الاسم أوضح ما يكشف هوية الشخص، "
        "فهو يخبر الجميع بمن تلقّى العلاج هنا.",
        "fa": "این متن نام یک بیمار یا یکی از بستگان او را آورده است. نام مستقیم‌ترین "
        "شناسه است و به همه می‌گوید چه کسی اینجا درمان شده است.",
    },
    fix={
        "en": "Remove the name or use an initial, unless the patient gave written consent "
        "to be named on social media.",
        "ar": "احذف الاسم أو اكتفِ بالحرف الأول منه، إلا إذا وافق المريض كتابيًا على ذكر "
        "اسمه في وسائل التواصل.",
        "fa": "نام را حذف کنید یا فقط حرف اول آن را بیاورید، مگر آنکه بیمار کتباً با آمدن "
        "نامش در شبکه‌های اجتماعی موافقت کرده باشد.",
    },
    examples={
        "en": {
            "fire": [
                "Our patient Mrs. Jane Roe went home today after a long stay.",
                "My son Omar spent three weeks in your children's ward.",
                {
                    "text": "Thank you, Layla Haddad, for sharing your recovery with us.",
                    "context": {"pillar": "patient_story"},
                },
                # A name with a health detail in its sentence or the next blocks in a post.
                {
                    "text": "So happy to see Mr. Thompson back home after his stroke",
                    "severity": "block",
                },
                {
                    "text": "Lovely to see Grace Miller today. Her chemotherapy ends next week.",
                    "severity": "block",
                },
                # A name with an age over 89 blocks.
                {"text": "Happy birthday to Margaret Ellis, aged 95!", "severity": "block"},
                # A name alone, with no health detail, warns.
                {
                    "text": "Congratulations to Jennifer Walsh on twenty years with us!",
                    "severity": "warn",
                },
            ],
            "pass": [
                "Flu season is here: book your vaccine at any of our clinics.",
                "Dr. Sara Ahmadi, our cardiologist, explains heart health",
                "Our cardiologist Dr. Omar Haddad explains heart failure in plain words.",
                "Join our breast cancer awareness campaign this October.",
                {
                    "text": "Meet Dr. Sara Lee, our new head of cardiology.",
                    "context": {"pillar": "staff_spotlight"},
                },
                {
                    "text": "Our patient Mrs. Jane Roe went home today.",
                    "context": {"settings": {"allow": {"names": ["Jane Roe"]}}},
                },
            ],
        },
        "ar": {
            "fire": [
                "المريض أحمد الزهراني غادر المستشفى اليوم بعد رحلة علاج طويلة.",
                "ابني يوسف قضى ثلاثة أسابيع في قسم الأطفال لديكم.",
                "نتمنى الشفاء العاجل للمريضة فاطمة العتيبي.",
                {
                    "text": "السيدة فاطمة الزهراني (٥٢ عاماً) خرجت من المستشفى بعد عملية القلب",
                    "severity": "block",
                },
                {
                    "text": "نتمنى الشفاء العاجل لأحمد الغامدي بعد عملية جراحية ناجحة.",
                    "severity": "block",
                },
                {"text": "الحاجة نورة السبيعي عمرها ٩٥ عامًا.", "severity": "block"},
                {"text": "شكرًا لنورة السبيعي على زيارتها اليوم.", "severity": "warn"},
            ],
            "pass": [
                "موسم الإنفلونزا بدأ، احجز لقاحك في أي من عياداتنا.",
                "الدكتور خالد العتيبي استشاري القلب يشرح أعراض الجلطة.",
                "انضموا إلى حملة التوعية بسرطان الثدي في أكتوبر.",
                {
                    "text": "تعرفوا على الدكتور خالد العتيبي، رئيس قسم القلب الجديد.",
                    "context": {"pillar": "staff_spotlight"},
                },
                "نور الشمس مفيد لصحة العظام باعتدال.",
            ],
        },
        "fa": {
            "fire": [
                "بیمار ما خانم مریم احمدی امروز پس از یک دوره طولانی مرخص شد.",
                "پسرم علی سه هفته در بخش کودکان شما بستری بود.",
                "برای بیمار عزیزمان آقای رضا کریمی آرزوی سلامتی داریم.",
                {
                    "text": "آقای حسین رضایی پس از عمل جراحی قلب حالش خوب است.",
                    "severity": "block",
                },
                {
                    "text": "خانم زهرا محمدی را دیدیم. او پس از سکته مغزی به خانه برگشت.",
                    "severity": "block",
                },
                {"text": "مادربزرگ ما خانم زهرا محمدی ۹۶ ساله است.", "severity": "block"},
                {"text": "از خانم زهرا محمدی برای حضورش سپاسگزاریم.", "severity": "warn"},
            ],
            "pass": [
                "فصل آنفلوانزا رسید؛ واکسن خود را در درمانگاه‌های ما رزرو کنید.",
                "دکتر علی کریمی، متخصص قلب، درباره سکته قلبی توضیح می‌دهد.",
                "کمپین آگاهی‌بخشی سرطان پستان از اول آبان آغاز می‌شود.",
                {
                    "text": "با دکتر علی کریمی، رئیس جدید بخش قلب آشنا شوید.",
                    "context": {"pillar": "staff_spotlight"},
                },
                "امید زیادی به درمان‌های جدید داریم.",
            ],
        },
    },
)
def patient_name(doc: Document) -> Iterator[Hit]:
    """What it does
    Finds person names (titles and cues such as Mr./Mrs., "patient X", "my son X",
    آقای/خانم/بیمار, السيد/المريضة/ابني, plus name lexicons) and flags those that
    belong to a patient or relative. Clinicians named with their title, names in a
    staff spotlight and names on the workspace allow-list do not fire.

    A name blocks in a patient's context, with a phone number or a street address,
    with an age over 89, and, in a post, with a detail of someone's health in its
    sentence or the next one: a diagnosis or condition, a surgery or treatment, a
    ward, an admission or a discharge ("back home after his stroke", «بعد عملية
    القلب», «پس از عمل جراحی»). A condition named with a campaign word ("breast cancer
    awareness") is a topic, and a clinician's title in the name's sentence ("our
    cardiologist") makes it their field; elsewhere a name warns.

    Why it matters
    Names are the first of the 18 HIPAA Safe Harbor identifiers. Naming a patient
    confirms to the world that this person was treated here, which needs their
    written consent (HIPAA; Saudi PDPL; Iran's and Egypt's data laws alike).

    Example
    "Our patient Mrs. Jane Roe went home today."

    Use instead
    "One of our patients went home today." or, with written consent, keep the name.

    References
    - https://www.hhs.gov/hipaa/for-professionals/privacy/special-topics/de-identification/index.html
    """
    names = _open(doc, (K.PERSON_NAME,))
    if not names:
        return
    staff_post = is_staff_context(doc)
    patient_post = is_patient_context(doc)
    # A private person's name with a way to reach them (a phone, a street address) blocks.
    reachable = bool(_open(doc, (K.PHONE, K.STREET_ADDRESS)))
    # So does a name with an age over 89 (few people are that old).
    old = age_over_89(doc)
    post = doc.kind == "post"
    for ident in names:
        detail = ident.detail
        if detail.startswith("staff:"):
            continue
        if detail.startswith("patient:"):
            severity = Severity.BLOCK
        elif staff_post or staff_near(doc, ident):
            continue
        elif (
            patient_post
            or reachable
            or old
            # In a post, a name with a detail of someone's health next to it.
            or (post and health_near(doc, ident))
        ):
            severity = Severity.BLOCK
        else:
            severity = Severity.WARN
        yield Hit(
            ident.start,
            ident.end,
            replacement=_initial(ident.text),
            severity=severity,
            data={"kind": str(ident.kind), "detail": detail},
        )
