"""``nabz demo|serve|worker|manage``: run the Django side without a manage.py."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading

DEFAULT_ADDRESS = "127.0.0.1:8000"


def _setup(demo: bool = False) -> None:
    if demo:
        os.environ["NABZ_DEMO"] = "1"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nabz.settings")
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
    except ImproperlyConfigured as exc:
        print(f"nabz: configuration error: {exc}", file=sys.stderr)
        raise SystemExit(2) from exc


def _address(args: list[str]) -> tuple[str, int]:
    raw = args[0] if args else os.environ.get("NABZ_ADDRESS", DEFAULT_ADDRESS)
    host, _, port = raw.rpartition(":")
    try:
        return host or "127.0.0.1", int(port)
    except ValueError:
        print(f"nabz: address must look like 127.0.0.1:8000, not {raw!r}", file=sys.stderr)
        raise SystemExit(2) from None


def serve(args: list[str]) -> int:
    """Serve the app with waitress (a production-grade pure-Python WSGI server)."""
    host, port = _address(args)
    from django.conf import settings
    from waitress import serve as waitress_serve

    from nabz.security import proxy

    refused = proxy.problem(settings)
    if refused:
        print(f"nabz: refusing to serve: {refused}", file=sys.stderr)
        return 2
    from nabz.wsgi import application

    trusted = proxy.from_settings(settings)
    print(f"Nabz is serving on http://{host}:{port}/", flush=True)
    waitress_serve(
        proxy.wrap(application, trusted),
        host=host,
        port=port,
        threads=8,
        ident="nabz",
        **proxy.waitress_options(trusted),
    )
    return 0


def demo(args: list[str]) -> int:
    """Migrate, load the demo workspaces, serve and run the worker; Ctrl-C stops both."""
    from django.core.management import call_command

    host, port = _address(args)  # a bad address is refused before anything is written
    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_demo", address=f"{host}:{port}")
    worker = subprocess.Popen([sys.executable, "-m", "nabz.cli", "worker"], env=os.environ.copy())

    def stop(*_: object) -> None:
        worker.terminate()
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
    try:
        return serve(args)
    except KeyboardInterrupt:
        return 0
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=10)
        except subprocess.TimeoutExpired:
            worker.kill()


def run(command: str, args: list[str]) -> int:
    _setup(demo=command == "demo")
    if command == "manage":
        from django.core.management import execute_from_command_line

        execute_from_command_line(["nabz manage", *args])
        return 0
    if command == "serve":
        return serve(args)
    if command == "worker":
        from django.core.management import call_command

        call_command("nabz_worker", *args)
        return 0
    return demo(args)


def beat(name: str) -> None:
    """Record that the worker ``name`` is alive now."""
    from django.utils import timezone

    from nabz.core.models import WorkerHeartbeat

    WorkerHeartbeat.objects.update_or_create(
        name=name, defaults={"seen_at": timezone.now(), "pid": os.getpid()}
    )


def start_heartbeat(name: str, interval: float, stop: threading.Event) -> threading.Thread:
    """Record that this worker is alive every ``interval`` seconds until ``stop`` is set."""

    def loop() -> None:
        from django.db import close_old_connections

        while not stop.is_set():
            close_old_connections()
            try:
                beat(name)
            except Exception as exc:  # a missed beat must not kill the worker
                print(f"nabz worker: heartbeat failed: {exc.__class__.__name__}", file=sys.stderr)
            stop.wait(interval)

    thread = threading.Thread(target=loop, name="heartbeat", daemon=True)
    thread.start()
    return thread


def start_dispatcher(interval: float, stop: threading.Event) -> threading.Thread:
    """Hand due posts and publications, and accounts whose inbox is due to be read, to
    the task queue every ``interval`` seconds."""

    def loop() -> None:
        from django.conf import settings
        from django.db import close_old_connections

        from nabz.analytics.reader import dispatch as read_metrics
        from nabz.inbox.polling import dispatch as read_inboxes
        from nabz.listening.runs import dispatch as run_listening
        from nabz.publishing.worker import dispatch
        from nabz.shell.demo_inbox import trickle

        steps = [
            ("dispatch", dispatch),
            ("inbox", read_inboxes),
            ("listening", run_listening),
            ("metrics", read_metrics),
        ]
        if settings.DEMO:  # the demo's Sandbox gets visitors, so the inbox has life in it
            steps.insert(0, ("demo visitors", trickle))
            from nabz.shell.demo_listening import chatter

            steps.insert(0, ("demo public chatter", chatter))
        while not stop.is_set():
            close_old_connections()
            for name, step in steps:
                try:
                    step()
                except Exception as exc:  # one failing step must not stop the other
                    print(
                        f"nabz worker: {name} failed: {exc.__class__.__name__}: {exc}",
                        file=sys.stderr,
                    )
            stop.wait(interval)

    thread = threading.Thread(target=loop, name="dispatcher", daemon=True)
    thread.start()
    return thread
