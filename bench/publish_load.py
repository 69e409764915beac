"""Publishing under load: 1,000 due variants, real `nabz worker` processes, faulty networks.

The load (default ``--variants 1000``) goes to the six fake networks of tests/publishing/fakes
(Facebook and Instagram on one fake Graph API, LinkedIn, X, Mastodon, Bluesky), all served
from this process on 127.0.0.1. Every call that creates a post (Facebook ``page_feed``,
Instagram ``ig_media_publish``, LinkedIn/Mastodon/Bluesky ``create_post``, X ``create_tweet``)
is faulted at random (seeded) with ``--fault-rate`` (10 %), evenly among: 500, 502, 503; 429
with Retry-After 1 s or 2 s; the post created and the answer held back past the worker's
publish timeout (``slow_after_commit``, timeout + 1 s); the post created and the connection
dropped; the connection dropped before the network saw the request.

How the load is laid out:

- the variants are spread evenly over the six networks (1,000: 167 or 166 each);
- ``--workspaces`` hospitals (default: as many as the tightest per-account limit needs, 4 for
  1,000), each with exactly one connected account per network, so a variant is exactly one
  publication; each account gets at most 42 variants. That keeps every account under
  ``worker.ACCOUNT_LIMITS`` and the networks' own caps: Instagram 50 per 24 h (the worker's
  limit and the fake's ``content_publishing_limit``), LinkedIn 100 per day, X 100 per day (the
  fake's daily cap) and the 50 newest posts X's ``find`` reads back when it reconciles;
- Facebook, LinkedIn, X, Mastodon and Bluesky variants sit in text posts (up to five variants
  each, one per network); Instagram variants in posts of their own, each with an image
  (a Pillow PNG uploaded through ``nabz.media.services.upload``, one per hospital, with alt
  text) served from NABZ_BASE_URL=https://nabz.example.org, which the fake accepts as a
  public address. The fake Graph API hosts one Page and one Instagram account per hospital;
- every variant has its own short text (networks refuse an account's duplicate text, and
  Facebook, Instagram, LinkedIn and X reconcile an unseen success by its text);
- posts are written straight into the database as approved and due: state ``scheduled``,
  ``scheduled_at`` a minute ago, an active clinical Approval with the post's fingerprint.

Then ``--workers`` (1) ``python -m nabz.cli worker`` processes run with the default database
task backend on a fresh SQLite file (or, with DATABASE_URL set, on a PostgreSQL database this
script creates next to that one and drops afterwards), NABZ_DISPATCH_SECONDS=1,
NABZ_PUBLISH_LEASE_SECONDS=``--lease`` (10) and NABZ_PUBLISH_TIMEOUT_SECONDS=``--publish-timeout``
(2), until every publication is sent or failed, or ``--limit`` (300 s) passes.

It prints a table and one JSON line: publications, published, failed (by reason), duplicates
on the networks (posts whose text a fake holds more than once: must be 0), lost (publications
neither sent nor failed at the end, sent without that post on the fake, or never created: must
be 0), retries (attempts - publications), the wall time from the first worker start to the last
final state (target < 60 s) and where the time went. Exit status 1 if duplicates or lost are
not 0.

    .venv/bin/python bench/publish_load.py                     # SQLite, one worker
    .venv/bin/python bench/publish_load.py --workers 2
    DATABASE_URL=postgres://nabz:nabz@127.0.0.1:5432/nabz .venv/bin/python bench/publish_load.py
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import datetime as dt
import io
import json
import math
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
import services

ROOT = Path(__file__).resolve().parent.parent
NETWORKS = ("facebook", "instagram", "linkedin", "x", "mastodon", "bluesky")
TEXT_NETWORKS = ("facebook", "linkedin", "x", "mastodon", "bluesky")
# The tightest per-account cap among the networks: Instagram's 50 posts per 24 hours (the
# worker's ACCOUNT_LIMITS and the fake's quota) and the 50 newest posts X's find() reads.
PER_ACCOUNT_CAP = 50
PUBLISH_ROUTES = {
    "facebook": "page_feed",
    "instagram": "ig_media_publish",
    "linkedin": "create_post",
    "x": "create_tweet",
    "mastodon": "create_post",
    "bluesky": "create_post",
}
FINAL = ("sent", "failed")
TARGET_SECONDS = 60


# --- database ----------------------------------------------------------------------------
def create_postgres_database(url: str) -> tuple[str, str]:
    """A fresh database beside the one DATABASE_URL names: (its URL, its name)."""
    import psycopg

    parts = urlsplit(url)
    name = f"nabz_bench_{os.getpid()}_{int(time.time())}"
    with psycopg.connect(_libpq(url), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}")), name


def drop_postgres_database(url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(_libpq(url), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _libpq(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(scheme="postgresql"))


def setup_django(env: dict[str, str]) -> None:
    os.environ.update(env)
    if "DATABASE_URL" not in env:
        os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


# --- the fakes ---------------------------------------------------------------------------
class Fakes:
    """The five fake servers, one account per network and hospital, and fault counting."""

    def __init__(self, seed: int) -> None:
        from tests.publishing.fakes.bluesky import FakeBluesky
        from tests.publishing.fakes.linkedin import FakeLinkedIn
        from tests.publishing.fakes.mastodon import FakeMastodon
        from tests.publishing.fakes.meta import FakeMeta
        from tests.publishing.fakes.x import FakeX

        self.meta = FakeMeta(seed=seed)
        self.linkedin = FakeLinkedIn(seed=seed + 1)
        self.x = FakeX(seed=seed + 2)
        self.mastodon = FakeMastodon(seed=seed + 3)
        self.bluesky = FakeBluesky(seed=seed + 4)
        self.injected: collections.Counter[tuple[str, str]] = collections.Counter()

    @property
    def servers(self) -> list[Any]:
        return [self.meta, self.linkedin, self.x, self.mastodon, self.bluesky]

    def for_network(self, network: str) -> Any:
        return {
            "facebook": self.meta,
            "instagram": self.meta,
            "linkedin": self.linkedin,
            "x": self.x,
            "mastodon": self.mastodon,
            "bluesky": self.bluesky,
        }[network]

    def credentials(self, network: str, index: int) -> tuple[Any, str]:
        """Credentials for hospital ``index``'s account on ``network``, and its name."""
        from nabz.publishing.connectors.base import Credentials
        from nabz.publishing.connectors.bluesky import auth as bluesky_auth
        from tests.publishing.fakes.meta import ALL_TASKS

        n = index + 1
        meta = self.meta
        page_id, ig_id = f"1049{n:011d}", f"178414{n:011d}"
        if network == "facebook":
            if page_id not in meta.pages:
                meta.add_page(
                    page_id,
                    f"Hospital {n}",
                    {meta.USER_ID: ALL_TASKS},
                    instagram=(ig_id, f"hospital{n}"),
                )
            token = meta.page_token(page_id)
            return Credentials(
                access_token=token,
                refresh_token=meta.user_token(),
                account_id=page_id,
                handle=f"Hospital {n}",
            ), f"Hospital {n} Page"
        if network == "instagram":
            if page_id not in meta.pages:
                self.credentials("facebook", index)
            return Credentials(
                access_token=meta.page_token(page_id),
                refresh_token=meta.user_token(),
                account_id=ig_id,
                handle=f"hospital{n}",
                extra={"page_id": page_id},
            ), f"@hospital{n}"
        if network == "linkedin":
            urn = f"urn:li:organization:{7100000 + n}"
            self.linkedin.add_organization(urn, f"Hospital {n}")
            access, refresh = self.linkedin.issue_token()
            return Credentials(
                access_token=access, refresh_token=refresh, account_id=urn
            ), f"Hospital {n}"
        if network == "x":
            user_id = str(1_700_000_000 + n)
            self.x.add_user(user_id, f"Hospital{n}")
            access, refresh = self.x.issue_token(user=user_id)
            return Credentials(
                access_token=access,
                refresh_token=refresh,
                account_id=user_id,
                handle=f"Hospital{n}",
            ), f"@Hospital{n}"
        if network == "mastodon":
            account = self.mastodon.add_account(f"hospital{n}")
            return Credentials(
                access_token=self.mastodon.issue_token(account),
                account_id=account.id,
                handle=f"hospital{n}@{self.mastodon.host}",
            ), f"@hospital{n}"
        handle, password = f"hospital{n}.bsky.social", f"bnch-{n:04d}-pass-word"
        self.bluesky.add_account(handle, password)
        return bluesky_auth.login(handle, password, api_base=self.bluesky.url), handle

    def inject(self, rate: float, publish_timeout: int) -> None:
        from tests.publishing.fakes.server import Fault

        faults = [
            Fault.status_code(500),
            Fault.status_code(502),
            Fault.status_code(503),
            Fault.rate_limited(retry_after=1),
            Fault.rate_limited(retry_after=2),
            Fault.slow_after_commit(seconds=publish_timeout + 1),
            Fault.drop_after_commit(),
            Fault.drop_before(),
        ]
        for network, route in PUBLISH_ROUTES.items():
            fake = self.for_network(network)
            fake.inject_randomly(route, rate, faults)
        for fake in self.servers:  # count what was injected, per route and kind
            original = fake._next_fault

            def counting(route: str, _fake: Any = fake, _original: Any = original) -> Any:
                fault = _original(route)
                if fault is not None:
                    label = f"{fault.kind} {fault.status}" if fault.status else fault.kind
                    self.injected[(f"{_fake.name}:{route}", label)] += 1
                return fault

            fake._next_fault = counting

    def calls(self, network: str) -> int:
        fake = self.for_network(network)
        route = PUBLISH_ROUTES[network]
        return sum(1 for name, method, _r in fake.requests if name == route and method == "POST")

    def faults(self, network: str) -> int:
        fake = self.for_network(network)
        key = f"{fake.name}:{PUBLISH_ROUTES[network]}"
        return sum(n for (where, _kind), n in self.injected.items() if where == key)

    def remote_posts(self) -> dict[str, dict[str, str]]:
        """Everything live on the fakes: network -> {remote id: text}."""
        from tests.publishing.fakes.bluesky import POST

        with contextlib.ExitStack() as stack:
            for fake in self.servers:
                stack.enter_context(fake.lock)
            return {
                "facebook": {p.id: p.message for p in self.meta.page_posts.values()},
                "instagram": {m.id: m.caption for m in self.meta.media.values()},
                "linkedin": {p.urn: p.commentary for p in self.linkedin.live_posts()},
                "x": {t.id: t.sent_text for t in self.x.live_tweets()},
                "mastodon": {
                    s.id: s.text
                    for s in self.mastodon.statuses.values()
                    if s.id not in self.mastodon.deleted
                },
                "bluesky": {
                    f"at://{did}/{collection}/{rkey}": str(record.value.get("text", ""))
                    for (did, collection, rkey), record in self.bluesky.records.items()
                    if collection == POST
                },
            }


