# The moved tables take this app's names (cms_* → eforms_*); PostgreSQL and SQLite keep the foreign keys.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('cms', '0003_move_online_forms_to_eforms'),
        ('eforms', '0001_initial'),
    ]

    operations = [
        migrations.AlterModelTable(
            name='declarationformpage',
            table=None,
        ),
        migrations.AlterModelTable(
            name='dossierfile',
            table=None,
        ),
        migrations.AlterModelTable(
            name='formfield',
            table=None,
        ),
        migrations.AlterModelTable(
            name='formindexpage',
            table=None,
        ),
        migrations.AlterModelTable(
            name='onlinesubmission',
            table=None,
        ),
        migrations.AlterModelTable(
            name='pendingupload',
            table=None,
        ),
        migrations.AlterModelTable(
            name='sharedform',
            table=None,
        ),
        migrations.AlterModelTable(
            name='sharedformfield',
            table=None,
        ),
    ]
