"""The Sandbox's numbers: made up, but like a small hospital page's, and growing.

The Sandbox is our own network, so it counts what a real one would: views, reach,
likes, comments (the visitors' comments it really holds), shares, saves and clicks,
and followers. The figures grow with the post's age along a curve that flattens after a
couple of days, drawn from a hash of the post's id so that each post differs and a
reading never goes down.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math

from django.utils import timezone

from nabz.publishing.connectors.base import Connector, PublishError
from nabz.publishing.connectors.reading import Reading, engagements

NAMES: dict[str, str] = {
    "impressions": "views",
    "reach": "reach",
    "likes": "likes",
    "comments": "comments",
    "shares": "shares",
    "saves": "saves",
    "clicks": "clicks",
    "engagements": "likes + comments + shares + saves",
    "followers": "followers",
}


def _seed(text: str) -> float:
    digest = hashlib.sha256(text.encode()).digest()
    return int.from_bytes(digest[:4], "big") / 2**32


def _grown(age: dt.timedelta) -> float:
    """0 at publication, about 0.63 after a day, near 1 after four."""
    hours = max(0.0, age.total_seconds() / 3600)
    return 1.0 - math.exp(-hours / 24)


def read_post(connector: Connector, remote_id: str) -> Reading:
    from nabz.publishing.models import SandboxComment, SandboxPost

    post = SandboxPost.objects.filter(pk=remote_id if remote_id.isdigit() else 0).first()
    if post is None or post.deleted_at is not None:
        raise PublishError("sandbox: no such post", permanent=True, status=404)
    quality = 0.3 + _seed(f"sandbox-post-{post.pk}")  # 0.3-1.3: some posts do better
    grown = _grown(timezone.now() - post.created_at)
    views = int(1500 * quality * grown)
    raw = {
        "views": views,
        "reach": int(views * 0.72),
        "likes": int(views * 0.041 * quality),
        "comments": SandboxComment.objects.filter(post=post, from_us=False).count(),
        "shares": int(views * 0.008 * quality),
        "saves": int(views * 0.006 * quality),
        "clicks": int(views * 0.012),
    }
    values: dict[str, int | None] = {
        "impressions": raw["views"],
        **{k: raw[k] for k in ("reach", "likes", "comments", "shares", "saves", "clicks")},
    }
    values["engagements"] = engagements(values, NAMES)
    return Reading(values=values, raw=raw)


def read_account(connector: Connector) -> Reading:
    from nabz.publishing.models import Account, SandboxPost

    account = Account.objects.filter(pk=connector.credentials.account_id or 0).first()
    if account is None:
        raise PublishError("sandbox: no such account", permanent=True, status=404)
    days = max(0.0, (timezone.now() - account.created_at).total_seconds() / 86400)
    posts = SandboxPost.objects.filter(account=account).count()
    followers = int(800 + 800 * _seed(f"sandbox-account-{account.pk}") + 3 * days + 2 * posts)
    return Reading(values={"followers": followers}, raw={"followers": followers})
