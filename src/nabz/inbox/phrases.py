"""What Nabz writes on the team's behalf in one click, in the person's language.

Kept short, warm and free of anything about the person's health: each passes the Trust
Gate as a reply (``tests/inbox/test_one_click.py`` checks every one).
"""

from __future__ import annotations

PHRASES: dict[str, dict[str, str]] = {
    # From a praise message: may we share it? Nothing is shared before a signed form.
    "ask_consent": {
        "en": (
            "Thank you for your kind words! May we share them on our pages? If you agree, "
            "we will send you a short consent form; nothing is shared before you sign it."
        ),
        "ar": (
            "شكرًا على كلماتك الطيبة! هل تسمح لنا بمشاركتها على صفحاتنا؟ إذا وافقت سنرسل لك "
            "نموذج موافقة قصيرًا، ولن ننشر شيئًا قبل أن توقّعه."
        ),
        "fa": (
            "از لطف شما سپاسگزاریم! اجازه می‌دهید این سخن را در صفحه‌هایمان به اشتراک بگذاریم؟ "
            "اگر موافق باشید یک فرم رضایت کوتاه برایتان می‌فرستیم و پیش از امضای شما چیزی "
            "منتشر نمی‌شود."
        ),
    },
    # The public line when a conversation moves to private.
    "move_public": {
        "en": (
            "Thank you for reaching out. We have sent you a private message so we can help "
            "without sharing personal details here."
        ),
        "ar": (
            "شكرًا لتواصلك معنا. أرسلنا إليك رسالة خاصة لنتمكن من المساعدة دون مشاركة "
            "تفاصيل شخصية هنا."
        ),
        "fa": (
            "از اینکه با ما در تماس بودید سپاسگزاریم. پیامی خصوصی برایتان فرستادیم تا بتوانیم "
            "بدون بازگو کردن جزئیات شخصی در اینجا کمک کنیم."
        ),
    },
    # The public line where the network lets us send no private message.
    "move_public_ask": {
        "en": (
            "Thank you for reaching out. Please send us a private message so we can help "
            "without sharing personal details here."
        ),
        "ar": (
            "شكرًا لتواصلك معنا. يرجى مراسلتنا برسالة خاصة لنتمكن من المساعدة دون مشاركة "
            "تفاصيل شخصية هنا."
        ),
        "fa": (
            "از اینکه با ما در تماس بودید سپاسگزاریم. لطفاً پیامی خصوصی برایمان بفرستید تا "
            "بتوانیم بدون بازگو کردن جزئیات شخصی در اینجا کمک کنیم."
        ),
    },
    # The first private message.
    "move_private": {
        "en": "Hello, we are writing privately about your comment. How can we help you?",
        "ar": "مرحبًا، نكتب إليك بشكل خاص بشأن تعليقك. كيف يمكننا مساعدتك؟",
        "fa": "سلام، دربارهٔ نظرتان به‌صورت خصوصی برایتان می‌نویسیم. چطور می‌توانیم کمکتان کنیم؟",
    },
}


def text(key: str, language: str) -> str:
    """The phrase in ``language`` (English when the language is not one of ours)."""
    by_language = PHRASES[key]
    return by_language.get((language or "en").split("-")[0], by_language["en"])
