"""Staff maintain the numbers: dated parameter values and yearly baselines, with history.

Two extra pages: the rate tables as the rules print them, and "in force on a date" with the
baseline years that are missing or stale. Staff outside 医保政策维护 may only look.
"""

from datetime import date

from django.contrib import admin
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from core.concurrent_edits import ConcurrentEditAdmin

from .engine import schema
from .engine.core import BASELINE_LABELS
from .models import Baseline, Hospital, ParameterValue, declared
from .parameters import parameters_on


class StaffMayViewMixin:
    """Every staff member may look at the numbers; changing them needs the group's permissions."""

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff


@admin.register(ParameterValue)
class ParameterValueAdmin(ConcurrentEditAdmin, StaffMayViewMixin, SimpleHistoryAdmin):
    list_display = ("label", "key", "value_text", "unit", "effective_from", "source")
    list_filter = ("effective_from",)
    search_fields = ("key", "source", "note")
    ordering = ("key", "-effective_from")
    history_list_display = ("value", "effective_from", "source")
    change_list_template = "admin/benefits/parametervalue/change_list.html"

    @admin.display(description="名称")
    def label(self, obj):
        return obj.label

    @admin.display(description="数值")
    def value_text(self, obj):
        return obj.value_text

    @admin.display(description="单位")
    def unit(self, obj):
        return obj.unit

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
        """Rate tables as the rules print them (e.g. 住院报销比例: scheme × hospital level), one per data file."""
        on = self._chosen_date(request)
        values = parameters_on(on).values
        grid = []
        for table in schema.tables().values():
            if table.rows:
                cols = list(table.columns.values())
                rows = [
                    (label, [table.at.get((row, col)) for col in table.columns]) for row, label in table.rows.items()
                ]
            else:  # a table of single values: one row each
                cols, rows = ["数值"], [(p.label, [key]) for key, p in table.parameters.items()]
            cells = [(label, [key and {"key": key, "value": values.get(key)} for key in keys]) for label, keys in rows]
            grid.append({"title": table.label, "cols": cols, "rows": cells})
        context = {
            **self.admin_site.each_context(request),
            "title": "费率表",
            "tables": grid,
            "on": on,
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


@admin.register(Baseline)
class BaselineAdmin(ConcurrentEditAdmin, StaffMayViewMixin, SimpleHistoryAdmin):
    list_display = ("year", "kind", "value", "source")
    list_filter = ("kind",)
    ordering = ("kind", "-year")
    history_list_display = ("value", "source")


@admin.register(Hospital)
class HospitalAdmin(ConcurrentEditAdmin, StaffMayViewMixin, SimpleHistoryAdmin):
    """The hospitals residents can find by name in the 医院级别 question; while none is listed the
    question asks for the level alone."""

    list_display = ("name", "level", "district", "active", "source")
    list_filter = ("level", "district", "active")
    search_fields = ("name", "aliases", "source")
    ordering = ("district", "name")
    history_list_display = ("level", "active", "source")
