"""Full-text search over the FAQ handbook, in pure standard-library Python.

Why no database search and no jieba: the handbook has 48 questions, so an
in-memory index built once per process answers faster than a query round-trip,
and overlapping character bigrams segment Chinese well enough for short
everyday queries without a dictionary. Scoring is BM25F (BM25 over several
weighted fields), and synonym groups (faq/data/synonyms.json) map the words
residents type (医保卡, 报, 生娃) onto the handbook's own (社保卡, 报销, 生育).
Traditional characters (異地就醫, as Hong Kong, Macau and Taiwan residents type)
are converted to simplified with OpenCC before anything else; then Cantonese and
colloquial words become Mandarin (faq.colloquial), slips of pinyin input are put
right (faq.slips), the one fact that parts neighbouring questions (二档 or 一档, the driver
ran off or not) re-ranks them (faq.facets), and intent words re-rank what matched (faq.intents).

Nothing here touches Django or global state: the caller builds a SearchIndex
and keeps it (faq.search_index does, per content version).
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

import opencc

from .colloquial import Rewriter, load_rewrites, plain_question
from .facets import Facet, Stating, load_facets, meant, stated
from .intents import Intent, asked, load_intents, words_longest_first
from .slips import SlipMender, load_pinyin

SYNONYMS_PATH = Path(__file__).resolve().parent / "data" / "synonyms.json"
WAYS_PATH = Path(__file__).resolve().parent / "data" / "ways_of_asking.json"
OPENCC_KEYS_PATH = Path(__file__).resolve().parent / "data" / "opencc_keys.json"

# Queries come from a public search box: anything longer than this is not a
# question a resident typed, and cutting it keeps every search cheap.
MAX_QUERY_CHARS = 100

# BM25 constants. K1 is at the top of the usual 1.2–2.0: the field boosts below
# multiply term frequencies, so with 1.2 a word in the question (×3) already
# saturates and the same word among the keywords adds almost nothing.
K1 = 2.0
B = 0.75

# 常见问法 (faq/data/ways_of_asking.json, then staff's edits) are whole questions as residents ask them,
# a dozen per question. On the development set (tests/faq/data/search_dev_queries.json) any weight from
# 1.0 to 2.5 puts 275 of 283 first (0: 272, 3–5: 274, 8: 272); 2.0 is the middle of that plateau, below the
# keywords' 3.0 because a long story-style phrasing also holds words that are not what it asks.
WAYS_BOOST = 2.0

# A query that is one of a question's 常见问法 word for word (生育保险, 住院报销: a bare topic that several
# questions share) is that question: staff who add a way of asking decide where it leads. Its score is
# multiplied by this, enough to pass a neighbour that shares every word and no more.
WAY_ASKED_FACTOR = 1.5

# The short title (staff keep it: 起付线和封顶线是什么？) is the question in a resident's
# words without the story around it; the question and the editors' keywords say what a
# question is about; the answer also cites rules and other cases, and captions are
# comic-strip chatter.
FIELD_BOOSTS = {
    "title": 3.0,
    "question": 3.0,
    "keywords": 3.0,
    "ways": WAYS_BOOST,
    "section": 1.0,
    "answer": 1.0,
    "captions": 0.5,
}

# A synonym weighs as much as the typed word's own bigrams, so a question in the
# handbook's words (异地就医 for 外地看病) is found as surely as one in the
# resident's; one using their very word still ranks higher, as it matches both.
SYNONYM_WEIGHT = 1.0

# A query asking 多少 (faq/data/intents.json) raises the score of a question whose answer gives
# amounts by up to this share; INTENT_FIGURES distinct figures of the asked unit count as a full answer.
INTENT_BOOST = 0.2
INTENT_FIGURES = 2

# A question that states a fact of the query's (faq/data/facets.json: 二档, 司机跑了, 换社康) has its score
# multiplied by this, one that states another value of that fact divided by it. Over the six query sets
# (tests/faq/data/search_*_queries.json, 783 queries) 1.2 puts the most first (774; 1.0: 761, 1.1: 772,
# 1.15: 773, 1.25: 773, 1.3: 772): a neighbour's near tie is broken and a clear winner is not overturned.
FACET_FACTOR = 1.2

READINGS_KEPT = 1024  # queries whose reading an index keeps (SearchIndex.reading)

# Words that only make a sentence a question or a request. They are deleted
# (from queries and documents alike) so that 能报销吗 and 可以报销 both reduce
# to 报销. Content words with similar characters (不能, 没钱) are kept: deleting
# from both sides the same way keeps the bigrams comparable. The last line is
# the same in Cantonese (点样 = 怎么, 几多 = 多少), as Hong Kong residents type.
_STOPWORD_TEXT = """
    吗 呢 吧 啊 呀 哦 噢 嘛 么 啦 哈 呗 的 了 是 在 和 与 或 或者 也 都 就 还 要 会 能 把 被 给
    请问 想问 问下 问一下 一下 我想 想知道 知道 了解 我 我的 我们 我家 咱 咱们 你 您 你们
    怎么 怎么样 怎样 怎么办 如何 什么 啥 为什么 为啥 咋 咋办 咋样 谁 哪 哪些 哪个 哪里 哪儿
    几 多少 可以 可不可以 能不能 能否 会不会 是不是 是否 有没有 有无 需不需要 需要 要不要
    去 跟 说 让 有 这个 那个 这样 那样 这种 那么 这么 对吗 对不对 是真的 真的 行不行 好不好
    点样 点解 几多 边度 边个 边间 咩 嘅 咗 喺 系咪 系唔系 可唔可以 得唔得 使唔使 要唔要 有冇 啲 咁 嘢
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# After normalisation a text is scanned as runs of Chinese characters or of
# ASCII letters/digits; everything else (punctuation, emoji, markup symbols,
# control characters) only separates runs.
_UNIT = "万元|周岁|个月|[元万%天日岁月年次]"
_RUN_RE = re.compile(f"(?P<number>[0-9]+(?:\\.[0-9]+)?)\\s*(?P<unit>{_UNIT})?(?![a-z0-9])|[{_CJK}]+|[a-z0-9]+")

