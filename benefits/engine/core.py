"""Core of the rules engine: money, steps and the trace, results, and the parameter snapshot.

Pure Python: no Django, no database, no clock. Every number the rules use comes in through a
ParamSnapshot built by the caller for the date of the event; its rate tables are read by their
literal path (`params.table("inpatient.ratio")`), see schema.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property, lru_cache
from types import MappingProxyType
from typing import NamedTuple

from . import schema
from .terms import BASELINE_TERMS, YEAR_BEFORE_LAST, Term, plain_source

FEN = Decimal("0.01")
NO_MONEY = Decimal("0.00")
REGULATION_2023 = "《深圳市医疗保障办法》"


def money(amount) -> Decimal:
    """Round to the fen, half-up, as every shown step must (calculators.md: Money). Nothing is 0.00, never -0.00
    (a negative amount of less than half a fen, or a zero negated): a resident reads no sign on nothing, and yuan's
    memory, keyed on the amount, holds one text for -0 and 0, which compare equal."""
    rounded = (amount if type(amount) is Decimal else Decimal(amount)).quantize(FEN, ROUND_HALF_UP)
    return rounded if rounded else NO_MONEY


@lru_cache(maxsize=4096)  # a 一档还是二档 result writes 500 amounts, many of them the same (limits, baselines)
def yuan(amount, whole: bool = False) -> str:
    """Money as residents read it, everywhere (steps, results, wizards): 5540 → '5,540.00元'. `whole`: a figure of
    a kind the rules set in whole yuan (a limit, a threshold, a wage baseline, a contribution base rounded to the
    yuan, rules §1, §2, §5.5, §5.6, §6): 12000 → '12,000元' when it is a whole number of yuan (a limit worked out
    as a share, 10,478.40, keeps its fen). Money computed to the fen (payments, self-pay) always shows it."""
    shown = money(amount)
    if whole and shown == shown.to_integral_value():
        return f"{shown:,.0f}元"
    return f"{shown:,}元"  # money() leaves exactly two places, which `,` keeps


@lru_cache(maxsize=256)  # the date's ratios, a few dozen, each said in several steps of a result; normalize() is slow
def ratio_text(ratio: Decimal) -> str:
    """A ratio as residents read it: 0.90 -> '90%' (normalized: equal ratios, 0.9 and 0.90, read alike)."""
    percent = (ratio * 100).normalize()
    return f"{percent:f}%"


class CalculationError(Exception):
    """The calculation cannot be done for these inputs; `field` names the input to blame."""

    def __init__(self, message: str, field: str = "date"):
        super().__init__(message)
        self.message = message
        self.field = field


class MissingParameter(CalculationError):
    """No value of this parameter is in force on the date (e.g. the handbook does not give it)."""

    def __init__(self, key: str, as_of: date):
        declared = schema.parameters().get(key)
        label = declared.label if declared else key
        super().__init__(
            f"{as_of:%Y年%m月%d日}适用的规则未载明“{label}”，无法计算；"
            "请选择2023年10月1日以后的日期，或咨询医保经办机构。"
        )
        self.key = key


class Step(NamedTuple):
    label: str
    formula: str
    amount: Decimal | None
    source: str
    whole: bool = False  # the amount is a figure set in whole yuan (core.yuan): shown without fen when it has none

    def as_dict(self) -> dict:
        return {
            "label": self.label,
            "formula": self.formula,
            "amount": None if self.amount is None else f"{self.amount:.2f}",
            "source": self.source,
        }


@dataclass(frozen=True)
class Result:
    """What a calculator returns: result fields, the steps in computing order, warnings, sources."""

    result: Mapping
    steps: tuple[Step, ...] = ()
    warnings: tuple[str, ...] = ()

    @cached_property
    def sources(self) -> tuple[str, ...]:
        """The documents the steps cite, found when asked: a sub-calculation's result (a stay of the year, a tier's
        contributions) is read for its figures and steps, and its sources would be thrown away."""
        return source_documents(self.steps)


OFFICIAL_NOTE = re.compile(r"^政策里叫“[^”]+”；")
OFFICIAL_WORD = "政策里叫“"  # in every note (Term.note) and every aside (Term.aside)
YEAR_ASIDE = YEAR_BEFORE_LAST.aside
YEAR_WORD = YEAR_BEFORE_LAST.official  # in a source that plain_source changes
new_step = tuple.__new__  # new_step(Step, fields): a Step without the Python call of Step()'s generated __new__


class Trace:
    """The one way a calculator records its work: steps (label, formula, amount, source) and warnings."""

    def __init__(self, params: ParamSnapshot, default_source: str = REGULATION_2023):
        self.params = params
        self.default_source = default_source  # for steps of the rule itself, and parameters without a source
        self.steps: list[Step] = []
        self.warnings: list[str] = []
        # the formulas and sources so far that give a rules' word (OFFICIAL_WORD), one a line: named() and
        # said_in_sources() look a phrase up in these, which hold every note and aside said so far (a 一档还是二档
        # result has 55 steps and asks at each new one; few steps give a rules' word)
        self._formulas = self._sources = ""
        self._year_said = False  # said_in_sources(YEAR_BEFORE_LAST), asked at every step

    def step(
        self, label: str | Term, formula: str, amount: Decimal | None = None, source: str = "", whole: bool = False
    ) -> Decimal | None:
        """`whole`: the amount is a limit, a threshold or a base, set in whole yuan (see yuan)."""
        self._record(label, formula, amount, source or self.default_source, whole)
        return amount

    def _record(self, label: str | Term, formula: str, amount, source: str, whole: bool, heading: str = "") -> None:
        """A step written down, under `heading` (a Section's title): a Term's rules' name said in the formula of its
        first step (its note), a source's 上上年度 as residents say it (terms.plain_source). The one place a step is
        made: the Step built by new_step, and plain_source asked only of a source that names 上上年度 (most do not),
        3 Python calls a step fewer (一档还是二档 writes 51)."""
        if type(label) is Term:
            note = label.note
            formula = ("" if self.named(note) else note) + formula
            label = label.plain
        if YEAR_WORD in source:
            source = plain_source(source, said=self._year_said)
        self.steps.append(new_step(Step, (heading + label, formula, amount, source, whole)))
        if OFFICIAL_WORD in formula:
            self._formulas += formula + "\n"
        if OFFICIAL_WORD in source:
            self._sources += source + "\n"
            self._year_said = self._year_said or YEAR_ASIDE in source

    def named(self, note: str) -> bool:
        """Whether an earlier step already said this official name (a note holds no line break, so it is found
        in the lines only where one step's formula holds it)."""
        return bool(note) and note in self._formulas

    def said_in_sources(self, term: Term) -> bool:
        """Whether an earlier step's source already gave the rules' word of `term` (terms.plain_source)."""
        return term.aside in self._sources

    def warn(self, text: str | None) -> None:
        if text:
            self.warnings.append(text)

    def warn_once(self, text: str) -> None:
        """A warning another calculation gave (a stay of the year, a tier's contributions): said once a result."""
        if text and text not in self.warnings:
            self.warnings.append(text)

    def result(self, fields: Mapping) -> Result:
        return Result(fields, tuple(self.steps), tuple(self.warnings))


class Tally(Trace):
    """A trace that writes no step down, for a chart's points, where only a result's figures are read: the same
    rules run by the same code, so each point is the engine's own answer to the fen, without the 10 steps a
    stay's result records (a 一档还是二档 chart asks for 16 stays)."""

    def step(self, label, formula: str, amount: Decimal | None = None, source: str = "", whole: bool = False):
        return amount


class Section(Trace):
    """A calculation's part of another's result (a tier's contributions, a stay of the year: year, tier_choice): its
    steps written straight into the `whole` trace under a title ("第2次住院（二级医院）：住院起付线"), an official
    name said once in the whole result (the whole records each step: _record), its warnings once each. Written once, not
    copied and relabelled afterwards: a 一档还是二档 result takes 50 steps from six such parts."""

    def __init__(self, whole: Trace, title: str):
        self.whole, self.params, self.default_source = whole, whole.params, whole.default_source
        self.title, self.heading = title, f"{title}："
        self.warnings = []  # this part's own, as its calculation alone gives them (a stay's SelfPayLine keeps them)

    @property
    def steps(self) -> list[Step]:
        return self.whole.steps  # the last step's source is read (outpatient.run): the whole's last is this part's

    def step(
        self, label: str | Term, formula: str, amount: Decimal | None = None, source: str = "", whole: bool = False
    ) -> Decimal | None:
        self.whole._record(label, formula, amount, source or self.default_source, whole, self.heading)
        return amount

    def named(self, note: str) -> bool:
        return self.whole.named(note)

    def said_in_sources(self, term: Term) -> bool:
        return self.whole.said_in_sources(term)

    def warn(self, text: str | None) -> None:
        if text:
            self.warnings.append(text)
            self.whole.warn_once(text)

    def result(self, fields: Mapping) -> Result:
        """The part's figures and warnings; its steps are in the whole's result."""
        return Result(fields, (), tuple(self.warnings))


class Baseline(NamedTuple):
    """A wage or income baseline as used by one calculation, with the year really used."""

    kind: str
    wanted_year: int
    year: int
    value: Decimal
    source: str

    @property
    def warning(self) -> str | None:
        if self.year == self.wanted_year:
            return None
        label = baseline_aside(self.kind)
        if self.year < self.wanted_year:  # the usual case: the statistics office has not published it yet
            return f"{self.wanted_year}年{label}尚未公布，按已公布的最近年份（{self.year}年）估算。"
        return f"本计算没有{self.wanted_year}年的{label}，按{self.year}年的数据估算。"


BASELINE_LABELS = {kind: term.official for kind, term in BASELINE_TERMS.items()}  # staff read the official names


def baseline_aside(kind: str) -> str:
    """A statistic as a resident reads it, its official name once in brackets: 深圳就业人员的月平均工资（政策里叫…）."""
    term = BASELINE_TERMS.get(kind)
    return term.aside if term else kind


class Cell(NamedTuple):
    value: Decimal
    source: str


class Band(NamedTuple):
    number: int  # 1 for the first band, as the rules count them (第1档)
    row: str


class Table:
    """A rate table as in force on the snapshot's date: cells by (row, column) ids of its file."""

    def __init__(self, spec: schema.TableSpec, params: ParamSnapshot):
        self.spec, self.params = spec, params

    def bound(self, params: ParamSnapshot) -> Table:
        """The same table read on another snapshot of the same rows (ParamSnapshot.on_day): what it worked out from
        the values kept (a scale's brackets), a missing cell's message naming that snapshot's date."""
        view = object.__new__(type(self))
        view.__dict__.update(self.__dict__, params=params)
        return view

    def cell(self, row: str, col: str) -> Cell:
        return self.params.cell(self.spec.at[row, col])

    def value(self, row: str, col: str) -> Decimal:
        return self.params.value(self.spec.at[row, col])

    def get(self, row: str, col: str) -> Cell | None:
        """The cell, or None where the table has no such cell or no value in force (e.g. "not yet published")."""
        key = self.spec.at.get((row, col))
        return self.cell(row, col) if key and self.params.has(key) else None


class Scale(Table):
    """Marginal rates on slices of an amount (大病保险分段报销): rows are the slices in order, with columns
    `threshold` (where the slice starts) and `rate`."""

    def __init__(self, spec: schema.TableSpec, params: ParamSnapshot):
        super().__init__(spec, params)
        self.brackets = tuple((self.value(row, "threshold"), self.value(row, "rate")) for row in spec.rows)
        starts = [start for start, _ in self.brackets]
        if any(later <= earlier for earlier, later in zip(starts, starts[1:], strict=False)):
            # calc and reaching read the slices in order (rules §6, §7 set them rising); staff save each start
            # apart, with its own date, so a day may hold an earlier slice's new start above a later one's old one
            raise CalculationError(
                f"{params.as_of:%Y年%m月%d日}适用的规则中，“{spec.label}”各段的起点没有从低到高排列，无法计算；"
                "请咨询医保经办机构。"
            )
        below, paid = [], Decimal(0)  # what the slices before each one pay on the whole of themselves
        for (start, rate), (end, _) in zip(self.brackets, self.brackets[1:], strict=False):
            below.append(paid)
            paid += (end - start) * rate
        below.append(paid)
        # from the top slice down, with what the slices under it pay: calc finds its slice and multiplies once (a
        # chart asks at 20 bills), the same sum exactly (Decimal adds these few places without rounding)
        self._from_top = tuple(zip(self.brackets, below, strict=True))[::-1]

    def calc(self, amount: Decimal) -> Decimal:
        """What the slices pay on `amount`: each rate on the part of the amount inside its slice."""
        for (start, rate), below in self._from_top:
            if amount > start:
                return money(below + (amount - start) * rate)
        return NO_MONEY

    def reaching(self, paid: Decimal) -> Decimal | None:
        """The amount on which the slices pay `paid` (before rounding), the smallest if several; None if they
        never pay that much. Where a self-pay curve stops rising with the slices (the chart's corners)."""
        brackets, before = self.brackets, Decimal(0)
        for n, (start, rate) in enumerate(brackets):
            end = brackets[n + 1][0] if n + 1 < len(brackets) else None
            if rate and (end is None or before + (end - start) * rate >= paid):
                return start + max(paid - before, Decimal(0)) / rate
            before += (end - start) * rate if end is not None else 0
        return None


class Bands(Table):
    """Bands by a count (months of continuous enrolment): rows in order; each band after the first starts at
    its `from_months`."""

    def __init__(self, spec: schema.TableSpec, params: ParamSnapshot):
        super().__init__(spec, params)
        rows = tuple(spec.rows)
        self.bands = tuple(Band(n, row) for n, row in enumerate(rows, start=1))
        self.starts = tuple(self.value(row, "from_months") for row in rows[1:])

    def find(self, count: int) -> Band:
        found = 0
        for n, start in enumerate(self.starts, start=1):
            if count >= start:
                found = n
        return self.bands[found]


@dataclass(frozen=True)
class ParamSnapshot:
    """All parameter values in force on `as_of` by key, and every known baseline year. Immutable."""

    as_of: date
    values: Mapping[str, Decimal] = field(default_factory=dict)
    sources: Mapping[str, str] = field(default_factory=dict)
    baselines: Mapping[str, Mapping[int, tuple[Decimal, str]]] = field(default_factory=dict)

    def __post_init__(self):
        for name in ("values", "sources", "baselines"):
            given = getattr(self, name)
            if type(given) is not MappingProxyType:  # another snapshot's read-only view is shared, not copied
                object.__setattr__(self, name, MappingProxyType(dict(given)))
        object.__setattr__(self, "_views", {})  # the tables as read from this snapshot, each built once
        object.__setattr__(self, "_built", {})  # the same, as first built by any snapshot of these rows (on_day)
        object.__setattr__(self, "_derived", {})  # figures worked out from these values alone (derived)

    def on_day(self, as_of: date) -> ParamSnapshot:
        """The snapshot of another day on which the same rows are in force: its values, tables and derived figures
        shared, not worked out again (each resident's result is of its own day; the rates change a few times a
        year); its own date, which a missing parameter's message names (its tables are bound to it: _view)."""
        other = replace(self, as_of=as_of)
        object.__setattr__(other, "_built", self._built)
        object.__setattr__(other, "_derived", self._derived)
        return other

    def value(self, key: str) -> Decimal:
        try:
            return self.values[key]
        except KeyError:
            raise MissingParameter(key, self.as_of) from None

    def has(self, key: str) -> bool:
        return key in self.values

    def cell(self, key: str) -> Cell:
        """A parameter with its source; by key for a table of single values (e.g. "maternity.allowance.divisor")."""
        try:
            return Cell(self.values[key], self.sources[key])
        except KeyError:
            raise MissingParameter(key, self.as_of) from None

    def table(self, path: str) -> Table:
        return self._view(Table, path)

    def scale(self, path: str) -> Scale:
        return self._view(Scale, path)

    def bands(self, path: str) -> Bands:
        return self._view(Bands, path)

    def _view(self, kind: type[Table], path: str):
        view = self._views.get((kind, path))
        if view is None:  # a view raising MissingParameter is not kept: it raises again next time
            built = self._built.get((kind, path))
            if built is None:
                view = self._built[kind, path] = kind(schema.tables()[path], self)
            else:
                view = built.bound(self)
            self._views[kind, path] = view
        return view

    def derived(self, key: tuple, work_out: Callable[[], object]):
        """What `work_out` gives from this snapshot's values and the pure figures in `key`, worked out once (a
        contribution base's limits, the same for both tiers and every income on the date): bounded by the keys
        the engine asks, never a resident's own figure. One that raises (a missing parameter) is not kept. Shared by
        the snapshots of other days on the same rows (on_day): what it gives must not name the date."""
        got = self._derived.get(key)
        if got is None:
            got = self._derived[key] = work_out()
        return got

    def baseline(self, kind: str, year: int) -> Baseline:
        """The baseline of `year`, else the nearest earlier year, else the nearest later (rules §1)."""
        years = self.baselines.get(kind, {})
        if not years:
            raise CalculationError(f"暂时没有{baseline_aside(kind)}的数据，无法计算，请咨询医保经办机构。")
        if year in years:
            used = year
        else:
            earlier = [y for y in years if y < year]
            used = max(earlier) if earlier else min(years)
        value, source = years[used]
        return Baseline(kind, year, used, value, source)

    def baseline_for(self, kind: str, event: date) -> Baseline:
        """The baseline of 上上年度: the year of the event minus the offset (rules §1)."""
        return self.baseline(kind, event.year - int(self.value("baseline.year_offset")))


def source_documents(steps) -> tuple[str, ...]:
    """The distinct documents the steps cite: each 《title》 in a source once, or the whole source if it has none."""
    return _documents(tuple({step.source: None for step in steps}))


@lru_cache(maxsize=1024)
def _documents(sources: tuple[str, ...]) -> tuple[str, ...]:
    found: dict[str, None] = {}
    for text in sources:
        start = text.find("《")
        if start == -1:
            found[text] = None
        while start != -1:
            end = text.find("》", start)
            if end == -1:
                break
            found[text[start : end + 1]] = None
            start = text.find("《", end)
    return tuple(found)
