"""The online forms' models, gathered where Django looks for them (`eforms.models`)."""

from .accounts import Citizen
from .pages import DeclarationFormPage, FormField, FormIndexPage
from .shared import SharedForm, SharedFormField
from .submissions import OnlineSubmission, PendingUpload

__all__ = [
    "Citizen",
    "DeclarationFormPage",
    "FormField",
    "FormIndexPage",
    "OnlineSubmission",
    "PendingUpload",
    "SharedForm",
    "SharedFormField",
]
