"""The listening query language: parse a query once, match it against many texts fast.

A query is terms joined by ``AND`` (or nothing: two terms side by side must both be
there), ``OR`` (or ``|``) and ``NOT`` (or a leading ``-``), grouped with parentheses:

    (کرونا OR كورونا OR corona) AND (واکسن OR لقاح OR vaccine) -author:spam_bot

Terms: a word (``corona``), an exact phrase (``"chest pain"``, also «...» and “...”), a
hashtag (``#COVID19``), a mention (``@sunrise_hospital``), and three filters:
``lang:en|ar|fa``, ``network:<name>`` and ``author:<handle>`` (``-author:x`` leaves an
author out). Matching uses the trust engine's normalisation (``nabz.trust.text``:
one spelling of each Arabic/Persian letter, no diacritics, ASCII digits) and case
folding, so «كرونا» and «کرونا» are one word; an Arabic-script word also matches with
the clitics Arabic joins to the front (و ف ب ل ك ال...) and the suffixes Persian adds
(ها، های، ی...). Spellings that differ in their letters (كورونا / کرونا) are joined
with ``OR``.

A mistake is a :class:`QueryError` with the position (a character offset into the
query) and a code; :meth:`QueryError.message` says it in the reader's language.

Two matchers share the parser and the tokeniser: :func:`compile_query` (what the
worker uses: each text's words, hashtags and mentions become sets once, and every
query is a closure over set look-ups, so one text is tested against a thousand
queries cheaply) and :func:`reference_match` (a plain walk over the token lists,
written to be obviously right; the tests check the two always agree).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import regex
from django.utils.translation import gettext
from django.utils.translation import gettext_noop as _noop

from nabz.trust.keys import fold
from nabz.trust.text import WORD, normalize

LANGUAGES = ("en", "ar", "fa")
MAX_LENGTH = 2000
MAX_TERMS = 100

# Arabic clitics in front of a word, longest first; Persian suffixes after it.
PREFIXES = ("وال", "بال", "فال", "كال", "کال", "لل", "ال", "و", "ف", "ب", "ل", "ک", "ك")
SUFFIXES = ("های", "هایی", "ها", "ای", "ی", "ان", "ات", "ش", "م", "ت")
_ARABIC_SCRIPT = regex.compile(r"\p{Script=Arabic}")
_HASHTAG = regex.compile(r"(?<![\p{L}\p{N}_&])#([\p{L}\p{M}\p{N}_]+)")
_MENTION = regex.compile(r"(?<![\p{L}\p{N}_])@([\p{L}\p{N}_.-]+(?:@[\p{L}\p{N}_.-]+)?)")

MESSAGES = {
    "empty": _noop("The query is empty: write at least one word, phrase or hashtag."),
    "too_long": _noop("The query is longer than %(limit)s characters."),
    "too_many_terms": _noop("The query has more than %(limit)s terms."),
    "unclosed_quote": _noop("This quotation mark is never closed."),
    "empty_phrase": _noop("The quotation marks hold nothing."),
    "unclosed_paren": _noop("This parenthesis is never closed."),
    "stray_paren": _noop("This closing parenthesis has no opening one."),
    "empty_group": _noop("The parentheses hold nothing."),
    "missing_term": _noop("A term is missing after “%(word)s”."),
    "missing_left": _noop("A term is missing before “%(word)s”."),
    "empty_tag": _noop("“%(word)s” needs a name after it."),
    "bad_language": _noop("“%(value)s” is not a language here: use en, ar or fa."),
    "bad_network": _noop("“%(value)s” is not a network: use one of %(choices)s."),
    "empty_filter": _noop("“%(word)s” needs a value after the colon."),
    "only_exclusions": _noop(
        "The query only leaves things out: add a word, phrase or hashtag to look for."
    ),
}


class QueryError(ValueError):
    """A query that cannot be read: where (an offset into the query) and why."""

    def __init__(self, code: str, position: int, **params: object) -> None:
        super().__init__(f"{code} at {position}")
        self.code = code
        self.position = position
        self.params = params

    def message(self) -> str:
        """The reason in the active language, with the position counted from 1."""
        reason = gettext(MESSAGES[self.code]) % self.params
        return gettext("Character %(position)s: %(reason)s") % {
            "position": self.position + 1,
            "reason": reason,
        }


# --- the tree ---------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Term:
    """A leaf. ``kind``: word, phrase, hashtag, mention, lang, network, author.
    ``value`` is normalised and folded; a phrase keeps its words in ``words``."""

    kind: str
    value: str
    position: int = 0
    words: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Not:
    child: Node


@dataclass(frozen=True, slots=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    children: tuple[Node, ...]


Node = Term | Not | And | Or
FILTERS = ("lang", "network", "author")
CONTENT = ("word", "phrase", "hashtag", "mention")


def key(text: str) -> str:
    """What a query term and a text are compared on: normalised, then case-folded."""
    return fold(normalize(text).text)


# --- the lexer --------------------------------------------------------------------------
@dataclass(slots=True)
class _Token:
    kind: str  # "(", ")", "OR", "AND", "NOT", "-", "term"
    position: int
    text: str = ""
    term: Term | None = None


QUOTES = {'"': '"', "«": "»", "“": "”", "„": "“"}
_SPACE = regex.compile(r"\s+")
_BARE = regex.compile(r'[^\s()"«»“”„]+')


def _lex(query: str, networks: Iterable[str]) -> list[_Token]:
    tokens: list[_Token] = []
    pos = 0
    n = len(query)
    while pos < n:
        ch = query[pos]
        if ch.isspace():
            pos = _SPACE.match(query, pos).end()  # type: ignore[union-attr]
            continue
        if ch in "()":
            tokens.append(_Token(ch, pos))
            pos += 1
            continue
        if ch in QUOTES:
            close = query.find(QUOTES[ch], pos + 1)
            if close < 0:
                raise QueryError("unclosed_quote", pos)
            inner = query[pos + 1 : close]
            words = tuple(WORD.findall(key(inner)))
            if not words:
                raise QueryError("empty_phrase", pos)
            tokens.append(_Token("term", pos, inner, Term("phrase", " ".join(words), pos, words)))
            pos = close + 1
            continue
        if ch in "»”":
            raise QueryError("unclosed_quote", pos)
        if ch == "|":
            tokens.append(_Token("OR", pos, "|"))
            pos += 1
            continue
        if ch == "-" and pos + 1 < n and not query[pos + 1].isspace() and query[pos + 1] != "-":
            tokens.append(_Token("-", pos, "-"))
            pos += 1
            continue
        match = _BARE.match(query, pos)
        assert match is not None
        word = match.group(0)
        end = match.end()
        if "|" in word:  # a|b: the bar is an operator
            word = word[: word.index("|")]
            end = pos + len(word)
            if not word:
                continue
        if word in ("OR", "AND", "NOT"):
            tokens.append(_Token(word, pos, word))
        else:
            tokens.append(_Token("term", pos, word, _term(word, pos, networks)))
        pos = end
    return tokens


def _term(word: str, pos: int, networks: Iterable[str]) -> Term:
    if word[0] in "#＃":
        name = key(word[1:]).strip("_")
        if not name or not regex.fullmatch(r"[\p{L}\p{M}\p{N}_]+", name):
            raise QueryError("empty_tag", pos, word=word[:1])
        return Term("hashtag", name, pos)
    if word[0] in "@＠":
        name = key(word[1:]).strip(".")
        if not name:
            raise QueryError("empty_tag", pos, word=word[:1])
        return Term("mention", name, pos)
    head, colon, value = word.partition(":")
    if colon and head.lower() in FILTERS:
        field_name = head.lower()
        value = value.strip()
        if not value:
            raise QueryError("empty_filter", pos, word=word)
        if field_name == "lang":
            value = value.lower()
            if value not in LANGUAGES:
                raise QueryError("bad_language", pos, value=value)
        elif field_name == "network":
            value = value.lower()
            known = tuple(networks)
            if value not in known:
                raise QueryError("bad_network", pos, value=value, choices=", ".join(known))
        else:
            value = key(value.lstrip("@"))
        return Term(field_name, value, pos)
    words = WORD.findall(key(word))
    if not words:  # punctuation only: nothing to look for
        raise QueryError("empty_phrase", pos)
    if len(words) == 1:
        return Term("word", words[0], pos)
    return Term("phrase", " ".join(words), pos, tuple(words))  # covid-19 → "covid 19"


# --- the parser -------------------------------------------------------------------------
class _Parser:
    def __init__(self, tokens: list[_Token], length: int) -> None:
        self.tokens = tokens
        self.i = 0
        self.length = length

    def peek(self) -> _Token | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.tokens[self.i]
        self.i += 1
        return token

    def parse(self) -> Node:
        first = self.peek()
        if first is None:
            raise QueryError("empty", 0)
        node = self.either()
        extra = self.peek()
        if extra is not None:  # only a stray ")" stops an expression early
            raise QueryError("stray_paren", extra.position)
        return node

    def either(self) -> Node:
        start = self.peek()
        if start is not None and start.kind in ("OR", "AND"):
            raise QueryError("missing_left", start.position, word=start.text)
        children = [self.both()]
        while (token := self.peek()) is not None and token.kind == "OR":
            self.take()
            following = self.peek()
            if following is None or following.kind in (")", "OR", "AND"):
                where = following.position if following else token.position
                raise QueryError("missing_term", where, word=token.text)
            children.append(self.both())
        return children[0] if len(children) == 1 else Or(tuple(children))

    def both(self) -> Node:
        children = [self.unary()]
        while (token := self.peek()) is not None and token.kind not in ("OR", ")"):
            if token.kind == "AND":
                self.take()
                following = self.peek()
                if following is None or following.kind in (")", "OR", "AND"):
                    where = following.position if following else token.position
                    raise QueryError("missing_term", where, word=token.text)
            children.append(self.unary())
        return children[0] if len(children) == 1 else And(tuple(children))

    def unary(self) -> Node:
        token = self.peek()
        if token is None:
            raise QueryError("missing_term", self.length, word="")
        if token.kind in ("NOT", "-"):
            self.take()
            following = self.peek()
            if following is None or following.kind in (")", "OR", "AND"):
                where = following.position if following else token.position
                raise QueryError("missing_term", where, word=token.text)
            return Not(self.unary())
        if token.kind == "(":
            self.take()
            inner = self.peek()
            if inner is None:
                raise QueryError("unclosed_paren", token.position)
            if inner.kind == ")":
                raise QueryError("empty_group", token.position)
            node = self.either()
            close = self.peek()
            if close is None or close.kind != ")":
                raise QueryError("unclosed_paren", token.position)
            self.take()
            return node
        if token.kind == ")":
            raise QueryError("stray_paren", token.position)
        if token.kind in ("OR", "AND"):
            raise QueryError("missing_left", token.position, word=token.text)
        self.take()
        assert token.term is not None
        return token.term


def parse(query: str, networks: Iterable[str] = ()) -> Node:
    """The tree of ``query``; :class:`QueryError` says what is wrong and where."""
    if len(query) > MAX_LENGTH:
        raise QueryError("too_long", MAX_LENGTH, limit=MAX_LENGTH)
    tokens = _lex(query, networks)
    terms = sum(1 for t in tokens if t.kind == "term")
    if terms > MAX_TERMS:
        raise QueryError("too_many_terms", 0, limit=MAX_TERMS)
    tree = _Parser(tokens, len(query)).parse()
    if probes(tree) is None:
        raise QueryError("only_exclusions", 0)
    return tree


def leaves(node: Node) -> Iterable[Term]:
    if isinstance(node, Term):
        yield node
    elif isinstance(node, Not):
        yield from leaves(node.child)
    else:
        for child in node.children:
            yield from leaves(child)


def probes(node: Node) -> list[Term] | None:
    """Terms to ask a network's search for: every matching text holds at least one of
    them. None when no such set exists (the query only leaves things out)."""
    if isinstance(node, Term):
        return [node] if node.kind in CONTENT else None
    if isinstance(node, Not):
        return None
    if isinstance(node, Or):
        found: list[Term] = []
        for child in node.children:
            sub = probes(child)
            if sub is None:
                return None
            found += [t for t in sub if t not in found]
        return found
    options = [sub for child in node.children if (sub := probes(child)) is not None]
    if not options:
        return None
    return min(options, key=len)


# --- what a text offers the matchers ----------------------------------------------------
@dataclass(slots=True)
class Post:
    """A text as the matchers see it, with who wrote it, where and in which language."""

    text: str
    language: str = ""
    network: str = ""
    author: str = ""


@dataclass(slots=True)
class Features:
    tokens: list[str]
    words: set[str]
    hashtags: set[str]
    mentions: set[str]
    language: str
    network: str
    author: str
    grams: dict[int, set[tuple[str, ...]]] = field(default_factory=dict)

    def has_phrase(self, words: tuple[str, ...]) -> bool:
        size = len(words)
        table = self.grams.get(size)
        if table is None:
            tokens = self.tokens
            table = {tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}
            self.grams[size] = table
        return words in table


def features(post: Post) -> Features:
    folded = key(post.text)
    tokens = WORD.findall(folded)
    return Features(
        tokens=tokens,
        words=set(tokens),
        hashtags={m.group(1) for m in _HASHTAG.finditer(folded)},
        mentions={m.group(1).rstrip(".") for m in _MENTION.finditer(folded)},
        language=post.language,
        network=post.network,
        author=key(post.author.lstrip("@")),
    )


@lru_cache(maxsize=8192)
def forms(word: str) -> frozenset[str]:
    """Every token that counts as ``word``: itself, and for Arabic-script words the
    forms with a clitic in front and a Persian suffix after."""
    if not _ARABIC_SCRIPT.search(word):
        return frozenset({word})
    fronts = ("", *PREFIXES)
    backs = ("", *SUFFIXES)
    return frozenset(f + word + b for f in fronts for b in backs)


def _mention_matches(wanted: str, found: str) -> bool:
    return found == wanted or found.split("@", 1)[0] == wanted


# --- the fast matcher ---------------------------------------------------------------------
Matcher = Callable[[Features], bool]


def compile_query(node: Node) -> Matcher:
    """A function from a text's :class:`Features` to whether the query matches it."""
    if isinstance(node, Term):
        return _compile_term(node)
    if isinstance(node, Not):
        inner = compile_query(node.child)
        return lambda f: not inner(f)
    parts = [compile_query(child) for child in node.children]
    if isinstance(node, And):
        return lambda f: all(part(f) for part in parts)
    return lambda f: any(part(f) for part in parts)


