"""Citizen accounts (issue 13): a person who signed in through the OpenID Connect provider (VNeID, the
national portal's SSO, or the simulator in development), beside the code + secret that still works for all.

A citizen is a Django user with a `Citizen` profile, an unusable password, no group, no permission and never
staff: the admin, the API and `workflows.permissions` see nobody there. Their dossiers are those filed under the
personal identification number the provider verified, and those they submitted online while signed in.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from workflows.services.applicants import applicant_dossiers


class Citizen(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="citizen")
    # The provider's own name for the person (`iss` + `sub`): stable even if the person's details change.
    issuer = models.CharField(_("nhà cung cấp định danh"), max_length=255)
    subject = models.CharField(_("mã định danh tại nhà cung cấp"), max_length=255)
    id_number = models.CharField(_("số định danh cá nhân"), max_length=12, db_index=True)
    name = models.CharField(_("họ tên"), max_length=255)
    phone = models.CharField(_("điện thoại"), max_length=32, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    signed_in_at = models.DateTimeField(_("đăng nhập lần cuối"), null=True, blank=True)

    class Meta:
        verbose_name = _("tài khoản công dân")
        verbose_name_plural = _("tài khoản công dân")
        constraints = [models.UniqueConstraint(fields=["issuer", "subject"], name="citizen_identity")]

    def __str__(self) -> str:
        return self.name

    def dossiers(self):
        """The dossiers filed under the verified ID number, and those submitted online while signed in."""
        submitted = self.submissions.exclude(dossier=None).values_list("dossier_id", flat=True)
        return applicant_dossiers(self.id_number, submitted)


def citizen_of(user) -> Citizen | None:
    """The signed-in citizen, or None for anonymous visitors and staff (who never hold a citizen profile)."""
    if user is None or not user.is_authenticated or user.is_staff or user.is_superuser:
        return None
    try:
        return user.citizen
    except Citizen.DoesNotExist:
        return None


def owns_dossier(user, dossier_id: int | None) -> bool:
    citizen = citizen_of(user)
    return (
        citizen is not None and dossier_id is not None and citizen.dossiers().filter(pk=dossier_id).exists()
    )


def form_initial(user) -> dict[str, str]:
    """What the signed-in citizen's account fills in on a declaration form, by applicant role."""
    citizen = citizen_of(user)
    if citizen is None:
        return {}
    return {
        "name": citizen.name,
        "id_number": citizen.id_number,
        "phone": citizen.phone,
        "email": citizen.email,
    }
