"""Ready-made safe wording the reply rules offer as fixes, in the three languages."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

DEFAULT_NUMBER = {
    "en": "your local emergency number",
    "ar": "رقم الطوارئ المحلي",
    "fa": "اورژانس محل خود",
}
_NUMBER_FORM = {"en": "{n}", "ar": "الرقم {n}", "fa": "اورژانس {n}"}

EMERGENCY_TEXT = {
    "en": "If this is an emergency, please call {number} now or go to the nearest emergency "
    "department. We care about you and will follow up by private message.",
    "ar": "إذا كانت هذه حالة طارئة، فاتصل الآن على {number} أو توجه إلى أقرب قسم طوارئ. "
    "نحن نهتم بك وسنتواصل معك برسالة خاصة.",
    "fa": "اگر وضعیت اورژانسی است، همین حالا با {number} تماس بگیرید یا به نزدیک‌ترین "
    "اورژانس بروید. ما به فکر شما هستیم و در پیام خصوصی پیگیری می‌کنیم.",
}
CRISIS_TEXT = {
    "en": "We're so sorry you're going through this. If you are thinking about ending your life "
    "or are in danger, please call {number} or a crisis line now; you don't have to face this "
    "alone. We will also reach out by private message.",
    "ar": "نأسف لما تمر به. إذا كانت لديك أفكار لإنهاء حياتك أو كنت في خطر، فاتصل الآن على "
    "{number} أو بخط المساندة النفسية؛ لست وحدك. وسنتواصل معك أيضا برسالة خاصة.",
    "fa": "متأسفیم که این روزها را می‌گذرانید. اگر به پایان دادن به زندگی‌تان فکر می‌کنید یا در "
    "خطر هستید، همین حالا با {number} یا خط مشاوره بحران تماس بگیرید؛ تنها نیستید. ما هم در "
    "پیام خصوصی با شما تماس می‌گیریم.",
}
EMERGENCY_HINT = {
    "en": "Lead with emergency guidance, for example: “{text}”",
    "ar": "ابدأ بإرشادات الطوارئ، مثلا: «{text}»",
    "fa": "پاسخ را با راهنمای اورژانسی شروع کنید، برای نمونه: «{text}»",
}
PRIVATE_SUGGESTION = {
    "en": "Thank you for reaching out. To protect your privacy, please send us a private message "
    "with the best way to contact you, and our team will help.",
    "ar": "شكرا لتواصلك معنا. حفاظا على خصوصيتك، يرجى مراسلتنا برسالة خاصة مع أفضل وسيلة "
    "للتواصل معك، وسيساعدك فريقنا.",
    "fa": "از پیام شما سپاسگزاریم. برای حفظ حریم خصوصی‌تان، لطفاً راه تماس خود را در پیام "
    "خصوصی برای ما بفرستید تا همکاران ما پیگیری کنند.",
}


def localized(table: Mapping[str, str], language: str) -> str:
    return table.get(language) or table["en"]


def emergency_suggestion(language: str, kinds: Iterable[str], number: str = "") -> str:
    """Emergency guidance in ``language``, naming ``number`` when the workspace set one."""
    lang = language if language in EMERGENCY_TEXT else "en"
    number = number.strip()
    spoken = _NUMBER_FORM[lang].format(n=number) if number else DEFAULT_NUMBER[lang]
    table = CRISIS_TEXT if "suicide" in set(kinds) else EMERGENCY_TEXT
    return table[lang].format(number=spoken)
