"""Writes faq/data/opencc_keys.json: every text that a dictionary of the search's OpenCC conversions (faq.search:
hk2s and tw2s) holds as a key, and a hash of each dictionary read.

OpenCC writes a character as it is unless a key of its dictionaries starts there, so a run of Chinese characters in
which no key occurs is left as it is by both conversions: faq.search hands OpenCC only the other runs (four in five
of the searches typed hold no key, and a conversion read cold dictionaries: 0.097 → 0.03 ms a live search). The keys are
read once, here, with OpenCC's own opencc_dict; at run time the hashes are checked against the installed
dictionaries, and where one differs (another OpenCC) every run is converted as before. To regenerate:

    .venv/bin/python faq/data/make_opencc_keys.py
"""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from faq.search import _TO_SIMPLIFIED, OPENCC_KEYS_PATH, dictionary_digests, opencc_dictionaries  # noqa: E402


def keys_of(dictionary: Path, opencc_dict: Path) -> set[str]:
    """The keys of an .ocd2 dictionary, written out as text by OpenCC's own tool (key, tab, values)."""
    with tempfile.TemporaryDirectory() as tmp:
        text = Path(tmp) / "dict.txt"
        env = {"LD_LIBRARY_PATH": str(opencc_dict.parent.parent / "lib64")}
        subprocess.run([opencc_dict, "-i", dictionary, "-o", text, "-f", "ocd2", "-t", "text"], check=True, env=env)
        return {line.split("\t")[0] for line in text.read_text(encoding="utf-8").splitlines() if line.split("\t")[0]}


def main() -> None:
    import opencc

    dictionaries = opencc_dictionaries()
    tool = Path(opencc.__file__).parent / "clib" / "bin" / "opencc_dict"
    keys = set().union(*(keys_of(path, tool) for path in dictionaries.values()))
    table = {
        "说明": [
            "OpenCC（繁体转简体，hk2s 和 tw2s）各个词典里的全部词条（键）。",
            "一段汉字里一个词条都没有，OpenCC 就原样输出，搜索就不再交给它转换。",
            "由 faq/data/make_opencc_keys.py 生成，请勿手改；词典的哈希不符时搜索照旧全部转换。",
        ],
        "opencc": opencc.__version__,
        "configs": list(_TO_SIMPLIFIED),
        "dictionaries": dictionary_digests(dictionaries),
        "keys": sorted(keys),
    }
    OPENCC_KEYS_PATH.write_text(json.dumps(table, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{len(keys)} keys of {len(dictionaries)} dictionaries written to {OPENCC_KEYS_PATH}")


if __name__ == "__main__":
    main()