# --- the load ----------------------------------------------------------------------------
def spread(variants: int, workspaces: int) -> dict[tuple[int, str], int]:
    """Variants per (hospital, network): even over the networks, then over the hospitals."""
    counts = {}
    for i, network in enumerate(NETWORKS):
        share = variants // len(NETWORKS) + (1 if i < variants % len(NETWORKS) else 0)
        for w in range(workspaces):
            counts[(w, network)] = share // workspaces + (1 if w < share % workspaces else 0)
    return counts


def png(index: int) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1080, 1080), (20 + 40 * index % 200, 110, 160))
    ImageDraw.Draw(image).rectangle((200, 200, 880, 880), fill=(240, 240, 240))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def variant_text(network: str, hospital: int, number: int) -> str:
    # Plain words only: no characters LinkedIn treats as markup, nothing X escapes.
    return (
        f"{network.capitalize()} note {hospital + 1}.{number}: the outpatient clinic keeps "
        f"longer opening hours this week, from 8 in the morning to 8 in the evening."
    )


def populate(fakes: Fakes, variants: int, workspaces: int) -> dict[str, Any]:
    from django.utils import timezone

    from nabz.content.models import Approval, Post, State, Variant
    from nabz.media.services import MediaDetails, upload
    from nabz.publishing.models import Account
    from nabz.workspaces.models import User, Workspace

    counts = spread(variants, workspaces)
    due = timezone.now() - dt.timedelta(minutes=1)
    author = User.objects.create_user("bench-author")
    posts: list[Post] = []
    layout: dict[str, Any] = {"workspaces": workspaces, "accounts": {}, "posts": 0}
    for w in range(workspaces):
        ws = Workspace.objects.create(name=f"Bench Hospital {w + 1}", slug=f"bench-{w + 1}")
        for network in NETWORKS:
            credentials, name = fakes.credentials(network, w)
            account = Account(
                workspace=ws, network=network, name=name, api_base=fakes.for_network(network).url
            )
            account.store_credentials(credentials)
            account.save()
        image = upload(
            ws,
            io.BytesIO(png(w)),
            MediaDetails(title="Clinic entrance", alt_text={"en": "The clinic's front entrance."}),
            actor=author,
            via="bench",
        )
        text_posts = max(counts[(w, n)] for n in TEXT_NETWORKS)
        for i in range(text_posts):
            post = Post.objects.create(
                workspace=ws,
                author=author,
                title=f"Opening hours {w + 1}.{i}",
                text=f"Opening hours {w + 1}.{i}: the outpatient clinic keeps longer hours.",
                pillar="behind_the_scenes",
                state=State.SCHEDULED,
                scheduled_at=due,
            )
            Variant.objects.bulk_create(
                [
                    Variant(post=post, network=n, text=variant_text(n, w, i))
                    for n in TEXT_NETWORKS
                    if i < counts[(w, n)]
                ]
            )
            posts.append(post)
        for i in range(counts[(w, "instagram")]):
            post = Post.objects.create(
                workspace=ws,
                author=author,
                title=f"Entrance photo {w + 1}.{i}",
                text=variant_text("instagram", w, i),
                pillar="behind_the_scenes",
                state=State.SCHEDULED,
                scheduled_at=due,
            )
            post.media.add(image)
            Variant.objects.create(
                post=post, network="instagram", text=variant_text("instagram", w, i)
            )
            posts.append(post)
    Approval.objects.bulk_create(
        [
            Approval(post=p, kind="clinical", reviewer=author, fingerprint=p.fingerprint())
            for p in posts
        ]
    )
    layout["posts"] = len(posts)
    for network in NETWORKS:
        per = [counts[(w, network)] for w in range(workspaces)]
        layout["accounts"][network] = {
            "accounts": workspaces,
            "variants": sum(per),
            "max": max(per),
        }
    return layout


