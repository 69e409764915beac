"""Listening's records: the queries (ListeningQuery), how far each network's search has
been read for each of them (SearchCursor), what was found (Result, unique per query by
network and network id), an hourly count per query (Volume, for the charts and the
spike detector) and the alerts raised (Alert, with the results behind them).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nabz.workspaces.choices import Network


class Sensitivity(models.TextChoices):
    LOW = "low", _("Low (only large spikes)")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High (small spikes too)")


class ListeningQuery(models.Model):
    workspace = models.ForeignKey(
        "workspaces.Workspace", on_delete=models.CASCADE, related_name="listening_queries"
    )
    name = models.CharField(_("name"), max_length=120)
    query = models.TextField(_("query"), max_length=2000)
    # Networks to search (empty: every network that allows it) and languages kept (empty: all).
    networks = models.JSONField(default=list, blank=True)
    languages = models.JSONField(default=list, blank=True)
    excluded_authors = models.TextField(_("excluded authors"), blank=True, default="")
    # Mentions of the organisation: a result with health details or an emergency alerts.
    is_brand = models.BooleanField(_("mentions of our organisation"), default=False)
    active = models.BooleanField(_("running"), default=True)
    sensitivity = models.CharField(
        _("spike sensitivity"), max_length=8, choices=Sensitivity.choices, default="medium"
    )
    cooldown_minutes = models.PositiveIntegerField(_("quiet time after an alert"), default=60)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    next_run_at = models.DateTimeField(default=timezone.now)
    lease_until = models.DateTimeField(null=True, blank=True)
    last_run_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["active", "next_run_at"])]

    def __str__(self) -> str:
        return self.name

    def excluded(self) -> set[str]:
        from nabz.listening.query import key

        names = (line.strip().lstrip("@") for line in self.excluded_authors.splitlines())
        return {key(name) for name in names if name}


class SearchCursor(models.Model):
    """How far one network's search has been read for one term of one query."""

    class State(models.TextChoices):
        OK = "ok", _("reading")
        FAILED = "failed", _("failing, will retry")
        NO_ACCOUNT = "no_account", _("no connected account")
        UNSUPPORTED = "unsupported", _("search not allowed")

    query = models.ForeignKey(ListeningQuery, on_delete=models.CASCADE, related_name="cursors")
    network = models.CharField(max_length=16, choices=Network.choices)
    probe = models.CharField(max_length=300)  # "hashtag:covid19", "text:chest pain"
    cursor = models.CharField(max_length=500, blank=True, default="")
    state = models.CharField(max_length=12, choices=State.choices, default="ok")
    failures = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True, default="")
    next_run_at = models.DateTimeField(default=timezone.now)
    last_run_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["query", "network", "probe"], name="listening_cursor_once"
            )
        ]


class Result(models.Model):
    """One public post that matched a query, as checked by the Trust Gate."""

    workspace = models.ForeignKey(
        "workspaces.Workspace", on_delete=models.CASCADE, related_name="+"
    )
    query = models.ForeignKey(ListeningQuery, on_delete=models.CASCADE, related_name="results")
    network = models.CharField(max_length=16, choices=Network.choices)
    remote_id = models.CharField(max_length=300)
    author_id = models.CharField(max_length=200, blank=True)
    author_handle = models.CharField(max_length=200, blank=True)
    author_name = models.CharField(max_length=200, blank=True)
    text = models.TextField()
    language = models.CharField(max_length=8, blank=True)
    url = models.CharField(max_length=500, blank=True)
    posted_at = models.DateTimeField()
    found_at = models.DateTimeField(default=timezone.now)
    myth = models.BooleanField(default=False)
    myth_id = models.CharField(max_length=120, blank=True, default="")
    emergency = models.BooleanField(default=False)
    health = models.BooleanField(default=False)
    findings = models.JSONField(default=list, blank=True)  # [{"code", "text", ...}]
    hashtags = models.JSONField(default=list, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["query", "network", "remote_id"], name="listening_result_once"
            )
        ]
        indexes = [
            models.Index(fields=["query", "-posted_at", "-id"], name="listening_stream"),
            models.Index(fields=["query", "myth_id", "posted_at"], name="listening_myths"),
        ]


class Volume(models.Model):
    """How many results of a query were posted in one hour (UTC), and how many were myths."""

    query = models.ForeignKey(ListeningQuery, on_delete=models.CASCADE, related_name="volume")
    hour = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)
    myths = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["query", "hour"], name="listening_volume_once")
        ]


class Alert(models.Model):
    class Kind(models.TextChoices):
        SPIKE = "spike", _("Volume spike")
        MYTH = "myth", _("A myth is spreading")
        HEALTH = "health", _("Our organisation mentioned with health details")
        EMERGENCY = "emergency", _("Our organisation mentioned in an emergency")

    workspace = models.ForeignKey(
        "workspaces.Workspace", on_delete=models.CASCADE, related_name="+"
    )
    query = models.ForeignKey(ListeningQuery, on_delete=models.CASCADE, related_name="alerts")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    created_at = models.DateTimeField(default=timezone.now)
    # What caused it: the figures (a spike's count and baseline) or the myth's fact and source.
    details = models.JSONField(default=dict, blank=True)
    myth_id = models.CharField(max_length=120, blank=True, default="")
    results = models.ManyToManyField(Result, related_name="alerts", blank=True)
    draft = models.ForeignKey(
        "content.Post", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["query", "kind", "-created_at"])]
