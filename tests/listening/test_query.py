"""The query language: parsing, errors with their place, matching in three languages, and
the fast matcher agreeing with the plain reference on generated queries and texts."""

from __future__ import annotations

import pytest
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nabz.listening.query import (
    Post,
    QueryError,
    compile_query,
    features,
    highlights,
    parse,
    probes,
    reference_match,
)

NETWORKS = ("sandbox", "mastodon", "bluesky", "x")


def matches(query: str, text: str, **post: str) -> bool:
    tree = parse(query, NETWORKS)
    item = Post(text, **post)
    fast = compile_query(tree)(features(item))
    assert fast == reference_match(tree, item)
    return fast


CASES = [
    ("کرونا OR كورونا OR corona", "موج جدید کرونا در تهران", True),
    ("کرونا OR كورونا OR corona", "انتشار فيروس كورونا", True),
    ("کرونا OR كورونا OR corona", "Corona cases rise", True),
    ("كرونا", "واکسن کرونا", True),  # Arabic kaf and Persian keheh are one letter
    ("كورونا", "والكورونا منتشرة", True),  # Arabic clitics in front
    ("واکسن", "واکسن‌ها رایگان است", True),  # Persian suffix after the ZWNJ
    ('"chest pain"', "I have CHEST pain", True),
    ('"chest pain"', "pain in my chest", False),
    ("vaccine AND autism", "vaccine safety", False),
    ("vaccine autism", "the vaccine autism myth", True),
    ("vaccine -autism", "the vaccine autism myth", False),
    ("vaccine NOT (autism OR 5g)", "vaccine and 5g", False),
    ("#COVID19", "stay safe #covid19", True),
    ("#COVID19", "covid19 numbers", False),
    ("covid19", "stay safe #covid19", True),
    ("@sunrise_hospital", "thanks @Sunrise_Hospital@mastodon.social!", True),
    ("@sunrise_hospital", "sunrise_hospital is great", False),
    ("corona lang:fa", "corona", False),
    ("corona network:bluesky", "corona", False),
    ("corona -author:spam_bot", "corona", True),
]


@pytest.mark.parametrize(("query", "text", "expected"), CASES)
def test_matching(query: str, text: str, expected: bool) -> None:
    assert matches(query, text) is expected


def test_filters_read_the_post() -> None:
    assert matches("corona lang:fa", "کرونا corona", language="fa")
    assert matches("corona network:bluesky", "corona", network="bluesky")
    assert not matches("corona -author:spam_bot", "corona", author="@Spam_Bot")


ERRORS = [
    ("", "empty", 0),
    ("(corona", "unclosed_paren", 0),
    ("corona)", "stray_paren", 6),
    ("corona OR", "missing_term", 7),
    ("OR corona", "missing_left", 0),
    ('say "chest pain', "unclosed_quote", 4),
    ("corona ()", "empty_group", 7),
    ("NOT corona", "only_exclusions", 0),
    ("corona lang:de", "bad_language", 7),
    ("corona network:myspace", "bad_network", 7),
    ("# corona", "empty_tag", 0),
    ("corona author:", "empty_filter", 7),
]


@pytest.mark.parametrize(("query", "code", "position"), ERRORS)
def test_errors_say_where_and_why(query: str, code: str, position: int) -> None:
    with pytest.raises(QueryError) as caught:
        parse(query, NETWORKS)
    assert (caught.value.code, caught.value.position) == (code, position)


@pytest.mark.parametrize("language", ["en", "ar", "fa"])
def test_every_error_is_said_in_each_language(language: str) -> None:
    with translation.override(language):
        for query, _code, position in ERRORS:
            with pytest.raises(QueryError) as caught:
                parse(query, NETWORKS)
            message = caught.value.message()
            assert str(position + 1) in message or language != "en"
            if language != "en":  # translated: not the English sentence
                with translation.override("en"):
                    assert message != caught.value.message()


def test_probes_ask_networks_only_for_what_every_match_holds() -> None:
    tree = parse("(corona OR #covid19) vaccine -autism", NETWORKS)
    assert [t.value for t in probes(tree) or []] == ["vaccine"]
    tree = parse("(corona OR #covid19) lang:ar", NETWORKS)
    assert [t.value for t in probes(tree) or []] == ["corona", "covid19"]


def test_highlights_point_into_the_original_text() -> None:
    text = "الكُورونا و #كورونا"
    tree = parse("كورونا OR #كورونا", NETWORKS)
    spans = highlights(tree, text)
    assert [text[a:b] for a, b in spans] == ["الكُورونا", "#كورونا"]


# --- the fast matcher agrees with the reference --------------------------------------------
VOCABULARY = ["corona", "کرونا", "كورونا", "vaccine", "واکسن", "لقاح", "pain", "chest", "5g"]
PREFIXED = ["الكورونا", "والكورونا", "واکسن‌ها", "کروناها", "باللقاح", "Corona", "VACCINE"]
WORDS = st.sampled_from(VOCABULARY)


def _leaf() -> st.SearchStrategy[str]:
    return st.one_of(
        WORDS,
        st.lists(WORDS, min_size=2, max_size=3).map(lambda w: '"' + " ".join(w) + '"'),
        WORDS.map(lambda w: "#" + w),
        st.sampled_from(["@sunrise", "@clinic"]),
        st.sampled_from(["lang:en", "lang:ar", "lang:fa", "network:x", "-author:bot"]),
    )


QUERIES = st.recursive(
    _leaf(),
    lambda inner: st.one_of(
        st.tuples(inner, inner).map(lambda p: f"({p[0]} OR {p[1]})"),
        st.tuples(inner, inner).map(lambda p: f"({p[0]} AND {p[1]})"),
        st.tuples(inner, inner).map(lambda p: f"{p[0]} {p[1]}"),
        inner.map(lambda q: f"NOT {q}"),
        inner.map(lambda q: f"-({q})"),
    ),
    max_leaves=6,
)
TOKENS = st.one_of(
    WORDS,
    st.sampled_from(PREFIXED),
    WORDS.map(lambda w: "#" + w),
    st.sampled_from(["@sunrise", "@sunrise@example.social", "@clinic.", "hello", ",", "!"]),
)
TEXTS = st.lists(TOKENS, max_size=10).map(" ".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    QUERIES,
    TEXTS,
    st.sampled_from(["en", "ar", "fa"]),
    st.sampled_from(["x", "sandbox"]),
    st.sampled_from(["bot", "layla"]),
)
def test_fast_matcher_agrees_with_reference(
    query: str, text: str, language: str, network: str, author: str
) -> None:
    try:
        tree = parse(query, NETWORKS)
    except QueryError:
        return  # a query that only leaves things out is refused, by both
    post = Post(text, language, network, author)
    assert compile_query(tree)(features(post)) == reference_match(tree, post)
