"""The one console script: ``nabz``.

nabz check [FILE|-] ...    check texts with the trust engine (no Django needed)
nabz rules                 print the rule catalogue
nabz demo                  migrate, load the demo workspace, serve with a worker
nabz serve                 serve the web app (waitress)
nabz worker                run the background task worker
nabz manage <command>      any Django management command
nabz backup [--output DIR|FILE]   back up the database, media and signed forms (encrypted)
nabz restore FILE [--force]       restore such a backup, after checking all of it
"""

from __future__ import annotations

import os
import sys

USAGE = __doc__ or ""


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in {"-h", "--help", "help"}:
        print(USAGE.strip())
        return 0 if args else 2
    command, rest = args[0], args[1:]
    if command in {"check", "rules"}:
        from nabz.trust.cli import main as trust_main

        return trust_main([command, *rest])
    if command in {"demo", "serve", "worker", "manage"}:
        from nabz.shell.runner import run

        return run(command, rest)
    if command in {"backup", "restore"}:
        from nabz.backup.cli import main as backup_main

        return backup_main(command, rest)
    print(f"nabz: unknown command {command!r}; try `nabz --help`", file=sys.stderr)
    return 2


def django_main() -> None:  # pragma: no cover - thin wrapper
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nabz.settings")
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
