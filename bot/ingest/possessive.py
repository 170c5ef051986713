"""A word's possessive "'s" taken off, one rule for the layers that read words: cleaning (a
heading's words against the copy's) and the speakers (a name with its "'s" still on it). It
lives in ingest, the lowest of them, as ingest may import no layer above it."""

from __future__ import annotations

POSSESSIVE_S = frozenset({"'s", "’s"})
"""The possessive "'s" the tokenizer splits off a name ("Vale's", "Vale’s")."""


def without_possessive(word: str) -> str:
    """"Vale's" and "Vale’s" as "Vale": a word written with its possessive "'s" still on it."""
    return word[:-2] if word[-2:] in POSSESSIVE_S else word
