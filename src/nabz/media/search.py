"""Search text folding: one form for what is stored and what is typed.

Arabic and Persian keyboards type different code points for the same letter
(ي/ی, ك/ک), digits come in three scripts, and diacritics or the zero-width
non-joiner are optional. Folding both sides the same way lets "بیمار" find
"بيمار" and "۲۰۲۴" find "2024".
"""

from __future__ import annotations

import re
import unicodedata

_LETTERS = str.maketrans(
    {
        "ي": "ی",
        "ى": "ی",
        "ئ": "ی",
        "ك": "ک",
        "ة": "ه",
        "ۀ": "ه",
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ؤ": "و",
        **{chr(0x0660 + i): str(i) for i in range(10)},  # Arabic-Indic digits
        **{chr(0x06F0 + i): str(i) for i in range(10)},  # Persian digits
    }
)
# Diacritics, tatweel, zero-width characters and bidi marks: optional when typing.
_IGNORED = re.compile("[\u064b-\u065f\u0670\u0640\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower case, one spelling per Arabic/Persian letter, ASCII digits, single spaces."""
    text = unicodedata.normalize("NFKC", text or "").casefold().translate(_LETTERS)
    return _SPACES.sub(" ", _IGNORED.sub("", text)).strip()
