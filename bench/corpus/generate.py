"""Fill the templates: documents with exact spans, kinds and hard negatives.

python bench/corpus/generate.py --seed 7 --out /tmp/corpus   # writes dev.jsonl, test.jsonl
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

if __package__ in {None, ""}:  # run as a script
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from faker import Faker

from bench.corpus import ids
from bench.corpus.names import NameMaker
from bench.corpus.templates import TEMPLATES

# Kinds a number-like hard negative must NOT be reported as.
NUMERIC_KINDS = [
    "PHONE", "NATIONAL_ID", "PAYMENT_CARD", "IBAN", "ACCOUNT_NUMBER", "MEDICAL_RECORD_NUMBER",
    "HEALTH_PLAN_NUMBER", "POSTAL_CODE", "DATE", "AGE", "LICENSE_NUMBER", "VEHICLE_ID",
    "DEVICE_ID",
]  # fmt: skip


_WEEKDAYS = {
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "ar": ["السبت", "الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة"],
    "fa": ["شنبه", "یکشنبه", "دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه"],
}


@dataclass
class Annotation:
    start: int
    end: int
    text: str
    slot: str
    kind: str | None  # an IdentifierKind value; None for a hard negative
    phi: bool  # identifies the patient (or a relative); False for staff, switchboard, negatives
    negative_for: list[str] = field(default_factory=list)  # kinds a detector must not report
    detail: str = ""  # e.g. "IR national code", "invalid Luhn", "rare name"
    name_source: str = ""  # faker or rare, for names
    invalid_checksum: bool = False  # an ID or card whose check digit or structure is wrong


@dataclass
class Document:
    id: str
    split: str
    language: str
    kind: str  # post, reply, incoming
    pillar: str | None
    template: int
    text: str
    annotations: list[Annotation]
    allow_phones: list[str]
    allow_names: list[str]

    def to_json(self) -> dict[str, object]:
        return asdict(self)


Value = tuple[str, str | None, bool, list[str], str]  # surface, kind, phi, negative_for, detail


class SlotFiller:
    """Everything a slot can become, for one language."""

    def __init__(self, language: str, seed: int) -> None:
        self.lang = language
        self.names = NameMaker(language, seed)
        self.faker = Faker({"en": "en_US", "ar": "ar_SA", "fa": "fa_IR"}[language])
        self.faker.seed_instance(seed)

    # digits: English keeps ASCII; Arabic and Persian text mixes scripts like real posts do
    def digits(self, rng: random.Random, text: str) -> str:
        if self.lang == "fa":
            return ids.localise_digits(text, rng.choices(["fa", "en", "ar"], [6, 3, 1])[0])
        if self.lang == "ar":
            return ids.localise_digits(text, rng.choices(["ar", "en"], [5, 5])[0])
        return text

    def region(self, rng: random.Random) -> str:
        return {"en": "US", "fa": "IR"}.get(self.lang) or rng.choice(["SA", "SA", "AE", "EG"])

    def fill(self, slot: str, rng: random.Random, split: str) -> Value:
        handler: Callable[[random.Random, str], Value] = getattr(self, f"slot_{slot.lower()}")
        return handler(rng, split)

    # --- people ---------------------------------------------------------------------------
    def _name(self, rng: random.Random, split: str, full: bool, phi: bool) -> Value:
        source = rng.choice(["faker", "rare"])
        return self.names.make(rng, split, source, full), "PERSON_NAME", phi, [], source

    def slot_patient(self, rng: random.Random, split: str) -> Value:
        return self._name(rng, split, True, True)

    def slot_patient_first(self, rng: random.Random, split: str) -> Value:
        return self._name(rng, split, False, True)

    def slot_relative(self, rng: random.Random, split: str) -> Value:
        return self._name(rng, split, True, True)

    def slot_staff(self, rng: random.Random, split: str) -> Value:
        name = self.names.make(rng, split, "faker", True)
        return name, "PERSON_NAME", False, [], "faker"

    # --- contact ----------------------------------------------------------------------------
    def slot_phone(self, rng: random.Random, split: str) -> Value:
        region = self.region(rng)
        return self.digits(rng, ids.phone(rng, region)), "PHONE", True, [], f"mobile {region}"

    def slot_switchboard(self, rng: random.Random, split: str) -> Value:
        number = {
            "en": f"(312) {rng.randint(2, 9)}{rng.randint(10, 99)}-{rng.randint(1000, 9999)}",
            "ar": rng.choice(
                [
                    f"9200{rng.randint(10000, 99999)}",
                    f"+966 11 {rng.randint(200, 499)} {rng.randint(1000, 9999)}",
                ]
            ),
            "fa": f"021-{rng.randint(2, 8)}{rng.randint(1000000, 9999999)}",
        }[self.lang]
        return self.digits(rng, number), "PHONE", False, [], "hospital switchboard (allow-listed)"

    def slot_email(self, rng: random.Random, split: str) -> Value:
        latin = Faker("en_US")
        latin.seed_instance(rng.randint(0, 10**9))
        local = rng.choice(
            [
                f"{latin.first_name()}.{latin.last_name()}",
                f"{latin.user_name()}{rng.randint(1, 99)}",
            ]
        ).lower()
        domain = rng.choice(["example.com", "mail.example.org", "inboxmail.net", "post.example"])
        return f"{local}@{domain}", "EMAIL", True, [], ""

    def slot_url(self, rng: random.Random, split: str) -> Value:
        handle = Faker("en_US")
        handle.seed_instance(rng.randint(0, 10**9))
        user = handle.user_name()
        url = rng.choice(
            [
                f"https://www.facebook.com/{user}",
                f"instagram.com/{user}",
                f"https://photos.example.net/album/{user}-{rng.randint(10, 99)}",
                f"www.linkedin.com/in/{user}",
            ]
        )
        return url, "URL", True, [], "personal page"

    def slot_ip(self, rng: random.Random, split: str) -> Value:
        return ids.ipv4(rng), "IP_ADDRESS", True, [], ""

    # --- numbers --------------------------------------------------------------------------
    def slot_natid(self, rng: random.Random, split: str) -> Value:
        if self.lang == "en":
            return ids.us_ssn(rng), "NATIONAL_ID", True, [], "US SSN"
        if self.lang == "fa":
            value = ids.iran_national_code(rng)
            if rng.random() < 0.3:
                value = f"{value[:3]}-{value[3:9]}-{value[9]}"
            return self.digits(rng, value), "NATIONAL_ID", True, [], "IR national code"
        which = rng.choice(["sa", "iqama", "ae", "eg"])
        value, detail = {
            "sa": (ids.saudi_id(rng), "SA national ID"),
            "iqama": (ids.saudi_id(rng, resident=True), "SA iqama"),
            "ae": (ids.emirates_id(rng), "AE Emirates ID"),
            "eg": (ids.egypt_national_id(rng), "EG national ID"),
        }[which]
        return self.digits(rng, value), "NATIONAL_ID", True, [], detail

    def slot_bad_id(self, rng: random.Random, split: str) -> Value:
        if self.lang == "en":
            area = rng.choice(["000", "666", f"9{rng.randint(0, 9)}{rng.randint(0, 9)}"])
            value = f"{area}-{rng.randint(1, 99):02d}-{rng.randint(1, 9999):04d}"
            return value, None, False, ["NATIONAL_ID"], "SSN with an area number never issued"
        if self.lang == "fa":
            value = ids.iran_national_code(rng, valid=False)
            return self.digits(rng, value), None, False, ["NATIONAL_ID"], "IR code, bad check digit"
        value = ids.saudi_id(rng, valid=False)
        return self.digits(rng, value), None, False, ["NATIONAL_ID"], "SA ID, bad Luhn digit"

    def slot_iban(self, rng: random.Random, split: str) -> Value:
        country = {"en": rng.choice(["GB", "DE"]), "fa": "IR"}.get(self.lang) or rng.choice(
            ["SA", "AE", "EG"]
        )
        value = ids.iban(rng, country, spaced=rng.random() < 0.6)
        return value, "IBAN", True, [], f"{country} IBAN"

    def slot_card(self, rng: random.Random, split: str) -> Value:
        if self.lang == "fa" and rng.random() < 0.6:
            prefix = rng.choice(["603799", "610433", "621986", "627353"])
            payload = prefix + "".join(str(rng.randint(0, 9)) for _ in range(9))
            number = payload + ids.luhn_check_digit(payload)
            value = "-".join(number[i : i + 4] for i in range(0, 16, 4))
        else:
            value = ids.payment_card(rng)
        return self.digits(rng, value), "PAYMENT_CARD", True, [], "Luhn-valid card"

    def slot_bad_card(self, rng: random.Random, split: str) -> Value:
        value = self.digits(rng, ids.payment_card(rng, valid=False))
        return value, None, False, ["PAYMENT_CARD"], "card number failing Luhn"

    def slot_mrn(self, rng: random.Random, split: str) -> Value:
        return self.digits(rng, ids.mrn(rng)), "MEDICAL_RECORD_NUMBER", True, [], ""

    def slot_plan(self, rng: random.Random, split: str) -> Value:
        if self.lang == "fa":
            value = "".join(str(rng.randint(0, 9)) for _ in range(12))
            return self.digits(rng, value), "HEALTH_PLAN_NUMBER", True, [], "12-digit insurance"
        return ids.health_plan(rng), "HEALTH_PLAN_NUMBER", True, [], ""

    # --- dates, ages, places ------------------------------------------------------------------
    def _date(self, rng: random.Random, day: dt.date) -> str:
        if self.lang == "en":
            return rng.choice(
                [
                    day.strftime("%B %-d, %Y"),
                    day.strftime("%-d %B %Y"),
                    day.strftime("%m/%d/%Y"),
                    day.isoformat(),
                ]
            )
        if self.lang == "ar":
            months = "يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر"
            month = months.split()[day.month - 1]
            hijri_months = (
                "محرم صفر ربيع_الأول ربيع_الآخر جمادى_الأولى جمادى_الآخرة رجب شعبان رمضان شوال "
                "ذو_القعدة ذو_الحجة"
            )
            from hijridate import Gregorian

            h = Gregorian(day.year, day.month, day.day).to_hijri()
            hijri_month = hijri_months.split()[h.month - 1].replace("_", " ")
            text = rng.choice(
                [
                    f"{day.day:02d}/{day.month:02d}/{day.year}",
                    f"{day.day} {month} {day.year}",
                    f"{h.day} {hijri_month} {h.year}هـ",
                    f"{h.year}/{h.month:02d}/{h.day:02d}هـ",
                ]
            )
            return self.digits(rng, text)
        import jdatetime

        j = jdatetime.date.fromgregorian(date=day)
        months = [
            "فروردین",
            "اردیبهشت",
            "خرداد",
            "تیر",
            "مرداد",
            "شهریور",
            "مهر",
            "آبان",
            "آذر",
            "دی",
            "بهمن",
            "اسفند",
        ]
        text = rng.choice(
            [f"{j.year}/{j.month:02d}/{j.day:02d}", f"{j.day} {months[j.month - 1]} {j.year}",
             f"{j.year}/{j.month}/{j.day}"]
        )  # fmt: skip
        return self.digits(rng, text)

    def slot_dob(self, rng: random.Random, split: str) -> Value:
        day = dt.date(1926, 1, 1) + dt.timedelta(days=rng.randint(0, 365 * 40))
        return self._date(rng, day), "DATE", True, [], "date of birth"

    def slot_date(self, rng: random.Random, split: str) -> Value:
        day = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randint(0, 900))
        return self._date(rng, day), "DATE", True, [], "admission or surgery date"

    def slot_weekday(self, rng: random.Random, split: str) -> Value:
        # A day named relative to the message ("on Tuesday"): a date expression, reported
        # as DATE, but not a patient's date on its own.
        day = rng.choice(_WEEKDAYS[self.lang])
        return day, "DATE", False, [], "weekday of a visit"

    def slot_age90(self, rng: random.Random, split: str) -> Value:
        n = rng.randint(90, 104)
        text = {
            "en": rng.choice([f"aged {n}", f"{n} years old", f"{n}-year-old"]),
            "ar": rng.choice([f"{n} عاماً", f"{n} سنة", f"{n} عاما"]),
            "fa": rng.choice([f"{n} ساله", f"{n} سال"]),
        }[self.lang]
        if self.lang == "en" and text.endswith("year-old"):
            text = f"{n} years old"
        return self.digits(rng, text), "AGE", True, [], "age over 89"

    def slot_address(self, rng: random.Random, split: str) -> Value:
        n = rng.randint(2, 980)
        if self.lang == "en":
            value = rng.choice(
                [
                    self.faker.street_address(),
                    f"{n} {self.faker.last_name()} Street, Apt {rng.randint(1, 40)}",
                ]
            )
            return value, "STREET_ADDRESS", True, [], ""
        if self.lang == "ar":
            street = rng.choice(
                ["الملك فهد", "التحلية", "الأمير سلطان", "الستين", "العروبة", "الجامعة"]
            )
            district = rng.choice(["العليا", "الروضة", "النسيم", "الملقا", "السليمانية", "الصفا"])
            value = rng.choice(
                [f"{n} شارع {street}، حي {district}", f"حي {district}، شارع {street}، مبنى {n}"]
            )
        else:
            street = rng.choice(["ولیعصر", "شریعتی", "آزادی", "مطهری", "فاطمی", "پاسداران"])
            alley = rng.choice(["نسترن", "لاله", "یاس", "بهار", "ششم", "دوازدهم"])
            value = rng.choice(
                [
                    f"خیابان {street}، کوچه {alley}، پلاک {n}",
                    f"تهران، خیابان {street}، پلاک {n}، واحد {rng.randint(1, 12)}",
                ]
            )
        return self.digits(rng, value), "STREET_ADDRESS", True, [], ""

    def slot_postcode(self, rng: random.Random, split: str) -> Value:
        value = {
            "en": ids.us_zip(rng),
            "ar": ids.saudi_postcode(rng),
            "fa": ids.iran_postcode(rng),
        }[self.lang]
        return self.digits(rng, value), "POSTAL_CODE", True, [], ""

    # --- hard negatives -----------------------------------------------------------------------
    def _negative(self, text: str, detail: str, kinds: list[str] | None = None) -> Value:
        return text, None, False, kinds if kinds is not None else NUMERIC_KINDS, detail

    def slot_price(self, rng: random.Random, split: str) -> Value:
        amount = rng.choice([49, 99, 150, 250, 1250, 1299, 4500])
        text = {
            "en": rng.choice([f"${amount:,}", f"${amount}.99", f"USD {amount:,}"]),
            "ar": rng.choice(
                [f"{amount:,} ريال", f"{amount} ر.س", f"{amount} درهم", f"{amount} جنيه"]
            ),
            "fa": rng.choice(
                [f"{amount * 1000:,} تومان", f"{amount} هزار تومان", f"{amount * 10000:,} ریال"]
            ),
        }[self.lang]
        if self.lang == "ar":
            text = text.replace(",", "٬") if rng.random() < 0.5 else text
        if self.lang == "fa":
            text = text.replace(",", "٬") if rng.random() < 0.5 else text
        return self._negative(self.digits(rng, text), "price")

    def slot_order(self, rng: random.Random, split: str) -> Value:
        n = rng.randint(10**6, 10**8)
        text = rng.choice([f"#A-{n}", f"ORD-{n}", f"{n}"]) if self.lang == "en" else str(n)
        kinds = [k for k in NUMERIC_KINDS if k != "ACCOUNT_NUMBER"]
        return self._negative(self.digits(rng, text), "order number", kinds)

    def slot_year(self, rng: random.Random, split: str) -> Value:
        year = rng.randint(1378, 1403) if self.lang == "fa" else rng.randint(1995, 2024)
        return self._negative(self.digits(rng, str(year)), "year alone")

    def slot_stat(self, rng: random.Random, split: str) -> Value:
        text = {
            "en": rng.choice(["1 in 3", "42%", "3 out of 10", "Nearly half of"]),
            "ar": rng.choice(["١ من كل ٣", "42%", "٤٢٪", "قرابة نصف"]),
            "fa": rng.choice(["۴۲ درصد", "یک‌سوم", "۳ نفر از هر ۱۰ نفر", "42%"]),
        }[self.lang]
        return self._negative(text, "statistic")

    def slot_dose(self, rng: random.Random, split: str) -> Value:
        mg = rng.choice([5, 81, 250, 500, 1000])
        text = {"en": f"{mg} mg", "ar": f"{mg} ملغ", "fa": f"{mg} میلی‌گرم"}[self.lang]
        return self._negative(self.digits(rng, text), "dose")

    def slot_time(self, rng: random.Random, split: str) -> Value:
        h = rng.randint(7, 10)
        text = {"en": f"{h}:00 AM", "ar": f"{h}:00 صباحاً", "fa": f"{h}:30 صبح"}[self.lang]
        return self._negative(self.digits(rng, text), "opening time")

    def slot_hotline(self, rng: random.Random, split: str) -> Value:
        text = {
            "en": rng.choice(["911", "988"]),
            "ar": rng.choice(["937", "997", "123"]),
            "fa": rng.choice(["115", "4030"]),
        }[self.lang]
        return self._negative(self.digits(rng, text), "public emergency or health line")

    def slot_city(self, rng: random.Random, split: str) -> Value:
        text = {
            "en": rng.choice(["Chicago", "Houston", "Boston", "Seattle", "Denver"]),
            "ar": rng.choice(["الرياض", "جدة", "الدمام", "القاهرة", "دبي"]),
            "fa": rng.choice(["تهران", "شیراز", "اصفهان", "مشهد", "تبریز"]),
        }[self.lang]
        return self._negative(text, "public city", ["PERSON_NAME", "STREET_ADDRESS"])


SLOT = __import__("re").compile(r"\{([A-Z0-9_]+)\}")


def _render(
    template: str, filler: SlotFiller, rng: random.Random, split: str
) -> tuple[str, list[Annotation]]:
    parts: list[str] = []
    annotations: list[Annotation] = []
    chosen: dict[str, Value] = {}
    pos = 0
    length = 0
    for match in SLOT.finditer(template):
        literal = template[pos : match.start()]
        parts.append(literal)
        length += len(literal)
        slot = match.group(1)
        if slot not in chosen:
            chosen[slot] = filler.fill(slot, rng, split)
        surface, kind, phi, negative_for, detail = chosen[slot]
        name_source = detail if kind == "PERSON_NAME" else ""
        annotations.append(
            Annotation(
                start=length,
                end=length + len(surface),
                text=surface,
                slot=slot,
                kind=kind,
                phi=phi,
                negative_for=list(negative_for),
                detail="" if kind == "PERSON_NAME" else detail,
                name_source=name_source,
                invalid_checksum=slot.startswith("BAD_"),
            )
        )
        parts.append(surface)
        length += len(surface)
        pos = match.end()
    parts.append(template[pos:])
    return "".join(parts), annotations


def build_corpus(seed: int = 7, per_template: int = 40) -> list[Document]:
    """Documents for every language and template; half of each template's docs are test."""
    docs: list[Document] = []
    for language, templates in TEMPLATES.items():
        filler = SlotFiller(language, seed)
        for t_index, (kind, pillar, template) in enumerate(templates):
            for i in range(per_template):
                rng = random.Random(f"{seed}-{language}-{t_index}-{i}")
                split = "test" if i % 2 else "dev"
                text, annotations = _render(template, filler, rng, split)
                for a in annotations:
                    assert text[a.start : a.end] == a.text
                docs.append(
                    Document(
                        id=f"{language}-{t_index:02d}-{i:03d}",
                        split=split,
                        language=language,
                        kind=kind,
                        pillar=pillar,
                        template=t_index,
                        text=text,
                        annotations=annotations,
                        allow_phones=[a.text for a in annotations if a.slot == "SWITCHBOARD"],
                        allow_names=[a.text for a in annotations if a.slot == "STAFF"],
                    )
                )
    return docs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--per-template", type=int, default=40)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    docs = build_corpus(args.seed, args.per_template)
    for split in ("dev", "test"):
        with (args.out / f"{split}.jsonl").open("w", encoding="utf-8") as handle:
            for doc in docs:
                if doc.split == split:
                    handle.write(json.dumps(doc.to_json(), ensure_ascii=False) + "\n")
    print(f"wrote {len(docs)} documents to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
