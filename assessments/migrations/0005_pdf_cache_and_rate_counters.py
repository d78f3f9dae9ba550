"""The PDF cache and the rate-limit counters as tables of the app (issue 18, items 4 and 5)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('assessments', '0004_share_link'),
    ]

    operations = [
        migrations.CreateModel(
            name='RateCounter',
            fields=[
                ('key', models.CharField(max_length=80, primary_key=True, serialize=False)),
                ('count', models.PositiveIntegerField()),
                ('ends', models.DateTimeField(db_index=True)),
            ],
        ),
        migrations.CreateModel(
            name='CachedPdf',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('appendix', models.BooleanField()),
                ('language', models.CharField(max_length=8)),
                ('version', models.PositiveIntegerField()),
                ('printed_on', models.DateField()),
                ('body', models.BinaryField()),
                ('expires', models.DateTimeField(db_index=True)),
                ('assessment', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='assessments.assessment')),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('assessment', 'appendix', 'language'), name='one_cached_pdf_per_choice')],
            },
        ),
        # Django's database cache held the PDFs and the rate-limit counts before: drop it, and
        # the PDFs and hashed addresses left in it (made by `createcachetable`, not by a
        # migration, so there is nothing to put back).
        migrations.RunSQL("DROP TABLE IF EXISTS behovsraknare_cache", migrations.RunSQL.noop),
    ]
