"""Append translations to the project's Arabic and Persian catalogues and compile them.

Usage: python tools/add_translations.py FILE.yaml — FILE holds a list of
{en: ..., ar: ..., fa: ...}. Entries already in a catalogue are left as they are.
Compiles with msgfmt (Debian's gettext) when present; the .mo files are committed.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

LOCALE = Path(__file__).resolve().parents[1] / "src" / "nabz" / "locale"


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    lines = escaped.split("\n")
    if len(lines) == 1:
        return f'"{escaped}"'
    parts = [line + "\\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
    return '""\n' + "\n".join(f'"{part}"' for part in parts)


def main(path: str) -> int:
    entries = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    for language in ("ar", "fa"):
        po = LOCALE / language / "LC_MESSAGES" / "django.po"
        text = po.read_text(encoding="utf-8")
        added = 0
        for entry in entries:
            msgid = f"msgid {_quote(entry['en'])}\n"
            if msgid in text:
                continue
            text += f"\n{msgid}msgstr {_quote(entry[language])}\n"
            added += 1
        po.write_text(text, encoding="utf-8")
        subprocess.run(["msgfmt", "--check", "-o", str(po.with_suffix(".mo")), str(po)], check=True)
        print(f"{language}: {added} added")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
