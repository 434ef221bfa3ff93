"""The preview of a draft (变更申请): the reference cases under the rules in force and under the rules with
the draft applied, side by side, for the dates the draft governs.

The engine stays pure: the draft is overlaid on the rows as loaded (benefits.parameters' rows), and
benefits.engine.reference computes each case from rows through build_snapshot. Cases come from the
calculators' tables (benefits/data/reference_cases, the tests' own) and from the typical residents' cases
staff add (ReferenceCase). A case counts as changed when any amount of its steps changes, or when it
computes under one set of rules and not under the other.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .engine.core import yuan
from .engine.reference import Outcome, case_files, previewable, run_case
from .engine.snapshot import build_snapshot
from .models import Baseline, ParameterValue
from .parameters import baseline_row, value_row
from .plausibility import EARLIEST_EFFECTIVE, latest_effective
from .proposal_models import ChangeRequest, ReferenceCase
from .proposals import FIELDS
from .wizards import WIZARDS

TABLE_CASES, STAFF_CASES = "计算器核对案例", "工作人员添加的案例"
YEARS_READING_A_BASELINE = 3  # a year's baseline is read in that year at the earliest, two years later at the latest
DAYS_OF_A_YEAR = ((1, 1), (10, 1), (12, 31))  # the rules changed on 2023-10-01 (上年度 → 上上年度)


@dataclass(frozen=True)
class AmountChange:
    label: str
    before: Decimal | None
    after: Decimal | None

    @property
    def difference(self) -> Decimal | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before

    @property
    def difference_text(self) -> str:
        """+1,234.00元 or −1,234.00元 (staff read the sign first); 新增 or 不再计算 where one side has no amount."""
        change = self.difference
        if change is None:
            return "新增" if self.before is None else "不再计算"
        return f"{'+' if change >= 0 else '−'}{yuan(abs(change))}"


@dataclass
class CaseChange:
    name: str
    calculator: str
    origin: str
    day: date
    amounts: list[AmountChange] = field(default_factory=list)
    problem_before: str = ""  # why the case does not compute under the rules in force
    problem_after: str = ""  # … under the rules with the draft
    # the result as residents read it at the top of their page (医保报销, 您自付…): (label, now, after) of each that
    # changes, shown first; an empty list when only amounts along the way change
    headline: list[tuple[str, str, str]] = field(default_factory=list)


@dataclass
class Preview:
    days: list[date]
    changed: list[CaseChange]
    unchanged: int  # case × date runs whose every amount stays the same
    not_applicable: int  # runs that compute under neither (e.g. a case about an earlier period)
    cases: int
    unchanged_runs: list[tuple[date, str, str]] = field(default_factory=list)  # (date, calculator, case) of each
    days_untouched: list[date] = field(default_factory=list)  # dates whose rules the draft leaves as they are


def calculator_name(slug: str) -> str:
    """The calculator as residents see it: its wizard's title (住院报销, 门诊报销, …)."""
    return WIZARDS[slug].title


def reference_cases() -> list[tuple[str, dict, str]]:
    """(calculator slug, case, origin) of every case the preview reruns."""
    cases = [(slug, case, TABLE_CASES) for slug, found in case_files().items() for case in found if previewable(case)]
    staff = ReferenceCase.objects.filter(active=True).order_by("calculator", "name")
    return cases + [(case.calculator, case.as_case(), STAFF_CASES) for case in staff]


def rows_now() -> tuple[dict, dict]:
    """The rows in force, by database id (the draft replaces or removes one of them)."""
    values = {row.pk: value_row(row) for row in ParameterValue.objects.all()}
    baselines = {row.pk: baseline_row(row) for row in Baseline.objects.all()}
    return values, baselines


def rows_with(draft: ChangeRequest, values: dict, baselines: dict) -> tuple[dict, dict]:
    """The rows as they would be once the draft is published."""
    values, baselines = dict(values), dict(baselines)
    rows = values if draft.target == ChangeRequest.PARAMETER else baselines
    rows.pop(draft.row_id, None)
    if draft.action != ChangeRequest.DELETE:
        row = ParameterValue() if draft.target == ChangeRequest.PARAMETER else Baseline()
        for name in FIELDS[draft.target]:
            setattr(row, name, draft.proposed.get(name))
        row.clean_fields()  # text from the draft → dates and Decimals
        rows["draft"] = value_row(row) if draft.target == ChangeRequest.PARAMETER else baseline_row(row)
    return values, baselines


