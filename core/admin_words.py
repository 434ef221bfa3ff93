"""The admin in the words the bureau uses, where the libraries print English.

Strings the libraries mark for translation are translated in locale/zh_Hans (LOCALE_PATHS); what they
print without translation is fixed here: django-axes' app name and its records' titles, Django's yes/no
icons (their alternative text is "True"/"False"), and the permissions' names, which Django stores in
English when it creates them ("Can add 政策参数"). Nothing here changes a database table or a migration.
"""

from axes.apps import AppConfig as AxesAppConfig
from django.utils import timezone

ACTIONS = {"add": "增加", "change": "修改", "delete": "删除", "view": "查看"}
YES_NO = {True: "是", False: "否", None: "未知"}


class LoginProtectionConfig(AxesAppConfig):
    """django-axes, named as staff know it (INSTALLED_APPS lists this instead of "axes")."""

    verbose_name = "登录保护"

    def ready(self):
        super().ready()
        name_axes_records()
        answer_yes_no_in_chinese()


def _when(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else "时间未知"


def _who(record) -> str:
    return record.username or "（未填用户名）"


def name_axes_records():
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    AccessAttempt.__str__ = lambda self: f"{_who(self)} 的登录失败计数（{_when(self.attempt_time)}）"
    AccessLog.__str__ = lambda self: f"{_who(self)} 于 {_when(self.attempt_time)} 登录"
    AccessFailureLog.__str__ = lambda self: (
        f"{_who(self)} 于 {_when(self.attempt_time)} 登录失败{'，已锁定' if self.locked_out else ''}"
    )


def answer_yes_no_in_chinese():
    """The admin draws booleans as icons whose alternative text (read by screen readers) is "True"/"False"."""
    from django.contrib.admin.templatetags import admin_list
    from django.templatetags.static import static
    from django.utils.html import format_html

    def boolean_icon(value):
        icon = {True: "yes", False: "no", None: "unknown"}[value]
        return format_html('<img src="{}" alt="{}">', static(f"admin/img/icon-{icon}.svg"), YES_NO[value])

    # django.contrib.admin.utils and helpers import it from admin_list when they draw a cell.
    admin_list._boolean_icon = boolean_icon


def permission_name(permission) -> str:
    """A permission as staff read it: 医保待遇参数 · 政策参数 · 修改 (the stored name is English)."""
    model = permission.content_type.model_class()
    action = ACTIONS.get(permission.codename.split("_", 1)[0])
    if model is None or action is None:
        return permission.name
    return f"{model._meta.app_config.verbose_name} · {model._meta.verbose_name} · {action}"
