from django.db import models


class ContentVersion(models.Model):
    """One row: the version of what residents see. Every staff save of public content (FAQ, parameters,
    baselines) raises it in that save's own transaction (core.content_version), so the new number and the
    new content become visible together; pages, search indexes and parameter snapshots are kept per version.
    """

    number = models.BigIntegerField("版本号")

    class Meta:
        verbose_name = verbose_name_plural = "内容版本"

    def __str__(self):
        return str(self.number)
