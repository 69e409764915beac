"""Reading the inbox under load: messages per second from the fake networks into the database.

``--messages`` (default 3,000) comments, mentions and messages in English, Arabic and
Persian are written on three networks — a fake Mastodon instance and a fake Bluesky PDS on
127.0.0.1 (tests/publishing/fakes) and the built-in Sandbox — a third each. Then the
accounts are polled (``nabz.inbox.polling.poll_account``, in this process, as the worker's
task does) until every message is stored: each page through the connector, triage by the
Trust Gate (``kind="incoming"``, the myth base, the cue words) and one transaction that
stores the page and moves the cursor. ``--fault-rate`` (10 %) of the read calls fail at
random (seeded): 503, 502, 429, a dropped connection; a failed poll waits for the next one.

It prints a table and one JSON line: messages written, stored, duplicates (stored twice:
must be 0), lost (written, never stored: must be 0), faults injected, wall time and
messages per second, triage included. Exit status 1 if duplicates or lost are not 0.

    .venv/bin/python bench/ingest_load.py
    .venv/bin/python bench/ingest_load.py --messages 10000 --fault-rate 0.2
    DATABASE_URL=postgres://nabz:nabz@127.0.0.1:5432/nabz_bench \
        .venv/bin/python bench/ingest_load.py
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

TEXTS = {
    "en": [
        "what time does the blood test lab open on saturday?",
        "thx to the nurses on ward 4, u were amazing with my mum",
        "waited 3 hours in A&E and nobody called my name. unacceptable",
        "is it safe to take ibuprofen after the flu jab??",
        "my dad has crushing chest pain and cant breathe properly",
        "vaccines cause autism, do your research",
        "free followers!!! click here to earn $500 a day",
        "can I reschedule my appointment to next week",
    ],
    "ar": [
        "شو مواعيد الزيارة بالمستشفى يوم الجمعة؟",
        "شكرا كتير للدكتورة والممرضات، الله يعطيكم العافية",
        "انتظرت ثلاث ساعات بالطوارئ وما حدا رد علي، مهزلة",
        "هل يمكن اخذ البنادول مع دواء الضغط؟",
        "عندي ألم في صدري من ساعة وما عم بقدر اتنفس",
        "بدي احجز موعد عند طبيب الأطفال",
        "اربح متابعين مجانا اضغط على الرابط",
        "ابني عنده ربو ويحتاج بخاخا جديدا",
    ],
    "fa": [
        "سلام، برای نوبت دکتر قلب چه روزهایی وقت دارید؟",
        "از پرستارای بخش زنان خیلی ممنون، واقعا فرشته‌اید",
        "سه ساعت تو اورژانس منتظر موندم کسی جواب نداد، افتضاحه",
        "آیا خوردن ایبوپروفن با قرص فشار خطرناکه؟",
        "قفسه سینه‌ام درد می‌کند و نفسم بالا نمیاد",
        "جواب آزمایش خونم کی آماده میشه؟",
        "فالوور رایگان فقط روی لینک بزن",
        "من دیابت دارم و انسولینم تموم شده",
    ],
}


def setup_django(data_dir: str) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    sys.path.insert(0, str(ROOT))
    os.environ["NABZ_DEMO"] = "1"
    os.environ["NABZ_DATA_DIR"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nabz.settings")
    os.environ["LOG_LEVEL"] = "WARNING"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def text_for(n: int) -> tuple[str, str]:
    language = ("en", "ar", "fa")[n % 3]
    samples = TEXTS[language]
    return f"{samples[(n // 3) % len(samples)]} #{n}", language


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--messages", type=int, default=3000)
    parser.add_argument("--fault-rate", type=float, default=0.10)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--limit", type=float, default=600.0, help="seconds before giving up")
    args = parser.parse_args()

    data_dir = tempfile.mkdtemp(prefix="nabz-ingest-")
    setup_django(data_dir)

    import httpx
    from django.utils import timezone

    from nabz.inbox import polling
    from nabz.inbox.models import Message, ReadCursor
    from nabz.publishing.connectors.base import Credentials
    from nabz.publishing.connectors.bluesky import auth as bluesky_auth
    from nabz.publishing.models import Account, SandboxComment
    from nabz.workspaces.models import Workspace
    from tests.publishing.fakes.bluesky import FakeBluesky
    from tests.publishing.fakes.mastodon import FakeMastodon
    from tests.publishing.fakes.server import Fault

    mastodon_fake = FakeMastodon(seed=args.seed).start()
    bluesky_fake = FakeBluesky(seed=args.seed).start()
    workspace = Workspace.objects.create(name="Bench Hospital", slug="bench")
    sandbox = Account.objects.create(workspace=workspace, network="sandbox", name="Sandbox")
    sandbox.remote_id = str(sandbox.pk)
    sandbox.save()
    mastodon = Account(
        workspace=workspace, network="mastodon", name="Mastodon", api_base=mastodon_fake.url
    )
    mastodon.store_credentials(
        Credentials(
            access_token=mastodon_fake.issue_token(),
            account_id=mastodon_fake.account.id,
            handle=f"sunrise_hospital@{mastodon_fake.host}",
        )
    )
    mastodon.save()
    with httpx.Client(timeout=5) as client:
        session = bluesky_auth.login(
            "sunrisehospital.bsky.social",
            "abcd-efgh-ijkl-mnop",
            api_base=bluesky_fake.url,
            client=client,
        )
    bluesky = Account(
        workspace=workspace, network="bluesky", name="Bluesky", api_base=bluesky_fake.url
    )
    bluesky.store_credentials(session)
    bluesky.save()
    accounts = [sandbox, mastodon, bluesky]

    # A first read of each account (nothing there yet) starts its cursor.
    now = timezone.now()
    polling.ensure_cursors(now)
    for account in accounts:
        polling.poll_account(account.pk, now=now)

    written: dict[int, set[str]] = {a.pk: set() for a in accounts}
    for n in range(args.messages):
        text, language = text_for(n)
        where = accounts[n % 3]
        if where is sandbox:
            row = SandboxComment.objects.create(
                account=sandbox,
                kind="dm" if n % 7 == 0 else "comment",
                author_id=f"visitor-{n % 97}",
                author_handle=f"visitor{n % 97}",
                text=text,
                language=language,
            )
            written[sandbox.pk].add(str(row.pk))
        elif where is mastodon:
            status = mastodon_fake.visitor_says(
                text,
                username=f"visitor{n % 97}",
                language=language,
                visibility="direct" if n % 7 == 0 else "public",
            )
            written[mastodon.pk].add(status.id)
        else:
            uri = bluesky_fake.visitor_posts(
                text, handle=f"visitor{n % 97}.bsky.social", reason="mention", langs=(language,)
            )
            written[bluesky.pk].add(uri)

    faults = [
        Fault.status_code(503),
        Fault.status_code(502),
        Fault.rate_limited(retry_after=0),
        Fault.drop_before(),
    ]
    mastodon_fake.inject_randomly("notifications", args.fault_rate, faults)
    bluesky_fake.inject_randomly("list_notifications", args.fault_rate, faults)

    rng = random.Random(args.seed)
    failed_polls = 0
    polls = 0
    started = time.perf_counter()
    clock = timezone.now()
    while time.perf_counter() - started < args.limit:
        stored = Message.objects.count()
        if stored >= args.messages:
            break
        clock += dt.timedelta(hours=1)  # every poll is due again; waits are not measured
        ReadCursor.objects.update(next_poll_at=clock, lease_until=None)
        for account in rng.sample(accounts, len(accounts)):
            report = polling.poll_account(account.pk, now=clock)
            polls += 1
            failed_polls += report.state == "failed"
    wall = time.perf_counter() - started

    stored_ids = {
        a.pk: list(Message.objects.filter(account=a).values_list("remote_id", flat=True))
        for a in accounts
    }
    duplicates = sum(len(ids) - len(set(ids)) for ids in stored_ids.values())
    lost = sum(len(written[a.pk] - set(stored_ids[a.pk])) for a in accounts)
    total = sum(len(ids) for ids in stored_ids.values())
    mastodon_calls = len(mastodon_fake.calls("notifications"))
    mastodon_fake.stop()
    bluesky_fake.stop()

    from django.db import connection

    result = {
        "bench": "ingest_load",
        "database": connection.vendor,
        "messages": args.messages,
        "stored": total,
        "duplicates": duplicates,
        "lost": lost,
        "fault_rate": args.fault_rate,
        "polls": polls,
        "failed_polls": failed_polls,
        "mastodon_read_calls": mastodon_calls,
        "bluesky_read_calls": len(bluesky_fake.calls("list_notifications")),
        "wall_seconds": round(wall, 2),
        "messages_per_second": round(total / wall, 1) if wall else None,
    }
    width = max(len(k) for k in result)
    for key, value in result.items():
        print(f"{key:<{width}}  {value}")
    print(json.dumps(result))
    return 0 if duplicates == 0 and lost == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
