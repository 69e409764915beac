import django.utils.timezone
from django.db import migrations, models

import nabz.media.models


class Migration(migrations.Migration):
    dependencies = [
        ("media", "0001_initial"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="mediaitem",
            options={"ordering": ["-created_at", "-pk"]},
        ),
        migrations.AddField(
            model_name="mediaitem",
            name="thumbnail",
            field=models.ImageField(
                blank=True,
                default="",
                upload_to=nabz.media.models.thumbnail_path,
                verbose_name="thumbnail",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="mediaitem",
            name="format",
            field=models.CharField(blank=True, max_length=8, verbose_name="format"),
        ),
        migrations.AddField(
            model_name="mediaitem",
            name="size_bytes",
            field=models.PositiveIntegerField(default=0, verbose_name="size in bytes"),
        ),
        migrations.AddField(
            model_name="mediaitem",
            name="search_text",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.AddField(
            model_name="mediaitem",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, default=django.utils.timezone.now),
            preserve_default=False,
        ),
    ]