# A number is read with its unit (300 元 → 300元, 15 万元 → 15万, 80%), so that a resident's
# own figure (住院3万) does not match an unrelated 3 of the handbook; a document also keeps
# each number bare, for a query that gives none (要先交300吗).
_SAME_UNIT = {"万元": "万", "周岁": "岁", "个月": "月"}
_UNIT_CHARS = "元万%天日岁月年次"

# List markers of the handbook's answers ((1), ①, 3.) are not numbers a resident asks about.
_LIST_MARKER_RE = re.compile(r"[\u2460-\u2473]|[(（]\d{1,2}[)）]|(?<![\d.])\d{1,2}\s*[.．、](?!\d)")


@dataclass(frozen=True)
class Document:
    number: int
    question: str
    answer: str
    keywords: tuple[str, ...] = ()
    section: str = ""
    captions: str = ""
    title: str = ""  # the short title (问12: 起付线和封顶线是什么？)
    ways: tuple[str, ...] = ()  # 常见问法: the ways residents ask it (住院要先自己出多少钱)


# A hit, and what a search works out of its query, are made for every search: named tuples, whose making, hashing
# and comparing (_Wanted is a key) are in C where a frozen dataclass's are Python functions (a hit 1.3 → 0.6 µs).


class Hit(NamedTuple):
    number: int
    score: float
    terms: tuple[str, ...]  # query words and synonyms found in the question, for highlighting


class _Piece(NamedTuple):
    """A stopword-free stretch of Chinese text and where each character was."""

    text: str
    offsets: tuple[int, ...]


class _Analysis(NamedTuple):
    pieces: tuple[_Piece, ...]
    words: tuple[str, ...]  # ASCII words and numbers (12345, app)
    terms: tuple[str, ...]  # synonym-list terms, longest match first


class _Wanted(NamedTuple):
    """What each hit of a query is searched for to show why it was found, worked out once per search rather than
    once per hit. Where the query's words stood is not part of it, so queries that differ only in the words a search
    deletes (住院, 住院能, 住院吗) want the same (SearchIndex._shown_of keeps what each question shows of it)."""

    pieces: tuple[tuple[str, tuple[str, ...], frozenset[int]], ...]  # each stretch of Chinese typed, its bigrams
    # and its breaks (_breaks)
    words: tuple[tuple[str, str], ...]  # each word or figure typed, and what is shown of it (300元 → 300)
    concepts: tuple[str, ...]  # the concept token of each synonym term typed, in the order typed
    singles: frozenset[str]  # the stretches typed as one character


# Hong Kong variants first (衞, 綫, 裏), then Taiwan's, each followed by OpenCC's
# traditional-to-simplified phrases and characters. Both leave simplified text as
# it is (tests/faq/test_search.py checks the whole handbook).
_TO_SIMPLIFIED = ("hk2s", "tw2s")
_CJK_RUN_RE = re.compile(f"[{_CJK}]+")


@cache
def _converters() -> tuple[opencc.OpenCC, ...]:
    return tuple(opencc.OpenCC(config) for config in _TO_SIMPLIFIED)


def _simplified_run(match: re.Match) -> str:
    run = match.group()
    if _holds_no_key(run):  # most runs typed (住院报销): OpenCC would write them as they are
        return run
    for converter in _converters():
        run = converter.convert(run)
    return run


