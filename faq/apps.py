from django.apps import AppConfig


class FaqConfig(AppConfig):
    name = "faq"
    verbose_name = "常见问题"

    def ready(self):
        from core.signals import bump_on_change

        from .models import Handbook, Question, Section

        bump_on_change(Handbook, Section, Question)
