"""Compile the trust engine with mypyc, in place, when its source has changed.

    .venv/bin/python tools/compile_trust.py           # build if the source changed
    .venv/bin/python tools/compile_trust.py --check   # exit 1 if the build is stale
    .venv/bin/python tools/compile_trust.py --clean   # back to pure Python

``nabz.trust`` is pure Python and runs as such from any wheel. mypyc turns the same
type-checked source (``mypy --strict`` already passes on it) into C extensions placed
beside the ``.py`` files; Python imports an extension before the source of the same
name. Nothing is written by hand in C, and deleting the ``.so`` files gives the pure
engine back. ``make`` runs this script before the demo, the tests and the benchmarks.

A stamp (``src/nabz_trust__mypyc.stamp.json``) records a hash of the compiled sources, the
Python and the mypy version: the build is redone when any of them changes, and the test
suite's conftest refuses a stale build (``status()``, as ``--check`` prints it), so an
edit is never tested against the old compiled code.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
PACKAGE = SRC / "nabz" / "trust"
STAMP = SRC / "nabz_trust__mypyc.stamp.json"  # outside the package: never in a wheel
GROUP = "nabz_trust"  # mypyc's shared library: src/nabz_trust__mypyc.*.so

# Not compiled: the package's front door (kept plain Python), the command line and the
# report printers (not on the hot path), and the data builder (a developer's script).
LEFT_AS_PYTHON = {
    "__init__.py",
    "cli.py",
    "report.py",
    "catalogue.py",
    "data/names/build_names.py",
}


def sources() -> list[Path]:
    return sorted(
        p for p in PACKAGE.rglob("*.py") if p.relative_to(PACKAGE).as_posix() not in LEFT_AS_PYTHON
    )


def fingerprint() -> dict[str, str]:
    import mypy.version

    digest = hashlib.sha256()
    for path in sources():
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return {
        "sources": digest.hexdigest(),
        "python": sys.version.split()[0],
        "mypy": mypy.version.__version__,
    }


def built_files() -> list[Path]:
    return sorted([*PACKAGE.rglob("*.so"), *SRC.glob(f"{GROUP}__mypyc*.so")])


def status() -> str:
    """'pure' (nothing compiled), 'current', or 'stale'."""
    if not built_files():
        return "pure"
    try:
        stamp = json.loads(STAMP.read_text())
    except (OSError, ValueError):
        return "stale"
    return "current" if stamp == fingerprint() else "stale"


def clean() -> None:
    for path in built_files():
        path.unlink()
    STAMP.unlink(missing_ok=True)


def _parallel_build_ext() -> type:
    """build_ext that lets the C compiler work on several files of one extension at once.

    setuptools compiles the files of one extension one after the other, and mypyc's
    group is one extension of about sixty files: two cores nearly halve the build.
    """
    from concurrent.futures import ThreadPoolExecutor

    from setuptools.command.build_ext import build_ext

    class ParallelBuildExt(build_ext):  # type: ignore[misc]
        def build_extensions(self) -> None:
            serial = self.compiler.compile

            def compile_(sources: list[str], *args: object, **kwargs: object) -> list[str]:
                with ThreadPoolExecutor(os.cpu_count() or 1) as pool:
                    done = pool.map(lambda src: serial([src], *args, **kwargs), sources)
                    return [obj for objs in done for obj in objs]

            self.compiler.compile = compile_
            super().build_extensions()

    return ParallelBuildExt


def toolchain_missing() -> str | None:
    """What stops a build on this machine (no C compiler, no Python headers), or None."""
    import shlex
    import shutil
    import sysconfig

    compiler = shlex.split(os.environ.get("CC") or sysconfig.get_config_var("CC") or "cc")
    if not compiler or not shutil.which(compiler[0]):
        return "no C compiler (install gcc)"
    if not (Path(sysconfig.get_paths()["include"]) / "Python.h").exists():
        return "no Python headers (install python3-dev)"
    try:
        import mypyc  # noqa: F401
    except ImportError:
        return "mypy/mypyc is not installed (pip install -e '.[dev]')"
    return None


def build() -> None:
    from mypyc.build import mypycify
    from setuptools import Distribution

    clean()
    started = time.monotonic()
    rel = [str(p.relative_to(ROOT)) for p in sources()]
    os.chdir(ROOT)
    log = io.StringIO()
    try:
        with contextlib.redirect_stdout(log):  # mypyc's notes; shown only if it fails
            extensions = mypycify(
                ["--config-file", str(ROOT / "pyproject.toml"), *rel],
                opt_level="3",
                group_name=GROUP,
                multi_file=True,  # one C file per module, compiled side by side below
            )
    except BaseException:
        print(log.getvalue(), file=sys.stderr)
        raise
    dist = Distribution(
        {
            "ext_modules": extensions,
            "package_dir": {"": "src"},
            "cmdclass": {"build_ext": _parallel_build_ext()},
        }
    )
    command = dist.get_command_obj("build_ext")
    command.inplace = True
    command.build_temp = str(ROOT / "build" / "mypyc-temp")
    dist.run_command("build_ext")
    STAMP.write_text(json.dumps(fingerprint(), indent=1) + "\n")
    print(f"compiled {len(rel)} modules of nabz.trust in {time.monotonic() - started:.0f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when the build is stale")
    parser.add_argument("--clean", action="store_true", help="remove the compiled modules")
    parser.add_argument("--force", action="store_true", help="rebuild even when current")
    args = parser.parse_args(argv)
    if args.clean:
        clean()
        return 0
    state = status()
    if args.check:
        print(f"nabz.trust: {state}")
        return 1 if state == "stale" else 0
    if state == "current" and not args.force:
        return 0
    missing = toolchain_missing()
    if missing:
        clean()
        print(f"nabz.trust runs as pure Python (slower): {missing}", file=sys.stderr)
        return 0
    build()
    return 0


if __name__ == "__main__":
    sys.exit(main())
