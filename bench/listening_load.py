"""Listening under load: ingestion, the stream page with many stored results, spike detection.

1. **Ingest**: ``--results`` (default 10,000) public posts in English, Arabic and Persian
   are written to the Sandbox's public timeline; one query (an OR of words in the three
   languages) is run (``nabz.listening.runs.run_query``, in this process, as the worker's
   task does) until every matching post is stored: the search page, the fast matcher, the
   Trust Gate (once, ``kind="incoming"``) and one transaction per page with
   its cursor. Figure: results per second, ingested and checked (target ≥ 2,000/s).
2. **Stream page**: ``--stored`` (default 200,000) results are written straight to the
   table for one query, then the stream page is requested ``--requests`` times (first
   page, filters, and pages further down by keyset) through Django's test client as a
   signed-in member. Figure: p50 and p95 in milliseconds (target p95 < 100 ms at
   1,000,000 stored; say the count you measured).
3. **Spikes**: ``--queries`` (default 1,000) queries with the current hour and the same
   hour of the past 7 days counted; ``alerts.spikes`` checks them all. Figure: seconds
   per run (target < 1 s).

It prints one JSON line with the figures and the machine's load average before and after.

    .venv/bin/python bench/listening_load.py
    .venv/bin/python bench/listening_load.py --stored 1000000
    DATABASE_URL=postgres://nabz:nabz@127.0.0.1:5432/nabz_bench \\
        .venv/bin/python bench/listening_load.py
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import statistics
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

TEXTS = {
    "en": [
        "got my flu vaccine today, quick and painless",
        "vaccines cause autism, do your research",
        "corona numbers are up again in the city #covid19",
        "my dad has crushing chest pain after his corona vaccine, what do we do",
        "is the corona booster free this winter?",
        "antibiotics cure the flu, my aunt swears by them",
        "lovely weather for a walk today",
    ],
    "ar": [
        "اللقاحات تسبب التوحد، انشروا",
        "أخذت لقاح الإنفلونزا اليوم في المستوصف",
        "الثوم يعالج كورونا، جربوه",
        "هل لقاح كورونا متوفر للأطفال؟",
        "الجو جميل اليوم في الرياض",
    ],
    "fa": [
        "واکسن باعث اوتیسم می‌شود",
        "صف واکسن کرونا امروز خیلی شلوغ بود",
        "کرونا دوباره برگشته؟ همه سرفه می‌کنند",
        "هوای تهران امروز خوب است",
    ],
}
QUERY = "vaccine OR vaccines OR corona OR لقاح OR اللقاحات OR كورونا OR واکسن OR کرونا"


def setup_django(data_dir: str) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    sys.path.insert(0, str(ROOT))
    os.environ["NABZ_DEMO"] = "1"
    os.environ["NABZ_DATA_DIR"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nabz.settings")
    os.environ["LOG_LEVEL"] = "WARNING"
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def ingest(workspace, count: int, rng: random.Random) -> dict[str, object]:  # type: ignore[no-untyped-def]
    from django.utils import timezone

    from nabz.listening import runs
    from nabz.listening.models import ListeningQuery, Result, SearchCursor
    from nabz.publishing.models import Account, SandboxPublicPost

    account = Account.objects.create(workspace=workspace, network="sandbox", name="Sandbox")
    account.remote_id = str(account.pk)
    account.save()
    query = ListeningQuery.objects.create(
        workspace=workspace, name="bench", query=QUERY, networks=["sandbox"]
    )
    from nabz.listening.query import Post, parse, reference_match

    tree = parse(QUERY)
    rows = []
    matching = 0
    languages = list(TEXTS)
    for i in range(count):
        language = languages[i % 3]
        text = rng.choice(TEXTS[language])
        matching += reference_match(tree, Post(text, language, "sandbox"))
        rows.append(
            SandboxPublicPost(
                author_id=f"a{i % 500}",
                author_handle=f"user{i % 500}",
                text=f"{text} ({i})",
                language=language,
            )
        )
    SandboxPublicPost.objects.bulk_create(rows, batch_size=2000)
    from nabz.listening import marks

    for language, texts in TEXTS.items():  # a worker is long-lived: its engine is warm
        marks.check(texts[0], language)
    started = time.perf_counter()
    runs_made = 0
    while True:
        now = timezone.now()
        ListeningQuery.objects.filter(pk=query.pk).update(next_run_at=now, lease_until=None)
        SearchCursor.objects.filter(query=query).update(next_run_at=now)
        report = runs.run_query(query.pk, now=now)
        runs_made += 1
        if report.seen == 0 or runs_made > 10_000:
            break
    elapsed = time.perf_counter() - started
    stored = Result.objects.filter(query=query).count()
    return {
        "written": count,
        "matching": matching,
        "stored": stored,
        "lost": matching - stored,
        "seconds": round(elapsed, 2),
        "results_per_second": round(stored / elapsed, 1) if elapsed else None,
        "myths": Result.objects.filter(query=query, myth=True).count(),
    }


def stream(workspace, user, stored: int, requests: int, rng: random.Random) -> dict[str, object]:  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from nabz.listening.models import ListeningQuery, Result, Volume

    query = ListeningQuery.objects.create(workspace=workspace, name="stream", query="corona")
    now = timezone.now()
    batch: list[Result] = []
    hours: dict[dt.datetime, int] = {}
    started = time.perf_counter()
    for i in range(stored):
        language = ("en", "ar", "fa")[i % 3]
        posted = now - dt.timedelta(seconds=i * 7)
        batch.append(
            Result(
                workspace=workspace,
                query=query,
                network=("sandbox", "mastodon", "bluesky", "x")[i % 4],
                remote_id=str(i),
                author_handle=f"user{i % 997}",
                text=f"{rng.choice(TEXTS[language])} ({i})",
                language=language,
                posted_at=posted,
                myth=i % 11 == 0,
                myth_id="m" if i % 11 == 0 else "",
                emergency=i % 101 == 0,
                hashtags=["covid19"] if i % 5 == 0 else [],
            )
        )
        hour = posted.replace(minute=0, second=0, microsecond=0)
        hours[hour] = hours.get(hour, 0) + 1
        if len(batch) == 5000:
            Result.objects.bulk_create(batch)
            batch = []
    Result.objects.bulk_create(batch)
    Volume.objects.bulk_create([Volume(query=query, hour=h, count=c) for h, c in hours.items()])
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    filled = time.perf_counter() - started
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    url = f"/w/{workspace.slug}/listening/{query.pk}/"
    older = ""
    timings = []
    for i in range(requests):
        params: dict[str, str] = {}
        kind = i % 5
        if kind == 1:
            params["mark"] = "myth"
        elif kind == 2:
            params["language"] = "fa"
        elif kind == 3 and older:
            params["before"] = older
        elif kind == 4:
            params["network"] = "bluesky"
            params["mark"] = "emergency"
        started = time.perf_counter()
        response = client.get(url, params)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
        found = re.search(r"before=([^\"&]+)", response.content.decode())
        older = urllib.parse.unquote(found.group(1)) if found else older
    timings.sort()
    return {
        "stored": stored,
        "fill_seconds": round(filled, 1),
        "requests": requests,
        "p50_ms": round(statistics.median(timings), 1),
        "p95_ms": round(timings[int(len(timings) * 0.95) - 1], 1),
        "max_ms": round(timings[-1], 1),
    }


def spikes(workspace, count: int, rng: random.Random) -> dict[str, object]:  # type: ignore[no-untyped-def]
    from django.utils import timezone

    from nabz.listening import alerts
    from nabz.listening.models import ListeningQuery, Volume

    queries = ListeningQuery.objects.bulk_create(
        [ListeningQuery(workspace=workspace, name=f"s{i}", query=f"word{i}") for i in range(count)]
    )
    now = timezone.now()
    current, past = alerts.hours(now)
    rows = []
    spiking = 0
    for q in queries:
        base = rng.randint(0, 40)
        for hour in past:
            rows.append(Volume(query=q, hour=hour, count=max(0, base + rng.randint(-5, 5))))
        spike = rng.random() < 0.05
        spiking += spike
        rows.append(Volume(query=q, hour=current, count=base * 5 + 30 if spike else base))
    Volume.objects.bulk_create(rows, batch_size=5000)
    runs_timed = []
    found = {}
    for _ in range(5):
        chosen = list(ListeningQuery.objects.filter(pk__in=[q.pk for q in queries]))
        started = time.perf_counter()
        found = alerts.spikes(chosen, now)
        runs_timed.append(time.perf_counter() - started)
    return {
        "queries": count,
        "planted": spiking,
        "found": len(found),
        "seconds_per_run": round(statistics.median(runs_timed), 3),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--results", type=int, default=10_000)
    parser.add_argument("--stored", type=int, default=200_000)
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    load_before = os.getloadavg()
    setup_django(tempfile.mkdtemp(prefix="nabz-listening-"))
    from django.contrib.auth import get_user_model
    from django.db import connection

    from nabz.workspaces.models import Membership, Workspace
    from nabz.workspaces.roles import Role

    rng = random.Random(args.seed)
    workspace = Workspace.objects.create(name="Bench", slug="bench")
    user = get_user_model().objects.create_user("viewer", password="x" * 20)
    Membership.objects.create(user=user, workspace=workspace, role=Role.VIEWER)
    figures = {
        "database": connection.vendor,
        "ingest": ingest(workspace, args.results, rng),
        "spikes": spikes(workspace, args.queries, rng),
        "stream": stream(workspace, user, args.stored, args.requests, rng),
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "cpus": os.cpu_count(),
    }
    print(json.dumps(figures))
    return 0 if figures["ingest"]["lost"] == 0 else 1  # type: ignore[index]


if __name__ == "__main__":
    raise SystemExit(main())
