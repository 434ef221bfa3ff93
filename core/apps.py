from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Site-wide machinery: page cache, rate limits, security headers, error pages, backups."""

    name = "core"
    verbose_name = "站点"

    def ready(self):
        from . import checks  # noqa: F401  (registers them)
