"""Person names: from Faker's locales, and our own list of less common names.

The "rare" lists are written for this benchmark and checked at load time to share no
first or last name with Faker's lists for the same language, so recall on them shows
whether a detector generalises beyond a name list. Half of each rare list is held out
for the test split.
"""

from __future__ import annotations

import random
from functools import cache

from faker import Faker

FAKER_LOCALES = {"en": ["en_US"], "ar": ["ar_SA", "ar_AA"], "fa": ["fa_IR"]}

RARE_FIRST = {
    "en": """Thaddeus Ottoline Ignatius Perpetua Lysander Wilhelmina Barnaby Clementine Evander
        Philippa Cosimo Henrietta Alaric Marisol Ezekiel Temperance Leopold Rosalind Osric Imogen
        Cassius Araminta Florian Eulalia Horatio Beatrix Quentin Seraphina Ambrose Octavia Tobiah
        Delphine Zebulon Marguerite Lucan Winifred Peregrine Ysolde Fitzgerald Honora""",
    "ar": """غيداء مشاعل هتان نواف لجين ثامر عذبة ريناد بتول صهيب ميار أوس وجدان غدير قتيبة رغد
        نجلاء معاذ تسنيم شهد رتيل بيان سديم لمى مهاب جوري الجازي وتين ضي أسيل هيفاء يزن براء
        إياس ضحى عهود نوف مزنة تماضر""",
    "fa": """پرستو کاوه یکتا آرتین ترانه مهرزاد سپیده بردیا آناهیتا رامتین شیدا کیارش نگار فرزام
        گلاره بهراد هستی پدرام روشنک آیسان بهاره تیرداد ژینا سورنا فرانک ماهور دلارام کامیار
        رایان نیوشا ساتیار هیربد آوین پگاه شروین مهشید""",
}
RARE_LAST = {
    "en": """Okonkwo Valtonen Brannigan Featherstone Quarshie Lindqvist Abernethy Szymanski Mbatha
        Thistlewood Castellanos Nakagawa Odhiambo Kowalczyk Aldergrove Prendergast Ravensworth
        Achterberg Villalobos Oyelaran Halvorsen Tregarthen Vasquez-Orme Ilunga Marchetti Okafor
        Rautio Delacroix Wojcik Ashdown""",
    "ar": """الجحدلي العمودي باعشن السقاف الحضرمي بخاري كعكي الهوساوي فلمبان الدباغ الصبان
        باخشب المحضار بانافع الكاف العيدروس باجنيد الحبشي الجفري بامطرف التركستاني الفلاتي
        البرناوي المغربي الشنقيطي""",
    "fa": """اسفندیاری کیانفر دهقان‌پور نیک‌سرشت آذرنوش شاه‌میرزایی بهشتی‌نژاد فرهمند زرین‌کوب
        رستگار کامیاب امیرخانی سپهری‌فر توانا دل‌آرام جهانبخش مقدم‌پور آریان‌فر خسروشاهی
        گل‌محمدی بیگدلی ورزنده میرباقری قهرمانی""",
}


@cache
def _faker_names(language: str) -> frozenset[str]:
    names: set[str] = set()
    for locale in FAKER_LOCALES[language]:
        person = Faker(locale).provider("faker.providers.person")
        for attr in ("first_names", "first_names_male", "first_names_female", "last_names"):
            value = getattr(person, attr, None)
            if value:
                names.update(value)
    return frozenset(names)


@cache
def rare_names(language: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(first names, last names) of our own list, minus anything Faker also has."""
    taken = _faker_names(language)
    first = tuple(n for n in RARE_FIRST[language].split() if n not in taken)
    last = tuple(n for n in RARE_LAST[language].split() if n not in taken)
    return first, last


def rare_pool(language: str, split: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Alternate names go to dev and test, so test names were never seen in dev."""
    first, last = rare_names(language)
    k = 0 if split == "dev" else 1
    return first[k::2], last[k::2]


class NameMaker:
    """Full or first names in one language, from Faker or the rare list."""

    def __init__(self, language: str, seed: int) -> None:
        self.language = language
        self.fakers = [Faker(loc) for loc in FAKER_LOCALES[language]]
        for i, fake in enumerate(self.fakers):
            fake.seed_instance(seed * 31 + i)

    def make(self, rng: random.Random, split: str, source: str, full: bool) -> str:
        if source == "rare":
            first, last = rare_pool(self.language, split)
            return f"{rng.choice(first)} {rng.choice(last)}" if full else rng.choice(first)
        fake = rng.choice(self.fakers)
        if full:
            return f"{fake.first_name()} {fake.last_name()}"
        return str(fake.first_name())
