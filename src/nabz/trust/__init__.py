"""``nabz.trust``: the Trust Gate's engine. Pure Python; imports nothing from Django.

>>> from nabz.trust import check
>>> report = check("Our patient Mrs. Jane Roe, 93, went home today!")
>>> [f.code for f in report.blocking]  # doctest: +SKIP

The same source may run compiled (``tools/compile_trust.py`` puts mypyc extensions
beside the ``.py`` files; ``make`` does it) or as plain Python. ``NABZ_TRUST_PURE=1``
runs the plain Python even when compiled modules are present (for debugging, and for
the test that proves both give the same reports).
"""

import os as _os

if _os.environ.get("NABZ_TRUST_PURE") == "1":
    from importlib.machinery import (
        BYTECODE_SUFFIXES,
        SOURCE_SUFFIXES,
        FileFinder,
        SourceFileLoader,
        SourcelessFileLoader,
    )
    from pathlib import Path as _Path
    from sys import path_importer_cache as _finders

    # Finders for this package's folders that know no extension modules: every
    # submodule is then imported from its source.
    for _folder in (_Path(__file__).parent, *_Path(__file__).parent.rglob("*/")):
        if _folder.name != "__pycache__":
            _finders[str(_folder)] = FileFinder(
                str(_folder),
                (SourceFileLoader, SOURCE_SUFFIXES),
                (SourcelessFileLoader, BYTECODE_SUFFIXES),
            )

from nabz.trust.engine import check, trust_score
from nabz.trust.identifiers import Identifier, IdentifierKind, scan_identifiers
from nabz.trust.model import (
    AllowList,
    ConsentFact,
    Context,
    Finding,
    InputError,
    MediaItem,
    Report,
    Settings,
    Severity,
)
from nabz.trust.registry import Hit, Rule, all_rules, rule
from nabz.trust.text import detect_language, normalize

__all__ = [
    "AllowList",
    "ConsentFact",
    "Context",
    "Finding",
    "Hit",
    "Identifier",
    "IdentifierKind",
    "InputError",
    "MediaItem",
    "Report",
    "Rule",
    "Settings",
    "Severity",
    "all_rules",
    "check",
    "compiled",
    "detect_language",
    "normalize",
    "rule",
    "scan_identifiers",
    "trust_score",
]


def compiled() -> bool:
    """True when the engine runs as mypyc-compiled extensions."""
    from nabz.trust import engine

    return not (engine.__file__ or "").endswith(".py")
