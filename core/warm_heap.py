"""A worker's warm heap, kept out of Python's full garbage collections.

A full collection (generation 2) walks every object the collector tracks. In a warmed worker (Django, the compiled
templates, the calculators, the handbook's rows and search index: about 140,000 objects) one took about 100 ms,
and it runs inside whatever request allocates when it falls due: every few hundred requests, one resident waits a
tenth of a second more (bench/gc_pause.py). What a worker holds after its first requests it keeps for its life, so
once warm it is moved out of the collector's walk (gc.freeze(), which Python's documentation suggests for servers
that fork workers); what comes later (pages kept, a new content version's rows and index) is still collected.

Done once per process, after WARM_HEAP_AFTER_REQUESTS requests (0: never), after a collection so that only live
objects are kept (a frozen object is never collected, even if it becomes garbage later: a cycle of them would stay
in memory, at most once). The request that reaches the count has its response sent already (request_finished);
that collection is the last in the worker's life to walk the whole heap.
"""

import gc
import threading

from django.conf import settings

_served = {"requests": 0}
_lock = threading.Lock()


def freeze_when_warm(**kwargs) -> None:
    """request_finished's receiver: counts this process's requests and freezes the heap at the count set."""
    after = settings.WARM_HEAP_AFTER_REQUESTS
    if not after or _served["requests"] >= after:
        return
    with _lock:  # a threaded worker: one freeze, at the count
        _served["requests"] += 1
        if _served["requests"] == after:
            gc.collect()
            gc.freeze()
