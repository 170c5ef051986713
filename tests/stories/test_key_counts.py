"""Counting an article's keys in one statement counts each key once per article and the
articles in all, whatever the key's characters."""

from __future__ import annotations

from storage import stories as store
from storage.db import transaction

KEYS = ["l:harbour", "e:o'neill", 'l:"quoted"', "e:zoë ångström", "n:12", "l:[bracket]"]


def test_each_article_counts_each_of_its_keys_once_and_itself_once(fresh_db):
    with transaction(fresh_db):
        store.count_keys(fresh_db, {key: 1.0 for key in KEYS})
        store.count_keys(fresh_db, KEYS[:2] + [""])
        store.count_keys(fresh_db, [])
    found = store.key_counts(fresh_db, [*KEYS, "l:never"])
    assert found.total == 3
    assert found.counts == {**dict.fromkeys(KEYS, 1), KEYS[0]: 2, KEYS[1]: 2}
    assert store.key_counts(fresh_db, [""]).counts == {}
