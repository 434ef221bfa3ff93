from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, read_backup, restore


class Command(BaseCommand):
    help = "Restore parameter values, baselines and FAQ staff edits from a backup file (see `backup`)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="a file written by `manage.py backup`")

    def handle(self, *args, **options):
        path = options["path"]
        try:
            report = restore(read_backup(path), source=path.rsplit("/", 1)[-1])
        except BackupError as error:
            raise CommandError(str(error)) from error
        for name, counts in report.items():
            details = ", ".join(f"{key} {value}" for key, value in counts.items())
            self.stdout.write(f"{name}: {details}")
        self.stdout.write(f"restored from {path}")
