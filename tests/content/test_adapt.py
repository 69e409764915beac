"""Adapting the master text to each network: fits, deterministic, loses nothing it should
keep (the pure module nabz.content.adapt)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nabz.content.adapt import (
    THREAD_BREAK,
    adapt,
    adapt_all,
    camel_hashtag,
    sentences,
    thread_parts,
)
from nabz.trust.platforms import NETWORK_SPECS, hashtags, measure

LONG_EN = (
    "Flu season is here and our clinics are ready for you. "
    "Free flu shots are offered every weekday from 8 to 6 at the main entrance. "
    "Bring your insurance card if you have one; if not, you are still welcome. "
    "Children from six months old can be vaccinated, and pregnant women are advised to "
    "get the shot too. "
    "Read what the vaccine does and does not do at https://www.example.org/flu-facts. "
    "#FluShots #PublicHealth"
)
NUMBER = re.compile(r" \(([0-9٠-٩۰-۹]+)/([0-9٠-٩۰-۹]+)\)$")


def _fits(text: str, network: str) -> bool:
    return not measure(text, network).over


def test_a_long_post_is_shortened_for_x_at_a_sentence_boundary() -> None:
    assert measure(LONG_EN, "x").over
    result = adapt(LONG_EN, "x", language="en")
    (text,) = result.parts
    assert _fits(text, "x") and result.shortened
    body = text.split("\n\n")[0]
    assert LONG_EN.startswith(body) and body.endswith(".")  # whole sentences only
    assert text.endswith("#FluShots #PublicHealth")  # hashtags kept when they fit


def test_x_counts_a_link_as_23() -> None:
    text = "Read more: https://www.example.org/" + "a" * 300
    assert adapt(text, "x").parts == (text,)  # 11 + 23 weighted characters: it fits


def test_instagram_gets_the_link_as_link_in_bio_in_the_posts_language() -> None:
    en = adapt("Book your shot at https://example.org/flu today.", "instagram")
    assert en.parts == ("Book your shot at (link in bio) today.",) and en.links_moved
    fa = adapt("نوبت واکسن را از https://example.org/flu بگیرید.", "instagram", language="fa")
    assert "لینک در بیو" in fa.text and "https://" not in fa.text
    ar = adapt("احجز موعدك عبر example.org/flu اليوم.", "instagram", language="ar")
    assert "الرابط في البايو" in ar.text and "example.org" not in ar.text
    assert "https://example.org" in adapt("See https://example.org now.", "facebook").text


def test_hashtags_are_camel_case_and_within_the_networks_advice() -> None:
    tags = ["flu shots", "public_health", "vaccines", "winter", "kids", "clinic", "nurses"]
    result = adapt("Our clinic opens on Monday.", "x", tags=tags)
    found = [result.text[a:b] for a, b in hashtags(result.text)]
    assert found[:2] == ["#FluShots", "#PublicHealth"]
    assert len(found) == NETWORK_SPECS["x"].hashtag_advice
    assert result.dropped_hashtags == ("#Clinic", "#Nurses")
    assert len(adapt("Our clinic opens.", "instagram", tags=tags).dropped_hashtags) == 0


def test_a_hashtag_inside_a_sentence_past_the_advice_keeps_its_word() -> None:
    text = "We thank #nurses #doctors #porters #cleaners #cooks #drivers and #volunteers."
    result = adapt(text, "x")
    assert result.text.startswith("We thank #Nurses #Doctors")
    assert "drivers and volunteers." in result.text and "#drivers" not in result.text


def test_camel_hashtag() -> None:
    assert camel_hashtag("flu shots") == "#FluShots"
    assert camel_hashtag("#heartHealth") == "#HeartHealth"
    assert camel_hashtag("#WHO") == "#WHO"
    assert camel_hashtag("سلامة القلب") == "#سلامة_القلب"
    assert camel_hashtag("2026") is None


@pytest.mark.parametrize("language", ["en", "ar", "fa"])
def test_sentences_join_back_to_the_text(language: str) -> None:
    text = {
        "en": "One. Two? Three!\nFour",
        "ar": "الأولى. الثانية؟ الثالثة!\nالرابعة",
        "fa": "اول. دوم؟ سوم!\nچهارم",
    }[language]
    parts = sentences(text)
    assert "".join(parts) == text and len(parts) == 4


def test_a_thread_for_bluesky_in_persian_is_numbered_in_persian_digits() -> None:
    sentence = "واکسن آنفولانزا هر سال به روز می‌شود و برای همه بالای شش ماه توصیه می‌شود. "
    text = sentence * 8
    result = adapt(text, "bluesky", language="fa", thread=True)
    assert result.is_thread
    n = len(result.parts)
    for i, part in enumerate(result.parts, 1):
        assert _fits(part, "bluesky")
        assert part.endswith(f" ({'۰۱۲۳۴۵۶۷۸۹'[i] if i < 10 else i}/{'۰۱۲۳۴۵۶۷۸۹'[n]})")
    assert thread_parts(result.text) == list(result.parts)
    assert thread_parts(result.text.replace("\n", "\r\n")) == [
        p.replace("\n", "\r\n") for p in result.parts
    ]  # as a browser sends it back
    assert THREAD_BREAK in result.text


def test_a_thread_is_only_for_x_and_bluesky() -> None:
    text = "A sentence that goes on. " * 200
    assert not adapt(text, "linkedin", thread=True).is_thread
    assert adapt(text, "x", thread=True).is_thread


def test_adapt_all_does_each_network() -> None:
    result = adapt_all(LONG_EN, ["x", "bluesky", "instagram", "nowhere"], threads=["x"])
    assert set(result) == {"x", "bluesky", "instagram"}
    assert result["x"].is_thread and not result["bluesky"].is_thread


# --- properties ---------------------------------------------------------------------------
WORDS = {
    "en": ["flu", "shots", "clinic", "opens", "Monday", "nurses", "vaccinated", "heart"],
    "ar": ["الإنفلونزا", "العيادة", "تفتح", "يوم", "الاثنين", "القلب", "اللقاح"],
    "fa": ["آنفولانزا", "درمانگاه", "باز", "می‌شود", "دوشنبه", "قلب", "واکسن"],
}
EXTRAS = ["https://example.org/flu", "www.example.com/a/b", "@sunrise_hosp", "❤️", "👩🏽‍⚕️"]
PUNCT = [".", "!", "?", "؟", ",", "،", ""]


@st.composite
def posts(draw, hashtag_words: bool = True):  # type: ignore[no-untyped-def]
    language = draw(st.sampled_from(["en", "ar", "fa"]))
    pool = WORDS[language] + EXTRAS
    if hashtag_words:
        pool = pool + [f"#{w}" for w in WORDS[language][:3]]
    tokens = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=160))
    out = []
    for token in tokens:
        out.append(token + draw(st.sampled_from(PUNCT)))
        out.append(draw(st.sampled_from([" ", " ", " ", "\n"])))
    return language, "".join(out).strip()


NETWORKS = sorted(NETWORK_SPECS)


@settings(max_examples=150, deadline=None)
@given(post=posts(), network=st.sampled_from(NETWORKS), thread=st.booleans())
def test_every_part_fits_its_network(post, network, thread) -> None:  # type: ignore[no-untyped-def]
    language, text = post
    result = adapt(text, network, language=language, thread=thread)
    assert result.parts
    for part in result.parts:
        assert part.strip() and _fits(part, network), (network, part)
    assert adapt(text, network, language=language, thread=thread) == result  # deterministic


def _words(text: str) -> list[str]:
    return [w.lstrip("#").casefold() for w in text.split()]


@settings(max_examples=150, deadline=None)
@given(post=posts(), network=st.sampled_from(["x", "bluesky"]))
def test_a_thread_loses_no_word(post, network) -> None:  # type: ignore[no-untyped-def]
    language, text = post
    result = adapt(text, network, language=language, thread=True)
    kept = []
    for part in result.parts:
        kept.extend(_words(NUMBER.sub("", part) if result.is_thread else part))
    dropped = [t.lstrip("#").casefold() for t in result.dropped_hashtags]
    given_words = _words(text)
    # what is kept is the text in order; what is missing is only hashtags left out by design
    pos = 0
    for word in kept:
        while given_words[pos] != word:
            missing = given_words[pos]
            assert missing in dropped, (missing, result.parts)
            dropped.remove(missing)
            pos += 1
        pos += 1
    assert all(w in dropped for w in given_words[pos:])


@settings(max_examples=150, deadline=None)
@given(post=posts(hashtag_words=False), network=st.sampled_from(["x", "bluesky", "mastodon"]))
def test_a_single_post_is_a_prefix_cut_between_words(post, network) -> None:  # type: ignore[no-untyped-def]
    language, text = post
    (part,) = adapt(text, network, language=language).parts
    body = part.removesuffix("…")
    assert text.startswith(body)
    rest = text[len(body) :]
    assert not rest or rest[0].isspace() or body == ""  # never inside a word or a link
