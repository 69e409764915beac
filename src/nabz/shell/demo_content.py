"""Synthetic demo content: posts in every state, consents, an image, planning targets.

Everything here is invented. Posts go through the real workflow (so the audit log,
notifications and Trust Gate verdicts are what a user would see), with the demo's
own reviewers giving the approvals.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.utils import timezone
from PIL import Image, ImageDraw

from nabz.consent.models import Consent
from nabz.content import gate, workflow
from nabz.content.models import Post
from nabz.media.services import MediaDetails, upload
from nabz.publishing.models import Account
from nabz.workspaces.models import Membership, Workspace
from nabz.workspaces.roles import Role

PLANNING = {
    "target_networks": ["facebook", "instagram", "x", "linkedin"],
    "target_mix": {
        "education": 40,
        "patient_story": 10,
        "awareness_day": 15,
        "behind_the_scenes": 15,
        "staff_spotlight": 10,
        "community": 10,
    },
}

# (title, language, pillar, text, networks, what happens to it)
POSTS: dict[str, list[tuple[str, str, str, str, list[str], str]]] = {
    "sunrise-hospital": [
        (
            "Flu season: who should get vaccinated",
            "en",
            "education",
            "Flu season is here. According to the WHO, yearly vaccination is the most effective "
            "way to prevent flu and its complications, especially for older adults, pregnant "
            "women and people with long-term conditions. Book your shot at our clinic this week. "
            "https://www.who.int/news-room/fact-sheets/detail/influenza-(seasonal)",
            ["facebook", "instagram", "x", "linkedin", "sandbox"],
            "scheduled",
        ),
        (
            "پشت صحنه: اتاق استریل‌سازی",
            "fa",
            "behind_the_scenes",
            "در اتاق استریل‌سازی بیمارستان، همکاران ما هر روز صدها وسیله جراحی را با دقت "
            "شست‌وشو و ضدعفونی می‌کنند تا ایمنی شما حفظ شود. از زحمات این تیم سپاسگزاریم.",
            ["instagram", "facebook", "sandbox"],
            "approved",
        ),
        (
            "Discharge day (needs a fix)",
            "en",
            "patient_story",
            "Great news: our patient Mrs. Parvin Karimi went home today after heart surgery. "
            "Call her on +98 912 345 6789 to send your wishes!",
            ["facebook", "instagram"],
            "draft",
        ),
        (
            "Meet our new cardiology nurse lead",
            "en",
            "staff_spotlight",
            "Meet Dr. Leila Ahmadi, who now leads our heart failure nursing team. She has "
            "spent twelve years caring for people with heart disease and teaches our new "
            "nurses every month.",
            ["linkedin", "facebook", "sandbox"],
            "in_review",
        ),
    ],
    "al-noor-clinic": [
        (
            "صيام رمضان لمرضى السكري",
            "ar",
            "education",
            "هل تنوي الصيام في رمضان وأنت مصاب بالسكري؟ استشر طبيبك قبل رمضان بأسابيع لتعديل "
            "مواعيد الدواء، وراقب مستوى السكر في الدم بانتظام، وأفطر فوراً إذا انخفض السكر. "
            "https://www.who.int/news-room/fact-sheets/detail/diabetes",
            ["facebook", "instagram", "x", "sandbox"],
            "scheduled",
        ),
        (
            "قصة أمل: عودة إلى الحياة",
            "ar",
            "patient_story",
            "بعد أشهر من العلاج الطبيعي، عاد أحد مراجعينا إلى المشي دون مساعدة. نشارك قصته "
            "بموافقته الخطية، شكراً لثقته بفريقنا.",
            ["instagram", "facebook"],
            "in_review",
        ),
        (
            "علاج مضمون للسكري (مسودة)",
            "ar",
            "education",
            "هذا الشاي علاج مضمون للسكري بنسبة ١٠٠٪ وبدون آثار جانبية! "
            "المضادات الحيوية تعالج الإنفلونزا ونزلات البرد، تناولها عند أول عطسة.",
            ["facebook"],
            "draft",
        ),
    ],
}


def _people(ws: Workspace) -> dict[str, Any]:
    return {m.role: m.user for m in Membership.objects.filter(workspace=ws).select_related("user")}


def _demo_image(actor: Any, ws: Workspace) -> Any:
    image = Image.new("RGB", (960, 640), (232, 241, 243))
    draw = ImageDraw.Draw(image)
    draw.rectangle((120, 200, 840, 440), outline=(15, 95, 110), width=12)
    draw.line(
        (160, 320, 360, 320, 420, 240, 500, 400, 560, 300, 800, 300), fill=(15, 95, 110), width=10
    )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    buffer.seek(0)
    return upload(
        ws,
        buffer,
        MediaDetails(
            title="Heart monitor illustration",
            alt_text={
                "en": "A drawing of a heart-rate line on a monitor",
                "fa": "طرحی از خط ضربان قلب روی نمایشگر",
                "ar": "رسم لخط نبضات القلب على شاشة مراقبة",
            },
        ),
        actor=actor,
        via="demo",
    )


def load(ws: Workspace) -> None:
    people = _people(ws)
    author, clinician = people[Role.AUTHOR], people[Role.CLINICAL_REVIEWER]
    officer = people[Role.COMPLIANCE_OFFICER]
    for field, value in PLANNING.items():
        setattr(ws, field, value)
    ws.trust_settings = {
        "allow": {
            "phones": ["+98 21 6100 0000" if ws.default_language == "fa" else "+966 11 400 0000"],
            "domains": [f"{ws.slug}.example.org"],
        }
    }
    ws.save()
    today = timezone.localdate()
    story_consent = Consent.objects.create(
        workspace=ws,
        subject="Patient story 2026-11",
        networks=["instagram", "facebook"],
        content_kinds=["story", "photo"],
        language=ws.default_language,
        signed_on=today - dt.timedelta(days=10),
        expires_on=today + dt.timedelta(days=365),
        created_by=officer,
    )
    Consent.objects.create(
        workspace=ws,
        subject="Physiotherapy video 2025-12",
        networks=["facebook"],
        content_kinds=["video"],
        language=ws.default_language,
        signed_on=today - dt.timedelta(days=340),
        expires_on=today + dt.timedelta(days=20),
        created_by=officer,
    )
    image = _demo_image(author, ws)
    sandbox = Account.objects.create(
        workspace=ws,
        network="sandbox",
        handle="sandbox",
        name=f"{ws.name} (Sandbox)",
        connected_by=author,
    )
    sandbox.remote_id = str(sandbox.pk)
    sandbox.save(update_fields=["remote_id"])
    soon = timezone.now().replace(minute=0, second=0, microsecond=0)
    first_scheduled = True
    for days, (title, language, pillar, text, networks, target) in enumerate(POSTS[ws.slug], 1):
        if target == "scheduled":
            # Only the Sandbox is connected in the demo; the first scheduled post goes
            # out a few minutes after `make demo` starts, so a newcomer sees it happen.
            networks = ["sandbox"]
            when = timezone.now() + dt.timedelta(minutes=3 if first_scheduled else 60 * 24 * days)
            first_scheduled = False
        else:
            when = soon + dt.timedelta(days=days, hours=9 - soon.hour % 24)
        post = Post.objects.create(workspace=ws, author=author, title=title)
        consents = [story_consent] if pillar == "patient_story" and target != "draft" else []
        post = workflow.edit(
            post,
            author,
            text=text,
            language=language,
            pillar=pillar,
            variants={n: "" for n in networks},
            consents=consents,
            media=[image] if pillar == "education" else [],
            scheduled_at=when,
        )
        if target != "draft":
            post = workflow.submit(post, author)
        if target in ("approved", "scheduled"):
            while post.state == "in_review" and (missing := workflow.missing_reviews(post)):
                kind = sorted(missing)[0]
                post = workflow.approve(post, clinician if kind == "clinical" else officer, kind)
        if target == "scheduled":
            post = workflow.schedule(post, author)
        gate.record_verdict(post)
