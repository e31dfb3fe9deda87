from django.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap

from catalog.models import Procedure


class ProcedureSitemap(Sitemap):
    changefreq = "weekly"
    limit = 5000

    def items(self):
        return Procedure.objects.published().only("code", "updated_at").order_by("code")

    def lastmod(self, obj):
        return obj.updated_at


sitemaps = {"pages": WagtailSitemap, "procedures": ProcedureSitemap}
