"""A labelled synthetic corpus of healthcare posts, replies and patient messages.

``build_corpus(seed)`` returns documents in English, Arabic and Persian with every
identifier's exact span and kind, hard negatives marked as such, and a dev/test split
(held-out templates and held-out names go to the test split). Deterministic for a seed.
"""

from bench.corpus.generate import Annotation, Document, build_corpus

__all__ = ["Annotation", "Document", "build_corpus"]
