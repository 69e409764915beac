"""The demo's lively inbox: the Sandbox network receives a trickle of visitors' messages.

In demo mode the worker's dispatcher calls :func:`trickle` every few seconds: the first
call brings three messages at once, then one more every ``INTERVAL`` to each demo
Sandbox account, cycling through the synthetic visitors below (English, Arabic and
Persian; everyday spelling, dialect and a little Finglish), so a newcomer sees triage,
an emergency on top and the composer at work within the first minute. Nobody here is
real; the texts were written for the demo.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from nabz.publishing.models import Account, SandboxComment

INTERVAL = dt.timedelta(seconds=20)
FIRST_BATCH = 3

# (who, display name, kind, language, text)
VISITORS = [
    ("layla.k", "Layla K.", "comment", "en", "What time does the blood test lab open on Saturday?"),
    ("reza_t", "Reza T.", "comment", "fa", "قفسه سینه‌ام درد می‌کند و دست چپم بی‌حس شده، چیکار کنم؟"),
    ("huda.m", "Huda M.", "comment", "ar", "شكرا كتير للممرضات بقسم الولادة، الله يعطيكم العافية"),
    (
        "sam_r",
        "Sam R.",
        "comment",
        "en",
        "waited 3 hours in A&E last night and nobody called my name",
    ),
    ("maryam", "Maryam", "dm", "fa", "سلام، برای نوبت دکتر قلب چه روزهایی وقت دارید؟"),
    (
        "omar_s",
        "Omar S.",
        "comment",
        "ar",
        "أنا مريض سكري ونتيجة التحليل طلعت عالية، شو لازم أعمل؟",
    ),
    ("jo.w", "Jo W.", "comment", "en", "vaccines cause autism, everyone knows it"),
    ("ali.n", "Ali N.", "comment", "fa", "mersi az doctor-e bakhsh-e atfal, kheili mehraboon bood"),
    ("rana", "Rana", "dm", "ar", "بدي احجز موعد عند طبيب الأطفال الأسبوع الجاي"),
    (
        "kim.p",
        "Kim P.",
        "comment",
        "en",
        "Is it safe to take ibuprofen with my blood pressure pills?",
    ),
    ("promo99", "Promo 99", "comment", "en", "free followers!!! click here to earn $500 a day"),
    ("neda", "Neda", "comment", "fa", "سه ساعت تو اورژانس منتظر موندم، افتضاح بود"),
    ("yusuf", "Yusuf", "comment", "ar", "ابني بلع حبوب كثيرة ومش عارف شو أعمل"),
    (
        "grace",
        "Grace",
        "comment",
        "en",
        "Thank you to the maternity team, you were amazing with us!",
    ),
    ("arash", "Arash", "dm", "fa", "جواب آزمایش خونم کی آماده میشه؟"),
]


def trickle(now: dt.datetime | None = None) -> int:
    """Add the next visitors' messages to each demo Sandbox account when it is time."""
    now = now or timezone.now()
    added = 0
    for account in Account.objects.filter(network="sandbox", status=Account.Status.ACTIVE):
        demo = SandboxComment.objects.filter(account=account, author_id__startswith="demo-")
        count = demo.count()
        last = demo.order_by("-created_at").values_list("created_at", flat=True).first()
        if last is not None and now - last < INTERVAL:
            continue
        for step in range(FIRST_BATCH if count == 0 else 1):
            who, name, kind, language, text = VISITORS[(count + step) % len(VISITORS)]
            SandboxComment.objects.create(
                account=account,
                post=account.sandbox_posts.filter(deleted_at__isnull=True).first(),
                kind=kind,
                author_id=f"demo-{who}",
                author_handle=who,
                author_name=name,
                text=text,
                language=language,
                created_at=now,
            )
            added += 1
    return added
