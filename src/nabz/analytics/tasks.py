"""Background tasks of analytics (the same django-tasks queue as publishing)."""

from django_tasks import task

from nabz.analytics import reader


@task()
def read_publication_task(publication_id: int) -> str:
    return reader.read_publication(publication_id)


@task()
def read_account_task(account_id: int) -> str:
    return reader.read_account(account_id)


@task()
def monthly_reports_task() -> int:
    from nabz.analytics.pdf import send_due_reports

    return send_due_reports()
