"""{% comic_strip q %} draws a question's strip; {% comic_thumb who %} a person's face for lists.

Both <use> the one sprite file (static/comic/sprite.svg, cached by the browser) instead of
inlining drawings into every page. A strip depends only on the comic data, the sprite's URL and
the handbook's question, so each process renders it once (pages without the page cache stay fast)."""

from functools import lru_cache

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.loader import get_template
from django.templatetags.static import static
from django.utils.safestring import mark_safe

from faq import comic

register = template.Library()


@lru_cache(maxsize=128)
def _strip_html(number: int, question: str, sprite: str) -> str:
    context = {"question": question, "strip": comic.strip(number), "sprite": sprite}
    return get_template("faq/strip.html").render(context)


@lru_cache(maxsize=128)
def _thumb_html(who: str, css_class: str, sprite: str) -> str:
    context = {"who": who, "parts": comic.thumbnail_parts(who), "sprite": sprite, "css_class": css_class}
    return get_template("faq/thumb.html").render(context)


@lru_cache(maxsize=1)
def _sprite() -> str:
    """The sprite's address. The static files storage is made once per process with its base URL (and, in
    production, its manifest of hashed names), so the address never changes in a process; static() works it out
    again on each call (a tenth of a millisecond, twice on every question page)."""
    return static(comic.SPRITE)


@receiver(setting_changed)
def _forget_sprite(**kwargs):
    _sprite.cache_clear()  # a test that changes STATIC_URL or the storages gets a new storage


@register.simple_tag
def comic_strip(number: int, question: str):
    """The strip of question `number`, whose asker's bubble holds `question` (the handbook's words)."""
    return mark_safe(_strip_html(number, question, _sprite()))


@register.simple_tag
def comic_thumb(who, css_class="thumb"):
    return mark_safe(_thumb_html(who, css_class, _sprite()))


@register.simple_tag
def comic_lead(number):
    return comic.lead_of(number)
