"""The handbook 《深圳医保政策问答手册》: its sections and its 48 questions, word for word."""

from urllib.parse import urlencode

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords


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
        return reverse("faq:section", args=[self.slug])


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
    def heading(self):
        return self.short_title or self.question

    @property
    def paragraphs(self):
        return [p for p in self.answer.split("\n") if p]

    @property
    def calculator_url(self):
        """The matching wizard, pre-filled with the answers the question implies (e.g. 问32: 深圳户籍 retiree)."""
        if not self.calculator:
            return ""
        url = reverse("wizard-start", args=[self.calculator])
        return f"{url}?{urlencode(self.calculator_prefill)}" if self.calculator_prefill else url

    @property
    def keyword_list(self):
        return [w for w in self.keywords.replace("，", ",").replace(",", " ").split() if w]
