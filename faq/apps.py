from django.apps import AppConfig


class FaqConfig(AppConfig):
    name = "faq"
    verbose_name = "常见问题"

    def ready(self):
        from core import backup
        from core.signals import bump_on_change

        from .loader import load_handbook_if_empty, notice_before_kinds
        from .models import Handbook, Question, Section

        bump_on_change(Handbook, Section, Question)
        backup.register(
            backup.Section(
                "questions",
                "faq.Question",
                ("number",),
                (
                    "short_title",
                    *Question.NOTICE_FIELDS,
                    "last_reviewed",
                    "keywords",
                    "ways_of_asking",
                    "related",
                    "calculator",
                    "calculator_prefill",
                ),
                replace=False,  # the 48 questions come from the handbook: a backup sets their staff fields
                history_keys={"section": ("faq.Section", "number")},
                prepare=load_handbook_if_empty,  # an empty database gets the handbook first
                # backups made before short titles or 常见问法 keep the current ones
                optional=("short_title", "ways_of_asking"),
                upgrade=notice_before_kinds,
            )
        )
