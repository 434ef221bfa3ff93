"""Reading the search's data files (faq/data/*.json), which staff may edit by hand: one shape check for all."""

import json
from pathlib import Path


def data_section(path: Path | str, key: str, kind: type):
    """The `key` section of the JSON file at `path` if it is a `kind` (list or dict), else an empty one: a file
    of the wrong shape gives the search nothing to use rather than an error on every page."""
    raw = json.loads(Path(path).read_text(encoding="utf-8"))
    section = raw.get(key) if isinstance(raw, dict) else None
    return section if isinstance(section, kind) else kind()
