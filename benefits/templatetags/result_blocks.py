"""The result page's repeated items in its calculators' own sections (result_tier_choice.html, …): blocks of
benefits/result_html.py as filters, so that a section's template keeps its frame and a loop costs one filter."""

from django import template

from benefits import result_html
from core.reversing import reverse_once

register = template.Library()
register.filter("compare_rows", result_html.compare_rows, is_safe=True)
register.filter("line_items", result_html.line_items, is_safe=True)
register.filter("year_spent", result_html.year_spent, is_safe=True)


@register.filter
def year_calculator_path(step: str) -> str:
    """Where 想看一整年？ leads (decision_pages.from_stay, from_visit): the year calculator's question `step`, or its
    start (its first open question): one filter where the template had an {% if %} and two {% url %} tags."""
    return reverse_once("wizard-step", args=["year", step]) if step else reverse_once("wizard-start", args=["year"])
