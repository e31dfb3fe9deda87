"""The online forms' models, gathered where Django looks for them (`eforms.models`)."""

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
