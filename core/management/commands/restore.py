from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Check a backup file (see `backup`) and say what restoring it would add, change and delete; "
        "with --yes, restore parameter values, baselines and FAQ staff edits from it."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="a file written by `manage.py backup`")
        parser.add_argument("--yes", action="store_true", help="apply the changes (without it, only show them)")

    def handle(self, *args, **options):
        path = options["path"]
        try:
            plan = restore(path, apply=options["yes"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        for line in plan.lines():
            self.stdout.write(line)
        if not plan.changes_anything:
            self.stdout.write(f"数据库已与 {path} 一致，无需恢复。")
        elif options["yes"]:
            self.stdout.write(f"已从 {path} 恢复。")
        else:
            self.stdout.write("以上为将要进行的改动，数据库尚未改动；确认无误后加 --yes 再运行以恢复。")