def _holds_no_key(run: str) -> bool:
    """Whether no key of the conversions' dictionaries occurs in the run: OpenCC writes a character as it is unless
    a key starts there, so it would return such a run unchanged. Four runs typed in five hold none, and a conversion
    reads dictionaries that a request leaves cold (to_simplified 0.097 → 0.03 ms a live search, seg.py). Told by two
    set tests in C (a character that is a key, a pair that begins a longer key) rather than a Python loop over the
    run; False where the keys of the installed dictionaries are not known (faq/data/opencc_keys.json, opencc_keys())."""
    known = opencc_keys()
    if known is None:
        return False
    characters, beginnings = known
    return characters.isdisjoint(run) and beginnings.isdisjoint(_bigrams(run))


@cache
def opencc_keys() -> tuple[frozenset[str], frozenset[str]] | None:
    """The keys of every dictionary the conversions read, from faq/data/opencc_keys.json (written by
    faq/data/make_opencc_keys.py): those of one character, and the first two characters of the longer ones. None
    unless the file was made from the very dictionaries installed (their hashes): another OpenCC's are never read
    with an old list."""
    try:
        raw = json.loads(OPENCC_KEYS_PATH.read_text(encoding="utf-8"))
        if raw["configs"] != list(_TO_SIMPLIFIED) or raw["dictionaries"] != dictionary_digests(opencc_dictionaries()):
            return None
        keys = [key for key in raw["keys"] if isinstance(key, str) and key]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return frozenset(k for k in keys if len(k) == 1), frozenset(k[:2] for k in keys if len(k) > 1)


def opencc_dictionaries() -> dict[str, Path]:
    """Each dictionary file the conversions' configurations name (hk2s.json…), by name."""
    share = Path(opencc.__file__).parent / "clib" / "share" / "opencc"
    found: dict[str, Path] = {}

    def named(node) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("file"), str):
                found[node["file"]] = share / node["file"]
            node = list(node.values())
        if isinstance(node, list):
            for value in node:
                named(value)

    for config in _TO_SIMPLIFIED:
        named(json.loads((share / f"{config}.json").read_text(encoding="utf-8")))
    return found


def dictionary_digests(dictionaries: Mapping[str, Path]) -> dict[str, str]:
    return {name: hashlib.sha256(path.read_bytes()).hexdigest() for name, path in sorted(dictionaries.items())}


def to_simplified(text: str) -> str:
    """異地就醫備案 → 异地就医备案. Only runs of Chinese characters are handed to OpenCC,
    whose C library stops at a NUL and refuses lone surrogates."""
    return _CJK_RUN_RE.sub(_simplified_run, text)


# Variant characters of one word: 帐户 is an older form of the handbook's 账户, and
# OpenCC turns traditional 帳戶 into 帐户.
_VARIANTS = str.maketrans({"帐": "账"})


@lru_cache(maxsize=2048)
def normalize(text: str) -> str:
    """Fold full-width letters and digits (ＡＢＣ１２３) to ASCII, case, traditional characters to
    simplified, and a question asked as X不X to X (报不报 → 报).

    Kept for the last 2,048 texts (a pure function of the text): a live search normalises what was typed, then
    the calculators it offers read the result again, and OpenCC's two conversions were a tenth of a search."""
    return plain_question(to_simplified(unicodedata.normalize("NFKC", text).casefold()).translate(_VARIANTS))


def load_synonyms(path: Path | str | None = None) -> dict[str, list[str]]:
    """Read a JSON list of synonym groups into {term: [its equivalents]}.

    A term listed in two groups gets the union of both, which is what a
    resident typing it could mean.
    """
    raw = json.loads(Path(path or SYNONYMS_PATH).read_text(encoding="utf-8"))
    synonyms: dict[str, set[str]] = defaultdict(set)
    for group in raw if isinstance(raw, list) else ():
        terms = {normalize(t).strip() for t in group if isinstance(t, str)} - {""}
        for term in terms:
            synonyms[term] |= terms - {term}
    return {term: sorted(others) for term, others in synonyms.items()}


def load_ways_of_asking(path: Path | str | None = None) -> dict[int, list[str]]:
    """{question number: its 常见问法} from faq/data/ways_of_asking.json."""
    raw = json.loads(Path(path or WAYS_PATH).read_text(encoding="utf-8"))
    return {int(number): list(ways) for number, ways in raw["questions"].items()}


