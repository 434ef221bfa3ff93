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


class URLOnceNode(defaulttags.URLNode):
    def render(self, context):
        args = [arg.resolve(context) for arg in self.args]
        kwargs = {k: v.resolve(context) for k, v in self.kwargs.items()}
        view_name = self.view_name.resolve(context)
        try:
            current_app = context.request.current_app
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace
            except AttributeError:
                current_app = None
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
