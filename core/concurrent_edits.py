"""No lost edits in the admin: the second of two overlapping saves is refused, with the other's change.

The change form carries the id of the newest history record (django-simple-history) at the time
it was opened. On save, the row is locked (SELECT … FOR UPDATE inside the admin's transaction, so
two saves cannot pass the check together on PostgreSQL) and, if someone saved since and changed
any field of this form, the save is refused with who, when and what they changed. The refused
form keeps the staff member's input and now carries the newest id: saving again is a deliberate
overwrite, never a silent one. No schema change: the history already records every save.
"""

from django import forms
from django.contrib.admin.utils import unquote
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import router, transaction
from django.utils import timezone

from .history_words import plain_value, who

TOKEN = "edit_token"
MAX_SHOWN = 5  # newer saves listed in the message


def newest_record(instance):
    return instance.history.order_by("-history_date", "-history_id").first()


def _locked(model, pk):
    queryset = model._default_manager.filter(pk=pk)
    if transaction.get_connection(router.db_for_write(model)).in_atomic_block:
        queryset = queryset.select_for_update()
    return queryset.first()


def _shown(model, name: str, value, record) -> str:
    text = plain_value(model, name, value, record)
    return text if len(text) <= 80 else text[:80] + "…"


def _change_line(model, record, previous, fields) -> str:
    when = timezone.localtime(record.history_date).strftime("%Y-%m-%d %H:%M:%S")
    line = f"{who(record)} 于 {when} 保存了这条记录"
    if previous is not None:
        changes = record.diff_against(previous, included_fields=fields).changes
        described = [
            f"{model._meta.get_field(c.field).verbose_name}："
            f"{_shown(model, c.field, c.old, record)} → {_shown(model, c.field, c.new, record)}"
            for c in changes
        ]
        if described:
            line += "，改动：" + "；".join(described)
    if record.history_change_reason:
        line += f"（说明：{record.history_change_reason}）"
    return line + "。"


class ConcurrentEditForm(forms.ModelForm):
    edit_token = forms.CharField(label="打开时的版本", widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and not self.is_bound:
            newest = newest_record(self.instance)
            self.initial[TOKEN] = str(newest.history_id) if newest else ""

    def _tracked_fields(self, history_model) -> list[str]:
        names = []
        for name in self.fields:
            try:
                history_model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            names.append(name)
        return names

    def clean(self):
        cleaned = super().clean()
        token = (cleaned.get(TOKEN) or "").strip()
        if self.instance.pk is None or not token.isdigit():
            return cleaned  # a new record (unique constraints guard those) or a form posted without a token
        model = self._meta.model
        current = _locked(model, self.instance.pk)
        if current is None:
            return cleaned
        seen_id = int(token)
        newer = list(current.history.filter(history_id__gt=seen_id).order_by("history_date", "history_id"))
        if not newer:
            return cleaned
        seen = current.history.filter(history_id=seen_id).first()
        fields = self._tracked_fields(type(newer[0]))
        if seen is not None and not seen.diff_against(newer[-1], included_fields=fields).changes:
            return cleaned  # saved meanwhile, but nothing this form holds was changed
        previous = [seen, *newer[:-1]]
        lines = [_change_line(model, record, prev, fields) for record, prev in zip(newer, previous, strict=True)]
        if len(lines) > MAX_SHOWN:
            lines = [f"（另有{len(lines) - MAX_SHOWN}次较早的保存未列出）", *lines[-MAX_SHOWN:]]
        # The form shows the staff member's input again; saving it once more overwrites knowingly.
        data = self.data.copy()
        data[self.add_prefix(TOKEN)] = str(newer[-1].history_id)
        self.data = data
        raise ValidationError(
            [
                "保存未成功：您打开本页之后，这条记录已被他人修改。您的修改尚未保存。",
                *lines,
                "请核对以上最新内容：如仍以您填写的内容为准，请再次点击“保存”（将覆盖对方的修改）；"
                "如要放弃您的修改，请重新打开本页。",
            ],
            code="edit_conflict",
        )


class ConcurrentEditAdmin:
    """Mix into a SimpleHistoryAdmin (first in the bases) to refuse overlapping saves."""

    form = ConcurrentEditForm

    def get_fields(self, request, obj=None):
        fields = [name for name in super().get_fields(request, obj) if name != TOKEN]
        if obj is not None and self.has_change_permission(request, obj):
            fields.append(TOKEN)
        return fields

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # Reverting to an old version is a save: django-simple-history checks only the view permission,
        # so whoever may merely look could post the form. A revert needs the change permission.
        if request.method not in ("GET", "HEAD"):
            obj = self.get_object(request, unquote(object_id))
            # A deleted record's old version would be added back.
            allowed = self.has_add_permission(request) if obj is None else self.has_change_permission(request, obj)
            if not allowed:
                raise PermissionDenied
        # Check for lost edits and lock in one transaction.
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().history_form_view(request, object_id, version_id, extra_context)