def documents_from_handbook(
    data: Mapping, titles: Mapping[int, str] | None = None, ways: Mapping[int, Iterable[str]] | None = None
) -> list[Document]:
    """Documents from the handbook.json structure (for tests and scripts), with the short titles
    (faq.comic.titles(), which the site starts from) and the 常见问法 (load_ways_of_asking()) if given."""
    sections = {s["number"]: s["title"] for s in data.get("sections", ())}
    return [
        Document(
            number=q["number"],
            question=q["question"],
            answer="\n".join(q.get("answer", ())),
            keywords=tuple(q.get("keywords", ())),
            section=sections.get(q.get("section"), ""),
            captions=" ".join(c.get("text", "") for c in q.get("captions", ())),
            title=(titles or {}).get(q["number"], ""),
            ways=tuple((ways or {}).get(q["number"], ())),
        )
        for q in data.get("questions", ())
    ]


def default_index(documents: Iterable[Document]) -> SearchIndex:
    """The site's index, with the synonyms, intents, colloquial rewrites, pinyin and facets of faq/data."""
    return SearchIndex(documents, load_synonyms(), load_intents(), load_rewrites(), load_pinyin(), load_facets())


def _lengths_by_first_char(words: Iterable[str]) -> dict[str, tuple[int, ...]]:
    # Longest first, so a scan tries 金融社保卡 before 社保卡.
    lengths: dict[str, set[int]] = defaultdict(set)
    for word in words:
        lengths[word[0]].add(len(word))
    return {char: tuple(sorted(ls, reverse=True)) for char, ls in lengths.items()}


def _longest(run: str, i: int, lengths: dict[str, tuple[int, ...]], table: Container[str]) -> str:
    for length in lengths.get(run[i], ()):
        candidate = run[i : i + length]
        if len(candidate) == length and candidate in table:
            return candidate
    return ""


def _unit_of(token: str) -> str | None:
    """300元 → 元; None for a token that is not a number with a unit."""
    return token.lstrip("0123456789.") or None if token[:1].isdigit() else None


def _bare_number(word: str) -> str | None:
    """300元 → 300; None for a word that is not a number with a unit."""
    return word.rstrip(_UNIT_CHARS) if word[0].isdigit() and not word[-1].isdigit() else None


def _bare(text: str) -> str:
    """The words of a normalised text without spaces or punctuation, to compare whole queries."""
    return "".join(match.group() for match in _RUN_RE.finditer(text))


def _bigrams(text: str) -> list[str]:
    return [text[k : k + 2] for k in range(len(text) - 1)]


def _concept_token(concept: int) -> str:
    # '#' never survives analysis, so these cannot collide with text tokens.
    return f"#{concept}"


class _Lexicon:
    """Synonym concepts and the stopword-aware scanner shared by index and query."""

    def __init__(self, synonyms: Mapping[str, Iterable[str]] | None):
        self.query_concept: dict[str, int] = {}
        members: dict[str, set[int]] = defaultdict(set)
        ids: dict[frozenset[str], int] = {}
        term_of = cache(lambda text: normalize(text).strip())  # a term recurs in the groups of each member
        for key, others in (synonyms or {}).items():
            group = frozenset(t for t in map(term_of, (key, *others)) if t)
            if len(group) < 2:
                continue
            concept = ids.setdefault(group, len(ids))
            self.query_concept[term_of(key)] = concept
            for term in group:
                members[term].add(concept)
        # A term in a document stands for every group it belongs to; a term in
        # a query expands only to its own group (see load_synonyms).
        self.member_concepts = {term: frozenset(c) for term, c in members.items()}
        self._vocab = _lengths_by_first_char(self.member_concepts)
        self._stops = _lengths_by_first_char(STOPWORDS)
        # A term is matched whole (卡里的钱, 怎么查) but keeps only its content
        # characters, so its bigrams equal those of the same words outside a term.
        self._content = {term: self._content_positions(term) for term in self.member_concepts}

    def literal_units(self, term: str) -> int:
        """How many tokens the typed term contributes itself: its bigrams, or 1 for a word."""
        return 1 if term.isascii() else max(1, len(self._content.get(term, term)) - 1)

    def analyse(self, text: str) -> _Analysis:
        pieces, words, terms = [], [], []
        for match in _RUN_RE.finditer(text):
            run = match.group()
            if match["number"]:
                unit = match["unit"] or ""
                words.append(match["number"] + _SAME_UNIT.get(unit, unit))
                if run in self.member_concepts:  # 12345, the public hotline
                    terms.append(run)
                continue
            if run.isascii():
                words.append(run)
                if run in self.member_concepts:
                    terms.append(run)
                continue
            piece = self._scan(run, match.start(), terms)
            if piece.text:
                pieces.append(piece)
        return _Analysis(tuple(pieces), tuple(words), tuple(terms))

    def every_term(self, text: str) -> list[str]:
        """Every synonym term of two or more characters in the text, overlapping ones included."""
        found = []
        for match in _RUN_RE.finditer(text):
            run = match.group()
            for i in range(len(run)):
                for length in self._vocab.get(run[i], ()):
                    if length > 1 and run[i : i + length] in self.member_concepts:
                        found.append(run[i : i + length])
        return found

    def _content_positions(self, term: str) -> tuple[int, ...]:
        positions, i = [], 0
        while i < len(term):
            stop = _longest(term, i, self._stops, STOPWORDS)
            if stop and stop != term:
                i += len(stop)
            else:
                positions.append(i)
                i += 1
        return tuple(positions)

    def _scan(self, run: str, start: int, terms: list[str]) -> _Piece:
        # Synonym terms are matched before stopwords so that a term containing
        # one (卡里的钱, 怎么查) is still recognised as a whole.
        kept: list[str] = []
        offsets: list[int] = []
        i = 0
        while i < len(run):
            term = _longest(run, i, self._vocab, self.member_concepts)
            if term:
                terms.append(term)
                positions = self._content.get(term, range(len(term)))
            elif stop := _longest(run, i, self._stops, STOPWORDS):
                i += len(stop)
                continue
            else:
                term, positions = run[i], (0,)
            kept.extend(term[p] for p in positions)
            offsets.extend(start + i + p for p in positions)
            i += len(term)
        return _Piece("".join(kept), tuple(offsets))


