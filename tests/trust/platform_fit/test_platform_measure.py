"""measure(): each network's own length unit, as its editor counter shows it."""

import pytest

from nabz.trust.platforms import NETWORK_SPECS, hashtags, measure, overflow_start


def test_x_counts_plain_ascii_one_per_character():
    length = measure("Flu shots are free this week.", "x")
    assert (length.used, length.limit, length.over) == (29, 280, False)
    assert length.remaining == 251


def test_x_counts_every_link_as_23_whatever_its_length():
    short = "Facts: https://who.int"
    long = "Facts: https://www.cdc.gov/flu/prevent/keyfacts.htm?utm_source=social&utm_medium=x"
    assert measure(short, "x").used == len("Facts: ") + 23
    assert measure(long, "x").used == len("Facts: ") + 23


def test_x_counts_bare_domains_and_leaves_trailing_punctuation_out():
    assert measure("See who.int.", "x").used == len("See ") + 23 + 1


def test_x_weighs_emoji_sequences_two_however_many_code_points():
    assert measure("Hi 👋", "x").used == 3 + 2
    assert measure("Hi 👋🏽", "x").used == 3 + 2  # skin tone modifier
    assert measure("👨‍👩‍👧", "x").used == 2  # ZWJ family of five code points
    assert measure("🇮🇷", "x").used == 2  # flag: two regional indicators


def test_x_weighs_cjk_two_and_arabic_script_one():
    assert measure("日本語", "x").used == 6
    assert measure("سلام دنیا", "x").used == 9
    assert measure("روز جهانی سلامت", "x").used == len("روز جهانی سلامت")


def test_x_post_of_281_is_over_and_overflow_starts_at_the_first_extra_character():
    text = "a" * 281
    assert measure(text, "x").over
    assert overflow_start(text, "x") == 280
    assert overflow_start("a" * 280, "x") == 280


def test_x_emoji_post_goes_over_sooner_than_its_character_count():
    text = "💉" * 141  # 141 characters, 282 weighted
    length = measure(text, "x")
    assert length.used == 282 and length.over


def test_bluesky_counts_graphemes_not_code_points():
    # The ZWNJ in a Persian word and the skin tone join the grapheme before them.
    text = "می‌خواهم 👋🏽"
    length = measure(text, "bluesky")
    assert length.used == len("میخواهم") + 1 + 1
    assert length.bytes_used == len(text.encode("utf-8"))


def test_bluesky_is_over_on_bytes_even_under_300_graphemes():
    text = "👨‍👩‍👧‍👦" * 200  # 200 graphemes, 25 bytes each
    length = measure(text, "bluesky")
    assert length.used == 200
    assert length.bytes_used == 5000
    assert length.over


def test_bluesky_persian_text_of_300_graphemes_fits():
    word = "سلامت‌"  # five letters and a ZWNJ: five graphemes, 12 bytes
    text = word * 60
    length = measure(text, "bluesky")
    assert length.used == 300
    assert not length.over


def test_mastodon_links_count_23_and_remote_mentions_count_the_user_part():
    text = "Thanks @nurse@med.example.org! https://example.org/a/very/long/path/that/goes/on"
    assert measure(text, "mastodon").used == len("Thanks @nurse! ") + 23


def test_mastodon_limit_follows_the_instance_setting():
    text = "a" * 600
    assert measure(text, "mastodon").over
    assert not measure(text, "mastodon", mastodon_limit=1000).over
    assert measure(text, "mastodon", mastodon_limit=1000).limit == 1000


@pytest.mark.parametrize(
    ("network", "limit"),
    [("instagram", 2200), ("linkedin", 3000), ("facebook", 63206), ("sandbox", 5000)],
)
def test_character_networks(network, limit):
    assert not measure("x" * limit, network).over
    assert measure("x" * (limit + 1), network).over


def test_unknown_network_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown network"):
        measure("hello", "myspace")


def test_instagram_hashtag_limit_is_in_the_table():
    assert NETWORK_SPECS["instagram"].hashtag_limit == 30
    assert NETWORK_SPECS["instagram"].links_clickable is False


def test_hashtags_need_a_letter_and_keep_persian_zwnj_inside():
    text = "#سلامت‌روان #WorldHealthDay #1 room#5 ＃تست"
    found = [text[s:e] for s, e in hashtags(text)]
    assert found == ["#سلامت‌روان", "#WorldHealthDay", "＃تست"]


def test_measure_handles_100kb():
    # (Its speed is measured by bench/trust_linear.py, not asserted here.)
    text = ("Flu 💉 facts at https://who.int — " * 3000)[:100_000]
    for network in NETWORK_SPECS:
        assert measure(text, network).over
