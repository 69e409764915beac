"""``audit_checkpoint``: write a signed checkpoint of the audit chain for the operator to keep."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from nabz.audit import checkpoints

SYSLOG_DEFAULT = "/dev/log"


class Command(BaseCommand):
    help = (
        "Verify the audit chain and write a signed checkpoint (entry count, head hash, time) "
        "as one JSON line: appended to --output FILE, sent to syslog, mailed, or printed. "
        "Keep it where a database writer cannot reach; `verify_audit --checkpoint FILE` "
        "then detects a cut or rewritten chain."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--output", metavar="FILE", help="Append the line to FILE.")
        parser.add_argument("--syslog", action="store_true", help="Send the line to syslog.")
        parser.add_argument(
            "--syslog-address",
            default=SYSLOG_DEFAULT,
            metavar="PATH|HOST:PORT",
            help=f"The syslog socket or UDP server (default {SYSLOG_DEFAULT}).",
        )
        parser.add_argument(
            "--email", action="append", default=[], metavar="ADDR", help="Mail the line to ADDR."
        )
        parser.add_argument("--database", default=None, help="Database alias (default: routed).")

    def handle(self, *args: Any, **options: Any) -> None:
        for address in options["email"]:
            try:
                validate_email(address)
            except ValidationError:
                raise CommandError(f"--email {address!r} is not an e-mail address") from None
        try:
            point = checkpoints.take(using=options["database"])
        except checkpoints.ChainNotSound as exc:
            self.stderr.write(f"No checkpoint written: {exc}")
            raise SystemExit(1) from None
        line = point.line()
        if options["output"]:
            _append(Path(options["output"]), line)
        if options["syslog"]:
            _to_syslog(options["syslog_address"], line)
        if options["email"]:
            send_mail(
                f"Nabz audit checkpoint: {point.entries} entries",
                "Keep this line; `nabz manage verify_audit --checkpoint FILE` checks the audit "
                f"log against it.\n\n{line}\n",
                None,
                options["email"],
            )
        if not (options["output"] or options["syslog"] or options["email"]):
            self.stdout.write(line)
        else:
            self.stdout.write(f"Audit checkpoint: {point.entries} entries, head {point.head[:16]}…")


def _append(path: Path, line: str) -> None:
    try:
        with path.open("a", encoding="utf-8") as handle:
            handle.write(line + "\n")
    except OSError as exc:
        raise CommandError(f"cannot append to {path}: {exc}") from exc


class _StrictSysLogHandler(logging.handlers.SysLogHandler):
    """Raises instead of printing a traceback when the line cannot be sent."""

    def handleError(self, record: logging.LogRecord) -> None:
        raise  # called from the handler's own except block


def _syslog_target(address: str) -> str | tuple[str, int]:
    host, colon, port = address.rpartition(":")
    if colon and host and port.isdigit() and not address.startswith("/"):
        return host, int(port)
    return address


def _to_syslog(address: str, line: str) -> None:
    try:
        handler = _StrictSysLogHandler(
            address=_syslog_target(address), facility=logging.handlers.SysLogHandler.LOG_AUTH
        )
    except OSError as exc:
        raise CommandError(f"cannot reach syslog at {address}: {exc}") from exc
    handler.setFormatter(logging.Formatter("nabz-audit-checkpoint: %(message)s"))
    record = logging.LogRecord(
        "nabz.audit.checkpoint", logging.INFO, __file__, 0, "%s", (line,), None
    )
    try:
        handler.emit(record)
    except OSError as exc:
        raise CommandError(f"cannot write to syslog at {address}: {exc}") from exc
    finally:
        handler.close()