class _Field:
    __slots__ = ("counts", "length")

    def __init__(self, counts: Counter, length: int):
        self.counts = counts
        self.length = length


class _Analysed(NamedTuple):
    """What the index reads of one question (SearchIndex._analyse), kept for the next index with_documents makes,
    under its Document (strings and tuples, so it can be a key). No index changes it once made: its dicts and
    Counters are only read by a search (tests/faq/test_search.py compares a kept index with a new one)."""

    fields: dict[str, _Field]
    keywords: tuple[str, ...]  # normalised
    text: str  # the normalised full text, to check why a question was found
    shown: str  # the same without the 常见问法, which no page shows
    tokens: frozenset[str]
    title: str  # the short title, or the question where there is none
    units: Counter  # how many distinct figures of each unit the answer gives
    about: dict[str, frozenset[str]]  # what it states of each facet
    surface: dict[str, set[str]]  # concept token -> synonym terms present
    ways: tuple[str, ...]  # each 常见问法 as a query reading it is looked up (_asked_as)


class SearchIndex:
    """BM25F over title, question, keywords, 常见问法, section, answer and captions.

    Build it once and reuse it: building the 48-question index takes tens of
    milliseconds, a search well under one. `synonyms` is what load_synonyms() returns; None means no
    synonym expansion.
    """

    def __init__(
        self,
        documents: Iterable[Document],
        synonyms: Mapping[str, Iterable[str]] | None = None,
        intents: Iterable[Intent] = (),
        rewrites: Mapping[str, str] | None = None,
        syllables: Mapping[str, str] | None = None,
        facets: Iterable[Facet] = (),
        *,
        _previous: SearchIndex | None = None,
    ):
        self._facets = tuple(facets)
        self._intents = tuple(intents)
        # with_documents: the same settings (read once: `intents` and `facets` may be iterators), so the same
        # lexicon and the same reading of each unchanged question
        self._settings = (synonyms, self._intents, rewrites, syllables, self._facets)
        self._lexicon = _previous._lexicon if _previous else _Lexicon(synonyms)
        earlier = _previous._analysed if _previous else {}
        self._analysed: dict[Document, _Analysed] = {}  # each question's analysis, for the next with_documents
        self._numbers: list[int] = []
        self._texts: list[str] = []  # normalised full text, to check why a question was found
        self._shown: list[str] = []  # the same without the 常见问法, which no page shows: what can be highlighted
        self._tokens: list[frozenset[str]] = []
        self._surface: list[dict[str, set[str]]] = []  # concept token -> synonym terms present
        self._keywords: list[str] = []  # every document's keywords, the words residents use
        self._titles: list[str] = []  # the short title, or the question where there is none
        self._units: list[Counter] = []  # how many distinct figures of each unit the answer gives (元: 5)
        self._intent_words = words_longest_first(self._intents)
        self._about: list[dict[str, frozenset[str]]] = []  # what each question states of each facet
        self._rewrite = Rewriter(rewrites)
        self._asked_as: dict[str, set[int]] = defaultdict(set)  # a 常见问法 as read → the questions it asks
        self._readings: dict[str, str] = {}  # a query → how it is searched (reading)
        fields = [self._add(doc, earlier) for doc in documents]
        self._postings = self._build_postings(fields)
        self._stating = Stating(self._about)
        self._factors: dict[frozenset, tuple[tuple[int, float], ...]] = {}  # a query's facts → _facet_factors
        self._shown_by_wanted: dict[_Wanted, _ShownTerms] = {}  # what a query wants → what each question shows
        # How fully each question answers each intent (_answers), which no query changes: 48 questions a search
        self._answered = {i: [self._answers(d, i) for d in range(len(self._numbers))] for i in self._intents}
        words = (*self._lexicon.member_concepts, *self._keywords)
        self._mend = SlipMender(syllables, (*self._texts, *words, *STOPWORDS), words) if syllables else None

    def with_documents(self, documents: Iterable[Document]) -> SearchIndex:
        """An index of new documents with this one's synonyms, intents, rewrites, syllables and facets (as they were
        given to the first index: the site reads faq/data once per worker, and a deploy restarts the workers),
        searching exactly as SearchIndex(documents, …) would (tests/faq/test_search.py).

        A question whose words are unchanged keeps its analysis, and the lexicon is kept: after a staff member edits
        one question, the index is built in 0.05–0.08 s instead of 0.24–0.35, and the first search on each worker
        waits 0.08–0.11 s instead of 0.28–0.41 (bench/after_save.py). The analysis of each question's words was 70%
        of a build; the postings, the slip mender and the intents depend on every question and are worked out again."""
        return SearchIndex(documents, *self._settings, _previous=self)

    def _add(self, doc: Document, earlier: Mapping[Document, _Analysed]) -> dict[str, _Field]:
        analysed = self._analysed[doc] = earlier.get(doc) or self._analyse(doc)
        d = len(self._numbers)
        self._numbers.append(doc.number)
        self._keywords.extend(analysed.keywords)
        self._texts.append(analysed.text)
        self._shown.append(analysed.shown)
        self._tokens.append(analysed.tokens)
        self._titles.append(analysed.title)
        self._units.append(analysed.units)
        self._about.append(analysed.about)
        self._surface.append(analysed.surface)
        for way in analysed.ways:
            self._asked_as[way].add(d)
        return analysed.fields

    def _analyse(self, doc: Document) -> _Analysed:
        """What the index reads of one question, from its words alone (and the lexicon, facets and rewrites)."""
        texts = {
            "title": doc.title,
            "question": doc.question,
            "keywords": " | ".join(doc.keywords),
            "ways": " | ".join(doc.ways),
            "section": doc.section,
            "answer": doc.answer,
            "captions": doc.captions,
        }
        normalised = {name: normalize(_LIST_MARKER_RE.sub(" ", text or "")) for name, text in texts.items()}
        fields, surface = {}, defaultdict(set)
        for name, text in normalised.items():
            fields[name] = self._field(text, surface)
        about = "\n".join((normalised["title"], normalised["question"], normalised["keywords"]))
        return _Analysed(
            fields=fields,
            keywords=tuple(normalize(k) for k in doc.keywords),
            text="\n".join(normalised.values()),
            shown="\n".join(text for name, text in normalised.items() if name != "ways"),
            tokens=frozenset(t for f in fields.values() for t in f.counts),
            title=normalised["title"] or normalised["question"],
            units=Counter(unit for t in fields["answer"].counts if (unit := _unit_of(t))),
            about=stated(about, self._facets),
            surface=dict(surface),
            ways=tuple(_bare(self._rewrite(normalize(way))) for way in doc.ways),
        )

    def _field(self, text: str, surface: dict[str, set[str]]) -> _Field:
        analysis = self._lexicon.analyse(text)
        counts: Counter = Counter(analysis.words)
        counts.update(filter(None, map(_bare_number, analysis.words)))
        length = len(analysis.words)
        for piece in analysis.pieces:
            # Unigrams are indexed so a one-character query (药, 报) can match.
            counts.update(piece.text)
            counts.update(_bigrams(piece.text))
            length += len(piece.text)
        # A document also stands for the terms nested in a longer one (别的城市 in
        # 去别的城市); a query keeps only the longest, so it is not counted twice.
        nested = Counter(self._lexicon.every_term(text)) - Counter(analysis.terms)
        for term in (*analysis.terms, *nested.elements()):
            for concept in self._lexicon.member_concepts[term]:
                token = _concept_token(concept)
                counts[token] += 1
                surface[token].add(term)
        return _Field(counts, length)

    def _build_postings(self, fields: list[dict[str, _Field]]) -> dict[str, list[tuple[int, float]]]:
        """Precompute each token's BM25F contribution per document, so a search only adds."""
        n = len(fields)
        average = {name: sum(f[name].length for f in fields) / n if n else 0.0 for name in FIELD_BOOSTS}
        pseudo_tf: dict[str, dict[int, float]] = defaultdict(lambda: defaultdict(float))
        for d, doc_fields in enumerate(fields):
            for name, f in doc_fields.items():
                norm = 1 - B + B * f.length / average[name] if average[name] else 1.0
                for token, count in f.counts.items():
                    pseudo_tf[token][d] += FIELD_BOOSTS[name] * count / norm
        postings = {}
        for token, per_doc in pseudo_tf.items():
            idf = math.log(1 + (n - len(per_doc) + 0.5) / (len(per_doc) + 0.5))
            postings[token] = [(d, idf * tf * (K1 + 1) / (K1 + tf)) for d, tf in per_doc.items()]
        return postings

    def search(self, query: str, limit: int = 10) -> list[Hit]:
        """Best hits first; [] for an empty or unmatched query. Never raises on input text."""
        limit = _as_limit(limit)
        if not isinstance(query, str) or limit == 0:
            return []
        text = self.reading(query[:MAX_QUERY_CHARS])
        analysis = self._lexicon.analyse(text)
        scores = [0.0] * len(self._numbers)
        for token, weight in self._query_weights(analysis).items():
            for d, contribution in self._postings.get(token, ()):
                scores[d] += weight * contribution
        if asked_facets := meant(text, self._facets):
            for d, factor in self._facet_factors(asked_facets):
                scores[d] *= factor
        for d in self._asked_as.get(_bare(text), ()):
            scores[d] *= WAY_ASKED_FACTOR
        for intent in asked(text, self._intents, self._intent_words):
            shares = self._answered[intent]
            scores = [score * (1 + INTENT_BOOST * share) for score, share in zip(scores, shares, strict=True)]
        # Best score first, the lower question number on a tie (numbers differ, so d itself is never compared):
        # tuples rather than a key function, which cost a call per scored question.
        ranked = sorted([(-score, self._numbers[d], d) for d, score in enumerate(scores) if score > 0])
        hits = []
        shown_of = self._shown_of(self._wanted(analysis)) if ranked else {}
        for _, _, d in ranked:
            # A hit shows the resident why it was found; one matched only by characters that a
            # deleted word once joined (医保[能不能]报 for 参保报销) shows nothing and is left out.
            shown = shown_of[d]
            if shown is not None:
                hits.append(Hit(self._numbers[d], round(scores[d], 4), shown))
                if len(hits) == limit:
                    break
        return hits

    def reading(self, query: str) -> str:
        """The query as it is searched: normalised, spoken words in Mandarin, slips of input put right
        (醫保卡可唔可以俾屋企人用 → 医保卡可以给家人用, 异地被案 → 异地备案).

        Kept in the index for its last READINGS_KEPT queries (the index never changes once built): a live search
        reads the query for its results and again for the calculators it offers (faq.search_index)."""
        text = self._readings.get(query)
        if text is None:
            if len(self._readings) >= READINGS_KEPT:
                self._readings.clear()
            text = self._readings[query] = self._read(query)
        return text

    def _read(self, query: str) -> str:
        text = self._rewrite(normalize(query))
        return self._mend(text) if self._mend else text

    def _facet_factors(self, asked_facets: Mapping[str, frozenset[str]]) -> tuple[tuple[int, float], ...]:
        """What the facts a query states multiply each question's score by (FACET_FACTOR per facet it states
        alike, divided per facet it states otherwise), worked out once per set of facts: the same few recur (most
        queries state none and mean only the unsaid values), 20 µs a search (/tmp seg.py, faq.facets.agreement)."""
        key = frozenset(asked_facets.items())
        factors = self._factors.get(key)
        if factors is None:
            if len(self._factors) >= READINGS_KEPT:
                self._factors.clear()
            agreement = self._stating.agreement(asked_facets)
            factors = self._factors[key] = tuple((d, FACET_FACTOR**agrees) for d, agrees in agreement.items())
        return factors

    def _answers(self, d: int, intent: Intent) -> float:
        """How fully the document gives what the intent asks for, 0 to 1: a short title asking the same
        (哪些行为是欺诈骗保？ for 哪些) is a whole answer; so are two figures of the asked unit in the answer
        (问12 gives 100 元, 200 元…), one is half of one, and an answer that only names 起付线 (问38) none."""
        figures = sum(self._units[d][unit] for unit in intent.units)
        titled = any(word in self._titles[d] for word in intent.titles)
        return 1.0 if titled else min(1.0, figures / INTENT_FIGURES)

    def _query_weights(self, analysis: _Analysis) -> dict[str, float]:
        weights: dict[str, float] = defaultdict(float)
        for piece in analysis.pieces:
            for gram in _bigrams(piece.text) or [piece.text]:
                weights[gram] += 1.0
        for word in analysis.words:
            weights[word] += 1.0
        for term in analysis.terms:
            concept = self._lexicon.query_concept.get(term)
            if concept is not None:
                # Scaled by the term's own bigram count: a synonym of a long
                # term is worth a fixed share of matching the term literally.
                weights[_concept_token(concept)] += SYNONYM_WEIGHT * self._lexicon.literal_units(term)
        return weights

    def _wanted(self, analysis: _Analysis) -> _Wanted:
        concepts = (self._lexicon.query_concept.get(term) for term in analysis.terms)
        return _Wanted(
            tuple((piece.text, tuple(_bigrams(piece.text)), _breaks(piece)) for piece in analysis.pieces),
            tuple((word, _bare_number(word) or word) for word in analysis.words),
            tuple(_concept_token(concept) for concept in concepts if concept is not None),
            frozenset(p.text for p in analysis.pieces if len(p.text) == 1),
        )

    def _shown_of(self, wanted: _Wanted) -> _ShownTerms:
        """What each question shows of what the query wants (_shown_terms), kept for the last READINGS_KEPT: a quarter
        of the live searches of bench/first_views.py (every prefix of the test tables' queries) want what an earlier
        one wanted (住院 and 住院能; 住院报 and 住院能报), and the hits' terms were a third of a search."""
        shown_of = self._shown_by_wanted.get(wanted)
        if shown_of is None:
            if len(self._shown_by_wanted) >= READINGS_KEPT:
                self._shown_by_wanted.clear()
            shown_of = self._shown_by_wanted[wanted] = _ShownTerms(self, wanted)
        return shown_of

    def _shown_terms(self, d: int, wanted: _Wanted) -> tuple[str, ...] | None:
        """The words of the query found in question d that its page shows, longest first so that a highlighter
        prefers 金融社保卡 over 社保卡 (none for a question found through a 常见问法 alone: it shows no highlight
        rather than a word it lacks); None where nothing the query typed occurs in the question's text at all."""
        tokens, doc_text = self._tokens[d], self._texts[d]
        found: list[str] = []
        for typed, grams, breaks in wanted.pieces:
            found.extend(_matched_spans(typed, grams, breaks, tokens, doc_text))
        # A figure is shown where the question writes it (300 元): its number is highlighted.
        found.extend([shown for word, shown in wanted.words if word in tokens])
        surface = self._surface[d]
        for token in wanted.concepts:
            found.extend(surface.get(token, ()))
        # One character (报, 交) would light up half the answer, so it is only
        # highlighted when the resident typed nothing longer.
        singles = wanted.singles
        terms = [t for t in dict.fromkeys(found) if len(t) > 1 or t in singles]
        # What the page shows is in the whole text too (no term holds the line break that joins the fields), so the
        # whole text is read only when the page shows none of them: one substring test a term rather than two.
        shown_text = self._shown[d]
        shown = [t for t in terms if t in shown_text]
        if not shown and not any(t in doc_text for t in terms):
            return None
        shown.sort(key=len, reverse=True)
        return tuple(shown)


