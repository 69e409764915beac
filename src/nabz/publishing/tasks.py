"""Background tasks of the publishing worker (django-tasks: database queue or RQ)."""

from django_tasks import task

from nabz.publishing import worker


@task()
def run_publication(publication_id: int) -> str:
    return worker.publish_one(publication_id)


@task()
def run_takedown(publication_id: int) -> str:
    return worker.takedown_one(publication_id)


@task()
def dispatch() -> dict[str, int]:
    report = worker.dispatch()
    return {k: v for k, v in vars(report).items() if isinstance(v, int)}
