import secrets

from django.db import migrations, models

import images.models


def draw_link_keys(apps, schema_editor):
    Image = apps.get_model("images", "Image")
    for pk in Image.objects.values_list("pk", flat=True).iterator():
        Image.objects.filter(pk=pk).update(link_key=secrets.token_urlsafe(12))


class Migration(migrations.Migration):
    dependencies = [("images", "0003_visibility_saves_and_access")]

    operations = [
        migrations.AddField(
            model_name="image", name="link_key", field=models.CharField(default="", max_length=16)
        ),
        migrations.RunPython(draw_link_keys, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="image",
            name="link_key",
            field=models.CharField(default=images.models.new_link_key, max_length=16),
        ),
    ]
