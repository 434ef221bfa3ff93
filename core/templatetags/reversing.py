"""{% url %} through core.reversing.reverse_once: every template's URLs reversed once per process.

A builtin library (settings.TEMPLATES), so it stands in for Django's own {% url %} in every template, the
admin's included; it parses and behaves exactly as Django's (`as var`, current_app), only the reverse() is kept.
"""

from django import template
from django.template import defaulttags
from django.urls import NoReverseMatch
from django.utils.html import conditional_escape

from core.reversing import reverse_once

register = template.Library()


def _current_app(request):
    """Django's URLNode's current_app (request.current_app, else the namespace of the URL resolved), read with
    getattr: its try/except raises and catches an AttributeError for each {% url %} of every page (the site sets
    no request.current_app), a few microseconds each."""
    current_app = getattr(request, "current_app", _NONE)
    if current_app is _NONE:
        current_app = getattr(getattr(request, "resolver_match", None), "namespace", None)
    return current_app


_NONE = object()


class URLOnceNode(defaulttags.URLNode):
    def render(self, context):
        args = [arg.resolve(context) for arg in self.args]
        kwargs = {k: v.resolve(context) for k, v in self.kwargs.items()}
        view_name = self.view_name.resolve(context)
        current_app = _current_app(getattr(context, "request", None))
        url = ""
        try:
            url = reverse_once(view_name, args=args, kwargs=kwargs, current_app=current_app)
        except NoReverseMatch:
            if self.asvar is None:
                raise
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser, token):
    node = defaulttags.url(parser, token)
    return URLOnceNode(node.view_name, node.args, node.kwargs, node.asvar)
