"""Metric readings as a time series, each publication's latest reading, daily rollups.

``MetricPoint``: one row per publication per reading, the common numbers in columns
(NULL: the network does not give it, or did not this time) and the answer in the
network's own names in ``raw``. ``LatestMetrics``: the last reading of each publication
(what rollups subtract the next one from; top posts read it). ``DailyRollup``: per day,
account, pillar and language, what the readings of that day added — so the sum over
days is the latest total, and a report never scans points. ``AccountPoint``: follower
counts per account per reading.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

METRIC_FIELDS = (
    "impressions",
    "reach",
    "engagements",
    "likes",
    "comments",
    "shares",
    "saves",
    "clicks",
)


def _metric_columns() -> dict[str, models.Field]:  # type: ignore[type-arg]
    return {name: models.BigIntegerField(null=True, blank=True) for name in METRIC_FIELDS}


class MetricPoint(models.Model):
    publication = models.ForeignKey(
        "publishing.Publication", on_delete=models.CASCADE, related_name="metric_points"
    )
    account = models.ForeignKey(
        "publishing.Account", on_delete=models.CASCADE, related_name="metric_points"
    )
    network = models.CharField(max_length=16)
    taken_at = models.DateTimeField(default=timezone.now)
    raw = models.JSONField(default=dict, blank=True)  # the network's own names
    locals().update(_metric_columns())

    class Meta:
        indexes = [models.Index(fields=["publication", "taken_at"], name="metricpoint_pub_time")]


class LatestMetrics(models.Model):
    publication = models.OneToOneField(
        "publishing.Publication", on_delete=models.CASCADE, related_name="latest_metrics"
    )
    workspace = models.ForeignKey("workspaces.Workspace", on_delete=models.CASCADE)
    account = models.ForeignKey("publishing.Account", on_delete=models.CASCADE)
    post = models.ForeignKey("content.Post", on_delete=models.CASCADE)
    network = models.CharField(max_length=16)
    pillar = models.CharField(max_length=32)
    language = models.CharField(max_length=5)
    published_at = models.DateTimeField(null=True, blank=True)
    taken_at = models.DateTimeField()
    next_read_at = models.DateTimeField(default=timezone.now, db_index=True)
    failures = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)
    locals().update(_metric_columns())

    class Meta:
        indexes = [
            models.Index(fields=["workspace", "published_at"], name="latest_ws_published"),
        ]


class DailyRollup(models.Model):
    workspace = models.ForeignKey("workspaces.Workspace", on_delete=models.CASCADE)
    day = models.DateField()
    account = models.ForeignKey("publishing.Account", on_delete=models.CASCADE)
    network = models.CharField(max_length=16)
    pillar = models.CharField(max_length=32)
    language = models.CharField(max_length=5)
    readings = models.PositiveIntegerField(default=0)
    locals().update(_metric_columns())

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "account", "pillar", "language"], name="one_rollup_per_day_slice"
            )
        ]
        indexes = [models.Index(fields=["workspace", "day"], name="rollup_ws_day")]


class AccountPoint(models.Model):
    account = models.ForeignKey(
        "publishing.Account", on_delete=models.CASCADE, related_name="account_points"
    )
    taken_at = models.DateTimeField(default=timezone.now)
    followers = models.BigIntegerField(null=True, blank=True)
    raw = models.JSONField(default=dict, blank=True)

    class Meta:
        indexes = [models.Index(fields=["account", "taken_at"], name="accountpoint_acc_time")]


class AccountSchedule(models.Model):
    """When each account's own figures (followers) are read next."""

    account = models.OneToOneField(
        "publishing.Account", on_delete=models.CASCADE, related_name="metrics_schedule"
    )
    next_read_at = models.DateTimeField(default=timezone.now, db_index=True)
    failures = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)


class ReportRun(models.Model):
    """One generated monthly PDF (kept, downloadable; each generation is audited)."""

    workspace = models.ForeignKey("workspaces.Workspace", on_delete=models.CASCADE)
    month = models.DateField()  # the first day of the month reported
    language = models.CharField(max_length=5)
    created_at = models.DateTimeField(auto_now_add=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    pdf = models.BinaryField()
    summary = models.TextField(blank=True)
    emailed_to = models.JSONField(default=list, blank=True)


class ReportSchedule(models.Model):
    """A workspace's report settings: who gets the monthly PDF by email (sent by the worker
    after each month ends) and the weekly posting plan per network."""

    workspace = models.OneToOneField("workspaces.Workspace", on_delete=models.CASCADE)
    recipients = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True)
    last_sent_month = models.DateField(null=True, blank=True)
    # The day of the month (1-28, the workspace's own calendar day) on which the worker
    # sends the last month's report.
    send_day = models.PositiveSmallIntegerField(default=1)
    # The plan the cadence section compares with: posts per week, per network.
    weekly_targets = models.JSONField(default=dict, blank=True)
