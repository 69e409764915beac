from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("content", "0002_initial")]

    operations = [
        migrations.AddField(
            model_name="post",
            name="trust_score",
            field=models.PositiveSmallIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="post",
            name="blocking_count",
            field=models.PositiveSmallIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="post",
            name="checked_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
    ]
