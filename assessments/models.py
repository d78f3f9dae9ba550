"""A draft (Assessment) and its activity rows, stored under an unguessable token.

The stored row converts to and from the one row type, `rules.Activity`, through the names of
its table of fields (`rules.activity.FIELDS`); the draft to and from `rules.Assessment`. Row
order is the draft's: adding, moving and numbering rows are its methods.
"""

import dataclasses
import operator
import secrets
from datetime import timedelta
from functools import cached_property

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models.base import ModelState
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import columns, rules
from .columns import broken, db_value, new_key, refuse_broken
from .rules import activity as row_table
from .rules import assessment as draft_table
from .rules.assessment import DEFAULT_WEEK_TYPE
from .rules.dayplan import DAY_PLAN, FIRST_VERSION, PLAN_FIELDS, parse_day_plan
from .rules.dayplan_types import DayPlan as PlanOfRules
from .rules.fields import Field, repaired
from .rules.parts import write as write_part

TOKEN_BYTES = 32  # 256 bits; a UUID4 would give only 122 random bits
ROW_FIELDS = tuple(row_table.FIELDS)
WEEK_TYPE_FIELDS = tuple(draft_table.WEEK_TYPE_FIELDS)
PLAIN_FIELDS = (*PLAN_FIELDS, "spans", "items")  # a day plan's, in the file's order


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def today():
    return timezone.localdate()


def choices(enum) -> list[tuple[str, str]]:
    return [(member.value, label) for member, label in rules.CHOICE_LABELS[enum].items()]


NEED_CHOICES = [(info.need.value, info.label) for info in rules.NEEDS]
KIND_CHOICES = [(kind.value, label) for kind, label in rules.KIND_LABELS.items()]
PERIOD_CHOICES = [(period.value, label) for period, label in rules.PERIOD_LABELS.items()]
NEED_ORDER = {info.need.value: order for order, info in enumerate(rules.NEEDS)}
TIME_TYPE_CHOICES = [(t.value, label) for t, label in rules.TIME_TYPE_LABELS.items()]


# Each language named in its own words, as the language links name them.
PRINT_LANGUAGES = [("sv", "svenska"), ("en", "English")]


def _bounds(name: str) -> list:
    field = row_table.FIELDS[name]
    return [MinValueValidator(field.low), MaxValueValidator(field.high)]


