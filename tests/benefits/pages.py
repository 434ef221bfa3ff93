"""A result page's HTML as its tests read it: the amounts kept whole with their unit (`|units`: 5,540.00元 in a nowrap
span) read back as the text they hold, so that a test says "您自付约5,540.00元" as a resident reads it."""

import re

NOWRAP = re.compile(r'<span class="nowrap">([^<]*)</span>')


def page_text(response) -> str:
    return NOWRAP.sub(r"\1", response.content.decode())
