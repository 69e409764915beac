"""Server time of the calendar's month view and the post list with a large workspace.

10,000 posts over a year and 500 consents in one workspace; each page is requested
repeatedly through Django's test client (the whole request: middleware, queries,
templates). Prints a table and one JSON line. Target: p95 < 150 ms.

    python bench/calendar_speed.py                      # a fresh SQLite database
    DATABASE_URL=postgres://nabz:nabz@127.0.0.1/nabz_bench python bench/calendar_speed.py
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import tempfile
import time

POSTS = 10_000
CONSENTS = 500


def setup_django(data_dir: str) -> None:
    os.environ["NABZ_DEMO"] = "1"
    os.environ["NABZ_DATA_DIR"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nabz.settings")
    os.environ["LOG_LEVEL"] = "WARNING"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def populate(posts: int, consents: int) -> tuple[object, object]:
    from django.utils import timezone

    from nabz.consent.models import Consent
    from nabz.content.models import Network, Pillar, Post, State, Variant
    from nabz.workspaces.models import Membership, User, Workspace
    from nabz.workspaces.roles import Role

    rng = random.Random(7)
    ws = Workspace.objects.create(
        name="Bench Hospital",
        slug=f"bench-{time.time_ns()}",
        timezone="Asia/Tehran",
        target_networks=["x", "instagram", "facebook"],
        target_mix={"education": 40, "patient_story": 10},
    )
    user = User.objects.create_user(f"bench-{ws.pk}")
    Membership.objects.create(user=user, workspace=ws, role=Role.CLINICAL_REVIEWER)
    now = timezone.now()
    states = [State.DRAFT, State.IN_REVIEW, State.APPROVED, State.SCHEDULED, State.PUBLISHED]
    rows = [
        Post(
            workspace=ws,
            author=user,
            title=f"Post {i}",
            text="Flu vaccines are available this week at our clinic. " * 3,
            pillar=rng.choice(Pillar.values),
            state=rng.choice(states),
            scheduled_at=now + dt.timedelta(hours=rng.randint(-24 * 180, 24 * 180)),
            trust_score=rng.randint(40, 100),
        )
        for i in range(posts)
    ]
    Post.objects.bulk_create(rows, batch_size=1000)
    ids = list(Post.objects.filter(workspace=ws).values_list("pk", flat=True))
    Variant.objects.bulk_create(
        [Variant(post_id=pk, network=n) for pk in ids for n in rng.sample(Network.values, 2)],
        batch_size=2000,
    )
    today = timezone.localdate()
    Consent.objects.bulk_create(
        [
            Consent(
                workspace=ws,
                subject=f"Story {i}",
                networks=["instagram", "facebook"],
                content_kinds=["story", "photo"],
                signed_on=today - dt.timedelta(days=200),
                expires_on=today + dt.timedelta(days=rng.randint(-30, 400)),
            )
            for i in range(consents)
        ],
        batch_size=500,
    )
    return ws, user


def measure(client: object, url: str, rounds: int) -> dict[str, float]:
    timings = []
    for _ in range(rounds):
        started = time.perf_counter()
        response = client.get(url)  # type: ignore[attr-defined]
        timings.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    timings.sort()
    return {
        "p50_ms": round(statistics.median(timings), 1),
        "p95_ms": round(timings[int(0.95 * (len(timings) - 1))], 1),
        "max_ms": round(timings[-1], 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=POSTS)
    parser.add_argument("--consents", type=int, default=CONSENTS)
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="nabz-bench-") as data_dir:
        setup_django(data_dir)
        from django.db import connection
        from django.test import Client

        started = time.perf_counter()
        ws, user = populate(args.posts, args.consents)
        load_s = time.perf_counter() - started
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user)
        pages = {
            "calendar month": f"/w/{ws.slug}/calendar/",  # type: ignore[attr-defined]
            "calendar week": f"/w/{ws.slug}/calendar/?view=week",  # type: ignore[attr-defined]
            "post list": f"/w/{ws.slug}/posts/",  # type: ignore[attr-defined]
            "post list filtered": f"/w/{ws.slug}/posts/?state=scheduled&network=x",  # type: ignore[attr-defined]
            "dashboard": f"/w/{ws.slug}/",  # type: ignore[attr-defined]
        }
        for url in pages.values():
            client.get(url)  # warm caches and templates
        results = {name: measure(client, url, args.rounds) for name, url in pages.items()}
        vendor = connection.vendor
    print(
        f"{'page':<22}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}   ({vendor}, "
        f"{args.posts} posts, {args.consents} consents, loaded in {load_s:.1f} s)"
    )
    for name, r in results.items():
        print(f"{name:<22}{r['p50_ms']:>10}{r['p95_ms']:>10}{r['max_ms']:>10}")
    worst = max(r["p95_ms"] for r in results.values())
    print(
        json.dumps(
            {
                "bench": "calendar_speed",
                "database": vendor,
                "posts": args.posts,
                "consents": args.consents,
                "pages": results,
                "worst_p95_ms": worst,
                "target_p95_ms": 150,
                "meets_target": worst < 150,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src"))
    sys.exit(main())
