"""``nabz check`` and ``nabz rules``: the trust engine on the command line.

Exit codes: 0 when nothing blocks (clean or warnings only), 1 when any text has a
blocking finding, 2 for a usage or input error, reported on ONE line of stderr.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NoReturn, TextIO

from nabz.trust.model import KINDS, LANGUAGES, NETWORKS, Context, InputError

EXIT_OK, EXIT_BLOCKED, EXIT_USAGE = 0, 1, 2
CONTEXT_KEYS = frozenset(
    {"consents", "media", "incoming", "pillar", "settings", "message_language", "today"}
)
OPTION_KEYS = frozenset({"language", "lang", "network", "kind"})
_GLOB_CHARS = frozenset("*?[")


class UsageError(Exception):
    """A problem with the command line or an input; becomes one line on stderr."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="nabz", description="Check texts with the Nabz Trust Gate.")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    check = sub.add_parser(
        "check",
        help="check texts",
        description="Check files (or standard input with -) and print the findings.",
        epilog="Exit status: 0 nothing blocks, 1 blocking findings, 2 usage or input error.",
    )
    check.add_argument("files", nargs="*", metavar="FILE", help="files or globs; - for stdin")
    check.add_argument("--lang", "--language", dest="lang", choices=LANGUAGES)
    check.add_argument("--network", choices=NETWORKS)
    check.add_argument("--kind", choices=KINDS)
    check.add_argument("--format", dest="fmt", choices=("text", "json", "sarif"), default="text")
    check.add_argument("--config", metavar="FILE", help="JSON or YAML check context")
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    rules = sub.add_parser("rules", help="print the rule catalogue")
    rules.add_argument("--format", dest="fmt", choices=("text", "markdown", "json"), default="text")
    return parser


