"""Writes faq/data/pinyin.json: the toneless readings of the 6,763 characters of GB2312 (the
characters a pinyin keyboard offers first), for the search's tolerance of pinyin-input slips.

The table is generated once and kept as data, so the site needs no pinyin library at run time
(pypinyin loads ~40,000 characters and phrases in ~0.2 s per process). To regenerate:

    .venv/bin/pip install pypinyin==0.55.0   # only for this script, not a requirement of the site
    .venv/bin/python faq/data/make_pinyin.py
"""

import json
from collections import defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parent / "pinyin.json"


def gb2312_characters() -> list[str]:
    """GB2312's hanzi: rows 0xB0–0xF7 (level 1, then level 2), columns 0xA1–0xFE."""
    chars = []
    for row in range(0xB0, 0xF8):
        for col in range(0xA1, 0xFF):
            try:
                chars.append(bytes((row, col)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return chars


def main() -> None:
    import pypinyin
    from pypinyin import Style, pinyin

    syllables: dict[str, list[str]] = defaultdict(list)
    for char in gb2312_characters():
        for reading in dict.fromkeys(pinyin(char, style=Style.NORMAL, heteronym=True)[0]):
            if reading.isascii() and reading.isalpha():
                syllables[reading].append(char)
    table = {
        "说明": [
            "每个拼音（不带声调）下面是读这个音的常用字（GB2312 的 6763 个汉字，多音字每个读音都列）。",
            "搜索用它认出拼音输入法打错的同音字：异地被案 → 异地备案，参保正明 → 参保证明。",
            f"由 faq/data/make_pinyin.py 用 pypinyin {pypinyin.__version__} 的拼音数据生成，不要手改。",
        ],
        "syllables": {reading: "".join(chars) for reading, chars in sorted(syllables.items())},
    }
    text = json.dumps(table, ensure_ascii=False, indent=0)
    OUT.write_text(text + "\n", encoding="utf-8")
    print(f"{OUT}: {len(table['syllables'])} syllables")


if __name__ == "__main__":
    main()
