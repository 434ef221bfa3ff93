"""History in plain words: who changed what, from what to what, and why.

The history pages (templates/simple_history/) list each save with its author, the fields it changed in
their Chinese names, the old and new values as staff typed them (long texts in full, the changed words
marked) and the reason. An app may say how one of its fields reads (FAQ 相关问题 as question titles).
"""

import difflib
import json
import re
from collections.abc import Callable
from decimal import Decimal

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator

LONG_TEXT = 60  # characters: a longer text is shown whole with its changed words marked
_FORMATTERS: dict[tuple[str, str], Callable] = {}


def reads_as(model_label: str, field_name: str):
    """Register how a field's stored value reads to staff, e.g. a list of question numbers as their titles:
    func(value, record), the record (a model instance or a history record) giving the value its meaning."""

    def register(func):
        _FORMATTERS[model_label.lower(), field_name] = func
        return func

    return register


def who(record) -> str:
    user = record.history_user
    if user is None:
        return "系统（数据导入或命令）"
    return user.get_full_name() or user.get_username()


def plain_value(model, name: str, value, record=None) -> str:
    """A stored value as staff typed or chose it: choices by their label, 0.9000 as 0.9, lists in words."""
    formatter = _FORMATTERS.get((model._meta.label_lower, name))
    if formatter is not None and record is not None:
        return formatter(value, record)
    field = model._meta.get_field(name)
    if value is None or value == "" or value == [] or value == {}:
        return "（空）"
    if field.choices:
        value = dict(field.flatchoices).get(value, value)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


PHRASE = re.compile(r"[^，。；：、！？,.;:!?\n]*[，。；：、！？,.;:!?\n]?")


def phrases(text: str) -> list[str]:
    """Chinese text compared phrase by phrase (up to each ，。；): a character diff of Chinese is unreadable."""
    return [p for p in PHRASE.findall(text) if p]


def marked_diff(old: str, new: str):
    """The new text whole, with the phrases removed struck through and the phrases added underlined."""
    before, after = phrases(old), phrases(new)
    parts = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if op in ("delete", "replace"):
            parts.append(("del", "".join(before[a1:a2])))
        if op in ("insert", "replace"):
            parts.append(("ins", "".join(after[b1:b2])))
        if op == "equal":
            parts.append(("span", "".join(before[a1:a2])))
    return format_html_join("", "<{0}>{1}</{0}>", parts)


def record_changes(record) -> list[dict]:
    """What this save changed, field by field (for the first save: what it entered)."""
    model = record.instance_type
    tracked = [f.name for f in model._meta.fields if f.name != model._meta.pk.name]
    previous = record.prev_record
    if previous is None:
        names = [name for name in tracked if getattr(record, name, None) not in (None, "", [], {})]
        pairs = [(name, None, getattr(record, name)) for name in names]
    else:
        delta = record.diff_against(previous, included_fields=[n for n in tracked if hasattr(previous, n)])
        pairs = [(c.field, c.old, c.new) for c in delta.changes]
    changes = []
    for name, old, new in pairs:
        old_text, new_text = plain_value(model, name, old, record), plain_value(model, name, new, record)
        long = max(len(old_text), len(new_text)) > LONG_TEXT
        if previous is None:  # the first version: what it held, long texts in short (whole on its own page)
            shown = Truncator(new_text).chars(LONG_TEXT)
            changes.append({"label": model._meta.get_field(name).verbose_name, "old": "", "new": shown, "diff": ""})
            continue
        changes.append(
            {
                "label": model._meta.get_field(name).verbose_name,
                "old": old_text,
                "new": new_text,
                "diff": marked_diff(old_text, new_text) if long else "",
            }
        )
    return changes


ACTION_WORDS = {"+": "新增", "~": "修改", "-": "删除"}


def action(record) -> str:
    return ACTION_WORDS.get(record.history_type, record.history_type)


REASON_FIELD = "change_reason"


def reverting(request) -> bool:
    """Whether this request is django-simple-history's revert form ("history/<id>/")."""
    match = request.resolver_match
    return match is not None and (match.url_name or "").endswith("_simple_history")


class ReasonedHistory:
    """Every save keeps the staff member's reason (the form's required `change_reason`) in its history record;
    a revert is recorded as 还原, and afterwards the staff member lands on the record they reverted, not on
    the whole list with a 修改 message."""

    def save_model(self, request, obj, form, change):
        reason = form.cleaned_data.get(REASON_FIELD, "")
        if reverting(request):
            version = request.resolver_match.kwargs.get("version_id")
            record = obj.history.filter(history_id=version).first()
            when = f"{timezone.localtime(record.history_date):%Y-%m-%d %H:%M}" if record else "所选"
            reason = f"还原为{when}的版本：{reason}"
        obj._change_reason = reason[:100]
        super().save_model(request, obj, form, change)

    def response_change(self, request, obj):
        if not reverting(request) or "_save" not in request.POST:
            return super().response_change(request, obj)
        opts = obj._meta
        messages.success(request, format_html("已将“{}”还原为所选的历史版本，这次还原已记入历史。", obj))
        return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]))
