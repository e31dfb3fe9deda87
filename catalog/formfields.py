"""A form field for names and text that cleans what is typed with `catalog.parsing.text.normalize_text`.

Admin model forms get it for every plain CharField and TextField (cms.inputs registers it with Wagtail's form
field overrides); hand-written forms use it directly. What an officer types or pastes is then stored in NFC,
without bidi or control characters, like what the API, the online forms and the imports store.
"""

from __future__ import annotations

from django import forms

from .parsing.text import normalize_text


class CleanCharField(forms.CharField):
    def to_python(self, value):
        value = super().to_python(value)
        return normalize_text(value) if isinstance(value, str) else value
