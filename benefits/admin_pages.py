"""The staff's tasks about the numbers (录入新一年的工资基数, 调整报销比例, 查看某日适用的参数, 费率表) and the
stale-data alarms of the admin index; the add forms prefilled from a filtered list."""

from datetime import date
from urllib.parse import parse_qsl, urlencode

from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator

from core.admin_site import Alarm, Task, register_alarms, register_task
from core.history_words import reads_as

from .engine import schema
from .engine.core import BASELINE_LABELS
from .models import Baseline
from .rate_tables import shown_for
from .staleness import missing_baselines, missing_data, resident_window

SOURCE_SHOWN = 36  # characters of a source in the list: the document's name
PAID_IN = ("缴费", "账户")  # ratio tables of what is paid in, not of what is reimbursed


def first_of_next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


class PrefillFromFilters:
    """ "增加" from a filtered list (政策参数 of one parameter, 基数 of one kind) opens the form with that filter's
    values filled in; Django passes the list's filters along as `_changelist_filters`."""

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        names = {f.name for f in self.model._meta.fields}
        for name, value in parse_qsl(request.GET.get("_changelist_filters", "")):
            name = name.removesuffix("__exact")
            if name in names and name not in initial:
                initial[name] = value
        return initial


class RateTableFilter(admin.SimpleListFilter):
    """The parameters of one rate table (住院报销比例, …), in the rules' order of tables."""

    title = "费率表"
    parameter_name = "table"

    def lookups(self, request, model_admin):
        return [(path, table.label) for path, table in schema.tables().items()]

    def queryset(self, request, queryset):
        table = schema.tables().get(self.value() or "")
        return queryset.filter(key__in=list(table.parameters)) if table else queryset


class ParameterListColumns:
    """The parameter list in words that fit 1280 px: the name, the value as the rules print it (90%),
    the date, and the source's first words (the whole source is on the row's own page)."""

    @admin.display(description="名称")
    def label(self, obj):
        return obj.label

    @admin.display(description="数值")
    def value_shown(self, obj):
        return shown_for(obj.key, obj.value)

    @admin.display(description="依据")
    def source_short(self, obj):
        return Truncator(obj.source).chars(SOURCE_SHOWN)


@reads_as("benefits.ParameterValue", "value")
def value_in_history(value, record) -> str:
    return shown_for(record.key, value)


def baseline_add_url(kind: str, year: int | None = None) -> str:
    query = {"kind": kind, **({"year": year} if year else {})}
    return f"{reverse('admin:benefits_baseline_add')}?{urlencode(query)}"


ADD_BASELINE, ADD_VALUE = "benefits.add_baseline", "benefits.add_parametervalue"


def urgency(item, today: date) -> tuple:
    """What today's calculations need first, then what past dates need, then what later dates will need."""
    last = getattr(item, "last_needed", today)
    return (0 if item.first_needed <= today <= last else 1 if last < today else 2, item.first_needed)


def stale_data_alarms(today: date) -> list[Alarm]:
    start, end = resident_window(today)
    alarms = []
    for item in sorted(missing_data(start, end, today), key=lambda item: urgency(item, today)):
        if hasattr(item, "year"):
            alarms.append(
                Alarm(item.text(today), baseline_add_url(item.kind, item.year), "去录入", permission=ADD_BASELINE)
            )
        else:
            url = f"{reverse('admin:benefits_parametervalue_add')}?{urlencode({'key': item.key})}"
            alarms.append(Alarm(item.text(today), url, "去录入", permission=ADD_VALUE))
    return alarms


def _baselines_context(request) -> dict:
    today = timezone.localdate()
    start, end = resident_window(today)
    missing = missing_baselines(start, end, today)
    kinds = []
    for kind, label in BASELINE_LABELS.items():
        years = sorted(Baseline.objects.filter(kind=kind).values_list("year", flat=True))
        kinds.append(
            {
                "label": label,
                "latest": years[-1] if years else None,
                "missing": [m for m in missing if m.kind == kind],
                "add_url": baseline_add_url(kind, (years[-1] + 1) if years else None),
                "list_url": f"{reverse('admin:benefits_baseline_changelist')}?kind__exact={kind}",
            }
        )
    return {
        "kinds": kinds,
        "today": today,
        "may_add": request.user.has_perm("benefits.add_baseline"),
    }


def _ratio_context(request) -> dict:
    ratio_tables = [
        (index, table.label)
        for index, table in enumerate(schema.tables().values(), start=1)
        if any(p.unit == "ratio" for p in table.parameters.values()) and not any(w in table.label for w in PAID_IN)
    ]
    return {
        "ratio_tables": ratio_tables,
        "tables_url": reverse("admin:benefits_rate_tables"),
        "new_from": first_of_next_month(timezone.localdate()),
        "may_add": request.user.has_perm("benefits.add_parametervalue"),
    }


def _in_force_context(request) -> dict:
    today = timezone.localdate()
    return {
        "in_force_url": reverse("admin:benefits_in_force"),
        "days": [("今天", today), ("下月1日", first_of_next_month(today)), ("明年1月1日", date(today.year + 1, 1, 1))],
        "today": today,
    }


def _tables_context(request) -> dict:
    return {"tables_url": reverse("admin:benefits_rate_tables"), "today": timezone.localdate()}


register_task(
    Task(
        "baselines",
        "录入新一年的工资基数",
        "统计部门公布新一年的工资或收入数据后，录入一条新年度的基数。",
        "admin/tasks/baselines.html",
        10,
        _baselines_context,
    )
)
register_task(
    Task(
        "ratios",
        "调整报销比例",
        "新文件改变了报销比例：在费率表里为那一格录入自新日期起的数值。",
        "admin/tasks/ratios.html",
        20,
        _ratio_context,
    )
)
register_task(
    Task(
        "in-force",
        "查看某日适用的参数",
        "居民问到某一天的待遇时，查看那一天适用的每个数值和缺少的数据。",
        "admin/tasks/in_force.html",
        40,
        _in_force_context,
    )
)
register_task(
    Task(
        "tables",
        "费率表",
        "按规定原样排列的各项比例和限额，可查看任一日期的费率。",
        "admin/tasks/tables.html",
        50,
        _tables_context,
    )
)
register_alarms(stale_data_alarms)