def _compile_term(term: Term) -> Matcher:
    value = term.value
    if term.kind == "word":
        variants = forms(value)
        if len(variants) == 1:
            return lambda f: value in f.words
        return lambda f: not f.words.isdisjoint(variants)
    if term.kind == "phrase":
        words = term.words
        first = forms(words[0])
        return lambda f: not f.words.isdisjoint(first) and _phrase_fast(f, words)
    if term.kind == "hashtag":
        return lambda f: value in f.hashtags
    if term.kind == "mention":
        return lambda f: value in f.mentions or any(_mention_matches(value, m) for m in f.mentions)
    if term.kind == "lang":
        return lambda f: f.language == value
    if term.kind == "network":
        return lambda f: f.network == value
    return lambda f: f.author == value  # author


def _phrase_fast(f: Features, words: tuple[str, ...]) -> bool:
    if f.has_phrase(words):
        return True
    if not any(_ARABIC_SCRIPT.search(w) for w in words):
        return False
    return _phrase_slow(f.tokens, words)


def _phrase_slow(tokens: list[str], words: tuple[str, ...]) -> bool:
    """The phrase's words in a row, each in one of its forms (Arabic/Persian affixes)."""
    size = len(words)
    options = [forms(w) for w in words]
    return any(
        all(tokens[i + j] in options[j] for j in range(size)) for i in range(len(tokens) - size + 1)
    )


