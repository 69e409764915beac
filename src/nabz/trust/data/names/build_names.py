"""Regenerate the name lexicons in this folder from Faker's person providers.

Run by hand (Faker is a dev dependency; nothing imports it at run time):

    .venv/bin/python src/nabz/trust/data/names/build_names.py

Faker is MIT licensed (https://github.com/joke2k/faker). An English first name is
marked "common" when its lower-case form is an ordinary English word in the system
word list (/usr/share/dict/words, Debian package wamerican) or in COMMON_EXTRA;
such names need a cue or a surname beside them before they count as a name.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import faker

HERE = Path(__file__).parent
EN_LOCALES = ("en", "en_US", "en_GB", "en_IE", "en_NZ", "en_IN", "en_PK")
AR_LOCALES = ("ar_AA", "ar_SA", "ar_PS", "ar_DZ")
FA_LOCALES = ("fa_IR",)
# Names that are also place names, months, brands or words a capital letter does
# not make a name at the start of a sentence.
COMMON_EXTRA = {
    "Jordan", "Georgia", "Paris", "Florence", "Victoria", "Sydney", "Austin", "Dallas", "Houston",
    "Chelsea", "Madison", "Phoenix", "Israel", "Egypt", "Kuwait", "Medina", "Mecca", "Dubai",
    "Sharjah", "Indiana", "Virginia", "Carolina", "Dakota", "Montana", "Nevada", "Vienna",
    "April", "May", "June", "August", "January", "Summer", "Autumn", "Winter", "Spring",
    "Monday", "Friday", "Sunday", "Christmas", "Easter", "Ramadan", "Eid", "Noel", "Doctor",
    "Nurse", "Baby", "Care", "Health", "Mercy", "Faith", "Hope", "Charity", "Grace", "Joy",
    "Patience", "Prudence", "Unity", "Justice", "Liberty", "Trinity", "Genesis", "Heaven",
    "Angel", "Royal", "King", "Prince", "Princess", "Queen", "Duke", "Major", "General",
    "Young", "Price", "Page", "Case", "Will", "Mark", "Bill", "Art", "Rich", "Guy", "Sage",
    "Sky", "Rain", "River", "Ocean", "Lake", "Forest", "Stone", "Storm", "Star", "Sun",
    "Apple", "Amazon", "Mayo", "Johns", "Cleveland", "Mount", "Sinai", "Cedar", "Cedars",
    "Covid", "Corona", "Al", "Ed", "Doc", "Dr", "St", "Saint", "Holy", "Ever", "Else",
    "Iran", "Iraq", "Oman", "Qatar", "Yemen", "Syria", "Lebanon", "India", "China", "Asia",
    "America", "Africa", "Europe", "London", "Tehran", "Riyadh", "Cairo", "Jeddah", "Doha",
    "Washington", "Denver", "Jackson", "Lincoln", "Columbia", "Charlotte", "Savannah", "Orlando",
    "Tyler", "Chester", "Lancaster", "Kent", "Devon", "York", "Boston", "Memphis", "Aurora",
    "Beverly", "Clinton", "Franklin", "Hamilton", "Marion", "Salem", "Troy", "Milton", "Warren",
    "Abu", "Dhabi", "Muscat", "Manama", "Beirut", "Amman", "Baghdad", "Mashhad", "Shiraz",
}  # fmt: skip
HEADER = (
    "# source: Faker {version} person providers ({locales}), MIT License, "
    "https://github.com/joke2k/faker\n# columns: name, flag (common = also an ordinary word)\n"
)


def provider(locale: str) -> type:
    return importlib.import_module(f"faker.providers.person.{locale}").Provider  # type: ignore[no-any-return]


def collect(locales: tuple[str, ...], attr: str) -> set[str]:
    out: set[str] = set()
    for loc in locales:
        values = getattr(provider(loc), attr, None) or ()
        out |= {str(v).strip() for v in values if str(v).strip()}
    return out


def english_words() -> set[str]:
    path = Path("/usr/share/dict/words")
    if not path.exists():
        raise SystemExit("install the wamerican package for /usr/share/dict/words")
    return {w.strip() for w in path.read_text("utf-8", "replace").splitlines() if w.islower()}


def write(name: str, locales: tuple[str, ...], rows: list[tuple[str, str]]) -> None:
    header = HEADER.format(version=faker.VERSION, locales=", ".join(locales))
    body = "".join(f"{n}\t{flag}\n" for n, flag in sorted(set(rows)))
    (HERE / name).write_text(header + body, "utf-8")


def main() -> None:
    words = english_words()
    first = {n for n in collect(EN_LOCALES, "first_names") if n.isascii() and n.isalpha()}
    last = {n for n in collect(EN_LOCALES, "last_names") if n.isascii() and len(n) > 1}
    common_extra = {c.lower() for c in COMMON_EXTRA}
    write(
        "en_first.tsv",
        EN_LOCALES,
        [(n, "common" if n.lower() in words or n.lower() in common_extra else "") for n in first],
    )
    write("en_last.tsv", EN_LOCALES, [(n, "common" if n.lower() in words else "") for n in last])
    for lang, locales in (("ar", AR_LOCALES), ("fa", FA_LOCALES)):
        write(f"{lang}_first.tsv", locales, [(n, "") for n in collect(locales, "first_names")])
        write(f"{lang}_last.tsv", locales, [(n, "") for n in collect(locales, "last_names")])


if __name__ == "__main__":
    main()
