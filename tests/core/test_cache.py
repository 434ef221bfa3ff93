"""The file cache counts its entries (a listing of the whole directory) at most every few seconds per process,
not on every write, and still culls past MAX_ENTRIES when the count is due; a rate-limit counter is rewritten
in place, restarts after its window and survives a write cut short."""

import multiprocessing
import time
from pathlib import Path

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


def test_a_counter_counts_in_place_and_starts_again_after_its_window(small_cache, monkeypatch):
    cache, _ = small_cache
    assert [cache.count("rl:search:198.18.0.1:1", 61) for _ in range(3)] == [1, 2, 3]
    assert cache.get("rl:search:198.18.0.1:1") == 3  # kept in Django's own format
    later = time.time() + 62  # the window's 61 seconds have passed
    monkeypatch.setattr(time, "time", lambda: later)
    assert cache.count("rl:search:198.18.0.1:1", 61) == 1


def test_a_counter_cut_short_by_a_crash_counts_from_one(small_cache):
    cache, _ = small_cache
    cache.count("rl:api:198.18.0.2:1", 61)
    path = Path(cache._key_to_file("rl:api:198.18.0.2:1"))
    path.write_bytes(path.read_bytes()[:5])  # the write stopped part way
    assert cache.count("rl:api:198.18.0.2:1", 61) == 1


def test_a_counter_file_holds_its_count_alone(small_cache, monkeypatch):
    """count() cuts the file only when the new count is shorter than what it held: a count past 255 (a longer
    pickle), then an expired window's 1, then garbage after a count, each leave exactly the count behind."""
    cache, _ = small_cache
    key = "rl:results:198.18.0.4:1"
    path = Path(cache._key_to_file(key))
    for expected in range(1, 300):
        assert cache.count(key, 61) == expected
        assert cache.get(key) == expected and len(path.read_bytes()) == len(cache._content(61, expected))
    later = time.time() + 62
    monkeypatch.setattr(time, "time", lambda: later)
    assert cache.count(key, 61) == 1
    assert cache.get(key) == 1 and len(path.read_bytes()) == len(cache._content(61, 1))
    path.write_bytes(path.read_bytes() + b"\x00" * 5000)  # garbage beyond a count, longer than a read
    assert cache.count(key, 61) == 2 and len(path.read_bytes()) == len(cache._content(61, 2))


def count_fifty(directory: str) -> None:
    cache = FileCache(directory, {})
    for _ in range(50):
        cache.count("rl:results:198.18.0.3:1", 61)


def test_four_processes_counting_at_once_lose_no_count(tmp_path):
    # the workers of one machine share the directory: 4 × 50 counts, each under the lock, make 200
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=count_fifty, args=(str(tmp_path),)) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert [w.exitcode for w in workers] == [0, 0, 0, 0]
    assert FileCache(str(tmp_path), {}).get("rl:results:198.18.0.3:1") == 200


def test_a_page_is_written_whole_over_the_old_one_and_leaves_no_temporary_file(tmp_path):
    cache = FileCache(str(tmp_path), {})
    cache.set("page:1", ("old", "text/html", []), 600)
    cache.set("page:1", ("new", "text/html", []), 600)
    assert cache.get("page:1") == ("new", "text/html", [])
    assert [p.suffix for p in tmp_path.iterdir()] == [".djcache"]


def test_a_removed_directory_is_made_again_by_the_next_write(tmp_path):
    directory = tmp_path / "cache"
    cache = FileCache(str(directory), {})
    directory.rmdir()
    cache.set("page:2", "kept", 600)
    assert cache.get("page:2") == "kept"


def test_a_failed_write_keeps_the_old_page_and_no_temporary_file(tmp_path, monkeypatch):
    cache = FileCache(str(tmp_path), {})
    cache.set("page:3", "old", 600)

    def disk_full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.rename", disk_full)
    with pytest.raises(OSError):
        cache.set("page:3", "new", 600)
    monkeypatch.undo()
    assert cache.get("page:3") == "old"
    assert [p.suffix for p in tmp_path.iterdir()] == [".djcache"]
