"""Turning story verdicts into messages: what to post, where, and delivering it."""
