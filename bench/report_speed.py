"""Reports at size: 10,000 posts, 60,000 publications (variants), 1,000,000 metric points.

Builds the data on a fresh SQLite database (or ``DATABASE_URL``), measuring the ingest of
the points through ``nabz.analytics.rollups.record`` (points, latest values and daily
rollups, in batches as the reader would send many), then times the reports page (GET as a
viewer, default filters: the last 30 days, and a filtered variant) and one month's PDF.
Prints a table and one JSON line with the machine's load (``os.getloadavg``); figures taken
on a loaded machine are not valid for the targets (page p95 < 200 ms, PDF < 5 s, ingest
>= 5,000 points/s).

    .venv/bin/python bench/report_speed.py                 # the full size
    .venv/bin/python bench/report_speed.py --posts 1000    # a tenth of everything
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--variants-per-post", type=int, default=6)
    parser.add_argument("--points", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=40)
    args = parser.parse_args()
    scale = args.posts / 10_000
    points_wanted = int(args.points * scale) if args.posts != 10_000 else args.points
    data_dir = tempfile.mkdtemp(prefix="nabz-report-bench-")
    os.environ["NABZ_DEMO"] = "1"
    os.environ["NABZ_DATA_DIR"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nabz.settings")
    os.environ["LOG_LEVEL"] = "WARNING"
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone

    call_command("migrate", verbosity=0, interactive=False)
    from django.contrib.auth import get_user_model

    from nabz.analytics import pdf
    from nabz.analytics.rollups import Observation, Target, record
    from nabz.content.models import Post, State, Variant
    from nabz.publishing.models import Account, Publication
    from nabz.workspaces.models import Membership, Workspace

    rng = random.Random(17)
    user = get_user_model().objects.create_user("bench", password="bench-pass-17")
    ws = Workspace.objects.create(name="Bench", slug="bench", timezone="Asia/Tehran")
    Membership.objects.create(user=user, workspace=ws, role="viewer")
    networks = ["facebook", "instagram", "linkedin", "x", "mastodon", "bluesky"]
    accounts = {n: Account.objects.create(workspace=ws, network=n, name=n) for n in networks}
    now = timezone.now()
    pillars = ["education", "patient_story", "awareness_day", "staff_spotlight", "research"]
    t0 = time.perf_counter()
    posts = Post.objects.bulk_create(
        [
            Post(
                workspace=ws,
                author=user,
                title=f"post {i}",
                text="x",
                pillar=rng.choice(pillars),
                language=rng.choice(["en", "ar", "fa"]),
                state=State.PUBLISHED,
                trust_score=rng.randint(60, 100),
            )
            for i in range(args.posts)
        ],
        batch_size=1000,
    )
    variants = Variant.objects.bulk_create(
        [Variant(post=p, network=n) for p in posts for n in networks[: args.variants_per_post]],
        batch_size=2000,
    )
    pubs = Publication.objects.bulk_create(
        [
            Publication(
                post_id=v.post_id,
                variant=v,
                network=v.network,
                account=accounts[v.network],
                text="x",
                state=Publication.State.SENT,
                remote_id=str(v.pk),
                published_at=now - dt.timedelta(minutes=rng.randint(0, 180 * 24 * 60)),
            )
            for v in variants
        ],
        batch_size=2000,
    )
    built = time.perf_counter() - t0
    by_post = {p.pk: p for p in posts}
    targets = [
        Target(
            publication_id=p.pk,
            account_id=p.account_id,
            workspace_id=ws.pk,
            post_id=p.post_id,
            network=p.network,
            pillar=by_post[p.post_id].pillar,
            language=by_post[p.post_id].language,
            published_at=p.published_at,
            timezone=ws.timezone,
        )
        for p in pubs
    ]
    per, extra = divmod(points_wanted, len(targets))
    readings = []
    for index, t in enumerate(targets):
        base = t.published_at or now
        likes = 0
        for k in range(per + (1 if index < extra else 0)):
            likes += rng.randint(0, 9)
            values = {"likes": likes, "comments": likes // 5, "shares": likes // 7}
            if t.network in ("facebook", "instagram", "linkedin", "x"):
                values["impressions"] = likes * 40
            values["engagements"] = likes + likes // 5 + likes // 7
            readings.append((base + dt.timedelta(hours=6 * (k + 1)), t, values))
    readings.sort(key=lambda r: r[0])
    t1 = time.perf_counter()
    batch = 2000
    for i in range(0, len(readings), batch):
        record(Observation(t, v, {}, when) for when, t, v in readings[i : i + batch])
    ingest_s = time.perf_counter() - t1
    client = Client()
    client.force_login(user)
    times = []
    for i in range(args.requests):
        query = "" if i % 2 == 0 else "?network=x&network=instagram&pillar=education&language=fa"
        start = time.perf_counter()
        response = client.get(f"/w/bench/reports/{query}", HTTP_HOST="127.0.0.1")
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
    times.sort()
    month = (now.date().replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    t2 = time.perf_counter()
    run = pdf.generate(ws, month)
    pdf_s = time.perf_counter() - t2
    load = os.getloadavg()
    figures = {
        "posts": len(posts),
        "publications": len(pubs),
        "points": len(readings),
        "build_s": round(built, 1),
        "ingest_points_per_s": round(len(readings) / ingest_s),
        "page_p50_ms": round(statistics.median(times), 1),
        "page_p95_ms": round(times[int(0.95 * (len(times) - 1))], 1),
        "pdf_s": round(pdf_s, 2),
        "pdf_bytes": len(bytes(run.pdf)),
        "database": os.environ.get("DATABASE_URL", "sqlite").split(":")[0],
        "load_1_5_15": [round(x, 2) for x in load],
        "cores": os.cpu_count(),
    }
    for key, value in figures.items():
        print(f"{key:>22}: {value}")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
