"""The rate tables as data (benefits/data/parameters/*.yaml) and how the rules read them.

Each parameter key is written out in exactly one file, each table the engine names by a literal path exists,
every seeded value is within its allowed range, and the scales and bands compute as the rules print them.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from benefits.engine import schema
from benefits.engine.core import CalculationError, MissingParameter, money, ratio_text, yuan
from benefits.engine.schema import ValueRow
from benefits.engine.snapshot import build_snapshot, load_seed

ENGINE = Path(schema.__file__).parent
DATA_FILES = sorted(schema.TABLES_DIR.glob("*.yaml"))
ENGINE_CODE = {path.name: path.read_text(encoding="utf-8") for path in ENGINE.glob("*.py")}


def snapshot(day: date = date(2026, 3, 1)):
    values, baselines = load_seed()
    return build_snapshot(day, values, baselines)


# ---------------------------------------------------------------- one file per table, each key once


@pytest.mark.parametrize("key", sorted(schema.parameters()))
def test_each_key_is_written_in_exactly_one_data_file(key):
    written = re.compile(rf"(?<![\w.]){re.escape(key)}(?![\w.])")
    holders = [path.name for path in DATA_FILES if written.search(path.read_text(encoding="utf-8"))]
    assert holders == [f"{schema.parameters()[key].table}.yaml"]


def test_no_parameter_is_declared_in_code():
    assert not [name for name, code in ENGINE_CODE.items() if "Param(" in code]


def test_the_engine_names_only_tables_and_keys_that_exist():
    named = {
        name for code in ENGINE_CODE.values() for name in re.findall(r"\.(?:table|scale|bands)\(\"([^\"]+)\"\)", code)
    }
    keys = {
        key for code in ENGINE_CODE.values() for key in re.findall(r"\.(?:value|cell|source)\(\"([^\"]+)\"\)", code)
    }
    assert named and named <= set(schema.tables()), named - set(schema.tables())
    assert keys and keys <= set(schema.parameters()), keys - set(schema.parameters())


def test_every_table_is_read_by_some_rule():
    """A table nobody reads is a number staff would maintain for nothing."""
    code = "\n".join(ENGINE_CODE.values())
    unread = [
        path
        for path, table in schema.tables().items()
        if f'"{path}"' not in code and not any(f'"{key}"' in code for key in table.parameters)
    ]
    assert not unread


@pytest.mark.parametrize("table", schema.tables().values(), ids=lambda t: t.path)
def test_a_table_places_each_cell_once_and_labels_its_rows_and_columns(table):
    assert table.label and table.parameters
    places = [(p.row, p.col) for p in table.parameters.values() if p.row]
    assert len(places) == len(set(places))
    for row, col in places:
        assert table.rows[row] and table.columns[col]


@pytest.mark.parametrize("row", schema.seed_values(), ids=lambda r: f"{r.key}@{r.effective_from}")
def test_every_seeded_value_is_within_its_range_and_cites_a_source_in_residents_words(row):
    parameter = schema.parameters()[row.key]
    assert row.source and not re.search(r"种子|§|\.md|rules-", row.source), row.source  # steps show the source
    assert row.value is None or parameter.check(row.value) is None


def test_a_value_out_of_range_is_refused_in_words():
    ratio = schema.parameters()["inpatient.ratio.employee_1.level3"]
    assert ratio.check(Decimal("0.9")) is None
    assert "比例请填小数" in ratio.check(Decimal("90"))


def test_numbers_are_read_exactly():
    """0.90 in a file stays Decimal("0.90"), never the float 0.9000000000000000222."""
    values = {row.key: row.value for row in schema.seed_values() if row.effective_from == date(2023, 10, 1)}
    assert str(values["inpatient.ratio.employee_1.level3"]) == "0.90"


# ---------------------------------------------------------------- scales and bands


@pytest.mark.parametrize(
    ("path", "total", "paid"),
    [
        # rules §6: the first 10,000 is the person's; 10,000–30,000 at 70%; above 30,000 at 80%
        ("serious.general", "5540", "0.00"),
        ("serious.general", "10000", "0.00"),
        ("serious.general", "20000", "7000.00"),  # 10,000 × 70%
        ("serious.general", "50000", "30000.00"),  # 20,000 × 70% + 20,000 × 80%
        ("serious.general", "30000.01", "14000.01"),  # 20,000 × 70% + 0.01 × 80% = 14,000.008, to the fen
        # rules §7: assistance recipients 2,000–30,000 at 80%, above 30,000 at 90%
        ("serious.assistance", "2000", "0.00"),
        ("serious.assistance", "10000", "6400.00"),  # 8,000 × 80%
        ("serious.assistance", "40000", "31400.00"),  # 28,000 × 80% + 10,000 × 90%
    ],
)
def test_serious_illness_slices(path, total, paid):
    assert snapshot().scale(path).calc(Decimal(total)) == Decimal(paid)


@pytest.mark.parametrize(
    ("path", "months", "band"),
    [
        # rules §5.6: < 6, 6–11, 12–23, 24–35, 36–71, ≥ 72 months
        ("limit", 0, 1),
        ("limit", 5, 1),
        ("limit", 6, 2),
        ("limit", 11, 2),
        ("limit", 12, 3),
        ("limit", 24, 4),
        ("limit", 36, 5),
        ("limit", 71, 5),
        ("limit", 72, 6),
        ("limit", 600, 6),
        # rules §5.4: 门特一类 < 12, 12–35, ≥ 36 months
        ("special_1", 11, 1),
        ("special_1", 12, 2),
        ("special_1", 35, 2),
        ("special_1", 36, 3),
    ],
)
def test_continuous_enrolment_bands(path, months, band):
    assert snapshot().bands(path).find(months).number == band


def test_a_table_without_a_value_on_the_date_says_which_number_is_missing():
    with pytest.raises(MissingParameter) as error:
        snapshot(date(2022, 6, 1)).table("inpatient.ratio").cell("employee_1", "3")
    assert "住院报销比例（职工医保一档，三级医院）" in error.value.message


def test_a_cell_not_yet_published_reads_as_none():
    """rules §3: the total years for 2025 retirees are not published; the rule then says so, never guesses."""
    retirement = snapshot().table("retirement")
    assert retirement.get("total_years", "2024").value == 25
    assert retirement.get("total_years", "2025") is None
    assert retirement.get("total_years", "2099") is None


# ---------------------------------------------------------------- money as residents read it


@pytest.mark.parametrize(
    ("amount", "text"),
    [(5540, "5,540.00元"), ("0", "0.00元"), (Decimal("988524"), "988,524.00元"), (Decimal("0.005"), "0.01元")],
)
def test_one_money_format(amount, text):
    assert yuan(amount) == text


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (Decimal("12000"), "12,000元"),  # a limit or a base of whole yuan: no .00
        (Decimal("1047840.00"), "1,047,840元"),  # 6 × 174,640 (rules §5.6)
        (Decimal("10478.40"), "10,478.40元"),  # 6% × 174,640 (§5.1): a limit that is not whole keeps its fen
        (Decimal("6726.995"), "6,727元"),  # to the fen first (half-up), then whole
        (Decimal("0.4"), "0.40元"),
    ],
)
def test_a_figure_set_in_whole_yuan_drops_the_fen_only_when_it_has_none(amount, text):
    assert yuan(amount, whole=True) == text


def test_slices_whose_starts_do_not_rise_are_refused_not_summed():
    # serious.general: 10,000 at 70%, then from 30,000 at 80% (rules §6); a later start saved as 5,000 on 2026-01-01
    values, baselines = load_seed()
    misordered = ValueRow("serious.general.tier2_from", date(2026, 1, 1), Decimal("5000"))
    params = build_snapshot(date(2026, 3, 1), [*values, misordered], baselines)
    with pytest.raises(CalculationError, match="从低到高"):
        params.scale("serious.general").calc(Decimal("50000"))


@pytest.mark.parametrize("nothing", [Decimal("-0"), Decimal("-0.00"), Decimal("-0.004")])
def test_nothing_has_no_sign_whichever_zero_was_printed_first(nothing):
    # yuan remembers its texts by amount, and -0 == 0: both orders must print 0.00元
    yuan.cache_clear()
    assert (yuan(nothing), yuan(Decimal("0"))) == ("0.00元", "0.00元")
    yuan.cache_clear()
    assert (yuan(Decimal("0")), yuan(nothing)) == ("0.00元", "0.00元")
    assert str(money(nothing)) == "0.00"


def test_money_rounds_half_up_to_the_fen_and_ratios_read_as_percent():
    assert money(Decimal("2.345")) == Decimal("2.35")
    assert ratio_text(Decimal("0.035")) == "3.5%"
