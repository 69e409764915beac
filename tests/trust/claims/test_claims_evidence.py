"""Citations, uncited statistics (CLM302) and low-quality links (CLM303)."""

import pytest

from nabz.trust import check


def codes(text, lang="en", context=None):
    return check(text, language=lang, context=context).codes()


CLAIM = "Regular walking cuts the risk of heart disease by 30%."


@pytest.mark.parametrize(
    "citation",
    [
        "https://www.who.int/news-room/fact-sheets/detail/physical-activity",
        "https://pubmed.ncbi.nlm.nih.gov/12345678/",
        "https://medlineplus.gov/exerciseandphysicalfitness.html",
        "https://www.cochranelibrary.com/cdsr/doi/10.1002/14651858.CD000000",
        "https://www.nhs.uk/live-well/exercise/",
        "https://behdasht.gov.ir/",
        "https://www.moh.gov.sa/awareness",
        "doi:10.1161/CIRCULATIONAHA.120.000000",
        "https://doi.org/10.1161/CIRCULATIONAHA.120.000000",
        "(PMID: 31234567)",
        "according to the WHO",
        "Source: CDC",
        "as the American Heart Association reports",
    ],
)
def test_recognised_citations_silence_clm302(citation):
    assert "CLM302" not in codes(f"{CLAIM} {citation}")


@pytest.mark.parametrize(
    "weak",
    [
        "",
        "https://bit.ly/3xyz",
        "https://www.healthy-tips-daily.net/walking",
        "experts agree",
        "https://t.me/health_channel/12",
    ],
)
def test_no_or_weak_source_fires_clm302(weak):
    assert "CLM302" in codes(f"{CLAIM} {weak}")


def test_workspace_citation_domains_count():
    text = f"{CLAIM} https://research.example-hospital.org/walking"
    assert "CLM302" in codes(text)
    ctx = {"settings": {"citation_domains": ["example-hospital.org"]}}
    assert "CLM302" not in codes(text, context=ctx)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ar", "يقلل المشي خطر أمراض القلب بنسبة 30%، وفقاً لمنظمة الصحة العالمية."),
        ("ar", "حسب وزارة الصحة، يحمي التطعيم من الحصبة بنسبة 97%."),
        ("fa", "به گفته سازمان جهانی بهداشت، پیاده‌روی خطر بیماری قلبی را ۳۰ درصد کم می‌کند."),
        ("fa", "طبق اعلام وزارت بهداشت، واکسن سرخک ۹۷٪ محافظت ایجاد می‌کند."),
    ],
)
def test_named_sources_in_arabic_and_persian(lang, text):
    assert "CLM302" not in codes(text, lang)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Smokers are 15 times more likely to get lung cancer."),
        ("en", "Studies show coffee protects your liver."),
        ("en", "1 in 3 adults has high blood pressure."),
        ("ar", "يقلل المشي خطر أمراض القلب بنسبة ٣٠٪."),
        ("ar", "تشير الدراسات إلى أن القهوة تحمي الكبد."),
        ("fa", "پیاده‌روی خطر بیماری قلبی را ۳۰ درصد کم می‌کند."),
        ("fa", "مطالعات نشان می‌دهند قهوه از کبد محافظت می‌کند."),
    ],
)
def test_uncited_claims_fire_in_every_language(lang, text):
    assert "CLM302" in codes(text, lang)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Get 20% off your annual check-up this month."),
        ("en", "Our nurses ran 5 km for charity. 100% proud!"),
        ("ar", "خصم 25% على الفحص الشامل."),
        ("fa", "۳۰٪ تخفیف چکاپ کامل."),
    ],
)
def test_prices_and_pride_are_not_health_statistics(lang, text):
    assert "CLM302" not in codes(text, lang)


@pytest.mark.parametrize(
    "url",
    [
        "https://www.naturalnews.com/2023-10-02-flu.html",
        "http://mercola.com/statins",
        "https://articles.mercola.com/sites/articles/vaccines.aspx",
        "https://cure-cancer-naturally.blogspot.com/2023/05/herbs.html",
        "http://darman-tabiee.blogfa.com/post/45",
        "https://miraclecure-shop.net/diabetes",
    ],
)
def test_low_quality_links_are_flagged(url):
    report = check(f"Worth a read: {url}", language="en")
    (finding,) = [f for f in report.findings if f.code == "CLM303"]
    assert finding.text.lower().startswith(url.split("//")[-1][:8].lower()) or url.startswith(
        finding.text.lower()[:10]
    )
    assert finding.data["reason"] in {"misinformation", "unvetted", "suspicious-name"}


def test_low_quality_link_is_not_a_citation():
    text = f"{CLAIM} https://www.naturalnews.com/walking"
    assert {"CLM302", "CLM303"} <= set(codes(text))


@pytest.mark.parametrize(
    "url",
    ["https://www.who.int/", "https://www.example-hospital.org/visit", "https://bit.ly/3xyz"],
)
def test_ordinary_links_are_not_flagged(url):
    assert "CLM303" not in codes(f"See {url}")


def test_link_offsets_in_persian_text():
    text = "مقاله: http://darman-tabiee.blogfa.com/post/45 را نخوانید"
    (finding,) = [f for f in check(text, language="fa").findings if f.code == "CLM303"]
    assert finding.text == "http://darman-tabiee.blogfa.com/post/45"
