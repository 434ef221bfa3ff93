"""The handbook 《深圳医保政策问答手册》: its sections and its 48 questions, word for word."""

import logging
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from benefits.engine.inputs import FieldError
from benefits.forms import stored_spelling
from benefits.wizard import validate
from benefits.wizards import WIZARDS
from core.in_force import KeptInForce
from core.reversing import reverse_once

logger = logging.getLogger(__name__)
MAX_RELATED = 3  # the question page shows three related questions

NOTICE_KINDS = [
    ("updated", "政策已更新"),  # 《深圳市医疗保障办法》 changed a rule the answer states
    ("note", "补充说明"),  # the answer still holds; the notice adds a related rule or a caution
]
# What residents must never see in a notice: our file names and section signs (issue 15).
INTERNAL_MARKS = ("§", "rules-2023", "seed", "种子", ".txt", ".md", "000_", "003_")


def resident_words(text: str) -> None:
    """A notice and its citation are shown to residents: no internal file names or section signs."""
    found = [mark for mark in INTERNAL_MARKS if mark in text.lower()]
    if found:
        raise ValidationError(
            "群众看到的内容里不要写内部文件名或符号（%(marks)s），请改写成《深圳市医疗保障办法》、手册问N等说法。",
            params={"marks": "、".join(found)},
        )


# 常见问法 are read by the search, never shown to residents; these bounds keep a paste of a whole
# document (or a runaway script) from slowing every search's index (faq.search caps a query at 100 characters).
MAX_WAYS = 40
MAX_WAY_CHARS = 60


def ways_within_bounds(text: str) -> None:
    """At most MAX_WAYS 常见问法 of at most MAX_WAY_CHARS characters each, one per line."""
    ways = split_ways(text)
    if len(ways) > MAX_WAYS:
        raise ValidationError(f"常见问法最多写{MAX_WAYS}条（现在{len(ways)}条），请删去意思重复的。")
    long = [way for way in ways if len(way) > MAX_WAY_CHARS]
    if long:
        raise ValidationError(f"每条常见问法最多{MAX_WAY_CHARS}个字，这一条太长：{long[0][:20]}…")


