"""The story stage's bounded article caches never lose an article a call asked for."""

from bot.stories.stage import fill_cache


def loader(calls: list[list[int]]):
    def load(ids: list[int]) -> dict[int, str]:
        calls.append(list(ids))
        return {a: f"article {a}" for a in ids}
    return load


def test_only_missing_articles_are_loaded_while_there_is_room():
    cache = {1: "article 1"}
    calls: list[list[int]] = []
    fill_cache(cache, [1, 2, 3], 10, loader(calls))
    assert calls == [[2, 3]]
    assert cache == {1: "article 1", 2: "article 2", 3: "article 3"}


def test_a_full_cache_starts_afresh_with_every_wanted_article():
    cache = {1: "article 1", 2: "article 2", 3: "article 3"}
    calls: list[list[int]] = []
    fill_cache(cache, [3, 4, 3], 3, loader(calls))
    assert calls == [[3, 4]]  # 3 was cached, but the clearing would have lost it
    assert cache == {3: "article 3", 4: "article 4"}


def test_nothing_is_loaded_when_every_wanted_article_is_cached():
    cache = {5: "article 5"}
    calls: list[list[int]] = []
    fill_cache(cache, [5], 1, loader(calls))
    assert calls == [] and cache == {5: "article 5"}
