"""A draft (Assessment) and its activity rows, stored under an unguessable token."""

import secrets
from datetime import timedelta

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import rules
from .rules import Kind, Need, Period, TimeType

TOKEN_BYTES = 32  # 256 bits; a UUID4 would give only 122 random bits


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def today():
    return timezone.localdate()


NEED_CHOICES = [(info.need.value, info.label) for info in rules.NEEDS]
KIND_CHOICES = [(kind.value, label) for kind, label in rules.KIND_LABELS.items()]
PERIOD_CHOICES = [(period.value, label) for period, label in rules.PERIOD_LABELS.items()]
NEED_ORDER = {info.need.value: order for order, info in enumerate(rules.NEEDS)}
TIME_TYPE_CHOICES = [(t.value, label) for t, label in rules.TIME_TYPE_LABELS.items()]


class AssessmentQuerySet(models.QuerySet):
    def inactive_since(self, days: int):
        return self.filter(updated_at__lt=timezone.now() - timedelta(days=days))


class Assessment(models.Model):
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    title = models.CharField(_("namn på beräkningen"), max_length=200, blank=True)
    assessment_date = models.DateField(_("bedömningsdatum"), default=today)
    age = models.PositiveSmallIntegerField(
        _("ålder"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    # Bumped on every change, so that an edit based on an old page is detected.
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

    def insert_position(self, need: str) -> int:
        """Where a new row goes: after the last row of the same need or of a need before it in
        the law's order (rules.md R1), so that a draft built here stays grouped by need."""
        rows = self.rows()
        after = [i for i, row in enumerate(rows) if NEED_ORDER[row.need] <= NEED_ORDER[need]]
        return after[-1] + 1 if after else 0

    def to_rules_input(self, activities=None) -> rules.Assessment:
        if activities is None:
            activities = self.rows()
        return rules.Assessment(
            assessment_date=self.assessment_date,
            age=self.age,
            activities=tuple(activity.to_rules_input() for activity in activities),
        )

    def calculate(self, activities=None) -> rules.Result:
        return rules.calculate(self.to_rules_input(activities))


class Activity(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="activities")
    position = models.PositiveIntegerField(default=0)
    need = models.CharField(_("behov"), max_length=32, choices=NEED_CHOICES)
    description = models.CharField(_("beskrivning"), max_length=200)
    # Floats so that any number a file holds round-trips exactly; the rules read them as
    # their decimal text (rules.engine.to_fraction).
    minutes = models.FloatField(
        _("minuter per tillfälle"), validators=[MinValueValidator(0), MaxValueValidator(1440)]
    )
    times = models.FloatField(
        _("antal gånger"), validators=[MinValueValidator(0), MaxValueValidator(1440)]
    )
    per = models.CharField(_("per"), max_length=8, choices=PERIOD_CHOICES, default=Period.DAY)
    days_per_week = models.PositiveSmallIntegerField(
        _("dagar i veckan"), default=7, validators=[MinValueValidator(1), MaxValueValidator(7)]
    )
    assistants = models.PositiveSmallIntegerField(
        _("antal assistenter"), default=1, choices=[(1, "1"), (2, "2")]
    )
    kind = models.CharField(_("slag av behov"), max_length=8, choices=KIND_CHOICES)
    time_type = models.CharField(
        _("typ av tid"), max_length=8, choices=TIME_TYPE_CHOICES, default=TimeType.ACTIVE
    )
    tube_feeding = models.BooleanField(_("sondmatning"), default=False)
    note = models.TextField(_("anteckning"), max_length=2000, blank=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("aktivitet")
        verbose_name_plural = _("aktiviteter")

    def __str__(self):
        return self.description

    @classmethod
    def from_catalogue(cls, item, *, assessment, position: int) -> "Activity":
        """A new, unsaved row with a catalogue item's need, kind and suggested values."""
        return cls(
            assessment=assessment,
            position=position,
            need=item.need,
            description=item.description,
            minutes=item.minutes,
            times=item.times,
            per=item.per,
            kind=item.kind,
            time_type=item.time_type,
            tube_feeding=item.tube_feeding,
        )

    def to_rules_input(self) -> rules.Activity:
        return rules.Activity(
            need=Need(self.need),
            kind=Kind(self.kind),
            minutes=self.minutes,
            times=self.times,
            per=Period(self.per),
            days_per_week=self.days_per_week,
            assistants=self.assistants,
            time_type=TimeType(self.time_type),
            tube_feeding=self.tube_feeding,
            description=self.description,
        )
