from wagtail.snippets.models import register_snippet

from .viewsets import CatalogViewSetGroup

register_snippet(CatalogViewSetGroup)
