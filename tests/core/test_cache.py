"""The file cache counts its entries (a listing of the whole directory) at most every few seconds per process,
not on every write, and still culls past MAX_ENTRIES when the count is due."""

import pytest

from core.cache import FileCache


@pytest.fixture
def small_cache(tmp_path, monkeypatch):
    cache = FileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 10, "CULL_FREQUENCY": 2}})
    monkeypatch.setattr(FileCache, "_next_cull", [0.0])  # this test's own clock of culls
    listings = []
    listed = cache._list_cache_files
    monkeypatch.setattr(cache, "_list_cache_files", lambda: listings.append(1) or listed())
    return cache, listings


def test_thirty_writes_list_the_directory_once(small_cache):
    cache, listings = small_cache
    for n in range(30):
        cache.set(f"page-{n}", "x" * 100)
    # the first write counted (and found 0 entries); the other 29 came within CULL_SECONDS of it
    assert len(listings) == 1
    assert len(cache._list_cache_files()) == 30  # past MAX_ENTRIES by what was written meanwhile


def test_a_due_count_culls_past_max_entries(small_cache):
    cache, listings = small_cache
    for n in range(30):
        cache.set(f"page-{n}", "x")
    FileCache._next_cull[0] = 0.0  # CULL_SECONDS have passed
    cache.set("page-30", "x")
    # the count comes before the write: 30 entries ≥ 10, half of them removed (CULL_FREQUENCY 2): 30 − 15 + 1 = 16
    assert len(listings) == 2
    assert len(cache._list_cache_files()) == 16
