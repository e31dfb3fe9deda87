"""The decision moderation tasks: Wagtail's group approval, refusing to approve what could not be applied."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.models import GroupApprovalTask


class DecisionApprovalTask(GroupApprovalTask):
    """A group approval whose "approve" is withheld while the decision's items cannot be applied
    (an amended or abolished procedure missing from the catalog, a new one without a name…)."""

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        target = obj.get_latest_revision_as_object() if hasattr(obj, "get_latest_revision_as_object") else obj
        if target.problems():
            actions = [a for a in actions if a[0] != "approve"]
        return actions

    class Meta:
        verbose_name = _("duyệt quyết định công bố")
        verbose_name_plural = _("duyệt quyết định công bố")
