# The online forms left for the `eforms` app (issue 17): gone from this app's state only; their tables and
# content types are now eforms' (eforms 0001).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('cms', '0002_online_forms'),
        ('eforms', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='formfield',
                    name='page',
                ),
                migrations.RemoveField(
                    model_name='dossierfile',
                    name='dossier',
                ),
                migrations.RemoveField(
                    model_name='dossierfile',
                    name='submission',
                ),
                migrations.RemoveField(
                    model_name='formindexpage',
                    name='page_ptr',
                ),
                migrations.RemoveField(
                    model_name='onlinesubmission',
                    name='center',
                ),
                migrations.RemoveField(
                    model_name='onlinesubmission',
                    name='dossier',
                ),
                migrations.RemoveField(
                    model_name='onlinesubmission',
                    name='page',
                ),
                migrations.RemoveField(
                    model_name='onlinesubmission',
                    name='procedure',
                ),
                migrations.RemoveField(
                    model_name='onlinesubmission',
                    name='revision',
                ),
                migrations.RemoveField(
                    model_name='pendingupload',
                    name='page',
                ),
                migrations.RemoveField(
                    model_name='sharedform',
                    name='latest_revision',
                ),
                migrations.RemoveField(
                    model_name='sharedform',
                    name='live_revision',
                ),
                migrations.RemoveField(
                    model_name='sharedform',
                    name='procedure',
                ),
                migrations.RemoveField(
                    model_name='sharedformfield',
                    name='form',
                ),
                migrations.DeleteModel(
                    name='DeclarationFormPage',
                ),
                migrations.DeleteModel(
                    name='FormField',
                ),
                migrations.DeleteModel(
                    name='DossierFile',
                ),
                migrations.DeleteModel(
                    name='FormIndexPage',
                ),
                migrations.DeleteModel(
                    name='OnlineSubmission',
                ),
                migrations.DeleteModel(
                    name='PendingUpload',
                ),
                migrations.DeleteModel(
                    name='SharedForm',
                ),
                migrations.DeleteModel(
                    name='SharedFormField',
                ),
            ],
        ),
    ]