def split_ways(text: str) -> list[str]:
    """One 常见问法 a line (admin textareas send \r\n); blank lines are nothing."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def incomplete_notice(values: dict) -> dict:
    """What a notice still lacks before staff may save it ({field: message}): a notice carries its kind,
    its public citation and its source; a kind without a notice is a slip. Restores and the loader do not
    ask (a backup from before kinds existed has none), the admin form does."""
    if not (values.get("policy_update") or "").strip():
        return {"notice_kind": "没有提示内容时，提示类型请留空。"} if values.get("notice_kind") else {}
    missing = {
        "notice_kind": "请选择提示类型。",
        "notice_citation": "请写明群众看到的依据。",
        "notice_source": "请写明依据原文，便于核对。",
    }
    return {name: message for name, message in missing.items() if not (values.get(name) or "").strip()}


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
    def heading(self):
        return self.short_title or self.question

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
        return reverse_once("faq:section", args=[self.slug])


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


def prefill_accepted(calculator: str, prefill: dict) -> bool:
    """Whether every prefilled answer is one its step accepts, checked as the wizard's own pages check a stored
    answer (benefits.forms.stored_spelling: by the question's field alone, a third of a form's work, and kept per
    content version and day, where the wizard's pages find it too). The quick way to the usual answer, no
    problems; prefill_problems, which builds each step's form, is asked only for the words of a refusal."""
    wizard = WIZARDS.get(calculator)
    if wizard is None:
        return not prefill
    for name, value in prefill.items():
        ask = wizard.ask(name)
        if ask is None or stored_spelling(wizard, ask, value) is None:
            return False
    return True


# each calculator link's check, for the data in force (core.in_force)
SHOWN_PREFILLS = KeptInForce(most=256)


def shown_prefill_problems(calculator: str, prefill) -> list[str]:
    """prefill_problems for a question page's calculator link, each calculator's answers checked once per content
    version and day in this process: several questions prefill the same answers (contribution, resident_adult:
    问1–4), and the wizard's checks read the rates in force today, which only a staff save (raising the version)
    or midnight changes."""
    if not isinstance(prefill, dict) or not all(isinstance(v, str) for v in prefill.values()):
        return prefill_problems(calculator, prefill)  # a stored value the admin would refuse: said each time

    def problems() -> list[str]:
        return [] if prefill_accepted(calculator, prefill) else prefill_problems(calculator, prefill)

    return SHOWN_PREFILLS.table().remembered((calculator, tuple(sorted(prefill.items()))), problems)


class Question(models.Model):
    """One question of the handbook. Question and answer are the handbook's words; the
    policy note and review date are the staff's (kept with history)."""

    number = models.PositiveSmallIntegerField("问题编号", unique=True, help_text="手册中的编号，如“问12”")
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="questions", verbose_name="类别")
    question = models.TextField("问题（手册原文）")
    answer = models.TextField("回答（手册原文）", help_text="每段一行")
    asker_name = models.CharField("提问人", max_length=20)
    short_title = models.CharField(
        "短标题",
        max_length=40,
        blank=True,
        help_text="页面标题，如“起付线和封顶线是什么？”；手册的问题原文仍在漫画气泡里。留空则用漫画分镜里的标题。",
    )
    captions = models.JSONField("漫画对白", default=list, blank=True)
    keywords = models.TextField("搜索关键词", blank=True, help_text="用空格或逗号分隔，帮助群众用口语搜到本题")
    ways_of_asking = models.TextField(
        "常见问法",
        blank=True,
        validators=[ways_within_bounds],
        help_text="群众会怎样问这个问题，一行一条，例如“住院要先自己出多少钱”。搜索时按这些问法找到本题，不在页面上显示。"
        f"最多{MAX_WAYS}条，每条不超过{MAX_WAY_CHARS}个字。",
    )
    related = models.JSONField("相关问题编号", default=list, blank=True)
    calculator = models.CharField("对应计算器", max_length=30, blank=True)
    calculator_prefill = models.JSONField("计算器预填", default=dict, blank=True)
    # The notice beside the answer. `policy_update` holds its text (named before notes existed; the
    # name is kept so backups and other code keep working). Text and citation are public, the source is not.
    policy_update = models.TextField(
        "提示内容",
        blank=True,
        validators=[resident_words],
        help_text="每段一行。用群众看得懂的话写清新规定或补充的内容，只写依据里有的；留空表示本题没有提示。",
    )
    notice_kind = models.CharField(
        "提示类型",
        max_length=10,
        choices=NOTICE_KINDS,
        blank=True,
        help_text="政策已更新：新办法改变了回答中的规定；补充说明：回答仍有效，只是补充相关规定或提醒。",
    )
    notice_citation = models.CharField(
        "依据（公开显示）",
        max_length=200,
        blank=True,
        validators=[resident_words],
        help_text="群众看到的出处，如：《深圳市医疗保障办法》普通门诊待遇的规定；《深圳医保政策问答手册》问15。",
    )
    notice_source = models.TextField(
        "依据原文（内部核对）",
        blank=True,
        help_text="引用依据的原句及其章节，便于核对；手册以外的信息写明出处和核对日期。不在公开页面显示。",
    )
    last_reviewed = models.DateField("最近审核日期", null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["captions", "calculator_prefill"])

    NOTICE_FIELDS = ("policy_update", "notice_kind", "notice_citation", "notice_source")

    class Meta:
        ordering = ["number"]
        verbose_name = verbose_name_plural = "问答"

    def __str__(self):
        return f"问{self.number}. {self.question[:30]}"

    def get_absolute_url(self):
        return reverse_once("faq:question", args=[self.number])

    @property
    def heading(self):
        return self.short_title or self.question

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
    def notice_paragraphs(self):
        """Each line typed into the notice is a paragraph (admin textareas send \r\n)."""
        return [line.strip() for line in self.policy_update.splitlines() if line.strip()]

    @property
    def notice_title(self):
        # A notice saved without a kind claims the least: it is shown as a note, never as a change.
        return dict(NOTICE_KINDS).get(self.notice_kind) or dict(NOTICE_KINDS)["note"]

    @property
    def calculator_url(self):
        """The matching wizard, pre-filled with the answers the question implies (e.g. 问32: 深圳户籍 retiree).
        An unknown calculator gives no link, invalid prefill a link without it (both logged): never a broken page."""
        if not self.calculator:
            return ""
        if self.calculator not in WIZARDS:
            logger.warning("问%s的对应计算器无效，未显示链接：%r", self.number, self.calculator)
            return ""
        url = reverse_once("wizard-start", args=[self.calculator])
        problems = shown_prefill_problems(self.calculator, self.calculator_prefill)
        if problems:
            logger.warning("问%s的计算器预填无效，已跳过：%r（%s）", self.number, self.calculator_prefill, problems)
            return url
        return f"{url}?{urlencode(self.calculator_prefill)}" if self.calculator_prefill else url

    @property
    def way_list(self) -> list[str]:
        """The 常见问法 the search indexes; a stored value past the form's bounds (a restore, a shell) is cut
        to them rather than slowing the search."""
        return [way[:MAX_WAY_CHARS] for way in split_ways(self.ways_of_asking)[:MAX_WAYS]]

    @property
    def keyword_list(self):
        return [w for w in self.keywords.replace("，", ",").replace(",", " ").split() if w]