def days_governed(draft: ChangeRequest, values: dict, baselines: dict) -> list[date]:
    """The dates whose rules the draft changes: a value's effective date (the old and the new one); for a
    baseline, the first day of each year whose calculations read that year (按当时的规定：上年度或上上年度)."""
    rows = [data for data in (draft.previous, draft.proposed) if data]
    if draft.target == ChangeRequest.PARAMETER:
        days = {date.fromisoformat(str(data["effective_from"])) for data in rows}
        return sorted(days)
    days = []
    for year in sorted({int(data["year"]) for data in rows}):
        for reading in range(year, year + YEARS_READING_A_BASELINE):
            for month, day_of_month in DAYS_OF_A_YEAR:
                day = date(reading, month, day_of_month)
                offset = build_snapshot(day, values.values(), ()).values.get("baseline.year_offset")
                if offset is not None and reading - int(offset) == year:
                    days.append(day)
                    break
    return [day for day in days if EARLIEST_EFFECTIVE <= day <= latest_effective()]


def amounts(outcome: Outcome) -> dict[str, Decimal]:
    """The amounts of a result by step label (a label repeated is numbered: 统筹基金支付（第2项）)."""
    found = {}
    for step in outcome.result.steps if outcome.result else ():
        if step.amount is None:
            continue
        label, number = step.label, 1
        while label in found:
            number += 1
            label = f"{step.label}（第{number}项）"
        found[label] = step.amount
    return found


def problem(outcome: Outcome) -> str:
    return "；".join(message for messages in outcome.errors.values() for message in messages)


def compare(before: Outcome, after: Outcome) -> list[AmountChange] | None:
    """The amounts that change (None if the case computes under neither rules)."""
    if before.errors and after.errors:
        return None
    old, new = amounts(before), amounts(after)
    return [
        AmountChange(label, old.get(label), new.get(label))
        for label in [*old, *(label for label in new if label not in old)]
        if old.get(label) != new.get(label)
    ]


def headline_changes(slug: str, before: Outcome, after: Outcome) -> list[tuple[str, str, str]]:
    """The result's headline (as the resident's page shows it) under each set of rules, where it differs."""
    headline = WIZARDS[slug].headline
    old = dict(headline(before.result.result)) if before.result else {}
    new = dict(headline(after.result.result)) if after.result else {}
    labels = dict.fromkeys([*old, *new])
    return [(label, old.get(label, "无"), new.get(label, "无")) for label in labels if old.get(label) != new.get(label)]


def preview(draft: ChangeRequest) -> Preview:
    values, baselines = rows_now()
    new_values, new_baselines = rows_with(draft, values, baselines)
    days = days_governed(draft, values, baselines)
    cases = reference_cases()
    report = Preview(days=days, changed=[], unchanged=0, not_applicable=0, cases=len(cases))
    for day in days:
        now = build_snapshot(day, values.values(), baselines.values())
        then = build_snapshot(day, new_values.values(), new_baselines.values())
        if (now.values, now.baselines) == (then.values, then.baselines):
            report.unchanged += len(cases)  # the draft changes nothing on this date
            report.days_untouched.append(day)
            continue
        for slug, case, origin in cases:
            before = run_case(slug, case, values.values(), baselines.values(), on=day)
            after = run_case(slug, case, new_values.values(), new_baselines.values(), on=day)
            changes = compare(before, after)
            if changes is None:
                report.not_applicable += 1
            elif not changes and bool(before.errors) == bool(after.errors):
                report.unchanged += 1
                report.unchanged_runs.append((day, calculator_name(slug), case["name"]))
            else:
                change = CaseChange(case["name"], calculator_name(slug), origin, day, changes)
                change.problem_before, change.problem_after = problem(before), problem(after)
                change.headline = headline_changes(slug, before, after)
                report.changed.append(change)
    return report
