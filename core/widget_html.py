"""A form's <input> tags written in Python, the very bytes Django's widget templates write.

Django draws every input with a template (django/forms/widgets/input.html, which includes attrs.html): each is
a template render with its own context, 0.1–0.3 ms. A wizard step carries the earlier answers as hidden inputs
and offers its options as radios, so a step page drew a dozen of them and they took most of its time.
SiteRenderer (below) writes the plain inputs and the radio and checkbox options itself and leaves every other
template to Django; tests/core/test_widget_html.py renders each kind both ways, with awkward values.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe

WIDGETS = "django/forms/widgets/"
INPUTS = {f"{WIDGETS}{kind}.html" for kind in ("input", "hidden", "text", "number", "email", "url", "password")}
OPTIONS = {f"{WIDGETS}{kind}.html" for kind in ("input_option", "radio_option", "checkbox_option")}


def _text(value) -> str:
    """{{ value|stringformat:'s' }}: written with %s, escaped unless it was marked safe."""
    written = "%s" % (str(value) if isinstance(value, tuple) else value)
    return written if isinstance(value, SafeData) else conditional_escape(written)


def input_html(widget: dict) -> str:
    """django/forms/widgets/input.html and attrs.html."""
    parts = [f'<input type="{conditional_escape(widget["type"])}" name="{conditional_escape(widget["name"])}"']
    if widget["value"] is not None:
        parts.append(f' value="{_text(widget["value"])}"')
    for name, value in widget["attrs"].items():
        if value is not False:
            parts.append(
                f" {conditional_escape(name)}" if value is True else f' {conditional_escape(name)}="{_text(value)}"'
            )
    parts.append(">")
    return "".join(parts)


def option_html(widget: dict) -> str:
    """django/forms/widgets/input_option.html (a radio's or a checkbox's option)."""
    tag = input_html(widget)
    if not widget.get("wrap_label"):
        return tag
    target = widget["attrs"].get("id")
    opening = f'<label for="{conditional_escape(target)}">' if target else "<label>"
    return f"{opening}{tag}\n {conditional_escape(widget['label'])}</label>"  # input.html ends with its line


class SiteRenderer(DjangoTemplates):
    """Django's template form renderer, with the inputs and options written by input_html and option_html."""

    def render(self, template_name, context, request=None):
        if template_name in INPUTS:
            return mark_safe(input_html(context["widget"]))
        if template_name in OPTIONS:
            return mark_safe(option_html(context["widget"]))
        return super().render(template_name, context, request)
