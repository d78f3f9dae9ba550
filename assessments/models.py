"""A draft (Assessment) and its activity rows, stored under an unguessable token.

The stored row converts to and from the one row type, `rules.Activity`, through the names of
its table of fields (`rules.activity.FIELDS`); the draft to and from `rules.Assessment`. Row
order is the draft's: adding, moving and numbering rows are its methods.
"""

import secrets
from datetime import timedelta
from enum import StrEnum
from fractions import Fraction

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import rules
from .rules import activity as row_table
from .rules import assessment as draft_table

TOKEN_BYTES = 32  # 256 bits; a UUID4 would give only 122 random bits
ROW_FIELDS = tuple(row_table.FIELDS)
DRAFT_FIELDS = tuple(draft_table.FIELDS)


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def today():
    return timezone.localdate()


NEED_CHOICES = [(info.need.value, info.label) for info in rules.NEEDS]
KIND_CHOICES = [(kind.value, label) for kind, label in rules.KIND_LABELS.items()]
PERIOD_CHOICES = [(period.value, label) for period, label in rules.PERIOD_LABELS.items()]
NEED_ORDER = {info.need.value: order for order, info in enumerate(rules.NEEDS)}
TIME_TYPE_CHOICES = [(t.value, label) for t, label in rules.TIME_TYPE_LABELS.items()]


def _bounds(name: str) -> list:
    field = row_table.FIELDS[name]
    return [MinValueValidator(field.low), MaxValueValidator(field.high)]


def db_value(value):
    """A row value as the database holds it: enums by value, exact numbers as floats."""
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, Fraction):
        return float(value)
    return value


class AssessmentQuerySet(models.QuerySet):
    def inactive_since(self, days: int):
        return self.filter(updated_at__lt=timezone.now() - timedelta(days=days))

    def create_from(self, draft: rules.Assessment) -> "Assessment":
        """A new draft from a file's assessment, rows at positions 0..n-1, all or nothing."""
        with transaction.atomic():
            assessment = self.create(
                **{name: getattr(draft, name) for name in DRAFT_FIELDS}, age=draft.age
            )
            Activity.objects.bulk_create(
                Activity.from_row(row, assessment=assessment, position=position)
                for position, row in enumerate(draft.activities)
            )
        return assessment


