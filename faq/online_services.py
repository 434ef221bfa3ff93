"""Where a question's business can be done online, from faq/data/online_services.json (pure Python).

Only channels the sources name go in the file: the handbook's 问33 names 深圳医保局官网个人网上服务系统 for
filing remote care (备案), and its 问34 and 问39 give that system's address. Channels residents may know
from elsewhere (the national 医保 app, 国家异地就医备案小程序, 粤医保) are named in no source, so none is
offered. The file is data: a new channel or address is an edit there, never in a template.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit

ONLINE_SERVICES_PATH = Path(__file__).resolve().parent / "data" / "online_services.json"


class OnlineService(NamedTuple):
    what: str  # what the person does there, as the question page says it: 在网上办理异地就医备案
    name: str  # the service's own name, the link's text
    url: str
    source: str  # where the address comes from, in residents' words


@cache
def _services() -> tuple[dict, ...]:
    services = json.loads(ONLINE_SERVICES_PATH.read_text(encoding="utf-8"))["services"]
    for service in services:  # only https addresses: a typo in the file must not become a link elsewhere
        assert urlsplit(service["url"]).scheme == "https", service["url"]
    return tuple(services)


def online_services(number: int) -> list[OnlineService]:
    """The online channels for question `number`, in the file's order."""
    return [
        OnlineService(s["questions"][str(number)], s["name"], s["url"], s["source"])
        for s in _services()
        if str(number) in s["questions"]
    ]
