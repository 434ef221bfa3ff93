"""Drafts of changes to the numbers (变更申请) and the reference cases their preview reruns.

A change to a parameter value or a baseline is not saved in place: it is written as a draft with its
reason, previewed against the reference cases, and published only when a second member of 医保政策维护
approves it (benefits.proposals). Nothing here is public: saving a draft or a case raises no content version.
"""

from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .engine.registry import CALCULATORS

POLICY_GROUP = "医保政策维护"  # benefits/migrations/0002


def calculator_choices():
    return [(slug, calculator.title) for slug, calculator in CALCULATORS.items()]


class ChangeRequest(models.Model):
    PARAMETER, BASELINE = "parameter", "baseline"
    TARGETS = [(PARAMETER, "政策参数"), (BASELINE, "工资与收入基数")]
    ADD, CHANGE, DELETE, REVERT = "add", "change", "delete", "revert"
    ACTIONS = [(ADD, "新增"), (CHANGE, "修改"), (DELETE, "删除"), (REVERT, "还原")]
    PENDING, APPROVED, REJECTED, WITHDRAWN = "pending", "approved", "rejected", "withdrawn"
    STATES = [(PENDING, "待审核"), (APPROVED, "已发布"), (REJECTED, "已退回"), (WITHDRAWN, "已撤回")]

    target = models.CharField("对象", max_length=20, choices=TARGETS)
    action = models.CharField("变更类型", max_length=20, choices=ACTIONS)
    # The row changed, deleted or reverted (none for an addition), and its newest history record when the
    # draft was written: approving a draft whose row changed since is refused (no silent overwrite).
    row_id = models.PositiveIntegerField("记录编号", null=True, blank=True)
    base_record = models.PositiveIntegerField("起草时记录的版本", null=True, blank=True)
    reverted_to = models.PositiveIntegerField("还原到的历史版本", null=True, blank=True)
    proposed = models.JSONField("拟定内容", default=dict, help_text="字段名 → 文字；删除时为被删除的记录")
    previous = models.JSONField("原内容", default=dict, blank=True)
    reason = models.TextField("变更原因", max_length=500)
    status = models.CharField("状态", max_length=20, choices=STATES, default=PENDING)
    # Accounts by username, not by key: a draft restored from a backup keeps who wrote and decided it.
    author = models.CharField("起草人", max_length=150)
    created_at = models.DateTimeField("起草时间", default=timezone.now)
    decided_by = models.CharField("审核人", max_length=150, blank=True)
    decided_at = models.DateTimeField("审核时间", null=True, blank=True)
    decision_note = models.TextField("退回理由或处理说明", blank=True, max_length=500)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = verbose_name_plural = "变更申请"

    def __str__(self):
        return f"变更申请#{self.pk}：{self.get_action_display()}{self.subject}（{self.get_status_display()}）"

    @property
    def subject(self) -> str:
        """What the draft is about, in staff words: 住院报销比例… 2025-01-01起 / 2024年在岗职工年平均工资."""
        data = self.proposed or self.previous
        if self.target == self.BASELINE:
            from .engine.core import BASELINE_LABELS

            return f"{data.get('year', '')}年{BASELINE_LABELS.get(data.get('kind'), data.get('kind', ''))}"
        from .engine.schema import parameters

        declared = parameters().get(data.get("key", ""))
        label = declared.label if declared else data.get("key", "")
        return f"“{label}”（{data.get('effective_from', '')}起）"

    @property
    def pending(self) -> bool:
        return self.status == self.PENDING


class ReferenceCase(models.Model):
    """A typical resident's case staff add, rerun by every draft's preview beside the calculators' table cases."""

    name = models.CharField("名称", max_length=100, unique=True, help_text="例如 退休职工三级医院住院8万元")
    calculator = models.CharField("计算器", max_length=40, choices=calculator_choices)
    day = models.DateField("日期", help_text="看病或办理的日期；预览时改用变更申请所涉及的日期")
    inputs = models.JSONField("回答", default=dict, help_text="每行一项：问题代码 = 回答，例如 amount = 80000")
    note = models.TextField("说明", blank=True, max_length=1000)
    active = models.BooleanField("预览时计算", default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["calculator", "name"]
        verbose_name = verbose_name_plural = "参考案例"

    def __str__(self):
        return self.name

    def as_case(self) -> dict:
        """The case in the reference files' shape (benefits.engine.reference)."""
        return {"name": self.name, "date": self.day.isoformat(), "inputs": dict(self.inputs)}
