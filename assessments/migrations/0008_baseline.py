"""A draft's baseline file and the language of its printouts (issue 21, items 4 and 5)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('assessments', '0007_decision_v3'),
    ]

    operations = [
        migrations.AddField(
            model_name='assessment',
            name='baseline',
            field=models.TextField(blank=True, verbose_name='jämförelsefil'),
        ),
        migrations.AddField(
            model_name='assessment',
            name='baseline_decided',
            field=models.BooleanField(default=False, verbose_name='jämför med beslutet i filen'),
        ),
        migrations.AddField(
            model_name='assessment',
            name='print_language',
            field=models.CharField(choices=[('sv', 'svenska'), ('en', 'English')], default='sv', max_length=8, verbose_name='utskrift på'),
        ),
    ]
