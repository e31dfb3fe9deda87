"""Carry DRF `authtoken` tokens over to Wagtail's hashed `APIToken` and delete the clear keys.

Existing integrations keep working (their token's digest is stored); the database no longer holds a usable
key. The digest uses the SECRET_KEY in force when migrating, like every token Wagtail issues. Not reversible:
the clear keys are gone by design.
"""

from django.db import migrations
from wagtail.models.api import DISPLAY_PREFIX_LENGTH, KEY_SALT
from django.utils.crypto import salted_hmac


def hash_old_tokens(apps, schema_editor):
    Token = apps.get_model("authtoken", "Token")
    APIToken = apps.get_model("wagtailcore", "APIToken")
    for old in Token.objects.all().iterator():
        APIToken.objects.create(
            user_id=old.user_id,
            name="Mã cũ (chuyển từ authtoken)",
            key_hash=salted_hmac(KEY_SALT, old.key, algorithm="sha256").hexdigest(),
            prefix=old.key[:DISPLAY_PREFIX_LENGTH],
        )
    Token.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0003_move_online_forms_to_eforms"),
        ("wagtailcore", "0098_apitoken"),
        ("authtoken", "0004_alter_tokenproxy_options"),
    ]

    operations = [migrations.RunPython(hash_old_tokens, migrations.RunPython.noop)]
