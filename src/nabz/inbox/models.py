"""The inbox's records: who wrote (Contact), the thread (Conversation), each message
(Message), how far each account has been read (ReadCursor) and our answers (Reply).

A message is unique per account by its network id: reading it twice (a retried poll, a
webhook and a poll of the same comment) updates it, never adds a second one. A message
deleted on the network is marked (``deleted_on_network``), never removed here.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nabz.content.models import Network


class Category(models.TextChoices):
    EMERGENCY = "emergency", _("Emergency")
    MEDICAL_QUESTION = "medical_question", _("Medical question")
    APPOINTMENT = "appointment", _("Appointment or admin")
    COMPLAINT = "complaint", _("Complaint")
    PRAISE = "praise", _("Praise")
    MISINFORMATION = "misinformation", _("Misinformation")
    HEALTH_DETAILS = "health_details", _("Health details in public")
    SPAM = "spam", _("Spam or abuse")
    OTHER = "other", _("Other")


class Priority(models.IntegerChoices):
    URGENT = 1, _("Urgent")
    HIGH = 2, _("High")
    NORMAL = 3, _("Normal")
    LOW = 4, _("Low")


class MessageKind(models.TextChoices):
    COMMENT = "comment", _("Comment")
    MENTION = "mention", _("Mention")
    DM = "dm", _("Direct message")


class Contact(models.Model):
    """Someone who wrote to us on one network. ``person`` links the same human's contacts
    across networks (set by a member), so their history with us reads as one."""

    workspace = models.ForeignKey(
        "workspaces.Workspace", on_delete=models.CASCADE, related_name="contacts"
    )
    network = models.CharField(_("network"), max_length=16, choices=Network.choices)
    remote_id = models.CharField(max_length=200)  # the network's stable id for them
    handle = models.CharField(_("handle"), max_length=200, blank=True)
    display_name = models.CharField(_("display name"), max_length=200, blank=True)
    person = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="linked"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "network", "remote_id"], name="inbox_contact_once"
            )
        ]

    def __str__(self) -> str:
        return self.display_name or self.handle or self.remote_id

    def link_to(self, other: Contact) -> None:
        """The same person as ``other``: both point at one root contact."""
        root = other.person or other
        if root.pk == self.pk:
            return
        Contact.objects.filter(models.Q(pk=self.pk) | models.Q(person=self)).update(person=root)
        self.person = root

    def history(self) -> models.QuerySet[Message]:
        """Every message of this person with us, on every linked network."""
        root = self.person or self
        people = Contact.objects.filter(models.Q(pk=root.pk) | models.Q(person=root))
        return Message.objects.filter(author__in=people).order_by("-sent_at")


class Conversation(models.Model):
    """A thread: a comment under one of our posts with its replies, a mention, or a
    private conversation. Its triage is the most urgent of its incoming messages."""

    class State(models.TextChoices):
        NEW = "new", _("New")
        ASSIGNED = "assigned", _("Assigned")
        WAITING = "waiting", _("Waiting")
        DONE = "done", _("Done")

    workspace = models.ForeignKey(
        "workspaces.Workspace", on_delete=models.CASCADE, related_name="conversations"
    )
    account = models.ForeignKey(
        "publishing.Account", on_delete=models.CASCADE, related_name="conversations"
    )
    network = models.CharField(_("network"), max_length=16, choices=Network.choices)
    thread_key = models.CharField(max_length=300)  # the root message's or the DM's id
    kind = models.CharField(max_length=10, choices=MessageKind.choices)
    contact = models.ForeignKey(
        Contact, on_delete=models.SET_NULL, null=True, blank=True, related_name="conversations"
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.NEW)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inbox_assignments",
    )
    category = models.CharField(
        _("category"), max_length=20, choices=Category.choices, default=Category.OTHER
    )
    categories: Any = models.JSONField(default=list, blank=True)
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority.choices, default=Priority.NORMAL
    )
    emergency = models.BooleanField(default=False)
    language = models.CharField(_("language"), max_length=8, blank=True)
    last_message_at = models.DateTimeField(default=timezone.now)
    first_response_due = models.DateTimeField(null=True, blank=True)
    resolution_due = models.DateTimeField(null=True, blank=True)
    first_response_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    consent_requested_at = models.DateTimeField(null=True, blank=True)  # asked to share praise
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["account", "thread_key"], name="inbox_thread_once")
        ]
        indexes = [
            models.Index(
                fields=["workspace", "state", "priority", "-last_message_at"],
                name="inbox_queue",
            ),
            models.Index(fields=["workspace", "category"], name="inbox_category"),
        ]

    def __str__(self) -> str:
        return f"{self.network} {self.thread_key}"


class Message(models.Model):
    account = models.ForeignKey(
        "publishing.Account", on_delete=models.CASCADE, related_name="inbox_messages"
    )
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    remote_id = models.CharField(max_length=300)
    author = models.ForeignKey(
        Contact, on_delete=models.SET_NULL, null=True, blank=True, related_name="messages"
    )
    from_us = models.BooleanField(default=False)  # our own reply, as the network shows it
    kind = models.CharField(max_length=10, choices=MessageKind.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="replies"
    )
    parent_remote_id = models.CharField(max_length=300, blank=True)
    text = models.TextField()
    language = models.CharField(max_length=8, blank=True)
    url = models.URLField(max_length=500, blank=True)
    sent_at = models.DateTimeField()
    received_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_on_network = models.BooleanField(default=False)
    deleted_seen_at = models.DateTimeField(null=True, blank=True)
    hidden = models.BooleanField(default=False)
    # {"categories": [...], "priority": 1-4, "reasons": [{"code", "category", "words"}]}
    triage: Any = models.JSONField(default=dict, blank=True)
    network_data: Any = models.JSONField(default=dict, blank=True)  # what a reply needs

    class Meta:
        ordering = ["sent_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["account", "remote_id"], name="inbox_message_once")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.remote_id}"


class ReadCursor(models.Model):
    """How far an account's incoming messages have been read, and when to read again."""

    account = models.OneToOneField(
        "publishing.Account", on_delete=models.CASCADE, related_name="read_cursor"
    )
    cursor = models.CharField(max_length=500, blank=True)
    next_poll_at = models.DateTimeField(default=timezone.now, db_index=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    failures = models.PositiveSmallIntegerField(default=0)

    def __str__(self) -> str:
        return f"cursor of account {self.account_id}"


def new_reply_key() -> str:
    return uuid.uuid4().hex


class Reply(models.Model):
    """One answer we send, recorded (with its idempotency key) before the network call.

    ``queued → sending → sent`` or ``failed``; ``unknown`` when the call's outcome was
    not seen: the next attempt asks the network for a reply with that key first.
    """

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        UNKNOWN = "unknown", _("Checking")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public reply")
        PRIVATE = "private", _("Private message")

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="replies")
    in_reply_to = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="answers")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    visibility = models.CharField(
        max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    text = models.TextField()
    idempotency_key = models.CharField(max_length=64, unique=True, default=new_reply_key)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    lease_until = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    remote_id = models.CharField(max_length=300, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"reply {self.pk} ({self.state})"


def default_targets() -> dict[str, dict[str, int]]:
    """Minutes of business time to a first answer and to resolution, per priority."""
    return {
        "1": {"first_response": 15, "resolution": 60},
        "2": {"first_response": 120, "resolution": 480},
        "3": {"first_response": 480, "resolution": 1920},
        "4": {"first_response": 1440, "resolution": 5760},
    }


def urgent_only() -> list[int]:
    return [1]


def default_hours() -> dict[str, list[list[str]]]:
    return {day: [["00:00", "24:00"]] for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}


class ResponseTargets(models.Model):
    """A workspace's response targets, counted on its own calendar.

    ``hours`` maps a weekday (mon…sun) to its open intervals, ``[["09:00", "17:00"]]``;
    ``holidays`` lists ISO dates or observance ids (closed on each occurrence);
    ``targets`` gives minutes per priority; priorities in ``around_the_clock`` count
    every minute, open or not (an emergency does not wait for Monday).
    The time zone is the workspace's own.
    """

    workspace = models.OneToOneField(
        "workspaces.Workspace", on_delete=models.CASCADE, related_name="response_targets"
    )
    hours: Any = models.JSONField(_("opening hours"), default=default_hours)
    holidays: Any = models.JSONField(_("holidays"), default=list, blank=True)
    targets: Any = models.JSONField(_("response targets"), default=default_targets)
    around_the_clock: Any = models.JSONField(default=urgent_only, blank=True)
    warn_minutes = models.PositiveIntegerField(_("warn before a breach (minutes)"), default=30)

    def __str__(self) -> str:
        return f"response targets of {self.workspace_id}"


class Duty(models.Model):
    """Whether a member takes new conversations now, and when they last got one
    (round-robin gives the next conversation to whoever waited longest)."""

    workspace = models.ForeignKey(
        "workspaces.Workspace", on_delete=models.CASCADE, related_name="inbox_duties"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="inbox_duties"
    )
    on_duty = models.BooleanField(_("on duty"), default=False)
    last_assigned_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["workspace", "user"], name="inbox_duty_once")
        ]

    def __str__(self) -> str:
        return f"duty of {self.user_id} in {self.workspace_id}"


