"""A logging filter that lets the same message through once per interval, with a count of the rest."""

import logging
import time


class OncePerInterval(logging.Filter):
    def __init__(self, seconds: float = 60):
        super().__init__()
        self.seconds = seconds
        self._seen: dict[tuple, list] = {}  # (logger, level, message) -> [last shown, suppressed since]

    def filter(self, record: logging.LogRecord) -> bool:
        key = (record.name, record.levelno, record.getMessage())
        now = time.monotonic()
        seen = self._seen.get(key)
        if seen is not None and now - seen[0] < self.seconds:
            seen[1] += 1
            return False
        if seen is not None and seen[1]:
            record.msg = f"{record.msg} (and {seen[1]} times more in the last {now - seen[0]:.0f} s)"
        if len(self._seen) > 1000:
            self._seen.clear()
        self._seen[key] = [now, 0]
        return True
