"""Tone and clarity (TON4xx): reading level, jargon, stigma, fear, shouting, emoji, register.

The lexicon rules share one Aho-Corasick pass per document (``lexicon.tone_matches``).
"""