class _ShownTerms(dict):
    """Question index → SearchIndex._shown_terms(index, wanted), worked out the first time a search asks for it."""

    def __init__(self, index: SearchIndex, wanted: _Wanted):
        super().__init__()
        self._index = index
        self._wanted = wanted

    def __missing__(self, d: int) -> tuple[str, ...] | None:
        self[d] = shown = self._index._shown_terms(d, self._wanted)
        return shown


def _matched_spans(
    typed: str, grams: tuple[str, ...], breaks: frozenset[int], tokens: frozenset[str], doc_text: str
) -> list[str]:
    """Longest stretches of a stretch of Chinese typed whose bigrams (grams, its) all occur in the document; none
    runs across a break (breaks: where a deleted word stood, _breaks()), so each is a stretch of the query as typed."""
    n = len(typed)
    if n == 1:
        return [typed] if typed in tokens else []
    marked = [False] * n
    for k, gram in enumerate(grams):
        if gram in tokens:
            marked[k] = marked[k + 1] = True
    spans, start = [], None
    for k in range(n):
        if not marked[k]:
            if start is not None:
                spans.append(typed[start:k])
                start = None
        elif start is None:
            start = k
        elif k in breaks:
            spans.append(typed[start:k])
            start = k
    if start is not None:
        spans.append(typed[start:])
    # A span joined from bigrams found in different places may not occur as a
    # whole; then its bigrams are the best highlight we can offer.
    result = []
    for span in spans:
        result.extend([span] if span in doc_text else _bigrams(span))
    return result


def _breaks(piece: _Piece) -> frozenset[int]:
    """Where the piece's characters were not next to each other in the query (a stopword was deleted between)."""
    offsets = piece.offsets
    return frozenset(k for k in range(1, len(offsets)) if offsets[k] != offsets[k - 1] + 1)


def _as_limit(limit) -> int:
    try:
        return max(0, int(limit))
    except (TypeError, ValueError, OverflowError):
        return 10
