from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="pnc_target_days",
            field=models.PositiveSmallIntegerField(
                default=3, help_text="Working target for sending a new order to the PNC Bureau"
            ),
        ),
    ]
