"""Admin fixes for the libraries' own admin pages: Chinese columns and titles, and a working clean-up action."""

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.conf import settings as axes_settings
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm
from django.contrib.auth.models import Group, User
from django.utils import timezone
from django.utils.text import capfirst

from .admin_words import permission_name

LOGIN_PATHS = {"/admin/login/": "管理后台登录页"}
UNKNOWN = "<unknown>"  # what django-axes stores when a request did not say


def login_page(obj) -> str:
    return LOGIN_PATHS.get(obj.path_info) or known(obj.path_info)


class LoginRecordColumns:
    """The columns staff need (who, from where, when); the browser's own description stays on the record's page."""

    @admin.display(description="登录页面", ordering="path_info")
    def page(self, obj):
        return login_page(obj)

    @admin.display(description="浏览器")
    def browser(self, obj):
        return known(obj.user_agent)

    @admin.display(description="浏览器接受的内容类型")
    def accepts(self, obj):
        return known(obj.http_accept)


def known(value: str) -> str:
    return "未知" if value in ("", UNKNOWN) else value


META = ("浏览器信息", {"fields": ("browser", "ip_address", "accepts")})


class LoginAttemptAdmin(LoginRecordColumns, AccessAttemptAdmin):
    list_display = ["attempt_time", "ip_address", "username", "page", "failures_since_start", "status"]
    list_filter = ["attempt_time"]
    readonly_fields = [*AccessAttemptAdmin.readonly_fields, "page", "browser", "accepts"]
    fieldsets = (
        (None, {"fields": ("username", "page", "failures_since_start", "expiration")}),
        AccessAttemptAdmin.fieldsets[1],
        META,
    )

    @admin.action(description=AccessAttemptAdmin.cleanup_expired_attempts.short_description)
    def cleanup_expired_attempts(self, request, queryset):
        # django-axes reads the time it stamps on a login request; from the list page it was never stamped (500).
        request.axes_attempt_time = timezone.now()
        return super().cleanup_expired_attempts(request, queryset)

    @admin.display(description="到期时间")
    def expiration(self, obj):
        return super().expiration(obj)

    @admin.display(description="状态")
    def status(self, obj):
        left = axes_settings.AXES_FAILURE_LIMIT - obj.failures_since_start
        return f"还可尝试{left}次" if left > 0 else "已锁定30分钟"


class LoginLogAdmin(LoginRecordColumns, AccessLogAdmin):
    list_display = ("attempt_time", "logout_time", "ip_address", "username", "page")
    list_filter = ["attempt_time", "logout_time"]
    readonly_fields = [*AccessLogAdmin.readonly_fields, "page", "browser", "accepts"]
    fieldsets = ((None, {"fields": ("username", "page")}), META)


class LoginFailureAdmin(LoginRecordColumns, AccessFailureLogAdmin):
    list_display = ("attempt_time", "ip_address", "username", "page", "locked_out")
    list_filter = ["attempt_time", "locked_out"]
    readonly_fields = [*AccessFailureLogAdmin.readonly_fields, "page", "browser", "accepts"]
    fieldsets = ((None, {"fields": ("username", "page")}), META)


for model, model_admin in (
    (AccessAttempt, LoginAttemptAdmin),
    (AccessLog, LoginLogAdmin),
    (AccessFailureLog, LoginFailureAdmin),
):
    admin.site.unregister(model)
    admin.site.register(model, model_admin)


JOIN_TABLES = (Group.permissions.through, User.groups.through, User.user_permissions.through)


class PermissionsInChinese:
    """Permissions listed as 应用 · 内容 · 增加/修改/删除/查看, without the history tables' own (unused) ones;
    deleting a group or a user lists what staff know, not the rows that join it to its permissions."""

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name in ("permissions", "user_permissions"):
            field.queryset = field.queryset.exclude(content_type__model__startswith="historical")
            field.label_from_instance = permission_name
        return field

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        joins = tuple(capfirst(through._meta.verbose_name) for through in JOIN_TABLES)

        def without_joins(items):
            kept = [without_joins(i) if isinstance(i, list) else i for i in items if not str(i).startswith(joins)]
            return [i for i in kept if i != []]

        counts = {name: n for name, n in counts.items() if capfirst(name) not in joins}
        return without_joins(deleted), counts, perms_needed, protected


class StaffGroupAdmin(PermissionsInChinese, GroupAdmin):
    pass


class PasswordForm(AdminPasswordChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "usable_password" in self.fields:  # Django's help text here is HTML with an untranslated warning
            self.fields["usable_password"].help_text = "不勾选时，该用户不能用密码登录，当前的密码将失效。"


class StaffUserAdmin(PermissionsInChinese, UserAdmin):
    change_password_form = PasswordForm


admin.site.unregister(Group)
admin.site.register(Group, StaffGroupAdmin)
admin.site.unregister(User)
admin.site.register(User, StaffUserAdmin)