# --- the reference matcher ----------------------------------------------------------------
def _same_word(token: str, word: str) -> bool:
    """Token ``token`` counts as ``word``: peel the affixes off, every way there is."""
    if token == word:
        return True
    if not _ARABIC_SCRIPT.search(word):
        return False
    for front in ("", *PREFIXES):
        if not token.startswith(front):
            continue
        rest = token[len(front) :]
        for back in ("", *SUFFIXES):
            if back and not rest.endswith(back):
                continue
            if (rest[: len(rest) - len(back)] if back else rest) == word:
                return True
    return False


def reference_match(node: Node, post: Post) -> bool:
    """Whether ``node`` matches ``post``, the slow and plain way (for the tests)."""
    folded = key(post.text)
    tokens = WORD.findall(folded)
    return _ref(node, post, folded, tokens)


def _ref(node: Node, post: Post, folded: str, tokens: list[str]) -> bool:
    if isinstance(node, Not):
        return not _ref(node.child, post, folded, tokens)
    if isinstance(node, And):
        result = True
        for child in node.children:
            result = _ref(child, post, folded, tokens) and result
        return result
    if isinstance(node, Or):
        result = False
        for child in node.children:
            result = _ref(child, post, folded, tokens) or result
        return result
    kind, value = node.kind, node.value
    if kind == "word":
        return any(_same_word(t, value) for t in tokens)
    if kind == "phrase":
        size = len(node.words)
        for i in range(len(tokens) - size + 1):
            if all(_same_word(tokens[i + j], node.words[j]) for j in range(size)):
                return True
        return False
    if kind == "hashtag":
        return any(m.group(1) == value for m in _HASHTAG.finditer(folded))
    if kind == "mention":
        return any(
            _mention_matches(value, m.group(1).rstrip(".")) for m in _MENTION.finditer(folded)
        )
    if kind == "lang":
        return post.language == value
    if kind == "network":
        return post.network == value
    return key(post.author.lstrip("@")) == value


