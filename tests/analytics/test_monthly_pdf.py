"""The monthly PDF: made with WeasyPrint in the workspace's language, its text (read back
with pdftotext) holds the summary written from the figures; audited; mailed."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import unicodedata

import pytest
from django.core import mail

from nabz.analytics import pdf
from nabz.analytics.models import ReportRun, ReportSchedule
from nabz.analytics.reader import target_of
from nabz.analytics.rollups import Observation, record
from nabz.audit.models import AuditEntry
from nabz.inbox.models import Conversation
from nabz.publishing.models import Account
from nabz.workspaces.roles import Role
from tests.analytics.conftest import published

MONTH = dt.date(2026, 11, 1)


def text_of(content: bytes, tmp_path) -> str:  # type: ignore[no-untyped-def]
    assert shutil.which("pdftotext"), "poppler-utils (pdftotext) is needed: apt-get install"
    path = tmp_path / "report.pdf"
    path.write_bytes(content)
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    ).stdout.decode()
    return squash(out)


def squash(text: str) -> str:
    """The letters and digits of ``text``, in order, alefs aside.

    pdftotext writes right-to-left lines with bidi embedding marks and moves spaces and
    neutral punctuation next to digits (``(۲ از ۳).`` comes out as ``(۲ از .)۳``); it
    drops the zero-width non-joiner, may put a combining mark before its letter, gives
    the lam-alef ligature back as alef then lam and can lose a word's first hamza-alef.
    So both sides are compared as their letters and digits (presentation forms folded
    back by NFKC) without the alef: every other letter of the summary, in order.
    """
    folded = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in folded if unicodedata.category(ch)[0] in "LN" and ch not in ALEFS)


ALEFS = "اأإآٱ"


@pytest.fixture
def month_of_work(workspace, people):  # type: ignore[no-untyped-def]
    x = Account.objects.create(workspace=workspace, network="x", name="X")
    when = dt.datetime(2026, 11, 10, 9, 0, tzinfo=dt.UTC)
    pub = published(x, people, text="Hand washing stops germs", when=when)
    record(
        [
            Observation(
                target_of(pub),
                {"impressions": 2000, "likes": 60, "comments": 10, "shares": 10, "engagements": 80},
                {},
                when + dt.timedelta(days=1),
            )
        ]
    )
    for minutes in (5, 12, 40):
        convo = Conversation.objects.create(
            workspace=workspace,
            account=x,
            network="x",
            thread_key=f"t{minutes}",
            kind="comment",
            category="emergency",
            priority=1,
            emergency=True,
        )
        created = when + dt.timedelta(days=2)
        Conversation.objects.filter(pk=convo.pk).update(
            created_at=created, first_response_at=created + dt.timedelta(minutes=minutes)
        )
    return pub


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "You answered 66.7% of emergencies within 15 minutes (2 of 3)"),
        ("fa", "به ۶۶٫۷٪ از موارد اورژانسی در کمتر از ۱۵ دقیقه پاسخ دادید (۲ از ۳)"),
        ("ar", "أجبتم عن ٦٦٫٧٪ من حالات الطوارئ خلال ١٥ دقيقة (٢ من ٣)"),
    ],
)
def test_the_pdf_holds_the_summary_in_the_workspaces_language(
    workspace, people, month_of_work, tmp_path, language, expected
) -> None:  # type: ignore[no-untyped-def]
    workspace.default_language = language
    workspace.save()
    run = pdf.generate(workspace, MONTH, requested_by=people[Role.ADMIN])
    assert bytes(run.pdf).startswith(b"%PDF-")
    assert run.language == language
    text = text_of(bytes(run.pdf), tmp_path)
    assert squash(expected) in squash(run.summary)
    for line in run.summary.splitlines():
        assert squash(line) in text, line
    entry = AuditEntry.objects.filter(action="reports.monthly_generated").latest("pk")
    assert entry.payload["month"] == "2026-11"


def test_the_worker_mails_last_months_report_once(workspace, people, month_of_work) -> None:  # type: ignore[no-untyped-def]
    schedule = ReportSchedule.objects.create(workspace=workspace)
    schedule.recipients.set([people[Role.ADMIN], people[Role.COMPLIANCE_OFFICER]])
    now = dt.datetime(2026, 12, 2, 8, 0, tzinfo=dt.UTC)
    assert pdf.send_due_reports(now) == 1
    assert pdf.send_due_reports(now) == 0  # not twice for one month
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == sorted(
        [people[Role.ADMIN].email, people[Role.COMPLIANCE_OFFICER].email]
    )
    name, content, mime = message.attachments[0]
    assert name == "nabz-report-2026-11.pdf" and mime == "application/pdf"
    assert content.startswith(b"%PDF-")
    run = ReportRun.objects.get()
    assert run.emailed_to == message.to
    assert AuditEntry.objects.filter(action="reports.monthly_sent").count() == 1


def _schedule(workspace, people, **fields):  # type: ignore[no-untyped-def]
    schedule = ReportSchedule.objects.create(workspace=workspace, **fields)
    schedule.recipients.set([people[Role.ADMIN]])
    return schedule


def test_the_report_waits_for_the_chosen_day_of_the_month(workspace, people, month_of_work) -> None:  # type: ignore[no-untyped-def]
    _schedule(workspace, people, send_day=5)
    assert pdf.send_due_reports(dt.datetime(2026, 12, 4, 12, 0, tzinfo=dt.UTC)) == 0
    assert not mail.outbox and not ReportRun.objects.exists()
    assert pdf.send_due_reports(dt.datetime(2026, 12, 5, 12, 0, tzinfo=dt.UTC)) == 1
    assert ReportRun.objects.get().month == MONTH


def test_the_day_is_the_workspaces_own_calendar_day(workspace, people, month_of_work) -> None:  # type: ignore[no-untyped-def]
    workspace.timezone = "Asia/Tehran"  # UTC+3:30
    workspace.save()
    _schedule(workspace, people, send_day=5)
    # 22:00 UTC on the 4th is already the 5th in Tehran.
    assert pdf.send_due_reports(dt.datetime(2026, 12, 4, 22, 0, tzinfo=dt.UTC)) == 1


def test_a_failed_send_is_retried_once_with_the_same_pdf_and_never_sent_twice(
    workspace, people, month_of_work, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    schedule = _schedule(workspace, people)
    now = dt.datetime(2026, 12, 2, 8, 0, tzinfo=dt.UTC)
    from django.core.mail import EmailMessage

    real_send = EmailMessage.send

    def broken(self, fail_silently=False):  # type: ignore[no-untyped-def]
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(EmailMessage, "send", broken)
    with pytest.raises(ConnectionRefusedError):
        pdf.send_due_reports(now)
    schedule.refresh_from_db()
    assert schedule.last_sent_month is None  # the claim was given back
    assert ReportRun.objects.count() == 1 and not mail.outbox
    monkeypatch.setattr(EmailMessage, "send", real_send)
    assert pdf.send_due_reports(now) == 1  # the restart sends it
    assert pdf.send_due_reports(now) == 0
    assert ReportRun.objects.count() == 1  # the PDF of the failed round was reused
    assert len(mail.outbox) == 1
    assert AuditEntry.objects.filter(action="reports.monthly_generated").count() == 1
    assert AuditEntry.objects.filter(action="reports.monthly_sent").count() == 1


def test_a_month_claimed_by_another_worker_is_not_sent_again(
    workspace, people, month_of_work, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    schedule = _schedule(workspace, people)
    now = dt.datetime(2026, 12, 2, 8, 0, tzinfo=dt.UTC)
    # Another worker claims November between this one's read and its claim: the object
    # this worker holds still says nothing was sent.
    stale = list(ReportSchedule.objects.select_related("workspace"))
    ReportSchedule.objects.filter(pk=schedule.pk).update(last_sent_month=MONTH)
    monkeypatch.setattr(ReportSchedule.objects, "select_related", lambda *names: stale)
    assert stale[0].last_sent_month is None
    assert pdf.send_due_reports(now) == 0
    assert not mail.outbox and not ReportRun.objects.exists()


def test_the_dispatcher_queues_the_monthly_task_only_from_the_send_day(
    workspace, people, month_of_work
) -> None:  # type: ignore[no-untyped-def]
    from django_tasks_db.models import DBTaskResult

    from nabz.analytics import reader

    def queued() -> int:
        return DBTaskResult.objects.filter(task_path__endswith="monthly_reports_task").count()

    _schedule(workspace, people, send_day=10)
    reader._monthly_reports(dt.datetime(2026, 12, 3, 8, 0, tzinfo=dt.UTC), inline=False)
    assert queued() == 0
    reader._monthly_reports(dt.datetime(2026, 12, 10, 8, 0, tzinfo=dt.UTC), inline=False)
    assert queued() == 1
    reader._monthly_reports(dt.datetime(2026, 12, 10, 8, 0, tzinfo=dt.UTC), inline=True)
    assert len(mail.outbox) == 1
    reader._monthly_reports(dt.datetime(2026, 12, 11, 8, 0, tzinfo=dt.UTC), inline=True)
    assert len(mail.outbox) == 1