class Note(models.Model):
    """An internal note on a conversation, for the team only: never sent to a network."""

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("note"), max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"note {self.pk} on {self.conversation_id}"


class SavedView(models.Model):
    """A member's own named set of queue filters."""

    workspace = models.ForeignKey(
        "workspaces.Workspace", on_delete=models.CASCADE, related_name="inbox_views"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="inbox_views"
    )
    name = models.CharField(_("name"), max_length=80)
    filters: Any = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "user", "name"], name="inbox_saved_view_once"
            )
        ]

    def __str__(self) -> str:
        return self.name


class SavedReply(models.Model):
    """A workspace's ready answer for a category, in one language.

    Placeholders ``{name}`` (the contact's display name) and ``{emergency_number}`` (the
    workspace's) are filled when inserted; the result is checked like any reply.
    """

    workspace = models.ForeignKey(
        "workspaces.Workspace", on_delete=models.CASCADE, related_name="inbox_saved_replies"
    )
    title = models.CharField(_("title"), max_length=120)
    category = models.CharField(
        _("category"), max_length=20, choices=Category.choices, default=Category.OTHER
    )
    language = models.CharField(
        _("language"), max_length=8, choices=[("en", "English"), ("ar", "العربية"), ("fa", "فارسی")]
    )
    text = models.TextField(_("text"), max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["category", "language", "title"]

    def __str__(self) -> str:
        return self.title
