"""Publishing a decision applies it when its effective date has come; later ones wait for the daily job. After
`migrate`, the search's cached tables are dropped."""

from __future__ import annotations

from django.core.cache import cache
from django.db.models.signals import post_migrate
from django.dispatch import receiver
from django.utils import timezone
from wagtail.signals import published

from .models import Decision
from .models.procedures import SEARCH_DF_CACHE_KEY
from .models.search import PROMOTED_CACHE_KEY, SYNONYMS_CACHE_KEY
from .services import apply_decision


@receiver(published, sender=Decision)
def apply_published_decision(sender, instance: Decision, revision=None, **kwargs) -> None:
    if instance.live and instance.effective <= timezone.localdate():
        apply_decision(instance, user=getattr(revision, "user", None))


@receiver(post_migrate)
def forget_search_tables(sender, **kwargs) -> None:
    """A migration seeding synonyms or aliases writes through historical models, whose saves the models' own
    receivers do not hear: the synonyms, promotions and word counts cached before it (for an hour, shared by
    every process) would hide its words until they expire."""
    if sender.name == "catalog":
        cache.delete_many([SYNONYMS_CACHE_KEY, PROMOTED_CACHE_KEY, SEARCH_DF_CACHE_KEY])
