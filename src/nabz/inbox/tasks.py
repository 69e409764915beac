"""Background tasks of the inbox (the same django-tasks queue as publishing)."""

from django_tasks import task

from nabz.inbox import polling


@task()
def poll(account_id: int) -> dict[str, int | str]:
    report = polling.poll_account(account_id)
    return {
        "state": report.state,
        "pages": report.pages,
        "created": report.created,
        "updated": report.updated,
        "deleted": report.deleted,
    }


@task()
def send_reply(reply_id: int) -> str:
    from nabz.inbox import replies

    return replies.send_one(reply_id)
