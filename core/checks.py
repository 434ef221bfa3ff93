"""System checks of our own settings (`manage.py check --deploy`)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def site_address_is_https(app_configs, **kwargs):
    if settings.SITE_URL.startswith("https://"):
        return []
    hint = "Set SITE_URL to the address residents use, e.g. https://ybzz.example.gov.cn (docs/deploy.md)."
    return [Warning(f"SITE_URL ({settings.SITE_URL}) is not an https:// address.", hint=hint, id="core.W001")]
