"""Cadence, trust, response and consent: the sections that read the other apps' tables.

Each returns :class:`~nabz.analytics.figures.Table` objects like ``figures`` does. They
read small tables (posts, approvals, overrides, conversations, consents, takedowns) for
the period, never metric points.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from django.db.models import Count
from django.db.models.functions import TruncWeek
from django.utils.translation import gettext as _

from nabz.analytics.figures import (
    EMERGENCY_MINUTES,
    Filters,
    Formatter,
    Table,
    _bar,
    _zone,
    line,
    median,
    minutes_between,
    network_label,
    pillar_labels,
)
from nabz.content.models import Approval, Override, Post
from nabz.publishing.models import Publication

FAMILIES = {
    "PHI": "Privacy",
    "CON": "Consent",
    "CLM": "Claims",
    "TON": "Tone",
    "PLT": "Platform fit",
    "RPL": "Reply safety",
}


def family_label(code: str) -> str:
    prefix = "".join(ch for ch in code if ch.isalpha())
    return _(FAMILIES.get(prefix, prefix or "Other"))


def _posts(workspace_id: int, filters: Filters, zone: str):  # type: ignore[no-untyped-def]
    start, end = filters.window(zone)
    posts = Post.objects.filter(
        workspace_id=workspace_id, created_at__gte=start, created_at__lt=end
    )
    if filters.pillars:
        posts = posts.filter(pillar__in=filters.pillars)
    if filters.languages:
        posts = posts.filter(language__in=filters.languages)
    if filters.networks:
        posts = posts.filter(variants__network__in=filters.networks).distinct()
    return posts


def _sent(workspace_id: int, filters: Filters, zone: str):  # type: ignore[no-untyped-def]
    start, end = filters.window(zone)
    sent = Publication.objects.filter(
        post__workspace_id=workspace_id,
        published_at__gte=start,
        published_at__lt=end,
        state__in=[Publication.State.SENT, Publication.State.DELETED],
    )
    if filters.networks:
        sent = sent.filter(network__in=filters.networks)
    if filters.pillars:
        sent = sent.filter(post__pillar__in=filters.pillars)
    if filters.languages:
        sent = sent.filter(post__language__in=filters.languages)
    return sent


def cadence(
    workspace: object, filters: Filters, fmt: Formatter, targets: dict[str, int]
) -> list[Table]:
    zone = getattr(workspace, "timezone", "UTC")
    tz = _zone(zone)
    rows = (
        _sent(workspace.pk, filters, zone)  # type: ignore[attr-defined]
        .annotate(week=TruncWeek("published_at", tzinfo=tz))
        .values("week", "network")
        .annotate(n=Count("pk"))
        .order_by("week", "network")
    )
    weeks = sorted({r["week"].date() for r in rows})
    networks = sorted({r["network"] for r in rows} | set(targets))
    counts = {(r["week"].date(), r["network"]): r["n"] for r in rows}
    table = Table(
        key="cadence",
        title=_("Posts per week against plan"),
        headers=[_("Week of"), *[network_label(n) for n in networks]],
        note=_(
            "Posts published per network per week (weeks start on Monday). The plan is the "
            "workspace's weekly target per network, set on this page by an admin; a network "
            "without a target shows only its count."
        ),
        empty=_("Nothing was published in this period."),
    )
    for week in weeks:
        cells = [fmt.date(week)]
        for network in networks:
            n = counts.get((week, network), 0)
            target = targets.get(network)
            cells.append(f"{fmt.int(n)} / {fmt.int(target)}" if target else fmt.int(n))
        table.rows.append(cells)
    table.chart = _bar(
        [fmt.date(w) for w in weeks],
        [(network_label(n), [counts.get((w, n), 0) for w in weeks]) for n in networks],
    )
    # Content mix against the workspace's target mix.
    target_mix: dict[str, float] = dict(getattr(workspace, "target_mix", {}) or {})
    pillars = Counter(
        _sent(workspace.pk, filters, zone).values_list("post__pillar", flat=True)  # type: ignore[attr-defined]
    )
    total = sum(pillars.values())
    names = pillar_labels()
    mix = Table(
        key="mix",
        title=_("Content mix against target"),
        headers=[_("Pillar"), _("Posts"), _("Share"), _("Target share")],
        note=_(
            "Share of the period's published posts per pillar; targets from the "
            "workspace's settings."
        ),
        empty=_("Nothing was published in this period."),
    )
    keys = sorted(set(pillars) | {k for k, v in target_mix.items() if v})
    for pillar in keys:
        share = 100.0 * pillars[pillar] / total if total else None
        target = target_mix.get(pillar)
        mix.rows.append(
            [
                names.get(pillar, pillar),
                fmt.int(pillars[pillar]),
                fmt.pct(share),
                fmt.pct(float(target)) if target is not None else "—",
            ]
        )
    mix.chart = _bar(
        [names.get(p, p) for p in keys],
        [
            (_("Share"), [round(100.0 * pillars[p] / total, 1) if total else 0 for p in keys]),
            (_("Target share"), [float(target_mix.get(p) or 0) for p in keys]),
        ],
    )
    return [table, mix]


def trust(workspace: object, filters: Filters, fmt: Formatter) -> list[Table]:
    zone = getattr(workspace, "timezone", "UTC")
    tz = _zone(zone)
    posts = list(
        _posts(workspace.pk, filters, zone).only(  # type: ignore[attr-defined]
            "pk", "title", "created_at", "trust_score", "trust_verdict"
        )
    )
    weekly: dict[dt.date, list[int]] = defaultdict(list)
    rules: Counter[str] = Counter()
    for post in posts:
        monday = post.created_at.astimezone(tz).date()
        monday -= dt.timedelta(days=monday.weekday())
        if post.trust_score is not None:
            weekly[monday].append(post.trust_score)
        for group in (post.trust_verdict or {}).get("groups") or []:
            code = str((group.get("finding") or {}).get("code") or "")
            if code:
                rules[code] += 1
    trend = Table(
        key="trust_trend",
        title=_("Trust score trend"),
        headers=[_("Week of"), _("Posts checked"), _("Average trust score")],
        note=_("The Trust Gate's 0–100 score of each post written that week, as last checked."),
        empty=_("No posts were written in this period."),
    )
    weeks = sorted(weekly)
    for week in weeks:
        scores = weekly[week]
        trend.rows.append(
            [fmt.date(week), fmt.int(len(scores)), fmt.int(sum(scores) / len(scores))]
        )
    trend.chart = line(
        [fmt.date(w) for w in weeks],
        [(_("Average trust score"), [round(sum(weekly[w]) / len(weekly[w]), 1) for w in weeks])],
    )
    findings = Table(
        key="findings",
        title=_("Findings by family and rule"),
        headers=[_("Family"), _("Rule"), _("Posts with it")],
        note=_("Findings still on the posts written in this period, counted once per post."),
        empty=_("No findings on the posts of this period."),
    )
    ordered = sorted(rules.items(), key=lambda kv: (family_label(kv[0]), kv[0]))
    for code, n in ordered:
        findings.rows.append([family_label(code), code, fmt.int(n)])
    families: Counter[str] = Counter()
    for code, n in rules.items():
        families[family_label(code)] += n
    findings.chart = _bar(list(families), [(_("Posts with it"), list(families.values()))])

    start, end = filters.window(zone)
    overrides = Table(
        key="overrides",
        title=_("Overrides and who made them"),
        headers=[_("Date"), _("Post"), _("Rule"), _("Officer"), _("Reason")],
        note=_("A compliance officer's written decision to let a blocking finding through."),
        empty=_("No overrides in this period."),
    )
    made = (
        Override.objects.filter(
            post__workspace_id=workspace.pk,
            created_at__gte=start,
            created_at__lt=end,  # type: ignore[attr-defined]
        )
        .select_related("post", "officer")
        .order_by("created_at")
    )
    by_officer: Counter[str] = Counter()
    for o in made:
        who = o.officer.get_full_name() or o.officer.get_username()
        by_officer[who] += 1
        overrides.rows.append(
            [
                fmt.date(o.created_at.astimezone(tz).date()),
                o.post.title,
                o.code,
                who,
                o.reason[:200],
            ]
        )
    overrides.chart = _bar(list(by_officer), [(_("Overrides"), list(by_officer.values()))])

    approval = Table(
        key="approval_time",
        title=_("Time from draft to approval"),
        headers=[_("Pillar"), _("Posts approved"), _("Median time"), _("Longest")],
        note=_(
            "From when a post was written to its last approval, for posts approved in this period."
        ),
        empty=_("No posts were approved in this period."),
    )
    approvals = Approval.objects.filter(
        post__workspace_id=workspace.pk,
        created_at__gte=start,
        created_at__lt=end,  # type: ignore[attr-defined]
    ).select_related("post")
    last: dict[int, tuple[str, dt.datetime, dt.datetime]] = {}
    for a in approvals:
        previous = last.get(a.post_id)
        if previous is None or a.created_at > previous[2]:
            last[a.post_id] = (a.post.pillar, a.post.created_at, a.created_at)
    per_pillar: dict[str, list[float]] = defaultdict(list)
    for pillar, written, approved in last.values():
        per_pillar[pillar].append(minutes_between(written, approved) or 0.0)
    names = pillar_labels()
    for pillar in sorted(per_pillar):
        spans = per_pillar[pillar]
        approval.rows.append(
            [
                names.get(pillar, pillar),
                fmt.int(len(spans)),
                fmt.minutes(median(spans)),
                fmt.minutes(max(spans)),
            ]
        )
    approval.chart = _bar(
        [names.get(p, p) for p in sorted(per_pillar)],
        [
            (
                _("Median hours"),
                [round((median(per_pillar[p]) or 0) / 60, 1) for p in sorted(per_pillar)],
            )
        ],
    )
    return [trend, findings, overrides, approval]


def response(workspace: object, filters: Filters, fmt: Formatter) -> list[Table]:
    from nabz.inbox.models import Category, Conversation, Priority

    zone = getattr(workspace, "timezone", "UTC")
    start, end = filters.window(zone)
    conversations = Conversation.objects.filter(
        workspace_id=workspace.pk,
        created_at__gte=start,
        created_at__lt=end,  # type: ignore[attr-defined]
    )
    if filters.networks:
        conversations = conversations.filter(network__in=filters.networks)
    if filters.languages:
        conversations = conversations.filter(language__in=filters.languages)
    rows = list(
        conversations.values(
            "category",
            "priority",
            "emergency",
            "created_at",
            "first_response_at",
            "first_response_due",
            "resolved_at",
            "resolution_due",
        )
    )
    categories = dict(Category.choices)
    priorities = dict(Priority.choices)
    table = Table(
        key="response",
        title=_("Response times per category and priority"),
        headers=[
            _("Category"),
            _("Priority"),
            _("Conversations"),
            _("Answered"),
            _("Median first response"),
            _("Median resolution"),
            _("Within SLA"),
        ],
        note=_(
            "From the first message to our first answer and to resolution. Within SLA: "
            "answered before the first-response deadline the inbox set for its priority."
        ),
        empty=_("No conversations in this period."),
    )
    grouped: dict[tuple[str, int], list[dict[str, object]]] = defaultdict(list)
    for row in rows:
        grouped[(str(row["category"]), int(row["priority"] or 3))].append(row)
    chart_labels, chart_values = [], []
    for (category, priority), items in sorted(grouped.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        first = [minutes_between(r["created_at"], r["first_response_at"]) for r in items]  # type: ignore[arg-type]
        done = [minutes_between(r["created_at"], r["resolved_at"]) for r in items]  # type: ignore[arg-type]
        with_due = [r for r in items if r["first_response_due"] is not None]
        met = [
            r
            for r in with_due
            if r["first_response_at"] is not None
            and r["first_response_at"] <= r["first_response_due"]  # type: ignore[operator]
        ]
        sla = 100.0 * len(met) / len(with_due) if with_due else None
        table.rows.append(
            [
                str(categories.get(category, category)),
                str(priorities.get(priority, priority)),
                fmt.int(len(items)),
                fmt.int(sum(1 for f in first if f is not None)),
                fmt.minutes(median(f for f in first if f is not None)),
                fmt.minutes(median(d for d in done if d is not None)),
                fmt.pct(sla),
            ]
        )
        chart_labels.append(
            f"{categories.get(category, category)} · {priorities.get(priority, priority)}"
        )
        chart_values.append(round(median(f for f in first if f is not None) or 0, 1))
    table.chart = _bar(
        chart_labels, [(_("Median first response (minutes)"), chart_values)], horizontal=True
    )

    emergencies = [r for r in rows if r["emergency"]]
    answered = [minutes_between(r["created_at"], r["first_response_at"]) for r in emergencies]  # type: ignore[arg-type]
    quick = [m for m in answered if m is not None and m <= EMERGENCY_MINUTES]
    em = Table(
        key="emergencies",
        title=_("Emergencies"),
        headers=[
            _("Emergencies"),
            _("Answered"),
            _("Median first response"),
            _("Answered within 15 minutes"),
        ],
        note=_("Messages the inbox marked as emergencies (priority 1, shown above all others)."),
        empty=_("No emergencies in this period."),
    )
    if emergencies:
        em.rows.append(
            [
                fmt.int(len(emergencies)),
                fmt.int(sum(1 for m in answered if m is not None)),
                fmt.minutes(median(m for m in answered if m is not None)),
                fmt.pct(100.0 * len(quick) / len(emergencies)),
            ]
        )
    em.chart = _bar(
        [_("Within 15 minutes"), _("Later or not answered")],
        [(_("Emergencies"), [len(quick), len(emergencies) - len(quick)])],
    )
    return [table, em]


def emergency_share(workspace: object, filters: Filters) -> tuple[int, int]:
    """(emergencies, answered within 15 minutes) in the period: for the summary."""
    from nabz.inbox.models import Conversation

    start, end = filters.window(getattr(workspace, "timezone", "UTC"))
    rows = Conversation.objects.filter(
        workspace_id=workspace.pk,
        emergency=True,
        created_at__gte=start,
        created_at__lt=end,  # type: ignore[attr-defined]
    ).values_list("created_at", "first_response_at")
    quick = sum(1 for c, f in rows if (minutes_between(c, f) or 1e9) <= EMERGENCY_MINUTES)
    return len(rows), quick


def consent(workspace: object, filters: Filters, fmt: Formatter, today: dt.date) -> list[Table]:
    from nabz.consent.models import Consent, TakedownRequest, TakedownStatus

    zone = getattr(workspace, "timezone", "UTC")
    tz = _zone(zone)
    start, end = filters.window(zone)
    consents = Consent.objects.filter(workspace_id=workspace.pk)  # type: ignore[attr-defined]
    expiring = consents.filter(
        revoked_at__isnull=True,
        expires_on__gte=today,
        expires_on__lte=today + dt.timedelta(days=30),
    ).count()
    revoked = consents.filter(revoked_at__gte=start, revoked_at__lt=end).count()
    takedowns = list(
        TakedownRequest.objects.filter(
            post__workspace_id=workspace.pk,
            created_at__gte=start,
            created_at__lt=end,  # type: ignore[attr-defined]
        ).values_list("status", "created_at", "updated_at")
    )
    done = [minutes_between(c, u) for s, c, u in takedowns if s == TakedownStatus.DONE]
    table = Table(
        key="consent",
        title=_("Consent"),
        headers=[
            _("Expiring in the next 30 days"),
            _("Revoked in the period"),
            _("Takedowns requested"),
            _("Takedowns done"),
            _("Median time to take down"),
        ],
        note=_(
            "A revoked consent takes the posts that rely on it down; the time runs from "
            "the revocation to the last network's deletion."
        ),
    )
    table.rows.append(
        [
            fmt.int(expiring),
            fmt.int(revoked),
            fmt.int(len(takedowns)),
            fmt.int(len(done)),
            fmt.minutes(median(d for d in done if d is not None)),
        ]
    )
    table.chart = _bar(
        table.headers[:4], [(_("Consent"), [expiring, revoked, len(takedowns), len(done)])]
    )
    del tz
    return [table]