# --- workers -----------------------------------------------------------------------------
def start_worker(index: int, env: dict[str, str], logs: Path) -> subprocess.Popen[bytes]:
    with open(logs / f"worker-{index + 1}.log", "wb") as log:  # the worker keeps its own copy
        return subprocess.Popen(
            [sys.executable, "-m", "nabz.cli", "worker"],
            env=env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )


def start_workers(count: int, env: dict[str, str], logs: Path) -> list[subprocess.Popen[bytes]]:
    return [start_worker(i, env, logs) for i in range(count)]


def stop_workers(workers: list[subprocess.Popen[bytes]]) -> None:
    for worker in workers:
        if worker.poll() is None:
            worker.send_signal(signal.SIGTERM)
    for worker in workers:
        try:
            worker.wait(timeout=15)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait(timeout=5)


def wait_until_final(
    limit: float, started: float, workers: list[Any], chaos: Chaos | None = None
) -> tuple[float, dict]:
    """Poll until no due post is left unprepared and every publication is sent or failed."""
    from django.db import DatabaseError, close_old_connections, connections
    from django.db.models import Count

    from nabz.content.models import Post, State
    from nabz.publishing.models import Publication

    states: dict[str, int] = {}
    while True:
        close_old_connections()
        try:
            states = dict(
                Publication.objects.values_list("state").annotate(n=Count("pk")).order_by("state")
            )
            unprepared = Post.objects.filter(
                state=State.SCHEDULED, publications__isnull=True
            ).count()
        except DatabaseError:  # the database is being restarted (chaos): ask again
            connections.close_all()
            time.sleep(0.5)
            continue
        open_ = sum(n for s, n in states.items() if s not in FINAL)
        now = time.monotonic()
        if chaos is not None:
            chaos.step(states.get("sent", 0) + states.get("failed", 0), now - started)
        if states and not unprepared and not open_ and (chaos is None or chaos.done):
            return now - started, states
        if now - started > limit or all(w.poll() is not None for w in workers):
            return now - started, states
        time.sleep(0.5)