# --- inputs ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Source:
    name: str
    text: str
    body_offset: int = 0  # where the checked text starts (after front matter)
    front: Mapping[str, Any] | None = None


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError(
            f"{name}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from None


def _read_path(path: str) -> str:
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except IsADirectoryError:
        raise UsageError(
            f"{path}: is a directory; give files or a glob such as {path}/*.md"
        ) from None
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot read ({exc.strerror or exc})") from None
    return _decode(data, path)


def _expand(args: Sequence[str]) -> list[str]:
    """File arguments with globs expanded here too (quoted globs, Windows shells)."""
    names: list[str] = []
    for arg in args:
        if arg != "-" and _GLOB_CHARS & set(arg) and not os.path.exists(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                raise UsageError(f"{arg}: no files match")
            names.extend(m for m in matches if not os.path.isdir(m))
        else:
            names.append(arg)
    return names


def _split_front_matter(text: str) -> tuple[int, Mapping[str, Any] | None]:
    """A leading YAML block between '---' lines may set language, network, kind, context."""
    if not text.startswith("---"):
        return 0, None
    first_break = text.find("\n")
    if first_break < 0 or text[:first_break].strip() != "---":
        return 0, None
    pos = first_break + 1
    while pos <= len(text):
        nl = text.find("\n", pos)
        line = text[pos : nl if nl >= 0 else len(text)]
        if line.strip() in {"---", "..."}:
            body = nl + 1 if nl >= 0 else len(text)
            raw = _yaml(text[first_break + 1 : pos])
            if isinstance(raw, Mapping):  # other keys (title, tags...) belong to other tools
                return body, {k: v for k, v in raw.items() if k in CONTEXT_KEYS | OPTION_KEYS}
            return 0, None
        if nl < 0:
            break
        pos = nl + 1
    return 0, None


def _yaml(text: str) -> Any:
    import yaml

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        return None


def _read_sources(args: Sequence[str], stdin: TextIO) -> list[Source]:
    if not args and stdin.isatty():
        raise UsageError("no input: give one or more FILEs, or - to read standard input")
    names = _expand(args) if args else ["-"]
    sources: list[Source] = []
    for name in names:
        if name == "-":
            buffer = getattr(stdin, "buffer", None)
            text = _decode(buffer.read(), "<stdin>") if buffer is not None else stdin.read()
        else:
            text = _read_path(name)
        offset, front = _split_front_matter(text)
        sources.append(Source(name, text, offset, front))
    return sources


def _load_config(path: str) -> dict[str, Any]:
    text = _read_path(path)
    if path.lower().endswith(".json"):
        try:
            raw = json.loads(text)
        except json.JSONDecodeError as exc:
            raise UsageError(f"{path}: bad JSON at line {exc.lineno}: {exc.msg}") from None
    else:
        import yaml

        try:
            raw = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" at line {mark.line + 1}" if mark is not None else ""
            raise UsageError(f"{path}: bad YAML{where}") from None
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise UsageError(f"{path}: the config must be a mapping of settings")
    unknown = sorted(set(map(str, raw)) - CONTEXT_KEYS - OPTION_KEYS)
    if unknown:
        known = ", ".join(sorted(CONTEXT_KEYS | OPTION_KEYS))
        raise UsageError(f"{path}: unknown key {unknown[0]!r} (known: {known})")
    return raw


def _option(name: str, value: Any, allowed: Sequence[str], where: str) -> str | None:
    if value is None:
        return None
    if value not in allowed:
        raise UsageError(f"{where}: {name} must be one of {', '.join(allowed)}, not {value!r}")
    return str(value)


# --- commands ----------------------------------------------------------------------------
def _check(ns: argparse.Namespace, stdin: TextIO, stdout: TextIO) -> int:
    from nabz.trust.engine import check
    from nabz.trust.report import CheckedText, render_text, to_json, to_sarif

    config = _load_config(ns.config) if ns.config else {}
    sources = _read_sources(ns.files, stdin)
    items: list[CheckedText] = []
    for source in sources:
        merged: dict[str, Any] = {**config, **(source.front or {})}
        where = source.name if source.front else (ns.config or "config")
        lang = ns.lang or _option(
            "language", merged.get("language", merged.get("lang")), LANGUAGES, where
        )
        network = ns.network or _option("network", merged.get("network"), NETWORKS, where)
        kind = ns.kind or _option("kind", merged.get("kind"), KINDS, where) or "post"
        try:
            context = Context.from_dict({k: v for k, v in merged.items() if k in CONTEXT_KEYS})
        except (InputError, TypeError, ValueError, AttributeError) as exc:
            raise UsageError(f"{where}: {exc}") from None
        body = source.text[source.body_offset :]
        report = check(body, language=lang, network=network, kind=kind, context=context)
        items.append(
            CheckedText(
                source.name,
                source.text,
                report,
                source.body_offset,
                message_language=context.message_language,
            )
        )
    if ns.fmt == "json":
        stdout.write(json.dumps(to_json(items), ensure_ascii=False, indent=2) + "\n")
    elif ns.fmt == "sarif":
        stdout.write(json.dumps(to_sarif(items), ensure_ascii=False, indent=2) + "\n")
    else:
        color = ns.color == "always" or (
            ns.color == "auto" and stdout.isatty() and not os.environ.get("NO_COLOR")
        )
        stdout.write(render_text(items, color=color))
    return EXIT_BLOCKED if any(not item.report.ok for item in items) else EXIT_OK


def _rules(ns: argparse.Namespace, stdout: TextIO) -> int:
    from nabz.trust import catalogue

    if ns.fmt == "markdown":
        stdout.write(catalogue.render_markdown())
    elif ns.fmt == "json":
        stdout.write(json.dumps(catalogue.catalogue_data(), ensure_ascii=False, indent=2) + "\n")
    else:
        stdout.write(catalogue.render_text())
    return EXIT_OK


def main(
    argv: list[str] | None = None,
    *,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run ``check`` or ``rules``; returns the exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    for stream in (stdout, stderr):  # Arabic and Persian text must never fail to print
        encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    parser = _parser()
    try:
        try:
            ns = parser.parse_args(args)
        except SystemExit as exc:  # --help printed its text
            return EXIT_OK if exc.code in (0, None) else EXIT_USAGE
        if ns.command == "check":
            return _check(ns, stdin, stdout)
        if ns.command == "rules":
            return _rules(ns, stdout)
        raise UsageError("expected a command: check or rules")
    except UsageError as exc:
        stderr.write(f"nabz: error: {_one_line(str(exc))}\n")
        return EXIT_USAGE
    except InputError as exc:
        stderr.write(f"nabz: error: {_one_line(str(exc))}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        stderr.write("nabz: interrupted\n")
        return 130
    except BrokenPipeError:
        return EXIT_OK


def _one_line(message: str) -> str:
    return " ".join(message.split())


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
