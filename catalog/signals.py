"""Publishing a decision applies it when its effective date has come; later ones wait for the daily job."""

from __future__ import annotations

from django.dispatch import receiver
from django.utils import timezone
from wagtail.signals import published

from .models import Decision
from .services import apply_decision


@receiver(published, sender=Decision)
def apply_published_decision(sender, instance: Decision, revision=None, **kwargs) -> None:
    if instance.live and instance.effective <= timezone.localdate():
        apply_decision(instance, user=getattr(revision, "user", None))
