"""Reading the search's data files (faq/data/*.json), which staff may edit by hand: one shape check for all."""

import json
import re
from collections.abc import Iterable
from pathlib import Path


def data_section(path: Path | str, key: str, kind: type):
    """The `key` section of the JSON file at `path` if it is a `kind` (list or dict), else an empty one: a file
    of the wrong shape gives the search nothing to use rather than an error on every page."""
    raw = json.loads(Path(path).read_text(encoding="utf-8"))
    section = raw.get(key) if isinstance(raw, dict) else None
    return section if isinstance(section, kind) else kind()


def any_word(words: Iterable[str]) -> re.Pattern:
    """One regular expression found where any of the words occurs, read in the order given where two start at the
    same place (sort them longest first to prefer the longer); for no words at all, one that never matches. One
    search of it, in C, replaces a Python loop of substring tests over a data file's words on every query."""
    return re.compile("|".join(map(re.escape, words)) or "(?!)")