class Chaos:
    """What a deployment lives through, mid-run: a worker killed with SIGKILL (another
    started in its place), Redis restarted, PostgreSQL restarted — each once, when a given
    share of the publications is final."""

    def __init__(self, expected: int, workers: list[Any], start_worker: Any,
                 redis: Any = None, postgres: Any = None) -> None:  # fmt: skip
        self.expected, self.workers, self.start_worker = expected, workers, start_worker
        self.plan: list[tuple[float, str, Any]] = [(0.15, "worker killed (SIGKILL)", self._kill)]
        if redis is not None:
            self.plan.append((0.40, "Redis restarted", redis.restart))
        if postgres is not None:
            self.plan.append((0.65, "PostgreSQL restarted", postgres.restart))
        self.events: list[dict[str, Any]] = []
        self.killed: list[Any] = []

    @property
    def done(self) -> bool:
        return len(self.events) == len(self.plan)

    def step(self, final: int, elapsed: float) -> None:
        for share, name, action in self.plan[len(self.events) :]:
            if final < share * self.expected:
                return
            action()
            self.events.append({"event": name, "at_s": round(elapsed, 1), "final": final})

    def _kill(self) -> None:
        victim = next(w for w in self.workers if w.poll() is None)
        victim.send_signal(signal.SIGKILL)
        victim.wait(timeout=10)
        self.killed.append(victim)
        self.workers.append(self.start_worker(len(self.workers)))

    def survivors_down(self) -> int:
        """Workers that were not killed on purpose but are no longer running."""
        return sum(1 for w in self.workers if w not in self.killed and w.poll() is not None)