# --- showing what matched -----------------------------------------------------------------
def highlights(node: Node, text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` (offsets into the original) where the query's terms were found,
    for the editor's preview. Terms under NOT are not shown."""
    norm = normalize(text)
    folded = fold(norm.text)
    spans: list[tuple[int, int]] = []
    positive = [t for t in _positive_leaves(node) if t.kind in CONTENT]
    if not positive:
        return spans
    matches = list(WORD.finditer(folded))
    tokens = [m.group(0) for m in matches]
    for term in positive:
        if term.kind == "word":
            for m, token in zip(matches, tokens, strict=True):
                if _same_word(token, term.value):
                    spans.append(norm.span(m.start(), m.end()))
        elif term.kind == "phrase":
            size = len(term.words)
            for i in range(len(tokens) - size + 1):
                if all(_same_word(tokens[i + j], term.words[j]) for j in range(size)):
                    spans.append(norm.span(matches[i].start(), matches[i + size - 1].end()))
        else:
            pattern = _HASHTAG if term.kind == "hashtag" else _MENTION
            for m in pattern.finditer(folded):
                found = m.group(1).rstrip(".")
                if (term.kind == "hashtag" and found == term.value) or (
                    term.kind == "mention" and _mention_matches(term.value, found)
                ):
                    spans.append(norm.span(m.start(), m.start() + 1 + len(found)))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _positive_leaves(node: Node) -> Iterable[Term]:
    if isinstance(node, Term):
        yield node
    elif isinstance(node, (And, Or)):
        for child in node.children:
            yield from _positive_leaves(child)
