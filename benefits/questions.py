"""Questions asked the way people know the answer, read from the data when asked.

- 连续参保时间 in bands of years (不满半年, 满半年，不满1年, … 满6年及以上): the bands are where the
  engine's tables that go by continuous enrolment change (rules-2023.md §5.6 annual limit, §5.4 门特一类),
  read from the parameters in force, so a staff edit of a band moves the choices. A band is answered as
  its first month, which is all the engine needs: every rule that reads the months reads them by band.
- 医院级别 by the hospital's name: the staff-kept list of designated hospitals (benefits.models.Hospital).
  A chosen hospital is kept in the URL as "h<id>" and calculated as its level.
"""

from __future__ import annotations

import re
from datetime import date

from core.content_version import content_version

from .engine.inputs import FieldError, Integer
from .wizard import Option

# The rate tables the engine reads by continuous enrolment (`params.bands(…)` in benefits/engine/).
ENROLMENT_TABLES = ("limit", "special_1")
MONTHS = Integer("continuous_months", "连续参保月数", minimum=0, maximum=1200, unit="个月")


def month_words(months: int) -> str:
    """6 → 半年, 12 → 1年, 18 → 1年半, 30 → 2年半, 8 → 8个月, 40 → 3年4个月."""
    years, rest = divmod(months, 12)
    if rest == 0:
        return f"{years}年"
    if rest == 6:
        return f"{years}年半" if years else "半年"
    return f"{years}年{rest}个月" if years else f"{rest}个月"


def band_options(starts: tuple[int, ...]) -> tuple[Option, ...]:
    """One option per band from the months where bands start (0 first); its value is the band's first month."""
    edges = sorted({0, *starts})
    options = []
    for n, start in enumerate(edges):
        end = edges[n + 1] if n + 1 < len(edges) else None
        if start == 0:
            label = f"不满{month_words(end)}" if end else "刚参保或更久"
            options.append(Option("0", label, on_check="按刚参保计算", supposing=f"您连续参保{label}"))
            continue
        label = f"满{month_words(start)}，不满{month_words(end)}" if end else f"满{month_words(start)}及以上"
        words = month_words(start)
        options.append(Option(str(start), label, on_check=f"按满{words}计算", supposing=f"您已连续参保满{words}"))
    return tuple(options)


def band_starts_on(day: date) -> tuple[int, ...]:
    """The months where a band of any enrolment table starts, in the parameters in force on `day`."""
    from .engine.core import MissingParameter
    from .parameters import parameters_on

    params, starts = parameters_on(day), set()
    for table in ENROLMENT_TABLES:
        try:
            starts.update(int(start) for start in params.bands(table).starts)
        except MissingParameter:  # a table not in force on that day (the old rules printed no bands)
            continue
    return tuple(sorted(starts))


def enrolment_options() -> tuple[Option, ...]:
    from django.utils import timezone

    return band_options(band_starts_on(timezone.localdate()))


def band_start(text: str) -> int:
    """A band's first month, from any month count (an older URL's 80 → 72): the choice it falls in."""
    months = MONTHS.parse(text)
    return max(int(o.value) for o in enrolment_options() if int(o.value) <= months)


# ------------------------------------------------------------------------------------- the hospital list

HOSPITAL_VALUE = re.compile(r"h([1-9][0-9]{0,8})")
MAX_SHOWN = 20  # matches listed at once; more asks for a longer part of the name
MAX_QUERY = 50


_listed = {"version": None, "any": False}


class HospitalPicker:
    """Answers 医院级别 by the hospital's name. Stateless; reads benefits.models.Hospital when asked."""

    @staticmethod
    def _hospitals():
        from .models import Hospital

        return Hospital.objects.filter(active=True)

    def available(self) -> bool:
        # Asked once per content version, not once per question that has a picker (a check page has two):
        # a staff save of the list raises the version, so the picker shows or hides at once.
        version = content_version()
        if _listed["version"] != version:
            _listed.update(version=version, any=self._hospitals().exists())
        return _listed["any"]

    def hospital(self, value: str):
        match = HOSPITAL_VALUE.fullmatch(value or "")
        return self._hospitals().filter(pk=int(match[1])).first() if match else None

    def parse(self, text: str, level_parse) -> str:
        """A level (1/2/3, by the engine's parser) or a hospital still on the list."""
        if text.startswith("h"):
            if self.hospital(text) is None:
                raise FieldError("", "no_hospital")
            return text
        return level_parse(text)

    def engine_value(self, value: str) -> str:
        hospital = self.hospital(value)
        return hospital.level if hospital is not None else value

    def describe(self, value: str) -> str | None:
        hospital = self.hospital(value)
        return f"{hospital.name}，{hospital.get_level_display()}" if hospital is not None else None

    def find(self, query: str) -> tuple[list, int]:
        """(the hospitals whose name or other name contains `query`, up to MAX_SHOWN; how many more)."""
        from django.db.models import Q

        query = query.strip()[:MAX_QUERY]
        if not query:
            return [], 0
        found = self._hospitals().filter(Q(name__icontains=query) | Q(aliases__icontains=query))
        found = list(found.order_by("district", "name")[: MAX_SHOWN + 1])
        return found[:MAX_SHOWN], max(0, len(found) - MAX_SHOWN)

    @staticmethod
    def value_of(hospital) -> str:
        return f"h{hospital.pk}"


HOSPITALS = HospitalPicker()


# ------------------------------------------------------------------------------------- 门特 limits


def special_limit_published(kind: str) -> bool:
    """Whether the 门特 class of `kind` has a yearly limit in force today. It is a staff parameter, empty until
    the bureau publishes it (outpatient.special.limit): only then does "今年这一类门特已经报销了多少" change
    the result, so only then is it asked."""
    from django.utils import timezone

    from .engine.outpatient import SPECIAL_CLASS
    from .parameters import parameters_on

    row = SPECIAL_CLASS.get(kind)
    limits = parameters_on(timezone.localdate()).table("outpatient.special.limit")
    return row is not None and limits.get(row, "limit") is not None