class Assessment(models.Model):
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    title = models.CharField(_("namn på beräkningen"), max_length=200, blank=True)
    assessment_date = models.DateField(_("bedömningsdatum"), default=today)
    age = models.PositiveSmallIntegerField(
        _("ålder"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    # Bumped on every change; the stale-edit check (an edit based on an old page) reads it.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("beräkning")
        verbose_name_plural = _("beräkningar")

    def __str__(self):
        return self.title or str(_("Namnlös beräkning"))

    def get_absolute_url(self):
        return reverse("assessments:draft", args=[self.token])

    def rows(self) -> list["Activity"]:
        """The rows in the user's order; "Rad 3" counts in this order on the page, in the file,
        in the PDF and in the explanation."""
        return list(self.activities.all())

    def to_rules(self, rows: list["Activity"] | None = None) -> rules.Assessment:
        """The draft as the rules (and the file) see it."""
        if rows is None:
            rows = self.rows()
        return rules.Assessment(
            **{name: getattr(self, name) for name in DRAFT_FIELDS},
            age=self.age,
            activities=tuple(row.to_row() for row in rows),
        )

    def calculate(self, rows: list["Activity"] | None = None) -> rules.Result:
        return rules.calculate(self.to_rules(rows))

    def touch(self) -> None:
        """Record a change: a new version, and the retention clock starts again."""
        Assessment.objects.filter(pk=self.pk).update(
            version=models.F("version") + 1, updated_at=timezone.now()
        )

    def add_row(self, row: rules.Activity) -> "Activity":
        """Insert a row after the last row of the same need or of a need before it in the law's
        order (rules.md R1), so that a draft built here stays grouped by need."""
        rows = self.rows()
        before = [i for i, r in enumerate(rows) if NEED_ORDER[r.need] <= NEED_ORDER[row.need]]
        activity = Activity.from_row(row, assessment=self)
        rows.insert(before[-1] + 1 if before else 0, activity)
        self.renumber(rows)
        self.touch()
        return activity

    def move_row(self, activity: "Activity", direction: str) -> bool:
        """Swap a row with the nearest row of the same need above or below it; False when
        there is none (the row is first or last of its need)."""
        rows = self.rows()
        index = next(i for i, row in enumerate(rows) if row.pk == activity.pk)
        step = -1 if direction == "up" else 1
        other = index + step
        while 0 <= other < len(rows) and rows[other].need != activity.need:
            other += step
        if not 0 <= other < len(rows):
            return False
        rows[index], rows[other] = rows[other], rows[index]
        self.renumber(rows)
        self.touch()
        return True

    def remove_row(self, activity: "Activity") -> None:
        activity.delete()
        self.touch()

    def restore_row(self, activity: "Activity", before: int | None) -> "Activity":
        """Put a removed row back (undo) where it stood: before the row `before` if that row is
        still there and of the same need, else after the last row of its need (`add_row`)."""
        rows = self.rows()
        index = next(
            (i for i, row in enumerate(rows) if row.pk == before and row.need == activity.need),
            None,
        )
        if index is None:
            return self.add_row(activity.to_row())
        activity.assessment = self
        rows.insert(index, activity)
        self.renumber(rows)
        self.touch()
        return activity

    @staticmethod
    def renumber(rows: list["Activity"]) -> None:
        """Store positions 0..n-1 in the order given, saving only rows that changed."""
        for position, activity in enumerate(rows):
            if activity.pk is None:
                activity.position = position
                activity.save()
            elif activity.position != position:
                # Only the position: the other fields in memory may be older than a save of the
                # same row from another tab a moment ago.
                activity.position = position
                activity.save(update_fields=["position"])


class Activity(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="activities")
    position = models.PositiveIntegerField(default=0)
    need = models.CharField(_("behov"), max_length=32, choices=NEED_CHOICES)
    description = models.CharField(_("beskrivning"), max_length=200)
    # Floats so that any number a file holds round-trips exactly; the rules read them as
    # their decimal text (rules.fields.to_number).
    minutes = models.FloatField(_("minuter per tillfälle"), validators=_bounds("minutes"))
    times = models.FloatField(_("antal gånger"), validators=_bounds("times"))
    per = models.CharField(_("per"), max_length=8, choices=PERIOD_CHOICES, default="day")
    days_per_week = models.PositiveSmallIntegerField(
        _("dagar i veckan"), default=7, validators=_bounds("days_per_week")
    )
    assistants = models.PositiveSmallIntegerField(
        _("antal assistenter"), default=1, choices=[(1, "1"), (2, "2")]
    )
    kind = models.CharField(_("slag av behov"), max_length=8, choices=KIND_CHOICES)
    time_type = models.CharField(
        _("typ av tid"), max_length=8, choices=TIME_TYPE_CHOICES, default="active"
    )
    tube_feeding = models.BooleanField(_("sondmatning"), default=False)
    note = models.TextField(_("anteckning"), max_length=2000, blank=True)
    # Bumped on every save of the row, so that a save based on an older page is refused.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("aktivitet")
        verbose_name_plural = _("aktiviteter")

    def __str__(self):
        return self.description

    @classmethod
    def from_row(cls, row: rules.Activity, **fields) -> "Activity":
        """A new, unsaved stored row with the values of a row of the rules."""
        return cls(**{name: db_value(value) for name, value in row.values().items()}, **fields)

    def to_row(self) -> rules.Activity:
        return rules.Activity(**{name: getattr(self, name) for name in ROW_FIELDS})
