"""The numbers of the rules as data: dated parameter values and yearly wage baselines.

Which parameters exist (key, label, unit, allowed range) is declared once, in the rate tables'
files (benefits/data/parameters/*.yaml, read by benefits.engine.schema); the values staff keep, their
dates and sources live here, with history.
"""

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from .engine.core import BASELINE_LABELS
from .engine.schema import UNITS, tables
from .engine.schema import parameters as declared
from .plausibility import baseline_value_problem, baseline_year_problem, effective_date_problem


def parameter_choices():
    """Grouped by rate table, in the tables' own order (the labels are unique; keys are not shown to staff)."""
    return [(t.label, [(p.key, p.label) for p in t.parameters.values()]) for t in tables().values()]


class ParameterValue(models.Model):
    key = models.CharField("参数", max_length=100, choices=parameter_choices)
    effective_from = models.DateField("生效日期")
    value = models.DecimalField(
        "数值",
        max_digits=16,
        decimal_places=4,
        null=True,
        blank=True,
        help_text="比例填小数（90%填0.90）。留空表示自生效日起规则未规定此数值。",
    )
    source = models.CharField("依据", max_length=300, help_text="文件名称、文号、条款")
    note = models.TextField("备注", blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["key", "-effective_from"]
        verbose_name = verbose_name_plural = "政策参数"
        constraints = [
            models.UniqueConstraint(
                fields=["key", "effective_from"],
                name="one_value_per_key_and_date",
                violation_error_message="这个参数在该生效日期已有数值；如需更正，请修改原有记录。",
            )
        ]

    def __str__(self):
        return f"{self.label}：{self.value_text}（{self.effective_from}起）"

    @property
    def declaration(self):
        return declared().get(self.key)

    @property
    def label(self):
        return self.declaration.label if self.declaration else self.key

    @property
    def unit(self):
        return UNITS.get(self.declaration.unit, "") if self.declaration else ""

    @property
    def value_text(self):
        if self.value is None:
            return "未规定"
        return f"{self.value.normalize():f}"

    def clean(self):
        declaration = self.declaration
        if declaration is None:
            raise ValidationError({"key": "没有这个参数。"})
        errors = {}
        if self.value is not None:
            errors["value"] = declaration.check(self.value)
        if self.effective_from is not None:
            errors["effective_from"] = effective_date_problem(self.effective_from)
        errors = {name: message for name, message in errors.items() if message}
        if errors:
            raise ValidationError(errors)


class Baseline(models.Model):
    KINDS = list(BASELINE_LABELS.items())

    kind = models.CharField("基数类别", max_length=40, choices=KINDS)
    year = models.PositiveSmallIntegerField("统计年度")
    value = models.DecimalField("数值（元）", max_digits=12, decimal_places=2)
    source = models.CharField("依据", max_length=300)
    note = models.TextField("备注", blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "-year"]
        verbose_name = verbose_name_plural = "工资与收入基数"
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "year"],
                name="one_baseline_per_kind_and_year",
                violation_error_message="这一年度的该项基数已录入；如需更正，请修改原有记录。",
            )
        ]

    def __str__(self):
        return f"{self.year}年{self.get_kind_display()}：{self.value}元"

    def clean(self):
        errors = {}
        if self.value is not None:
            errors["value"] = baseline_value_problem(self.kind, self.get_kind_display(), self.value)
        if self.year is not None:
            errors["year"] = baseline_year_problem(self.year)
        errors = {name: message for name, message in errors.items() if message}
        if errors:
            raise ValidationError(errors)

    def previous(self):
        """The figure of the nearest earlier year of the same kind (the one a change is compared with)."""
        earlier = Baseline.objects.filter(kind=self.kind, year__lt=self.year).exclude(pk=self.pk)
        return earlier.order_by("-year").first()


def hospital_levels():
    """The levels a hospital may have: the options of the wizards' 医院级别 question (the engine's levels)."""
    from .wizards import LEVEL

    return [(o.value, o.label) for o in LEVEL.options]


class Hospital(models.Model):
    """A designated hospital (定点医疗机构) residents can find by name in the wizards' 医院级别 question."""

    DISTRICTS = [
        (name, name)
        for name in (
            *("福田区", "罗湖区", "南山区", "盐田区", "宝安区", "龙岗区"),
            *("龙华区", "坪山区", "光明区", "大鹏新区", "深汕特别合作区"),
        )
    ]

    name = models.CharField("医院名称", max_length=100, unique=True, help_text="居民看到的全称，例如 深圳市人民医院")
    aliases = models.CharField(
        "其他叫法", max_length=200, blank=True, help_text="居民常用的简称或旧名，用“、”隔开，查找时也能找到"
    )
    level = models.CharField("医院级别", max_length=2, choices=hospital_levels)
    district = models.CharField("所在区", max_length=20, choices=DISTRICTS)
    source = models.CharField("级别的依据", max_length=300, help_text="公布级别的文件或名单的名称、日期")
    active = models.BooleanField("在居民的查找列表里", default=True, help_text="不再是定点医院或已合并的，取消勾选")
    history = HistoricalRecords()

    class Meta:
        ordering = ["district", "name"]
        verbose_name = verbose_name_plural = "定点医院"

    def __str__(self):
        return f"{self.name}（{self.get_level_display()}）"

    def clean(self):
        self.name, self.aliases = self.name.strip(), self.aliases.strip()


from .proposal_models import ChangeRequest, ReferenceCase  # noqa: E402,F401  (drafts of changes, benefits.proposals)
