"""The maternity medical benefits as answers (手册问24, 问28, 问31): only what applies to the person asking."""

from __future__ import annotations

from datetime import date

from benefits.engine import maternity
from benefits.engine.inputs import parse_inputs
from benefits.engine.snapshot import build_snapshot, load_seed


def answers(**raw) -> list[str]:
    inputs, errors = parse_inputs(maternity.INPUTS, {"event": "birth", **raw}, today=date(2026, 3, 1))
    assert not errors, errors
    values, baselines = load_seed()
    return maternity.calculate(inputs, build_snapshot(date(2026, 3, 1), values, baselines)).result["medical"]


def test_an_employee_is_told_what_is_covered_for_her_and_nothing_for_others():
    text = "\n".join(answers())
    assert "产前检查" in text and "问31" in text
    assert "一次性定额" not in text and "退休职工" not in text  # 问27 is a retiree's, not hers
    assert "未就业配偶" not in text


def test_a_non_working_spouse_is_told_her_costs_are_covered_but_not_the_allowance():
    text = "\n".join(answers(spouse_only="true"))
    assert "未就业配偶生育医疗费用待遇" in text and "问28" in text
    assert "不能领取生育津贴" in text
    assert "问31" not in text and "退休职工" not in text


def test_care_abroad_is_an_answer_not_a_warning():
    assert any("港澳台" in item for item in answers(spouse_only="false"))


def test_family_planning_costs_are_listed_only_after_a_family_planning_operation():
    # 问31 names two kinds of cost: the pregnancy and birth, and family-planning operations (上环、结扎…)
    assert not any("计划生育的医疗费用" in item for item in answers())
    assert any("计划生育的医疗费用" in item for item in answers(surgeries="iud_insertion"))
    assert not any("计划生育的医疗费用" in item for item in answers(spouse_only="true", surgeries="iud_insertion"))