class AssessmentQuerySet(models.QuerySet):
    def inactive_since(self, days: int):
        return self.filter(updated_at__lt=timezone.now() - timedelta(days=days))

    def create_from(self, draft: rules.Assessment) -> "Assessment":
        """A new draft from a file's assessment, rows at positions 0..n-1, all or nothing."""
        with transaction.atomic():
            assessment = self.create(**columns.draft_values(self.model, draft))
            assessment.set_week_types(draft.week_types)
            DayPlan.objects.bulk_create(
                DayPlan.from_rules(plan, assessment=assessment, position=position)
                for position, plan in enumerate(draft.day_plans)
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
    birth_month = models.DateField(_("födelseår och månad"), null=True, blank=True)
    hourly_amount = models.FloatField(_("timbelopp"), null=True, blank=True)
    period_start = models.DateField(_("periodens början"), null=True, blank=True)
    period_end = models.DateField(_("periodens slut"), null=True, blank=True)
    night_start = models.TimeField(_("nattvilans början"), null=True, blank=True)
    night_end = models.TimeField(_("nattvilans slut"), null=True, blank=True)
    night_cover = models.CharField(
        _("på natten"), max_length=8, choices=choices(rules.NightCover), default="waiting"
    )
    decision_by = models.CharField(
        _("beslutat av"), max_length=8, choices=choices(rules.DecisionMaker), blank=True
    )
    decision_date = models.DateField(_("beslutsdatum"), null=True, blank=True)
    decision_note = models.TextField(_("anteckning om beslutet"), max_length=2000, blank=True)
    # Whether the person answered "the shape of the weeks" (web.shape): asked once, first.
    weeks_asked = models.BooleanField(default=False)
    # Version 3 of the file (rules.md R12, R14): when the decision was received, and what it
    # decided about the night and the weeks, each part as the file writes it (columns.py).
    decision_received = models.DateField(_("dagen beslutet kom fram"), null=True, blank=True)
    decision_night = models.JSONField(_("natten enligt beslutet"), null=True, blank=True)
    decision_week_types = models.JSONField(_("veckor enligt beslutet"), default=dict, blank=True)
    # Issue 21 item 4: a previous file (last year's draft, or a decision's rows) to compare the
    # draft with, kept as the file the tool writes (read forever, spec), so that it is deleted
    # and purged with the draft; "" when there is none. With `baseline_decided` the baseline
    # is the file's draft as its decision granted it (rules.md R12).
    baseline = models.TextField(_("jämförelsefil"), blank=True)
    baseline_decided = models.BooleanField(_("jämför med beslutet i filen"), default=False)
    # Issue 21 item 5: the language of the printed documents (the PDF summary, the omprövning
    # draft), whatever the language of the page: FK reads Swedish.
    print_language = models.CharField(
        _("utskrift på"), max_length=8, choices=PRINT_LANGUAGES, default="sv"
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

    def save(self, *args, **kwargs):
        self.refuse_invalid(kwargs.get("update_fields"))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("assessments:draft", args=[self.token])

    def refuse_invalid(self, names=None) -> None:
        """Raise on a value of `names` (default all) that the draft's tables refuse."""
        refuse_broken("a draft", columns.draft_problems(self, names))

    def rows(self) -> list["Activity"]:
        """The rows in the user's order; "Rad 3" counts in this order on the page, in the file,
        in the PDF and in the explanation.

        Made from the rows' values as Django's `Model.from_db` makes them, without
        `Model.__init__` (its signals, a descriptor per field): every page and every save reads
        all the rows, and 150 model inits were a fifth of a save on a 150-row draft. Nothing
        listens to a row's init signals (tests/test_row_line.py compares both)."""
        query = self.activities.all()
        names = [field.attname for field in Activity._meta.concrete_fields]
        found, db = [], query.db
        for values in query.values_list(*names):
            row = Activity.__new__(Activity)
            row.__dict__.update(zip(names, values, strict=True))
            row._state = state = ModelState()
            state.adding, state.db = False, db
            state.fields_cache["assessment"] = self  # as the related manager sets it
            found.append(row)
        return found

    @cached_property
    def week_type_list(self) -> tuple[rules.WeekType, ...]:
        """The draft's kinds of week (rules.md R10), once per request: every row form asks."""
        if self.pk is None:
            return (DEFAULT_WEEK_TYPE,)
        return tuple(w.to_rules() for w in self.week_types.all()) or (DEFAULT_WEEK_TYPE,)

    @property
    def has_night(self) -> bool:
        return self.night_start is not None and self.night_end is not None

    @property
    def broken_fields(self) -> list[Field]:
        """The fields of the draft's own parts that an older version stored invalid: read as
        their stand-ins, and named on the page so that they can be put right."""
        invalid = []
        for prefix in columns.draft_columns(Assessment):
            if not prefix or columns.present(self, prefix):
                invalid += columns.part_values(self, prefix)[1]
        return invalid

    def to_rules(self, rows: list["Activity"] | None = None) -> rules.Assessment:
        """The draft as the rules (and the file) see it.

        What a row holds for a part of the draft that is gone (a night, a decision, a week
        type) stays stored, so that putting the part back restores it, but it does not count:
        the draft is always a valid file.
        """
        if rows is None:
            rows = self.rows()
        week_types = self.week_type_list
        keys = [w.key for w in week_types]

        def counted(row: rules.Activity) -> rules.Activity:
            if (
                row.week_types is None
                and (self.has_night or not row.at_night)
                and (self.decision_by or (row.decided is None and row.decision_reason == ""))
            ):
                return row  # nothing to leave out (most rows): no copy
            kept = None
            if row.week_types is not None:
                kept = tuple(key for key in row.week_types if key in keys)
                kept = kept or None
            changes = {"week_types": kept}
            if not self.has_night:
                changes["at_night"] = False
            if not self.decision_by:
                changes |= {"decided": None, "decision_reason": ""}
            return dataclasses.replace(row, **changes)

        parts = columns.parts(self)
        decision = parts.get("decision")
        if decision is not None and set(decision.week_types) - set(keys):
            # Weeks decided for a week type since removed stay stored, but do not count.
            weeks = {key: n for key, n in decision.week_types.items() if key in keys}
            parts["decision"] = dataclasses.replace(decision, week_types=weeks)
        return rules.Assessment(
            **columns.part_values(self, "")[0],
            **parts,
            week_types=week_types or (DEFAULT_WEEK_TYPE,),
            day_plans=self.counted_day_plans(keys),
            activities=tuple(counted(row.to_row()) for row in rows),
        )

    @cached_property
    def day_plan_list(self) -> list["DayPlan"]:
        if self.pk is None:
            return []
        return list(self.day_plans.all())

    def counted_day_plans(self, keys) -> tuple[PlanOfRules, ...]:
        """The day plans the rules count (rules.md R13): a plan of a week type that is gone
        stays stored, so that putting the week type back restores it, but does not count (as
        a row's week types); so does a plan stored unreadable (never by this version)."""
        plans = (plan.to_rules() for plan in self.day_plan_list if plan.week_type in keys)
        return tuple(plan for plan in plans if plan is not None)

    def set_week_types(self, week_types: tuple[rules.WeekType, ...]) -> None:
        """Store the draft's week types; the one default week type is not stored."""
        self.week_types.all().delete()
        if week_types != (DEFAULT_WEEK_TYPE,):
            WeekType.objects.bulk_create(
                WeekType.from_rules(w, assessment=self, position=position)
                for position, w in enumerate(week_types)
            )

    def calculate(self, rows: list["Activity"] | None = None) -> rules.Result:
        return rules.calculate(self.to_rules(rows))

    def touch(self, **changes) -> None:
        """Record a change: a new version, and the retention clock starts again; with the
        draft's own fields `changes` (column: value) stored in the same update."""
        Assessment.objects.filter(pk=self.pk).update(
            **changes, version=models.F("version") + 1, updated_at=timezone.now()
        )

    def lock(self) -> None:
        """Hold the draft until the transaction ends, so that adding, moving, removing and
        putting back its rows happen one at a time: each reads the rows (and the count that
        the row limit checks) only after the one before has committed. PostgreSQL locks the
        draft's row (SELECT … FOR UPDATE); SQLite's IMMEDIATE transaction holds the whole
        database's write lock already, and Django leaves FOR UPDATE out there."""
        if transaction.get_autocommit():
            raise transaction.TransactionManagementError("lock a draft inside a transaction")
        Assessment.objects.select_for_update().filter(pk=self.pk).values_list("pk").get()

    def store(self, changes: dict) -> None:
        """Store a save's changes of the draft's own fields (column: value); nothing invalid."""
        for name, value in changes.items():
            setattr(self, name, value)
        self.refuse_invalid(list(changes))
        self.touch(**changes)

    def add_week_types(self, week_types, *, instead_of_default: bool = False) -> None:
        """Store new week types, (key or "", name, weeks) each, after the stored ones; the one
        default becomes stored first, so that rows of "every week type" stay in it, unless they
        come `instead_of_default`. A key left empty is made from the name."""
        stored = list(self.week_types.all())
        if not stored and not instead_of_default:
            stored = [
                WeekType.objects.create(
                    assessment=self,
                    position=0,
                    key=DEFAULT_WEEK_TYPE.key,
                    name=DEFAULT_WEEK_TYPE.label,  # its name in the page's language
                    weeks=float(DEFAULT_WEEK_TYPE.weeks),
                )
            ]
        used = {w.key for w in stored}
        for offset, (key, name, weeks) in enumerate(week_types):
            key = key or new_key(used, name)
            used.add(key)
            WeekType.objects.create(
                assessment=self, position=len(stored) + offset, key=key, name=name, weeks=weeks
            )
        self.touch()

    def remove_week_type(self, week_type: "WeekType") -> int:
        """Remove a week type and take it off the rows; a row left with none happens in all of
        them. The number of such rows."""
        widened = 0
        for row in self.activities.filter(week_types__isnull=False):
            kept = [key for key in row.week_types if key != week_type.key]
            if kept != row.week_types:
                widened += not kept
                row.week_types = kept or None
                row.save(update_fields=["week_types"])
        week_type.delete()
        self.touch()
        return widened

    def add_row(self, row: rules.Activity) -> "Activity":
        """Insert a row after the last row of the same need or of a need before it in the law's
        order (rules.md R1), so that a draft built here stays grouped by need."""
        self.lock()
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
        self.lock()
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
        self.lock()
        activity.delete()
        self.touch()

    def restore_row(self, activity: "Activity", before: int | None) -> "Activity":
        """Put a removed row back (undo) where it stood: before the row `before` if that row is
        still there and of the same need, else after the last row of its need (`add_row`)."""
        self.lock()
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
    week_types = models.JSONField(_("veckotyper"), null=True, blank=True)
    at_night = models.BooleanField(_("på natten"), default=False)
    # None, as in the file, is help at home; "" would be a second way to say it.
    elsewhere = models.CharField(  # noqa: DJ001
        _("annan insats"), max_length=16, choices=choices(rules.Elsewhere), null=True, blank=True
    )
    note = models.TextField(_("anteckning"), max_length=2000, blank=True)
    decided = models.JSONField(_("beslutat"), null=True, blank=True)
    decision_reason = models.TextField(_("beslutets motivering"), max_length=2000, blank=True)
    # Bumped on every save of the row, so that a save based on an older page is refused.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("aktivitet")
        verbose_name_plural = _("aktiviteter")

    def __str__(self):
        return self.description

    def save(self, *args, **kwargs):
        self.refuse_invalid(kwargs.get("update_fields"))
        super().save(*args, **kwargs)

    def refuse_invalid(self, names=None) -> None:
        """Raise on a value of `names` (default all) that the row's table refuses; with all of
        them, on a rule between fields too."""
        names = names or ROW_FIELDS
        if set(ROW_FIELDS) <= set(names):
            invalid = self._from_stored()[1]
        else:
            stored = {name: getattr(self, name) for name in names if name in ROW_FIELDS}
            invalid = broken(row_table.FIELDS, stored)
        refuse_broken("a row", invalid)

    @classmethod
    def from_row(cls, row: rules.Activity, **fields) -> "Activity":
        """A new, unsaved stored row with the values of a row of the rules."""
        return cls(**{name: db_value(value) for name, value in row.values().items()}, **fields)

    def store(self, changes: dict) -> None:
        """Store a save's changes of the row (field: value) with a new version; nothing
        invalid. The draft records the change too."""
        for name, value in changes.items():
            setattr(self, name, value)
        self.refuse_invalid(list(changes))
        Activity.objects.filter(pk=self.pk).update(**changes, version=models.F("version") + 1)
        self.version += 1
        self.assessment.touch()

    def _from_stored(self) -> tuple[rules.Activity, tuple[str, ...]]:
        return read_row(_row_values(self))

    def to_row(self) -> rules.Activity:
        return self._from_stored()[0]

    @property
    def broken_fields(self) -> list[Field]:
        """The fields an older version stored invalid: read as their stand-ins (to_row), and
        named under the row on the page, so that a save puts them right."""
        return [row_table.FIELDS[name] for name in self._from_stored()[1]]


_read_rows: dict[tuple, tuple[rules.Activity, tuple[str, ...]]] = {}
_row_values = operator.attrgetter(*ROW_FIELDS)


def read_row(values: tuple) -> tuple[rules.Activity, tuple[str, ...]]:
    """`rules.activity.from_stored` of a row's stored values (in ROW_FIELDS' order), once per
    process for the same values: a page and a save read every row of the draft, and the same
    values read the same (an immutable row of the rules), so that a save on a 150-row draft
    does not check 150 rows again. Keyed by each value and its type (1, 1.0 and True are
    equal but not read alike); bounded."""
    try:
        key = (values, tuple(map(type, values)))
        found = _read_rows.get(key)
    except TypeError:  # a list (the week types): as a tuple
        plain = tuple(tuple(v) if isinstance(v, list) else v for v in values)
        try:
            key = (plain, tuple(map(type, values)))
            found = _read_rows.get(key)
        except TypeError:  # a value that cannot be a key (a mapping): read it each time
            return row_table.from_stored(dict(zip(ROW_FIELDS, values, strict=True)))
    if found is None:
        if len(_read_rows) >= 20_000:
            _read_rows.clear()
        found = row_table.from_stored(dict(zip(ROW_FIELDS, values, strict=True)))
        _read_rows[key] = found
    return found


class WeekType(models.Model):
    """A kind of week of a draft (rules.md R10); a draft without any has one of 52 weeks."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="week_types")
    position = models.PositiveIntegerField(default=0)
    key = models.CharField(_("nyckel"), max_length=30)
    name = models.CharField(_("namn"), max_length=60)
    weeks = models.FloatField(_("antal veckor"))
    assistance_days = models.PositiveSmallIntegerField(_("dagar med assistans"), default=7)
    away_hours = models.FloatField(_("timmar någon annanstans"), default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "key"], name="unique_week_type_key")
        ]
        verbose_name = _("veckotyp")
        verbose_name_plural = _("veckotyper")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        values = {name: getattr(self, name) for name in WEEK_TYPE_FIELDS}
        refuse_broken("a week type", broken(draft_table.WEEK_TYPE_FIELDS, values))
        super().save(*args, **kwargs)

    @classmethod
    def from_rules(cls, week_type: rules.WeekType, **fields) -> "WeekType":
        return cls(
            **{name: db_value(getattr(week_type, name)) for name in WEEK_TYPE_FIELDS}, **fields
        )

    def store(self, changes: dict) -> None:
        """Store a save's changes of the week type (field: value); nothing invalid."""
        for name, value in changes.items():
            setattr(self, name, value)
        refuse_broken("a week type", broken(draft_table.WEEK_TYPE_FIELDS, changes))
        WeekType.objects.filter(pk=self.pk).update(**changes)
        self.assessment.touch()

    def to_rules(self) -> rules.WeekType:
        fields = draft_table.WEEK_TYPE_FIELDS
        return rules.WeekType(
            **{name: repaired(f, getattr(self, name))[0] for name, f in fields.items()}
        )


class DayPlan(models.Model):
    """A day plan of a draft (rules.md R13): one typical dygn of a week type, its presence
    spans and its help at clock times. The spans and items are stored as the file writes them
    (spec "A day plan"), read back by the same reader: they are edited as a whole plan, and
    the file's form is their one declaration."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="day_plans")
    position = models.PositiveIntegerField(default=0)
    key = models.CharField(_("nyckel"), max_length=30)
    name = models.CharField(_("namn"), max_length=60)
    week_type = models.CharField(_("veckotyp"), max_length=30)
    days = models.PositiveSmallIntegerField(
        _("dagar"), validators=[MinValueValidator(1), MaxValueValidator(7)]
    )
    spans = models.JSONField(_("närvaro"), default=list, blank=True)
    items = models.JSONField(_("hjälp vid tider"), default=list, blank=True)
    # Bumped on every change of the plan, so that an edit based on an older page is refused.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "key"], name="unique_day_plan_key")
        ]
        verbose_name = _("dagplan")
        verbose_name_plural = _("dagplaner")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        refuse_broken("a day plan", ["day plan"] if self.problems() else [])
        super().save(*args, **kwargs)

    def plain(self) -> dict:
        """The plan as the file writes it."""
        return {name: getattr(self, name) for name in PLAIN_FIELDS}

    def problems(self) -> list[str]:
        return parse_day_plan(self.plain())[1]

    def to_rules(self) -> PlanOfRules | None:
        return parse_day_plan(self.plain())[0]

    @classmethod
    def from_rules(cls, plan: PlanOfRules, **fields) -> "DayPlan":
        plain = {"spans": [], "items": []} | write_part(DAY_PLAN, plan, version=FIRST_VERSION)
        return cls(**{name: plain[name] for name in PLAIN_FIELDS}, **fields)


# Kept beside a draft, in a module of their own; imported here so that Django finds them.
from .service_models import CachedPdf, RateCounter, ShareLink  # noqa: E402, F401
