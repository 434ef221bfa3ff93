"""{% load history_words %}: the history pages' plain words (core/history_words.py)."""

from django import template

from core import history_words

register = template.Library()

register.filter("changes", history_words.record_changes)
register.filter("saved_by", history_words.who)
register.filter("action", history_words.action)
