"""The decision of version 3 of the file (rules.md R12, R14): the day it was received, and what
it decided about the night and the weeks, each as the file writes it."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('assessments', '0006_day_plans'),
    ]

    operations = [
        migrations.AddField(
            model_name='assessment',
            name='decision_night',
            field=models.JSONField(blank=True, null=True, verbose_name='natten enligt beslutet'),
        ),
        migrations.AddField(
            model_name='assessment',
            name='decision_received',
            field=models.DateField(blank=True, null=True, verbose_name='dagen beslutet kom fram'),
        ),
        migrations.AddField(
            model_name='assessment',
            name='decision_week_types',
            field=models.JSONField(blank=True, default=dict, verbose_name='veckor enligt beslutet'),
        ),
    ]
