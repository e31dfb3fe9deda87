import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from factory.django import DjangoModelFactory

from workflows.models import Officer

from .catalog import AgencyFactory


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"canbo{n}")
    first_name = "Cán bộ"
    password = factory.django.Password("mat-khau-thu")

    class Params:
        superuser = factory.Trait(is_superuser=True, is_staff=True)

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        for name in extracted or []:
            group, _ = Group.objects.get_or_create(name=name)
            self.groups.add(group)

    @factory.post_generation
    def perms(self, create, extracted, **kwargs):
        for codename in extracted or []:
            app, code = codename.split(".")
            self.user_permissions.add(Permission.objects.get(content_type__app_label=app, codename=code))


class OfficerFactory(DjangoModelFactory):
    class Meta:
        model = Officer

    user = factory.SubFactory(UserFactory)
    agency = factory.SubFactory(AgencyFactory)
    title = "Chuyên viên"
