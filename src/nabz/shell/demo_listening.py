"""The demo's listening: one running query per demo workspace, and public chatter arriving
on the Sandbox network's public timeline for it to find.

``load(ws)`` (from ``load_demo``) adds the query; in demo mode the worker's dispatcher
calls :func:`chatter` every few seconds: three public posts at first, then one more every
``INTERVAL``, cycling through the synthetic posts below (English, Arabic and Persian; a
few repeat a health myth, one is an emergency, most are everyday talk), so within a minute
the stream has results, marks and a myth alert. Nobody here is real; the texts were
written for the demo.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from nabz.listening.models import ListeningQuery
from nabz.publishing.models import SandboxPublicPost
from nabz.workspaces.models import Workspace

INTERVAL = dt.timedelta(seconds=15)
FIRST_BATCH = 3
QUERY = (
    "vaccine OR vaccines OR corona OR #covid19 OR لقاح OR اللقاحات OR كورونا "
    "OR واکسن OR کرونا OR @{slug}"
)

# (who, display name, language, text)
CHATTER = [
    ("mona.h", "Mona H.", "en", "Got my flu vaccine at the pharmacy today, took five minutes"),
    ("samir_k", "Samir K.", "ar", "اللقاحات تسبب التوحد، انشروا قبل أن يحذفوها"),
    ("parisa", "Parisa", "fa", "صف واکسن کرونا امروز خیلی شلوغ بود"),
    ("dave_o", "Dave O.", "en", "vaccines cause autism, my cousin saw it happen"),
    ("hala", "Hala", "ar", "هل لقاح الإنفلونزا متوفر في المستوصف هذا الأسبوع؟"),
    ("kaveh", "Kaveh", "fa", "واکسن باعث اوتیسم می‌شود، حواستان باشد"),
    ("nadia_r", "Nadia R.", "ar", "اللقاح يسبب التوحد عند الأطفال، لا تطعموا أولادكم"),
    ("tom.b", "Tom B.", "en", "Corona numbers are down again in our town #covid19"),
    ("sara.j", "Sara J.", "fa", "کرونا دوباره برگشته؟ همه سرفه می‌کنند"),
    ("ahmad", "Ahmad", "ar", "الثوم يعالج كورونا، جربوه"),
    ("lena", "Lena", "en", "Does anyone know if the corona booster is free this winter?"),
    ("yasmin", "Yasmin", "ar", "اللقاحات تسبب التوحد، الأطباء يخفون الحقيقة"),
]


def load(ws: Workspace) -> ListeningQuery:
    return ListeningQuery.objects.create(
        workspace=ws,
        name="Vaccines and COVID-19",
        query=QUERY.format(slug=ws.slug.replace("-", "_")),
        networks=["sandbox"],
        cooldown_minutes=30,
        sensitivity="medium",
    )


def chatter(now: dt.datetime | None = None) -> int:
    """Add the next public posts to the Sandbox's timeline when it is time."""
    now = now or timezone.now()
    demo = SandboxPublicPost.objects.filter(author_id__startswith="demo-")
    count = demo.count()
    last = demo.order_by("-created_at").values_list("created_at", flat=True).first()
    if last is not None and now - last < INTERVAL:
        return 0
    added = 0
    for step in range(FIRST_BATCH if count == 0 else 1):
        who, name, language, text = CHATTER[(count + step) % len(CHATTER)]
        SandboxPublicPost.objects.create(
            author_id=f"demo-{who}",
            author_handle=who,
            author_name=name,
            text=text,
            language=language,
            created_at=now,
        )
        added += 1
    return added
