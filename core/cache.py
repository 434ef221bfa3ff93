"""The shared cache: Django's file cache for the workers of one machine (the default), and Django's Redis
backend for several app servers (CACHE_URL=redis://…), made cheaper per call and unafraid of Redis going away.

Both have count(key, timeout), the rate limiter's atomic counter (core.ratelimit); RedisCache also has
get_and_count, a page and a count in one round trip (core.pagecache).

FileCache (settings use it for filecache://, and without CACHE_URL): Django's incr is a get and a set, so
two workers counting at once would lose counts; count() holds an exclusive lock (flock) on the counter's own
file while it reads and rewrites it. Culling (listing the directory) runs at most every few seconds per
process, not on every write; a page is written in four system calls, and uncompressed (FileCache._content).

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
import io
import logging
import os
import pickle
import threading
import time
import zlib
from functools import cache as memoize
from hashlib import sha1

import redis
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient
from redis.exceptions import NoScriptError

RETRY_SECONDS = 2.0
ZLIB = b"\x78"  # how a zlib stream starts (Django's format); a pickle starts with \x80 (its protocol)
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


# Add 1 to a counter, and give it its lifetime on its first count: run whole on the server (a script is atomic), so
# a counter never lives on without its lifetime, in one command.
COUNT_SCRIPT = """
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return n
"""

# A page and a count in one round trip (RedisCache.get_and_count): the page, and unless it was found and a hit is not
# counted (ARGV[2] "0"), the counter's new count, as COUNT_SCRIPT counts. A page not found is a nil (Lua's false).
GET_AND_COUNT_SCRIPT = """
local page = redis.call('GET', KEYS[1])
if page and ARGV[2] == '0' then return {page, false} end
local n = redis.call('INCR', KEYS[2])
if n == 1 then redis.call('EXPIRE', KEYS[2], ARGV[1]) end
return {page, n}
"""


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
        self._kept = None  # (process id, pool, connection): the connection the scripts are run on

    def _run(self, script: str, keys: list, args: list):
        """A script, run by its hash (loaded first if Redis does not know it: a new or restarted Redis), on a
        connection this cache object keeps: the rate limiter's count on every counted request (an API answer, a
        search, a computed result). redis-py's way (a connection from the pool and back, its retry wrapper, the reply's
        callbacks) cost 0.1 ms of the worker's CPU a call, three times sending the command and reading its reply
        (31 µs; in-process, Redis on loopback). Django makes a cache object per thread: one thread at a time uses it."""
        keys = [self.make_and_validate_key(key) for key in keys]
        command = ("EVALSHA", script_hash(script), len(keys), *keys, *args)
        for attempt in range(2):
            connection = self._connection(keys[0])
            try:
                return _evalsha(connection, script, command)
            except redis.ConnectionError:
                self._drop_connection()
                if attempt:  # a kept connection that Redis closed (a restart) is made again once; a Redis down is not
                    raise
            except BaseException:  # a timeout or a reply cut short: the connection may hold a late reply
                self._drop_connection()
                raise

    def _connection(self, key: str):
        if self._kept is None or self._kept[0] != os.getpid():  # none yet, or one a parent process made before a fork
            pool = self._cache.get_client(key, write=True).connection_pool
            # BreakerConnectionPool's get_connection: refused at once for a while after a failed connection
            self._kept = (os.getpid(), pool, pool.get_connection())
        return self._kept[2]

    def _drop_connection(self) -> None:
        _, pool, connection = self._kept
        self._kept = None
        connection.disconnect()
        pool.release(connection)

    def count(self, key: str, timeout: int) -> int:
        """Add 1 to a counter that is created, with `timeout` seconds to live, by its first count: one round trip
        and one command (COUNT_SCRIPT), where Django's add/incr take two or three and a pipeline of SET NX EX and
        INCR cost redis-py twice the CPU of one command (0.12 ms against 0.06)."""
        return self._run(COUNT_SCRIPT, [key], [timeout])

    def get_and_count(self, key: str, counter: str, timeout: int, count_hit: bool) -> tuple:
        """(the value under `key` or None, the counter's new count or None): a get and a count (as count() counts)
        in one round trip, the count skipped when the value is found and not `count_hit`. A rate-limited page
        (core.pagecache) cost a round trip for the page and another for the count: 0.28–0.32 ms of a worker's
        CPU, where this takes 0.18."""
        page, number = self._run(GET_AND_COUNT_SCRIPT, [key, counter], [timeout, int(count_hit)])
        return (None if page is None else self._cache._serializer.loads(page)), number


@memoize
def script_hash(script: str) -> str:
    """The SHA1 that Redis knows a script by (EVALSHA), worked out once per script rather than on every call."""
    return sha1(script.encode()).hexdigest()


def _evalsha(connection, script: str, command: tuple):
    """A script's EVALSHA `command` on a connection, and its reply; the script loaded first if Redis does not know it
    (a new or restarted Redis, or its scripts flushed)."""
    try:
        return _ask(connection, *command)
    except NoScriptError:
        _ask(connection, "SCRIPT", "LOAD", script)
        return _ask(connection, *command)


def _ask(connection, *command):
    """One command on a connection, and its reply (raised if it is an error)."""
    connection.send_command(*command)
    return connection.read_response()


class FileCache(FileBasedCache):
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
        # Django's format without its zlib: compressing a 10 KB question page took 0.24 ms even at zlib's
        # fastest level (and reading it back 0.05), more than rendering a third of the page, to save 6 KB of
        # disk per page (5,000 pages: 50 MB instead of 20). Entries written compressed are still read (_loads).
        expiry = pickle.dumps(self.get_backend_timeout(timeout), self.pickle_protocol)
        return expiry + pickle.dumps(value, self.pickle_protocol)

    @staticmethod
    def _loads(data: bytes):
        return pickle.loads(zlib.decompress(data) if data[:1] == ZLIB else data)

    def _write_content(self, file, timeout, value):
        file.write(self._content(timeout, value))

    def get(self, key, default=None, version=None):
        """Django's get, reading a plain or a compressed entry."""
        try:
            with open(self._key_to_file(key, version), "rb") as file:
                if not self._is_expired(file):
                    return self._loads(file.read())
        except FileNotFoundError:
            pass
        return default

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        """Django's touch (a new expiry, the value kept), reading a plain or a compressed entry."""
        try:
            with open(self._key_to_file(key, version), "r+b") as file:
                fcntl.flock(file, fcntl.LOCK_EX)  # released when the file is closed
                if self._is_expired(file):
                    return False
                value = self._loads(file.read())
                file.seek(0)
                self._write_content(file, timeout, value)
                file.truncate()
                return True
        except FileNotFoundError:
            return False

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
        """Add 1 to a counter that is created, with `timeout` seconds to live, by its first count.

        The counter's own file is locked (flock, released when it is closed) while it is read and rewritten in
        place, in Django's format: only count() reads a counter, always under that lock, so neither a new file
        and a rename per count (a set()'s way) nor a lock file of its own is needed: one open, a lock, a read, a
        write. A file removed meanwhile (culled, cleared) starts again from 1, as an expired one does."""
        path = self._key_to_file(key)
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        except FileNotFoundError:  # the directory was removed: made again, as Django's set does
            self._createdir()
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            data = os.read(fd, 4096)
            value = self._counted(data) + 1
            content = self._content(timeout, value)
            os.pwrite(fd, content, 0)
            if len(content) < len(data):  # an expired window's longer count (or a torn write) is cut off; a count
                os.ftruncate(fd, len(content))  # that grew covers every byte it had (6 µs a computed page saved)
        finally:
            os.close(fd)
        return value

    @classmethod
    def _counted(cls, data: bytes) -> int:
        """The count kept in `data`; 0 if the file is new, its window has expired, or a write was cut short."""
        try:
            stream = io.BytesIO(data)
            expiry = pickle.load(stream)
            if expiry is not None and expiry < time.time():
                return 0
            return int(cls._loads(stream.read()))
        except (EOFError, pickle.UnpicklingError, zlib.error, ValueError, TypeError):
            return 0
