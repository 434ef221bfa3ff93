from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Site-wide machinery: page cache, rate limits, security headers, error pages, backups."""

    name = "core"
    verbose_name = "站点"

    def ready(self):
        from django.core.signals import request_finished

        from . import checks  # noqa: F401  (registers them)
        from .warm_heap import freeze_when_warm

        request_finished.connect(freeze_when_warm, dispatch_uid="core.warm_heap")
