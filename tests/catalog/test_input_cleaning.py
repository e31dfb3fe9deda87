"""Issue 11 item 5, the admin's path: every admin model form cleans its plain text fields (cms.inputs)."""

import unicodedata

from django.db import models
from django.urls import reverse
from wagtail.admin.viewsets import viewsets

from catalog.formfields import CleanCharField
from catalog.models import Agency
from tests.factories import AgencyFactory, UserFactory

HOSTILE = unicodedata.normalize("NFD", "Sở \u202eXây\u202c dựng\u2066")


def model_form_classes():
    reverse("wagtailadmin_home")  # the admin URLconf populates the registry
    for viewset in viewsets.viewsets:
        model = getattr(viewset, "model", None)
        if not hasattr(model, "_meta") or model._meta.app_label not in {
            "catalog",
            "workflows",
            "importers",
            "cms",
        }:
            continue
        try:
            form_class = viewset.get_form_class()
        except Exception:  # viewsets without an edit form (read-only listings)
            continue
        yield model, form_class


def test_every_plain_text_field_of_our_admin_forms_is_cleaned(db):
    checked = 0
    for model, form_class in model_form_classes():
        for name, field in form_class.base_fields.items():
            try:
                db_field = model._meta.get_field(name)
            except Exception:
                continue
            if type(db_field) in (models.CharField, models.TextField) and not db_field.choices:
                assert isinstance(field, CleanCharField), (model.__name__, name)
                checked += 1
    assert checked >= 10


def test_an_agency_renamed_in_the_admin_is_stored_clean(db):
    agency = AgencyFactory(identifier="000.00.12.H22", name="Sở Xây dựng")
    form_class = Agency.snippet_viewset.get_form_class()
    form = form_class(instance=agency, for_user=UserFactory(superuser=True))
    assert form.fields["name"].clean(HOSTILE) == "Sở Xây dựng"
