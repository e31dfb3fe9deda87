"""Wagtail's user admin for the province's staff: citizens who signed in through the identity provider
(`eforms.accounts.Citizen`, thousands of them) are not listed among the officers unless asked for, so that
managing staff accounts and groups is not done in a list of the public."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.users.views import users

STAFF, CITIZENS = "staff", "citizens"


class AccountFilterSet(users.UserFilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("Loại tài khoản"),
        choices=[(STAFF, _("Cán bộ, quản trị")), (CITIZENS, _("Công dân (đăng nhập định danh điện tử)"))],
        empty_label=_("Cán bộ, quản trị"),
        method="filter_kind",
    )

    def filter_kind(self, queryset, name, value):
        return queryset  # applied in the view, where an absent choice also means staff

    class Meta(users.UserFilterSet.Meta):
        fields = []


class StaffUserIndexView(users.IndexView):
    def get_base_queryset(self):
        accounts = super().get_base_queryset()
        citizens = self.request.GET.get("kind") == CITIZENS
        return accounts.filter(citizen__isnull=not citizens)


class StaffUserViewSet(users.UserViewSet):
    filterset_class = AccountFilterSet
    index_view_class = StaffUserIndexView
