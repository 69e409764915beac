"""Overlapping identifier spans: the strongest wins, whether a text has few or many."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from nabz.trust.document import Document
from nabz.trust.identifiers import _PRIORITY, IdentifierKind, _resolve
from nabz.trust.identifiers._scan import Found
from nabz.trust.model import Context

_KINDS = [IdentifierKind.PHONE, IdentifierKind.DATE, IdentifierKind.PERSON_NAME, IdentifierKind.URL]
_TEXT = "x" * 400


def _reference(found: list[Found]) -> list[tuple[int, int, str]]:
    ranked = sorted(
        found, key=lambda f: (_PRIORITY[f.kind], not f.validated, -(f.end - f.start), f.start)
    )
    kept: list[Found] = []
    for f in ranked:
        if all(f.end <= k.start or k.end <= f.start for k in kept):
            kept.append(f)
    return sorted((f.start, f.end, str(f.kind)) for f in kept)


_SPAN = st.tuples(
    st.sampled_from(_KINDS), st.integers(0, 390), st.integers(1, 9), st.booleans()
).map(lambda t: Found(t[0], t[1], t[1] + t[2], t[3], "d"))


@settings(max_examples=150)
@given(st.lists(_SPAN, max_size=120))
def test_few_and_many_spans_resolve_like_the_reference(found: list[Found]) -> None:
    doc = Document(_TEXT, language="en", network=None, kind="post", context=Context())
    got = [(i.start, i.end, str(i.kind)) for i in _resolve(doc, list(found))]
    assert got == _reference(found)
