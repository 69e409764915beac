"""Pages and the API under concurrent clients, through a real server, with 10,000 posts.

Fills a fresh database (SQLite, or PostgreSQL via ``DATABASE_URL``) with the
workspace of ``calendar_speed.py``, records every post's Trust Gate verdict as the
editor does when a post is saved, starts ``nabz serve`` (waitress) in its own
process and sends GET requests from 8 and 32 concurrent clients (threads with their
own connections): the dashboard, the post list, the calendar and the API's post
list at random pages. Prints a table and one JSON line. Target: p95 < 100 ms for the
API list at 8 clients.

``--web N`` starts N web processes, as the deployment does (compose.yaml runs two
behind nginx); each client keeps to one of them, as a proxy's keep-alive connection
would. One process serves one request at a time per core (Python's lock), so the
figures at 8 clients depend on how many processes and cores there are.

    python bench/web_load.py
    python bench/web_load.py --clients 8 32 --requests 400
    python bench/web_load.py --web 2
    DATABASE_URL=postgres://nabz:nabz@127.0.0.1/nabz_bench python bench/web_load.py
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

from calendar_speed import populate, setup_django  # noqa: E402
from services import free_port  # noqa: E402

PASSWORD = "a bench passphrase"
TARGET_MS = 100


def _prepare(posts: int) -> tuple[str, str, float]:
    """Fill the database; returns the workspace slug, an API token and the verdict time."""
    from nabz.content import gate
    from nabz.content.models import Post
    from nabz.workspaces.models import ApiToken, Membership, User
    from nabz.workspaces.roles import Role

    ws, _reviewer = populate(posts, 500)
    author = User.objects.create_user("bench-author", password=PASSWORD)
    Membership.objects.create(user=author, workspace=ws, role=Role.AUTHOR)
    _token, secret = ApiToken.issue(author, "bench")
    started = time.perf_counter()
    for post in Post.objects.filter(workspace=ws).select_related("workspace").iterator():
        gate.record_verdict(post)
    return ws.slug, secret, time.perf_counter() - started  # type: ignore[attr-defined]


def _wait_for(base: str, server: subprocess.Popen[bytes]) -> None:
    import httpx

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("nabz serve exited before it answered")
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit("nabz serve did not answer within 30 s")


def _session_cookies(base: str) -> dict[str, str]:
    import httpx

    with httpx.Client(base_url=base, follow_redirects=False) as client:
        client.get("/account/login/")
        response = client.post(
            "/account/login/",
            data={
                "username": "bench-author",
                "password": PASSWORD,
                "csrfmiddlewaretoken": client.cookies["csrftoken"],
            },
        )
        if response.status_code != 302:
            raise SystemExit(f"sign-in failed: {response.status_code}")
        return dict(client.cookies)


def _load(bases: list[str], urls: list[str], clients: int, requests: int,
          headers: dict[str, str], cookies: dict[str, str]) -> dict[str, float]:  # fmt: skip
    import httpx

    rng = random.Random(clients)
    plan = [rng.choice(urls) for _ in range(requests)]
    local = [
        httpx.Client(base_url=bases[n % len(bases)], headers=headers, cookies=cookies, timeout=60)
        for n in range(clients)
    ]

    def one(index: int) -> float:
        client = local[index % clients]
        started = time.perf_counter()
        response = client.get(plan[index])
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            raise SystemExit(f"{plan[index]} answered {response.status_code}")
        return elapsed

    started = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(clients) as pool:
        timings = sorted(pool.map(one, range(requests)))
    wall = time.perf_counter() - started
    for client in local:
        client.close()
    return {
        "p50_ms": round(timings[len(timings) // 2], 1),
        "p95_ms": round(timings[int(0.95 * (len(timings) - 1))], 1),
        "p99_ms": round(timings[int(0.99 * (len(timings) - 1))], 1),
        "requests_per_s": round(requests / wall, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--clients", type=int, nargs="+", default=[8, 32])
    parser.add_argument("--requests", type=int, default=400, help="per page and client count")
    parser.add_argument("--web", type=int, default=1, help="web processes to start")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="nabz-load-") as data_dir:
        setup_django(data_dir)
        from django.db import connection

        slug, token, verdict_s = _prepare(args.posts)
        vendor = connection.vendor
        connection.close()
        env = {**os.environ, "NABZ_DEMO": "1", "NABZ_DATA_DIR": data_dir, "LOG_LEVEL": "WARNING"}
        nabz = str(Path(sys.executable).with_name("nabz"))
        bases, servers = [], []
        for _n in range(args.web):
            port = free_port()
            bases.append(f"http://127.0.0.1:{port}")
            servers.append(
                subprocess.Popen(
                    [nabz, "serve", f"127.0.0.1:{port}"],
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            )
        base = bases[0]
        try:
            for one_base, server in zip(bases, servers, strict=True):
                _wait_for(one_base, server)
            cookies = _session_cookies(base)
            pages = args.posts // 20
            targets = {
                "dashboard": ([f"/w/{slug}/"], {}),
                "post list": ([f"/w/{slug}/posts/"], {}),
                "calendar": ([f"/w/{slug}/calendar/"], {}),
                "api post list": (
                    [
                        f"/api/workspaces/{slug}/posts?limit=20&offset={20 * n}"
                        for n in range(pages)
                    ],
                    {"Authorization": f"Bearer {token}"},
                ),
            }
            results: dict[str, dict[str, dict[str, float]]] = {}
            for name, (urls, headers) in targets.items():
                jar = cookies if not headers else {}
                for url in urls[:3]:
                    _load(bases, [url], len(bases), len(bases), headers, jar)  # warm caches
                results[name] = {
                    str(n): _load(bases, urls, n, args.requests, headers, jar) for n in args.clients
                }
        finally:
            for server in servers:
                server.terminate()
                server.wait(timeout=10)
    print(
        f"{vendor}, {args.posts} posts, {args.web} web process(es) on {os.cpu_count()} cores; "
        f"verdicts recorded in {verdict_s:.1f} s"
    )
    print(f"{'page':<16}{'clients':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'req/s':>8}")
    for name, by_clients in results.items():
        for n, r in by_clients.items():
            print(
                f"{name:<16}{n:>8}{r['p50_ms']:>9}{r['p95_ms']:>9}{r['p99_ms']:>9}"
                f"{r['requests_per_s']:>8}"
            )
    api8 = results["api post list"].get("8", {}).get("p95_ms")
    print(
        json.dumps(
            {
                "bench": "web_load",
                "database": vendor,
                "posts": args.posts,
                "web_processes": args.web,
                "cores": os.cpu_count(),
                "verdicts_s": round(verdict_s, 1),
                "results": results,
                "api_list_p95_ms_at_8": api8,
                "target_p95_ms": TARGET_MS,
                "meets_target": api8 is not None and api8 < TARGET_MS,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
