"""Query strings spelled as urllib's urlencode spells them, one remembered pair at a time."""

from functools import lru_cache
from urllib.parse import urlencode


@lru_cache(maxsize=4096)
def encoded(name: str, value: str) -> str:
    """urlencode of one pair ("level=3", "tier=1"), remembered: most pairs recur across residents (a level, a tier,
    a yes or no), and each page spells its query for its cache key and writes the answers into several links.
    Keyed on text (1, 1.0 and True are one key to lru_cache)."""
    return urlencode([(name, value)])
