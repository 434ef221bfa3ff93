"""manage.py check_rates: for the bureau's monitoring, exits 1 when a baseline or parameter the rules need
today or in the next 3 months is not entered, and prints which, in Chinese; exits 0 and says so otherwise.

Parameters deliberately without a value (a dated row with an empty value, e.g. 尚未公布) are not missing
(docs/parameters.md). `--date` sets "today" (to check ahead, and for the tests).
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from benefits.staleness import CHECKED_AHEAD, day_text, missing_data, months_later


class Command(BaseCommand):
    help = "检查今天和未来3个月的计算所需的基数和参数是否都已录入；缺少时以非零状态退出。"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="按这一天检查（年-月-日），默认今天")

    def handle(self, *args, **options):
        try:
            today = date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
        except ValueError:
            raise CommandError("日期格式应为 年-月-日，例如 2026-03-01。") from None
        end = months_later(today, CHECKED_AHEAD)
        missing = missing_data(today, end, today)
        period = f"{day_text(today)}至{day_text(end)}"
        if not missing:
            self.stdout.write(f"{period}的计算所需的基数和参数都已录入。")
            return
        self.stderr.write(f"{period}的计算缺少{len(missing)}项数据，请在管理后台录入：")
        for item in missing:
            self.stderr.write(f"- {item.text(today)}")
        raise SystemExit(1)
