"""The online forms' models, gathered for `cms/models.py` (they belong to the `cms` app)."""

from .pages import DeclarationFormPage, FormField, FormIndexPage
from .shared import SharedForm, SharedFormField
from .submissions import DossierFile, OnlineSubmission, PendingUpload

__all__ = [
    "DeclarationFormPage",
    "DossierFile",
    "FormField",
    "FormIndexPage",
    "OnlineSubmission",
    "PendingUpload",
    "SharedForm",
    "SharedFormField",
]
