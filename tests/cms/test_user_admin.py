"""The admin's user list is the province's staff: citizens' accounts (sign-in through the identity provider) are
listed only when asked for."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User

from eforms.accounts import Citizen


def citizen_account(name: str) -> User:
    user = get_user_model().objects.create_user(username=f"oidc-{name}", first_name=name)
    user.set_unusable_password()
    user.save()
    Citizen.objects.create(
        user=user, issuer="https://sso.example/", subject=f"sub-{name}", id_number="022090001234", name=name
    )
    return user


def test_the_user_list_shows_staff_not_citizens_unless_asked(admin_client, db):
    get_user_model().objects.create_user(username="canbo-lan", first_name="Canbolan")
    citizen_account("Congdanan")
    for url in ("/admin/users/", "/admin/users/results/"):
        staff_page = admin_client.get(url).content.decode()
        assert "Canbolan" in staff_page and "Congdanan" not in staff_page, url
        citizens_page = admin_client.get(url, {"kind": "citizens"}).content.decode()
        assert "Congdanan" in citizens_page and "Canbolan" not in citizens_page, url
    # A citizen's account can still be opened (to deactivate it, say).
    citizen = User.objects.get(username="oidc-Congdanan")
    assert admin_client.get(f"/admin/users/edit/{citizen.pk}/").status_code == 200
