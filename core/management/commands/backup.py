from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from core.backup import write_backup


class Command(BaseCommand):
    help = "Write parameter values, baselines and FAQ staff edits, with their history, to a JSON file."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="the file to write (default: backups/backup-YYYYmmdd-HHMMSS.json)")

    def handle(self, *args, **options):
        default = Path(settings.BASE_DIR) / "backups" / f"backup-{datetime.now():%Y%m%d-%H%M%S}.json"
        path = Path(options["output"] or default)
        counts = write_backup(path)
        summary = ", ".join(f"{count} {name}" for name, count in counts.items())
        self.stdout.write(f"backup written to {path}: {summary} (with their history)")
