"""Calculator pages and the JSON API: thin views over the pure engine."""

import json
from urllib.parse import urlencode

from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from core.in_force import request_day
from core.pagecache import cached_page
from core.querystring import request_query
from core.ratelimit import ratelimit
from core.rendering import render_page

from . import api
from .engine.examples import EXAMPLES, MORE_EXAMPLES
from .engine.registry import CALCULATORS
from .wizards import WIZARDS


def json_response(body: dict, status: int) -> HttpResponse:
    # The body holds only str, int, bool, None, lists, tuples, dicts and Decimals (written by api.decimal_text);
    # the same JSON for every client, so no Vary header is needed.
    text = json.dumps(body, ensure_ascii=False, default=api.decimal_text)
    return HttpResponse(text, status=status, content_type="application/json")


@cached_page
def home(request):
    # The home page starts from the situations people are in, as the calculator hub does.
    return render_page(request, "home.html", {"title": "首页", "situations": list(WIZARDS.values())[:5]})


@ratelimit("api", as_json=True)
@require_GET
def calculate(request, slug):
    calculator = CALCULATORS.get(slug)
    if calculator is None:
        return json_response({"errors": {"calculator": [f"没有“{slug[:40]}”这个计算器。"]}}, 404)
    # request.GET and the day as the wizard pages read them (core.querystring, core.in_force): the query's lists
    # filled at once, the day read once for the default date and the rules
    return json_response(*api.run(calculator, request_query(request), request_day(request)))


@cached_page
def hub(request):
    context = {"title": "计算器", "wizards": WIZARDS.values()}
    return render_page(request, "benefits/hub.html", context, nav="calc")


@cached_page
def api_docs(request):
    calculators = [
        {
            "slug": c.slug,
            "title": c.title,
            "fields": c.fields,
            "results": c.results,
            "example_url": f"{reverse('api-calc', args=[c.slug])}?{urlencode(EXAMPLES[c.slug], doseq=True)}",
            "more_examples": [
                (what, f"{reverse('api-calc', args=[c.slug])}?{urlencode(params, doseq=True)}")
                for what, params in MORE_EXAMPLES.get(c.slug, ())
            ],
        }
        for c in CALCULATORS.values()
    ]
    context = {"title": "计算接口说明", "calculators": calculators}
    return render_page(request, "benefits/api_docs.html", context, nav="calc")
