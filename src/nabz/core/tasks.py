"""Background tasks of the core. Later capabilities add theirs in their own apps."""

from django_tasks import task


@task()
def ping(message: str) -> str:
    """A trivial task used by health checks and tests to prove the worker runs."""
    return f"pong: {message}"
