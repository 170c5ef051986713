"""Grouping articles into stories, deciding what is new, and matching tracked topics."""
