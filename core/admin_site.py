"""The admin as staff think of it: the index starts from their tasks and says what data is missing.

A task (录入新一年的工资基数, 调整报销比例, …) is a short guided page: what the task is, that a new rule is a
new dated row and not an edit of the old one, and the buttons into the right prefilled form or list. Apps
register their tasks and their stale-data alarms (core stays free of the rules); the app lists stay below.
"""

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_GET


@dataclass(frozen=True)
class Task:
    slug: str
    title: str
    summary: str  # one line on the index
    template: str  # the guided page, extending admin/staff_task.html
    order: int
    context: Callable = field(default=lambda request: {})  # request → the page's own context


@dataclass(frozen=True)
class Alarm:
    """Something missing that staff must enter, in their words, with where to enter it."""

    text: str
    url: str = ""
    link_text: str = ""
    waiting: bool = False  # someone's work waits for a second person (a draft to approve), not missing data
    permission: str = ""  # who may follow the link (others read the text without a button they cannot use)


_tasks: dict[str, Task] = {}
_alarm_sources: list[Callable] = []


def register_task(task: Task) -> None:
    _tasks[task.slug] = task


def register_alarms(source: Callable) -> None:
    """source(today) → a list of Alarm: shown on the admin index."""
    if source not in _alarm_sources:
        _alarm_sources.append(source)


def tasks() -> list[Task]:
    return sorted(_tasks.values(), key=lambda t: t.order)


def alarms(today) -> list[Alarm]:
    return [alarm for source in _alarm_sources for alarm in source(today)]


class StaffAdminSite(admin.AdminSite):
    site_header = "深圳医保自助服务 · 管理"
    site_title = "深圳医保管理"
    index_title = "今天要做什么"
    index_template = "admin/staff_index.html"

    def index(self, request, extra_context=None):
        user = request.user
        found = [
            alarm if not alarm.permission or user.has_perm(alarm.permission) else replace(alarm, url="")
            for alarm in alarms(timezone.localdate())
        ]
        context = {
            "tasks": tasks(),
            "waiting": [alarm for alarm in found if alarm.waiting],
            "alarms": [alarm for alarm in found if not alarm.waiting],
            **(extra_context or {}),
        }
        return super().index(request, context)

    def get_urls(self):
        pages = [
            path(f"tasks/{task.slug}/", self.admin_view(require_GET(self._task_view(task))), name=f"task_{task.slug}")
            for task in tasks()
        ]
        return pages + super().get_urls()

    def _task_view(self, task: Task):
        def view(request):
            context = {**self.each_context(request), "title": task.title, "task": task, **task.context(request)}
            return TemplateResponse(request, task.template, context)

        return view


class StaffAdminConfig(AdminConfig):
    """django.contrib.admin with the staff's site (INSTALLED_APPS lists this instead of "django.contrib.admin")."""

    default_site = "core.admin_site.StaffAdminSite"
