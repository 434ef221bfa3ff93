"""{% comic_strip q %} draws a question's strip; {% comic_thumb who %} a person's face for lists.

Both <use> the one sprite file (static/comic/sprite.svg, cached by the browser) instead of
inlining drawings into every page."""

from django import template
from django.templatetags.static import static

from faq import comic

register = template.Library()


@register.inclusion_tag("faq/strip.html")
def comic_strip(question):
    return {"q": question, "strip": comic.strip(question.number), "sprite": static(comic.SPRITE)}


@register.inclusion_tag("faq/thumb.html")
def comic_thumb(who, css_class="thumb"):
    return {"who": who, "parts": comic.thumbnail_parts(who), "sprite": static(comic.SPRITE), "css_class": css_class}


@register.simple_tag
def comic_lead(number):
    return comic.lead_of(number)
