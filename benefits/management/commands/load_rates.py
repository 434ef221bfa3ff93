from django.core.management.base import BaseCommand

from benefits.parameters import seed_rates


class Command(BaseCommand):
    help = "Load the shipped parameter values and baselines (only those missing; keeps staff edits)."

    def handle(self, *args, **options):
        counts = seed_rates()
        self.stdout.write(f"rates: {counts['values']} values and {counts['baselines']} baselines added")
