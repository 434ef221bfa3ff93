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
    waiting_period,
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
        """(field, 中文) of the result, for the API page; a calculator may not describe them yet."""
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
    )
}


def calculate(slug: str, inputs: dict, params: ParamSnapshot) -> Result:
    return CALCULATORS[slug].calculate(inputs, params)
