from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db import migrations, models


def mark_provider_vouched_addresses(apps, schema_editor):
    """Accounts a provider created keep the address it vouched for (the only one such an
    account could be given); every other address is a claim until its link is followed:
    a password account's address was never checked, and a squatter's looks the same."""
    User = apps.get_model("users", "User")
    User.objects.filter(password__startswith=UNUSABLE_PASSWORD_PREFIX).exclude(email="").update(
        email_verified=True
    )


class Migration(migrations.Migration):
    dependencies = [
        ("users", "0003_social_sign_in"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="email_verified",
            field=models.BooleanField(default=False, verbose_name="email address verified"),
        ),
        migrations.RunPython(mark_provider_vouched_addresses, migrations.RunPython.noop),
    ]
