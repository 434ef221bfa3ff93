"""The calculators by slug (calculators.md), and the one entry point the site calls."""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType

from . import (
    assistance,
    contribution,
    enrollment,
    inpatient,
    maternity,
    outpatient,
    remote_care,
    retirement,
    tier_choice,
    waiting_period,
    year,
)
from .core import ParamSnapshot, Result


@dataclass(frozen=True)
class Calculator:
    slug: str
    title: str
    module: ModuleType

    @property
    def fields(self):
        return self.module.INPUTS

    @property
    def results(self) -> tuple[tuple[str, str], ...]:
        """(field, 中文说明) of the result, where the module documents them (the API page shows them)."""
        return getattr(self.module, "RESULTS", ())

    def calculate(self, inputs: dict, params: ParamSnapshot) -> Result:
        return self.module.calculate(inputs, params)


CALCULATORS = {
    c.slug: c
    for c in (
        Calculator("contribution", "缴费", contribution),
        Calculator("outpatient", "门诊", outpatient),
        Calculator("inpatient", "住院", inpatient),
        Calculator("enrollment", "连续参保时间与年度限额", enrollment),
        Calculator("retirement", "退休后停缴享受待遇", retirement),
        Calculator("waiting_period", "居民医保待遇等待期", waiting_period),
        Calculator("maternity", "生育假期与生育津贴", maternity),
        Calculator("remote_care", "异地就医备案", remote_care),
        Calculator("assistance", "医疗救助", assistance),
        Calculator("tier_choice", "一档还是二档", tier_choice),
        Calculator("year", "一年的医疗费用", year),
    )
}


def calculate(slug: str, inputs: dict, params: ParamSnapshot) -> Result:
    return CALCULATORS[slug].calculate(inputs, params)
