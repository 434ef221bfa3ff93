from django.apps import AppConfig


class BenefitsConfig(AppConfig):
    name = "benefits"
    verbose_name = "医保待遇参数"

    def ready(self):
        from core import backup
        from core.signals import bump_on_change

        from .models import Baseline, Hospital, ParameterValue

        bump_on_change(ParameterValue, Baseline, Hospital)  # a cached page shows the list as it is now
        fields = ("value", "source", "note")
        backup.register(backup.Section("parameters", "benefits.ParameterValue", ("key", "effective_from"), fields))
        backup.register(backup.Section("baselines", "benefits.Baseline", ("kind", "year"), fields))
        hospital = ("aliases", "level", "district", "source", "active")
        backup.register(backup.Section("hospitals", "benefits.Hospital", ("name",), hospital))