# --- the report --------------------------------------------------------------------------
def reason_of(error: str) -> str:
    text = re.sub(r"\d+", "#", error or "?")
    return text[:90]


def percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    values = sorted(values)
    return values[min(len(values) - 1, int(p * (len(values) - 1) + 0.5))]


def analyse(fakes: Fakes, expected: int, started_at: dt.datetime) -> dict[str, Any]:
    from django_tasks_db.models import DBTaskResult

    from nabz.audit.models import AuditEntry
    from nabz.content.models import Post
    from nabz.publishing.models import Publication

    remote = fakes.remote_posts()
    pubs = list(
        Publication.objects.values(
            "pk", "network", "state", "attempts", "remote_id", "text", "last_error", "published_at"
        )
    )
    by_network: dict[str, dict[str, Any]] = {}
    failed_reasons: collections.Counter[str] = collections.Counter()
    lost_detail: collections.Counter[str] = collections.Counter()
    matched: set[tuple[str, str]] = set()
    for pub in pubs:
        row = by_network.setdefault(
            pub["network"], {"publications": 0, "sent": 0, "failed": 0, "attempts": 0}
        )
        row["publications"] += 1
        row["attempts"] += pub["attempts"]
        if pub["state"] == "sent":
            row["sent"] += 1
            text = remote.get(pub["network"], {}).get(pub["remote_id"])
            if text is None or text.strip() != pub["text"].strip():
                lost_detail[f"sent, not on {pub['network']}"] += 1
            else:
                matched.add((pub["network"], pub["remote_id"]))
        elif pub["state"] == "failed":
            row["failed"] += 1
            failed_reasons[f"{pub['network']}: {reason_of(pub['last_error'])}"] += 1
        else:
            lost_detail[f"still {pub['state']}"] += 1
    if len(pubs) < expected:
        lost_detail["never created (post held?)"] += expected - len(pubs)
    duplicates: dict[str, int] = {}
    unrecorded: dict[str, int] = {}
    for network, posts in remote.items():
        seen = collections.Counter(t.strip() for t in posts.values())
        duplicates[network] = sum(n for n in seen.values() if n > 1)
        unrecorded[network] = sum(1 for rid in posts if (network, rid) not in matched)
    for network in NETWORKS:
        row = by_network.setdefault(
            network, {"publications": 0, "sent": 0, "failed": 0, "attempts": 0}
        )
        row["publish_calls"] = fakes.calls(network)
        row["faults"] = fakes.faults(network)
        row["on_network"] = len(remote.get(network, {}))
    attempts = sum(p["attempts"] for p in pubs)

    # Where the time went: the task queue, the dispatcher, the attempts.
    tasks = list(
        DBTaskResult.objects.values(
            "task_path", "status", "enqueued_at", "started_at", "finished_at", "args_kwargs"
        )
    )
    runs = [t for t in tasks if t["task_path"].endswith("run_publication")]
    per_pub = collections.Counter(str(t["args_kwargs"]) for t in runs)
    busy = [
        (t["finished_at"] - t["started_at"]).total_seconds()
        for t in runs
        if t["started_at"] and t["finished_at"]
    ]
    waits = [
        (t["started_at"] - t["enqueued_at"]).total_seconds()
        for t in runs
        if t["started_at"] and t["enqueued_at"]
    ]
    net_of = {p["pk"]: p["network"] for p in pubs}
    busy_by_network: dict[str, list[float]] = collections.defaultdict(list)
    for t in runs:
        if t["started_at"] and t["finished_at"]:
            pk = (t["args_kwargs"].get("args") or [None])[0]
            busy_by_network[net_of.get(pk, "?")].append(
                (t["finished_at"] - t["started_at"]).total_seconds()
            )
    prepared = list(
        AuditEntry.objects.filter(action="post.publishing_started")
        .order_by("created_at")
        .values_list("created_at", flat=True)
    )
    published = sorted(p["published_at"] for p in pubs if p["published_at"])

    def since(moment: dt.datetime | None) -> float | None:
        return round((moment - started_at).total_seconds(), 2) if moment else None

    working: dict[str, list[float]] = {  # attempts that called the network (not no-ops)
        n: [s for s in v if s >= 0.005] for n, v in busy_by_network.items()
    }
    timeline = {
        "first_post_prepared_s": since(prepared[0] if prepared else None),
        "last_post_prepared_s": since(prepared[-1] if prepared else None),
        "first_task_started_s": since(
            min((t["started_at"] for t in runs if t["started_at"]), default=None)
        ),
        "first_sent_s": since(published[0] if published else None),
        "half_sent_s": since(published[len(published) // 2] if published else None),
        "90pct_sent_s": since(published[int(len(published) * 0.9)] if published else None),
        "last_sent_s": since(published[-1] if published else None),
    }
    queue = {
        "tasks": len(tasks),
        "publication_tasks": len(runs),
        "publications_run_more_than_once": sum(1 for n in per_pub.values() if n > 1),
        "task_seconds_total": round(sum(busy), 1),
        "task_ms_p50": round(1000 * percentile(busy, 0.5), 1),
        "task_ms_p95": round(1000 * percentile(busy, 0.95), 1),
        "task_ms_max": round(1000 * max(busy, default=0), 1),
        "queue_wait_s_p50": round(percentile(waits, 0.5), 2),
        "queue_wait_s_max": round(max(waits, default=0), 2),
        "failed_tasks": sum(1 for t in tasks if t["status"] == "FAILED"),
        "task_seconds_by_network": {
            n: round(sum(v), 1) for n, v in sorted(busy_by_network.items())
        },
        "attempt_ms_p50_by_network": {
            n: round(1000 * percentile(v, 0.5), 1) for n, v in sorted(working.items())
        },
        "noop_tasks": sum(1 for v in busy_by_network.values() for s in v if s < 0.005),
    }
    post_states = collections.Counter(Post.objects.values_list("state", flat=True))
    failures = AuditEntry.objects.filter(action="publication.failed").order_by("-created_at")
    last_failed = failures.values_list("created_at", flat=True).first()
    finals = [m for m in (published[-1] if published else None, last_failed) if m]
    last_final_s = since(max(finals)) if finals else None
    return {
        "publications": len(pubs),
        "expected": expected,
        "published": sum(1 for p in pubs if p["state"] == "sent"),
        "failed": sum(1 for p in pubs if p["state"] == "failed"),
        "failed_by_reason": dict(failed_reasons.most_common()),
        "last_final_s": last_final_s,
        "duplicates": sum(duplicates.values()),
        "duplicates_by_network": duplicates,
        "lost": sum(lost_detail.values()),
        "lost_detail": dict(lost_detail),
        "unrecorded_on_network": sum(unrecorded.values()),
        "retries": attempts - len(pubs),
        "attempts": attempts,
        "by_network": by_network,
        "injected": {f"{k[0]} {k[1]}": v for k, v in sorted(fakes.injected.items())},
        "post_states": dict(post_states),
        "timeline": timeline,
        "queue": queue,
    }


def print_report(result: dict[str, Any], args: argparse.Namespace, setup: dict[str, Any]) -> None:
    print(
        f"publish_load: {result['expected']} variants, {setup['posts']} posts, "
        f"{setup['workspaces']} hospitals x 6 accounts, {args.workers} worker(s), "
        f"{result['database']}, faults {args.fault_rate:.0%}, timeout {args.publish_timeout} s, "
        f"lease {args.lease} s (set-up {setup['seconds']:.1f} s; load average before/after "
        f"{result['load_average'][0]}/{result['load_average'][1]} on {os.cpu_count()} cores)"
    )
    header = (
        f"{'network':<11}{'accts':>6}{'max/acct':>9}{'pubs':>6}{'sent':>6}{'failed':>7}"
        f"{'retries':>8}{'calls':>7}{'faults':>7}{'on net':>7}{'task s':>8}{'ms/try':>8}"
    )
    print(header)
    print("-" * len(header))
    busy = result["queue"]["task_seconds_by_network"]
    for network in NETWORKS:
        row = result["by_network"][network]
        acct = setup["accounts"][network]
        print(
            f"{network:<11}{acct['accounts']:>6}{acct['max']:>9}{row['publications']:>6}"
            f"{row['sent']:>6}{row['failed']:>7}{row['attempts'] - row['publications']:>8}"
            f"{row['publish_calls']:>7}{row['faults']:>7}{row['on_network']:>7}"
            f"{busy.get(network, 0):>8}"
            f"{result['queue']['attempt_ms_p50_by_network'].get(network, 0):>8}"
        )
    print("-" * len(header))
    print(f"publications        {result['publications']} (expected {result['expected']})")
    print(f"published           {result['published']}")
    print(f"failed              {result['failed']}")
    for reason, n in result["failed_by_reason"].items():
        print(f"  {n:>4}  {reason}")
    print(f"duplicates          {result['duplicates']}   (must be 0)")
    print(f"lost                {result['lost']}   (must be 0) {result['lost_detail'] or ''}")
    print(f"on network, unrecorded {result['unrecorded_on_network']}")
    print(f"retries             {result['retries']} ({result['attempts']} attempts)")
    print(
        f"wall time           {result['wall_seconds']:.1f} s (target < {TARGET_SECONDS} s)"
        f"{'' if result['complete'] else '  -- stopped at the time limit'}"
    )
    injected = collections.Counter()
    for key, n in result["injected"].items():
        injected[key.split(" ", 1)[1]] += n
    print("faults injected     " + ", ".join(f"{k} {v}" for k, v in sorted(injected.items())))
    t, q = result["timeline"], result["queue"]
    print(
        f"timeline (s)        first post prepared {t['first_post_prepared_s']}, last "
        f"{t['last_post_prepared_s']}; first task {t['first_task_started_s']}; sent: first "
        f"{t['first_sent_s']}, half {t['half_sent_s']}, 90 % {t['90pct_sent_s']}, last "
        f"{t['last_sent_s']}"
    )
    print(
        f"task queue          {q['publication_tasks']} publication tasks "
        f"({q['noop_tasks']} no-ops; {q['publications_run_more_than_once']} publications "
        f"had more than one task), "
        f"{q['task_seconds_total']} s inside tasks, per task p50 {q['task_ms_p50']} ms "
        f"p95 {q['task_ms_p95']} ms max {q['task_ms_max']} ms; queue wait p50 "
        f"{q['queue_wait_s_p50']} s max {q['queue_wait_s_max']} s; failed tasks "
        f"{q['failed_tasks']}"
    )
    slow = sum(n for key, n in result["injected"].items() if "slow_after_commit" in key)
    print(
        f"where the time went  inside tasks {q['task_seconds_total']} s of "
        f"{result['wall_seconds']} s x {args.workers} worker(s); Instagram "
        f"{q['task_seconds_by_network'].get('instagram', 0)} s; waiting out timeouts about "
        f"{slow * args.publish_timeout} s ({slow} x {args.publish_timeout} s)"
    )
    if result["worker_errors"]:
        print(f"worker log lines with errors: {result['worker_errors']}")


# --- main --------------------------------------------------------------------------------
def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--variants", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--workspaces", type=int, default=0, help="default: as the caps need")
    parser.add_argument("--fault-rate", type=float, default=0.10)
    parser.add_argument("--publish-timeout", type=int, default=2, help="seconds (whole)")
    parser.add_argument("--lease", type=int, default=10, help="seconds (whole)")
    parser.add_argument("--limit", type=float, default=300, help="seconds to wait at most")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--instagram-processing-reads",
        type=int,
        default=1,
        help="status reads an Instagram container stays IN_PROGRESS (the fake's default: 1)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the data folder and logs")
    parser.add_argument(
        "--backend", choices=("db", "rq"), default="db", help="rq: a private Redis is started"
    )
    parser.add_argument(
        "--private-postgres",
        action="store_true",
        help="start a throw-away PostgreSQL (Debian's binaries) instead of SQLite/DATABASE_URL",
    )
    parser.add_argument(
        "--chaos",
        action="store_true",
        help="mid-run: SIGKILL a worker, restart Redis (rq), restart PostgreSQL (private)",
    )
    args = parser.parse_args()
    workspaces = args.workspaces or max(1, math.ceil(args.variants / 6 / PER_ACCOUNT_CAP))

    load_before = os.getloadavg()[0]
    data_dir = Path(tempfile.mkdtemp(prefix="nabz-publish-load-"))
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        NABZ_DEMO="1",
        NABZ_DATA_DIR=str(data_dir),
        DJANGO_SETTINGS_MODULE="nabz.settings",
        NABZ_BASE_URL="https://nabz.example.org",
        NABZ_DISPATCH_SECONDS="1",
        NABZ_PUBLISH_LEASE_SECONDS=str(args.lease),
        NABZ_PUBLISH_TIMEOUT_SECONDS=str(args.publish_timeout),
        NABZ_WORKER_HEARTBEAT_SECONDS="30",
        LOG_LEVEL="WARNING",
        PYTHONPATH=os.pathsep.join(
            [str(ROOT / "src"), str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
        ),
    )
    given_url = "" if args.private_postgres else os.environ.get("DATABASE_URL", "")
    bench_db: tuple[str, str] | None = None
    if given_url:
        bench_db = create_postgres_database(given_url)
        env["DATABASE_URL"] = bench_db[0]
    fakes = Fakes(args.seed)
    workers: list[subprocess.Popen[bytes]] = []
    chaos: Chaos | None = None
    code = 1
    try:
        with contextlib.ExitStack() as stack:
            redis = postgres = None
            if args.backend == "rq":
                redis = stack.enter_context(services.RedisServer(data_dir / "redis"))
                env.update(NABZ_TASKS_BACKEND="rq", REDIS_URL=redis.url)
            if args.private_postgres:
                data_dir.chmod(0o755)
                postgres = stack.enter_context(services.PostgresServer(data_dir / "postgres"))
                env["DATABASE_URL"] = postgres.url
            for server in fakes.servers:
                stack.enter_context(server)
            fakes.meta.processing_reads = args.instagram_processing_reads
            began = time.perf_counter()
            setup_django(env)
            from django.db import connection, connections
            from django.utils import timezone

            setup = populate(fakes, args.variants, workspaces)
            setup["seconds"] = time.perf_counter() - began
            database = connection.vendor
            connections.close_all()
            fakes.inject(args.fault_rate, args.publish_timeout)

            started_at = timezone.now()
            started = time.monotonic()
            workers = start_workers(args.workers, env, data_dir)
            if args.chaos:
                chaos = Chaos(
                    args.variants,
                    workers,
                    lambda index: start_worker(index, env, data_dir),
                    redis=redis,
                    postgres=postgres,
                )
            polled, _states = wait_until_final(args.limit, started, workers, chaos)
            survivors_down = chaos.survivors_down() if chaos is not None else 0
            complete = polled <= args.limit
            stop_workers(workers)
            result = analyse(fakes, args.variants, started_at)
            connections.close_all()
        result.update(
            load_average=[round(load_before, 2), round(os.getloadavg()[0], 2)],
            database=database,
            # From the first worker start to the last sent (published_at) or failed (its
            # audit entry) publication, from the database: no polling delay in it.
            wall_seconds=result["last_final_s"] if complete else round(polled, 2),
            complete=complete and result["lost"] == 0,
            worker_errors=sum(
                1
                for log in data_dir.glob("worker-*.log")
                for line in log.read_text(errors="replace").splitlines()
                if "Traceback" in line or "failed:" in line or "ERROR" in line
            ),
        )
        result["chaos"] = chaos.events if chaos is not None else []
        result["workers_down_unplanned"] = survivors_down
        print_report(result, args, setup)
        if chaos is not None:
            for event in chaos.events:
                print(f"chaos               {event['event']} at {event['at_s']} s "
                      f"({event['final']} publications final)")  # fmt: skip
            print(f"workers down (not killed on purpose) {survivors_down}   (must be 0)")
        ok = (
            result["duplicates"] == 0
            and result["lost"] == 0
            and survivors_down == 0
            and (chaos is None or chaos.done)
        )
        print(
            json.dumps(
                {
                    "bench": "publish_load",
                    "database": database,
                    "backend": args.backend,
                    "chaos": result["chaos"],
                    "workers_down_unplanned": survivors_down,
                    "workers": args.workers,
                    "variants": args.variants,
                    "posts": setup["posts"],
                    "workspaces": workspaces,
                    "fault_rate": args.fault_rate,
                    "publish_timeout_s": args.publish_timeout,
                    "lease_s": args.lease,
                    "instagram_processing_reads": args.instagram_processing_reads,
                    "publications": result["publications"],
                    "published": result["published"],
                    "failed": result["failed"],
                    "failed_by_reason": result["failed_by_reason"],
                    "duplicates": result["duplicates"],
                    "lost": result["lost"],
                    "unrecorded_on_network": result["unrecorded_on_network"],
                    "retries": result["retries"],
                    "wall_s": result["wall_seconds"],
                    "load_average": result["load_average"],
                    "target_s": TARGET_SECONDS,
                    "meets_target": result["complete"] and result["wall_seconds"] < TARGET_SECONDS,
                    "faults_injected": result["injected"],
                    "timeline": result["timeline"],
                    "queue": result["queue"],
                    "ok": ok,
                }
            )
        )
        code = 0 if ok else 1
    finally:
        stop_workers(workers)
        if bench_db is not None:
            drop_postgres_database(given_url, bench_db[1])
        if args.keep:
            print(f"kept {data_dir}", file=sys.stderr)
        else:
            import shutil

            shutil.rmtree(data_dir, ignore_errors=True)
    return code


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
