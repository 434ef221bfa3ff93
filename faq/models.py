"""The handbook 《深圳医保政策问答手册》: its sections and its 48 questions, word for word."""

import logging
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from benefits.engine.inputs import FieldError
from benefits.wizard import validate
from benefits.wizards import WIZARDS

logger = logging.getLogger(__name__)
MAX_RELATED = 3  # the question page shows three related questions

FIGURES = [
    ("elderly_man", "老年男性"),
    ("elderly_woman", "老年女性"),
    ("young_man", "青年男性"),
    ("young_woman", "青年女性"),
    ("child", "儿童"),
    ("worker", "上班族"),
]


class Handbook(models.Model):
    """The one handbook: its title and introduction (shown on the FAQ index)."""

    title = models.CharField("书名", max_length=100)
    publisher = models.CharField("编制单位", max_length=100)
    source = models.CharField("出处", max_length=200)
    introduction = models.TextField("前言", help_text="每段一行")

    class Meta:
        verbose_name = verbose_name_plural = "手册信息"

    def __str__(self):
        return self.title

    @property
    def paragraphs(self):
        return [p for p in self.introduction.split("\n") if p]


class Section(models.Model):
    number = models.PositiveSmallIntegerField("序号", unique=True)
    slug = models.SlugField("网址名", unique=True)
    title = models.CharField("类别", max_length=50)

    class Meta:
        ordering = ["number"]
        verbose_name = verbose_name_plural = "类别"

    def __str__(self):
        return f"{self.number}. {self.title}"

    def get_absolute_url(self):
        return reverse("faq:section", args=[self.slug])


def is_question_number(value) -> bool:
    return type(value) is int and value > 0  # bool is an int subclass, and is not a question number


def related_problems(value, own_number: int | None) -> list[str]:
    """Why a stored 相关问题 value is not a list of up to three other questions' numbers (empty if it is)."""
    if not isinstance(value, list) or not all(is_question_number(n) for n in value):
        return ["相关问题应从问题列表中勾选。"]
    problems = []
    if len(value) > MAX_RELATED:
        problems.append(f"相关问题最多选{MAX_RELATED}个（页面只显示{MAX_RELATED}个）。")
    if own_number in value:
        problems.append("不能关联本题自己。")
    missing = sorted(set(value) - set(Question.objects.filter(number__in=value).values_list("number", flat=True)))
    if missing:
        problems.append("没有这些问题：" + "、".join(f"问{n}" for n in missing) + "。")
    return problems


def _allowed_answers(ask) -> str:
    if ask.options:
        return "可填：" + "、".join(f"{o.value}（{o.label}）" for o in ask.options)
    return ""


def prefill_problems(calculator: str, prefill) -> list[str]:
    """Why a 计算器预填 value is not answers the calculator's wizard would accept, checked as the wizard checks them."""
    if not isinstance(prefill, dict):
        return ["计算器预填应为每行一项“问题=答案”。"]
    if not prefill:
        return []
    wizard = WIZARDS.get(calculator)
    if wizard is None:
        return ["请先选择对应计算器，再填写预填的答案。"]
    problems = []
    for name, value in prefill.items():
        ask = wizard.ask(name)
        if ask is None:
            names = "、".join(a.name for a in wizard.asks)
            problems.append(f"计算器“{wizard.title}”没有“{name}”这个问题；可填的问题：{names}。")
        elif not isinstance(value, str):
            problems.append(f"“{name}”的答案应为文字。")
        else:
            try:
                validate(wizard, ask, value, timezone.localdate())
            except FieldError as error:
                problems.append(f"“{name}={value}”：{error} {_allowed_answers(ask)}".strip())
    return problems


class Question(models.Model):
    """One question of the handbook. Question and answer are the handbook's words; the
    policy note and review date are the staff's (kept with history)."""

    number = models.PositiveSmallIntegerField("问题编号", unique=True, help_text="手册中的编号，如“问12”")
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="questions", verbose_name="类别")
    question = models.TextField("问题（手册原文）")
    answer = models.TextField("回答（手册原文）", help_text="每段一行")
    asker_name = models.CharField("提问人", max_length=20)
    asker_figure = models.CharField("提问人形象", max_length=20, choices=FIGURES)
    captions = models.JSONField("漫画对白", default=list, blank=True)
    keywords = models.TextField("搜索关键词", blank=True, help_text="用空格或逗号分隔，帮助群众用口语搜到本题")
    related = models.JSONField("相关问题编号", default=list, blank=True)
    calculator = models.CharField("对应计算器", max_length=30, blank=True)
    calculator_prefill = models.JSONField("计算器预填", default=dict, blank=True)
    policy_update = models.TextField(
        "政策已更新提示", blank=True, help_text="手册依据旧办法编写；写明自2023年10月1日起的新规定。留空表示无变化。"
    )
    last_reviewed = models.DateField("最近审核日期", null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["captions", "calculator_prefill"])

    class Meta:
        ordering = ["number"]
        verbose_name = verbose_name_plural = "问答"

    def __str__(self):
        return f"问{self.number}. {self.question[:30]}"

    def get_absolute_url(self):
        return reverse("faq:question", args=[self.number])

    @property
    def paragraphs(self):
        return [p for p in self.answer.split("\n") if p]

    def clean(self):
        errors = {
            "related": related_problems(self.related, self.number),
            "calculator": [] if not self.calculator or self.calculator in WIZARDS else ["没有这个计算器。"],
            "calculator_prefill": prefill_problems(self.calculator, self.calculator_prefill),
        }
        errors = {name: problems for name, problems in errors.items() if problems}
        if errors:
            raise ValidationError(errors)

    @property
    def related_numbers(self) -> list[int]:
        """The related questions' numbers; whatever else is stored (a restore, a direct edit) is skipped and logged."""
        value = self.related
        if isinstance(value, list) and all(is_question_number(n) for n in value):
            return value
        logger.warning("问%s的相关问题编号无效，已跳过：%r", self.number, value)
        return [n for n in value if is_question_number(n)] if isinstance(value, list) else []

    @property
    def calculator_url(self):
        """The matching wizard, pre-filled with the answers the question implies (e.g. 问32: 深圳户籍 retiree).
        An unknown calculator gives no link, invalid prefill a link without it (both logged): never a broken page."""
        if not self.calculator:
            return ""
        if self.calculator not in WIZARDS:
            logger.warning("问%s的对应计算器无效，未显示链接：%r", self.number, self.calculator)
            return ""
        url = reverse("wizard-start", args=[self.calculator])
        problems = prefill_problems(self.calculator, self.calculator_prefill)
        if problems:
            logger.warning("问%s的计算器预填无效，已跳过：%r（%s）", self.number, self.calculator_prefill, problems)
            return url
        return f"{url}?{urlencode(self.calculator_prefill)}" if self.calculator_prefill else url

    @property
    def keyword_list(self):
        return [w for w in self.keywords.replace("，", ",").replace(",", " ").split() if w]
