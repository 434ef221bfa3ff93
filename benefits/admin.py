"""Staff maintain the numbers: dated parameter values and yearly baselines, with history.

Two extra pages: the rate tables as the rules print them, and "in force on a date" with the
baseline years that are missing or stale. Staff outside 医保政策维护 may only look.
"""

import json
from datetime import date
from decimal import Decimal, InvalidOperation
from urllib.parse import urlencode

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from core.concurrent_edits import ConcurrentEditAdmin, ConcurrentEditForm
from core.history_words import ReasonedHistory

from .admin_access import StaffMayViewMixin
from .admin_pages import ParameterListColumns, PrefillFromFilters, RateTableFilter, first_of_next_month
from .admin_proposals import DraftingAdmin, with_reason
from .engine.core import BASELINE_LABELS
from .models import Baseline, Hospital, ParameterValue, declared
from .parameters import parameters_on
from .plausibility import baseline_kind, big_change, in_force_period, period_text
from .rate_tables import rate_tables, shown


class NoticesBeforeEditing:
    """Before a change or a deletion, the change form and the delete page say what it would do to which dates."""

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id)) if request.method == "GET" else None
        if obj is not None and self.has_change_permission(request, obj):
            self.notice_before_change(request, obj)
        return super().change_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id)) if request.method == "GET" else None
        if obj is not None and self.has_delete_permission(request, obj):
            self.notice_before_delete(request, obj)
        return super().delete_view(request, object_id, extra_context)

    def notice_before_change(self, request, obj):
        pass

    def notice_before_delete(self, request, obj):
        pass

    def save_model(self, request, obj, form, change):
        reason = getattr(form, "change_reason", "")
        if reason:
            obj._change_reason = reason  # kept in the history record of this save
        super().save_model(request, obj, form, change)


def typed_or_saved(form, name: str, saved):
    """The value a form shows in its box: what was typed (a form sent back with an error) or what is saved."""
    if not form.is_bound:
        return saved
    typed = form.data.get(form.add_prefix(name))
    return typed if typed is not None else saved


class ParameterValueForm(ConcurrentEditForm):
    """A ratio is typed as a decimal (0.90): its help text says the value as the rules print it (0.9 = 90%), and
    static/js/staff.js says it beside the box as staff type (data-ratio-keys: which parameters are ratios)."""

    class Meta:
        model = ParameterValue
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("value")
        if field is None:  # a member who may only look
            return
        ratios = sorted(key for key, declaration in declared().items() if declaration.unit == "ratio")
        field.widget.attrs["data-ratio-keys"] = " ".join(ratios)
        key = typed_or_saved(self, "key", self.instance.key or self.initial.get("key"))
        if key not in ratios:
            return
        field.widget.attrs["data-ratio"] = "true"  # for a page where the parameter is not a box to choose
        try:
            value = Decimal(str(typed_or_saved(self, "value", self.instance.value)).strip())
        except (InvalidOperation, ValueError):
            return
        if value.is_finite():
            field.help_text = f"{field.help_text}这里的{value.normalize():f} = {shown(value, 'ratio')}。"


