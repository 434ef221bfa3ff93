from django.core.management.base import BaseCommand

from faq.loader import DATA_FILE, load_handbook, read_handbook


class Command(BaseCommand):
    help = "Load 《深圳医保政策问答手册》 from faq/data/handbook.json (safe to rerun; keeps staff edits)."

    def add_arguments(self, parser):
        parser.add_argument("--file", default=str(DATA_FILE))

    def handle(self, *args, **options):
        from pathlib import Path

        counts = load_handbook(read_handbook(Path(options["file"])))
        self.stdout.write(
            f"handbook: {counts['created']} created, {counts['updated']} updated, "
            f"{counts['notices']} notices and {counts['ways']} 常见问法 refreshed from the file"
        )
