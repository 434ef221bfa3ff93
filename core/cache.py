"""The shared cache: Django's file cache for the workers of one machine (the default), and Django's Redis
backend for several app servers (CACHE_URL=redis://…), made cheaper per call and unafraid of Redis going away.

Both have count(key, timeout), the rate limiter's atomic counter (core.ratelimit).

FileCache (settings use it for filecache://, and without CACHE_URL): Django's incr is a get and a set, so
two workers counting at once would lose counts; count() holds an exclusive lock (flock) on one lock file
of the cache directory while it reads and writes a counter. Culling (listing the directory) runs at most
every few seconds per process, not on every write, and a page is written in four system calls.

RedisCache (settings use it when CACHE_URL is redis://). Two changes to Django's backend:

- Django makes a new redis.Redis client object for every cache call; with redis-py 8 building one
  costs about half a millisecond (its table of ~170 response callbacks), more than the call itself
  on a local network. The client is thread-safe and only wraps the connection pool: keep one.
- The connection pool refuses at once, for RETRY_SECONDS after a failed connection, instead of
  trying to connect on every cache call. Callers already treat a cache error as a miss
  (core.pagecache, core.ratelimit), so while Redis is down a request costs at most one failed
  connection per process every few seconds, not one (or a socket timeout) per cache call.
"""

import contextlib
import fcntl
import logging
import os
import pickle
import threading
import time
import zlib

import redis
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient

RETRY_SECONDS = 2.0
COMPRESSION_LEVEL = 1  # the file cache's zlib level (FileCache._content)
log = logging.getLogger(__name__)


class BreakerConnectionPool(redis.ConnectionPool):
    _closed_until = 0.0

    def get_connection(self, *args, **kwargs):
        if time.monotonic() < self._closed_until:
            raise redis.ConnectionError(f"cache skipped for {RETRY_SECONDS:g} s after a failed connection")
        try:
            return super().get_connection(*args, **kwargs)
        except (redis.ConnectionError, redis.TimeoutError, OSError):
            self._closed_until = time.monotonic() + RETRY_SECONDS
            log.warning("cache unavailable; skipping it for %g s", RETRY_SECONDS)
            raise


class ReusingRedisCacheClient(RedisCacheClient):
    def __init__(self, servers, **options):
        options.setdefault("pool_class", BreakerConnectionPool)
        super().__init__(servers, **options)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            if index not in self._pools:
                self._pools[index] = self._pool_class.from_url(self._servers[index], **self._pool_options)
            client = self._clients[index] = self._client(connection_pool=self._pools[index])
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient

    def count(self, key: str, timeout: int) -> int:
        """Add 1 to a counter that is created, with `timeout` seconds to live, by its first count: one
        round trip (SET NX EX + INCR in a pipeline), where Django's add/incr take two or three."""
        key = self.make_and_validate_key(key)
        pipeline = self._cache.get_client(key, write=True).pipeline(transaction=False)
        pipeline.set(key, 0, ex=timeout, nx=True)
        pipeline.incr(key)
        return pipeline.execute()[1]


class FileCache(FileBasedCache):
    LOCK_FILE = "count.lock"  # not a *.djcache file: clear() and culling leave it alone
    CULL_SECONDS = 5.0
    _next_cull = [0.0]  # per process (Django makes a cache object per thread)

    def _cull(self):
        # Django lists the whole directory on every write to count the entries: with thousands of pages that
        # listing cost more than rendering a page. Counting at most once every CULL_SECONDS per process lets
        # the cache run past MAX_ENTRIES by what a process writes meanwhile (a few hundred small files).
        now = time.monotonic()
        if now < self._next_cull[0]:
            return
        self._next_cull[0] = now + self.CULL_SECONDS
        super()._cull()

    def _content(self, timeout, value) -> bytes:
        # Django's format, compressed at zlib's fastest level instead of its default 6: a 30 KB result page
        # compresses in 0.3 ms instead of 0.5 (15% larger on disk); reading accepts either level.
        expiry = pickle.dumps(self.get_backend_timeout(timeout), self.pickle_protocol)
        return expiry + zlib.compress(pickle.dumps(value, self.pickle_protocol), COMPRESSION_LEVEL)

    def _write_content(self, file, timeout, value):
        file.write(self._content(timeout, value))

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        """Django's set, a new file renamed over the entry (a reader sees the old page or the new, never half of
        one), in four system calls: Django's makes the directory, draws a random name (mkstemp, which may try
        several), writes through a buffered file, compares the two files and checks the target before its rename:
        0.47 ms for a question page in a directory of 5,000 pages, where this takes 0.20. The page cache writes
        every first view, after its response but before the worker takes its next request."""
        path = self._key_to_file(key, version)
        self._cull()
        content = self._content(timeout, value)
        # One writer per name (process and thread); a file a crashed process left under its name is overwritten.
        temporary = f"{path}.{os.getpid()}.{threading.get_ident()}.tmp"  # not *.djcache: culling ignores it
        try:
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        except FileNotFoundError:  # the directory was removed: made again, as Django's set does
            self._createdir()
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with open(fd, "wb") as file:
                file.write(content)
            os.rename(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.remove(temporary)
            raise

    def count(self, key: str, timeout: int) -> int:
        """Add 1 to a counter that is created, with `timeout` seconds to live, by its first count."""
        self._createdir()
        with open(os.path.join(self._dir, self.LOCK_FILE), "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
            # Rewritten in place, in Django's format: only count() reads a counter, always under this lock, so
            # a new file and a rename per count (a set()'s way, and its directory listing) are not needed;
            # they cost ~0.5 ms, more than the rest of a computed page's overhead.
            with open(os.open(self._key_to_file(key), os.O_RDWR | os.O_CREAT, 0o600), "r+b") as file:
                value = self._counted(file) + 1
                file.seek(0)
                self._write_content(file, timeout, value)
                file.truncate()
        return value

    @staticmethod
    def _counted(file) -> int:
        """The count kept in `file`; 0 if the file is new, its window has expired, or a write was cut short."""
        try:
            expiry = pickle.load(file)
            if expiry is not None and expiry < time.time():
                return 0
            return int(pickle.loads(zlib.decompress(file.read())))
        except (EOFError, pickle.UnpicklingError, zlib.error, ValueError, TypeError):
            return 0
