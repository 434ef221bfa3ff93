"""Throwaway checker for handbook.json against the handbook seed.

Run: python3 faq/data/check_handbook.py   (from /work/main)
"""

import json
import re
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = Path("/work/shared/seeds/000_2806b03438cfd476.txt")

SECTIONS = [
    (1, "canbao", "参保缴费", range(1, 8)),
    (2, "daiyu", "医保待遇", range(8, 24)),
    (3, "shengyu", "生育待遇", range(24, 32)),
    (4, "yidi", "异地就医", range(32, 40)),
    (5, "pingzheng", "医保电子凭证", range(40, 41)),
    (6, "jiuzhu", "医疗救助", range(41, 46)),
    (7, "jiandu", "基金监督", range(46, 49)),
]
FIGURES = {"elderly_man", "elderly_woman", "young_man", "young_woman", "child", "worker"}
SPEAKERS = {"asker", "bureau", "other"}
CALCULATORS = {
    None,
    "contribution",
    "outpatient",
    "inpatient",
    "enrollment",
    "retirement",
    "waiting_period",
    "maternity",
    "remote_care",
    "assistance",
}
QKEYS = {
    "number",
    "section",
    "question",
    "answer",
    "asker",
    "captions",
    "keywords",
    "related",
    "calculator",
    "calculator_prefill",
    "notice",
}
LABEL = re.compile(r"[问答]\s*\d+\s*[.．]")


def squash(s):
    return "".join(s.split())


def in_seed(text, seed, captions):
    """True if text is in the seed, or is in it once one of the question's own
    comic captions, which the PDF extraction dropped into the middle of the
    answer (e.g. 答8), is cut out. Returns the caption cut, or "" / None."""
    t = squash(text)
    if t in seed:
        return ""
    for c in captions:
        c = squash(c)
        i = seed.find(c)
        while i != -1:
            window = seed[max(0, i - len(t)) : i] + seed[i + len(c) : i + len(c) + len(t)]
            if t in window:
                return c
            i = seed.find(c, i + 1)
    return None


def main():
    doc = json.loads((HERE / "handbook.json").read_text(encoding="utf-8"))
    seed = squash(SEED.read_text(encoding="utf-8"))

    assert doc["title"] == "深圳医保政策问答手册"
    assert doc["publisher"] == "深圳市医疗保障局"
    assert doc["source"] == "《深圳医保政策问答手册》，深圳市医疗保障局编制"
    assert len(doc["introduction"]) == 1 and squash(doc["introduction"][0]) in seed

    qs = doc["questions"]
    assert [q["number"] for q in qs] == list(range(1, 49)), "questions must be numbered 1..48"
    want = [{"number": n, "slug": s, "title": t, "questions": list(r)} for n, s, t, r in SECTIONS]
    assert doc["sections"] == want, "sections differ from the brief"
    sec_of = {q: n for n, _, _, r in SECTIONS for q in r}

    captions_seen = Counter()
    joined = []
    n_paras = n_caps = 0
    texts = list(doc["introduction"])
    for q in qs:
        n = q["number"]
        assert set(q) == QKEYS, (n, set(q) ^ QKEYS)
        assert q["section"] == sec_of[n], n
        items = [q["question"]] + q["answer"]
        assert q["question"] and q["answer"], n
        for t in items:
            assert t == t.strip() and t, (n, t)
            assert "问题" not in t, (n, "问题", t)
            assert "深圳市医保政策问答" not in t, (n, "header", t)
            assert not re.fullmatch(r"\d+", t), (n, "page number", t)
            assert not LABEL.search(t), (n, "label", t)
            cut = in_seed(t, seed, [c["text"] for c in q["captions"]])
            assert cut is not None, (n, "not in seed", t)
            if cut:
                joined.append(f"答{n}: caption {cut!r} cut out")
        n_paras += len(q["answer"])
        texts += items

        a = q["asker"]
        assert a["name"] and a["figure"] in FIGURES, (n, a)
        for c in q["captions"]:
            assert set(c) == {"speaker", "name", "text"}, (n, c)
            assert c["speaker"] in SPEAKERS and c["name"] and c["text"], (n, c)
            assert squash(c["text"]) in seed, (n, "caption not in seed", c)
            assert not re.search(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])", c["text"]), (n, "spacing", c)
            if c["speaker"] == "asker":
                assert c["name"] == a["name"], (n, c)
            if c["speaker"] == "bureau":
                assert c["name"] == "深圳医保局", (n, c)
            captions_seen[c["text"]] += 1
            texts.append(c["text"])
            n_caps += 1

        kw = q["keywords"]
        assert 5 <= len(kw) <= 12 and len(set(kw)) == len(kw), (n, kw)
        rel = q["related"]
        assert len(rel) <= 3 and len(set(rel)) == len(rel), (n, rel)
        assert all(isinstance(r, int) and 1 <= r <= 48 and r != n for r in rel), (n, rel)
        assert q["calculator"] in CALCULATORS, (n, q["calculator"])
        pre = q["calculator_prefill"]
        assert isinstance(pre, dict) and all(isinstance(v, str) for v in pre.values()), (n, pre)
        assert q["calculator"] or not pre, (n, "prefill without calculator")
        notice = q["notice"]  # which questions need one, and why: tests/faq/test_notices.py
        if notice is not None:
            assert set(notice) == {"kind", "text", "citation", "source"}, (n, set(notice))
            assert notice["kind"] in {"updated", "note"} and notice["text"] and notice["citation"], n
            assert notice["source"], (n, "a notice needs its source")

    dup = [t for t, k in captions_seen.items() if k > 1]
    assert not dup, ("caption twice", dup)
    # Nothing may be used twice: every character of the file's texts must be
    # available in the seed (catches a caption left inside an answer too).
    have = Counter(seed)
    used = Counter("".join(squash(t) for t in texts))
    over = {ch: k - have[ch] for ch, k in used.items() if k > have[ch]}
    assert not over, ("characters used more often than in the seed", over)

    updates = [q["number"] for q in qs if q["notice"]]
    no_caps = [q["number"] for q in qs if not q["captions"]]
    print(f"OK: 48 questions, {len(doc['sections'])} sections, {n_paras} answer paragraphs, {n_caps} captions")
    print(f"characters used {sum(used.values())} of {len(seed)} in the seed (rest: furniture)")
    print("notices:", updates)
    print("no captions:", no_caps)
    for j in joined:
        print("joined across", j)


if __name__ == "__main__":
    main()
