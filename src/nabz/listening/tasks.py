"""Background tasks of listening (the same django-tasks queue as publishing and the inbox)."""

from django_tasks import task

from nabz.listening import runs


@task()
def run(query_id: int) -> dict[str, int | str]:
    report = runs.run_query(query_id)
    return {
        "state": report.state,
        "pages": report.pages,
        "seen": report.seen,
        "stored": report.stored,
    }