@admin.register(ParameterValue)
class ParameterValueAdmin(
    DraftingAdmin,
    ParameterListColumns,
    PrefillFromFilters,
    NoticesBeforeEditing,
    ConcurrentEditAdmin,
    StaffMayViewMixin,
    SimpleHistoryAdmin,
):
    form = with_reason(ParameterValueForm)  # a change is a draft (变更申请) with its reason: admin_proposals
    list_display = ("label", "value_shown", "effective_from", "source_short")
    list_filter = (RateTableFilter, "effective_from")
    search_fields = ("key", "source", "note")
    ordering = ("key", "-effective_from")
    history_list_display = ("value", "effective_from", "source")
    change_list_template = "admin/benefits/parametervalue/change_list.html"

    class Media:
        js = ("js/staff.js",)  # "= 90%" beside the box as staff type a ratio

    def notice_before_change(self, request, obj):
        today = timezone.localdate()
        if obj.effective_from > today:
            return
        start, end = in_force_period(list(ParameterValue.objects.filter(key=obj.key)), obj)
        new_row = (
            reverse("admin:benefits_parametervalue_add")
            + "?"
            + urlencode({"key": obj.key, "effective_from": first_of_next_month(today).isoformat()})
        )
        messages.warning(
            request,
            format_html(
                "这个数值已经生效，适用于{}的日期。修改它会改变这些日期（包括已经过去的日期）的计算结果。"
                '如规则自某日起改变，请不要修改本条，而是<a href="{}">新增一条自新日期起生效的记录</a>。',
                period_text(start, end),
                new_row,
            ),
        )

    def notice_before_delete(self, request, obj):
        rows = list(ParameterValue.objects.filter(key=obj.key))
        start, end = in_force_period(rows, obj)
        earlier = max(
            (r for r in rows if r.effective_from < obj.effective_from), key=lambda r: r.effective_from, default=None
        )
        if earlier is None or earlier.value is None:
            messages.warning(
                request,
                f"删除后，{period_text(start, end)}的日期将没有“{obj.label}”的数值："
                "需要它的计算在这些日期都将无法进行。",
            )
        else:
            messages.warning(
                request,
                f"删除后，{period_text(start, end)}的日期将改用{earlier.effective_from:%Y年%m月%d日}起的数值"
                f"{earlier.value_text}{obj.unit}。",
            )

    def get_urls(self):
        extra = [
            path("tables/", self.admin_site.admin_view(self.tables_view), name="benefits_rate_tables"),
            path("in-force/", self.admin_site.admin_view(self.in_force_view), name="benefits_in_force"),
        ]
        return extra + super().get_urls()

    def _chosen_date(self, request) -> date:
        try:
            return date.fromisoformat(request.GET.get("date", ""))
        except ValueError:
            return timezone.localdate()

    def tables_view(self, request):
        """Rate tables as the rules print them (e.g. 住院报销比例: scheme × hospital level), one per rule."""
        on = self._chosen_date(request)
        context = {
            **self.admin_site.each_context(request),
            "title": "费率表",
            "tables": rate_tables(parameters_on(on), first_of_next_month(timezone.localdate())),
            "on": on,
            "may_add": self.has_add_permission(request),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/benefits/rate_tables.html", context)

    def in_force_view(self, request):
        """Which value of each parameter applies on a date, and which baseline years are missing."""
        on = self._chosen_date(request)
        rows = {}
        for value in ParameterValue.objects.filter(effective_from__lte=on).order_by("key", "-effective_from"):
            rows.setdefault(value.key, value)
        params = [(p, rows.get(p.key)) for p in sorted(declared().values(), key=lambda p: p.key)]
        context = {
            **self.admin_site.each_context(request),
            "title": f"{on:%Y年%m月%d日}适用的参数",
            "params": params,
            "on": on,
            "baselines": baseline_status(on, parameters_on(on)),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/benefits/in_force.html", context)


def baseline_status(on: date, snapshot) -> list[dict]:
    """For each baseline kind: the year the rules want on `on` (上上年度), the years entered, whether it is missing."""
    offset = snapshot.values.get("baseline.year_offset")
    wanted = on.year - int(offset) if offset is not None else None
    status = []
    for kind, label in BASELINE_LABELS.items():
        years = sorted(Baseline.objects.filter(kind=kind).values_list("year", flat=True))
        status.append(
            {
                "kind": kind,
                "label": label,
                "wanted": wanted,
                "years": years,
                "missing": wanted not in years,
                "latest": years[-1] if years else None,
            }
        )
    return status


def years_using_baseline(baseline_year: int) -> list[int]:
    """The years, up to this one, whose calculations use this year's baseline: the rules take the year
    before (before 2023-10-01) or the year before last (since), as baseline.year_offset says on each date."""
    used = []
    for year in range(baseline_year, timezone.localdate().year + 1):
        for day in (date(year, 1, 1), date(year, 12, 31)):
            offset = parameters_on(day).values.get("baseline.year_offset")
            if offset is not None and year - int(offset) == baseline_year and year not in used:
                used.append(year)
    return used


class BaselineForm(ConcurrentEditForm):
    """A change of more than ±25% from the previous year's figure is saved only once the staff member confirms it."""

    confirm_change = forms.BooleanField(
        label="确认变化",
        required=False,
        help_text="与上一年度相比变化超过25%时，请核对两个数值后勾选，确认后才能保存（确认会记入历史记录）。",
    )

    class Meta:
        model = Baseline
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        """数值 says its unit, 元/年 or 元/月, by the kind (baselines.json); staff.js changes it when the kind does."""
        super().__init__(*args, **kwargs)
        field = self.fields.get("value")
        if field is None:
            return
        units = {kind: baseline_kind(kind)["unit"] for kind in BASELINE_LABELS}
        field.widget.attrs["data-units"] = json.dumps(units, ensure_ascii=False)
        kind = typed_or_saved(self, "kind", self.instance.kind or self.initial.get("kind"))
        either = "或".join(dict.fromkeys(units.values()))
        field.label = f"数值（{units[kind]}）" if kind in units else f"数值（{either}，按基数类别）"

    def clean(self):
        cleaned = super().clean()
        candidate = Baseline(
            kind=cleaned.get("kind"), year=cleaned.get("year"), value=cleaned.get("value"), pk=self.instance.pk
        )
        try:
            candidate.clean()
        except ValidationError:
            return cleaned  # the value or year itself is implausible: the model's message says so
        if self.errors or candidate.value is None:
            return cleaned
        previous = candidate.previous()
        change = previous and big_change(previous.year, previous.value, cleaned["value"])
        if change and not cleaned.get("confirm_change"):
            self.add_error("value", change + "如确认无误，请勾选下面的“确认变化”后再保存。")
        elif change:
            self.change_reason = ("已确认变化：" + change)[:100]
        return cleaned


@admin.register(Baseline)
class BaselineAdmin(
    DraftingAdmin, PrefillFromFilters, NoticesBeforeEditing, ConcurrentEditAdmin, StaffMayViewMixin, SimpleHistoryAdmin
):
    form = with_reason(BaselineForm)
    list_display = ("year", "kind", "value", "source")

    class Media:
        js = ("js/staff.js",)  # the unit beside 数值 follows the kind chosen

    list_filter = ("kind",)
    ordering = ("kind", "-year")
    history_list_display = ("value", "source")

    def notice_before_change(self, request, obj):
        years = "、".join(f"{y}年" for y in years_using_baseline(obj.year))
        if years:
            messages.warning(
                request,
                f"{obj.year}年的这项基数用于{years}的计算（上年度或上上年度，按当时的规定）。"
                "修改它会改变这些日期（包括已经过去的日期）的计算结果；只有数值录错时才修改，新一年的数据请新增一条。",
            )

    def notice_before_delete(self, request, obj):
        others = sorted(Baseline.objects.filter(kind=obj.kind).exclude(pk=obj.pk).values_list("year", flat=True))
        label = obj.get_kind_display()
        if not others:
            messages.warning(request, f"删除后将没有任何年度的{label}：所有需要它的计算在任何日期都将无法进行。")
            return
        fallback = max((y for y in others if y < obj.year), default=min(others))
        messages.warning(
            request,
            f"删除后，需要{obj.year}年{label}的计算将改用{fallback}年的数值，并提示该年数据“尚未公布”。",
        )


@admin.register(Hospital)
class HospitalAdmin(ReasonedHistory, ConcurrentEditAdmin, StaffMayViewMixin, SimpleHistoryAdmin):
    """The hospitals residents can find by name in the 医院级别 question; while none is listed the
    question asks for the level alone."""

    list_display = ("name", "level", "district", "active", "source")
    list_filter = ("level", "district", "active")
    search_fields = ("name", "aliases", "source")
    ordering = ("district", "name")
    history_list_display = ("level", "active", "source")
