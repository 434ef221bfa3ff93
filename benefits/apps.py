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
        # Staff data that is not public: drafts keep their number (history reasons cite 变更申请#N).
        draft = ("target", "action", "row_id", "base_record", "reverted_to", "proposed", "previous", "reason")
        draft += ("status", "author", "created_at", "decided_by", "decided_at", "decision_note")
        backup.register(backup.Section("drafts", "benefits.ChangeRequest", ("id",), draft))
        case = ("calculator", "day", "inputs", "note", "active")
        backup.register(backup.Section("reference_cases", "benefits.ReferenceCase", ("name",), case))
