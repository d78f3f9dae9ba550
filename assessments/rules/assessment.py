"""The draft: what a whole assessment holds besides its rows, and its parts.

`Assessment` is the one draft type: the file reads into it, the model converts to and from it,
and the rules calculate with it. `title` is the person's own name for it; the arithmetic
ignores it. The parts of a draft (the person, the period, the week types, the night, the
decision) each have a small type and a table of fields beside it, the day plans theirs in
`dayplan.py`; `rules.draft` declares them as parts.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from fractions import Fraction
from functools import cached_property

from . import parameters as p
from .activity import Activity
from .dayplan_types import DayPlan
from .fields import Field, Type, table, to_number
from .i18n import _, gettext_noop
from .needs import DecisionMaker, NightCover

FIELDS: dict[str, Field] = table(
    Field(
        "title",
        gettext_noop("Namn på beräkningen (frivilligt)"),
        gettext_noop("namn på beräkningen"),
        Type.TEXT,
        default="",
        max_length=200,
        help=gettext_noop("Skriv inte namn, personnummer eller adress."),
        messages={"max_length": gettext_noop("Namnet får vara högst 200 tecken.")},
    ),
    Field(
        "assessment_date",
        gettext_noop("Bedömningsdatum"),
        gettext_noop("bedömningsdatum"),
        Type.DATE,
        help=gettext_noop("Reglerna räknas som de gällde detta datum. Skriv som ÅÅÅÅ-MM-DD."),
        messages={
            "required": gettext_noop("Ange bedömningsdatum, till exempel 2026-11-22."),
            "invalid": gettext_noop(
                "Bedömningsdatum måste vara ett riktigt datum, till exempel 2026-11-22."
            ),
        },
    ),
    Field(
        "hourly_amount",
        gettext_noop("Timbelopp enligt ditt beslut, kronor (frivilligt)"),
        gettext_noop("timbelopp"),
        Type.NUMBER,
        since=2,
        default=None,
        low=0,
        low_open=True,
        nullable=True,
        help=(
            gettext_noop(
                "Lämna tomt för årets schablonbelopp. Har du beviljats ett förhöjt timbelopp, "
                "skriv beloppet från beslutet, till exempel 375,50."
            )
        ),
        messages={
            "invalid": gettext_noop(
                "Timbeloppet måste vara ett belopp i kronor, till exempel 375,50."
            ),
            "range": gettext_noop("Timbeloppet måste vara större än 0 kronor."),
        },
    ),
)

PERSON_FIELDS: dict[str, Field] = table(
    Field(
        "birth_month",
        gettext_noop("Födelseår och månad (frivilligt)"),
        gettext_noop("födelseår och månad"),
        Type.MONTH,
        since=2,
        default=None,
        nullable=True,
        help=(
            gettext_noop(
                "Skriv som ÅÅÅÅ-MM, till exempel 2019-03. Bara år och månad behövs: barnet "
                "räknas till den nya åldern hela månaden det fyller år."
            )
        ),
        messages={
            "invalid": gettext_noop(
                "Födelseår och månad måste skrivas ÅÅÅÅ-MM, till exempel 2019-03."
            ),
        },
    ),
    Field(
        "age",
        gettext_noop("Ålder i hela år (frivilligt)"),
        gettext_noop("ålder"),
        Type.INTEGER,
        default=None,
        low=0,
        high=120,
        nullable=True,
        help=(
            gettext_noop(
                "Behövs bara om du inte anger födelsemånad. Fyller barnet år under "
                "bedömningsmånaden räknas hela månaden till den nya åldern: ange då den nya "
                "åldern."
            )
        ),
        messages={
            "invalid": gettext_noop("Ålder måste vara ett helt antal år, till exempel 7."),
            "min_value": gettext_noop("Ålder kan inte vara lägre än 0."),
            "max_value": gettext_noop("Ålder kan inte vara högre än 120."),
        },
    ),
)

MAX_PERIOD_DAYS = 366
PERIOD_FIELDS: dict[str, Field] = table(
    Field(
        "start",
        gettext_noop("Beviljandeperioden börjar"),
        gettext_noop("periodens början"),
        Type.DATE,
    ),
    Field(
        "end", gettext_noop("Beviljandeperioden slutar"), gettext_noop("periodens slut"), Type.DATE
    ),
)

MAX_WEEK_TYPES = 6
MAX_WEEKS = 53  # a period is at most a year (rules.md R10)
WEEK_TYPE_FIELDS: dict[str, Field] = table(
    Field("key", gettext_noop("Nyckel"), gettext_noop("nyckel"), Type.KEY, fallback="week"),
    Field(
        "name",
        gettext_noop("Namn på veckotypen"),
        gettext_noop("namn"),
        Type.TEXT,
        max_length=60,
        blank=False,
        fallback="–",
        messages={
            "required": gettext_noop("Ange ett namn på veckotypen, till exempel Skolvecka."),
            "max_length": gettext_noop("Namnet får vara högst 60 tecken."),
            "blank_file": gettext_noop(
                "får inte vara tomt. Skriv ett namn på högst {limit} tecken."
            ),
        },
    ),
    Field(
        "weeks",
        gettext_noop("Antal veckor"),
        gettext_noop("antal veckor"),
        Type.NUMBER,
        low=0,
        low_open=True,
        high=MAX_WEEKS,
        fallback=1,
        messages={
            "what": gettext_noop("hur många veckor av den här typen perioden har"),
            "required": gettext_noop("Ange antal veckor."),
            "invalid": gettext_noop("Antal veckor måste vara ett tal, till exempel 40."),
            "range": gettext_noop(
                "Antal veckor måste vara större än {low} och högst {high}."
            ).format(low=0, high=MAX_WEEKS),
        },
    ),
    Field(
        "assistance_days",
        gettext_noop("Dagar med assistans"),
        gettext_noop("dagar med assistans"),
        Type.INTEGER,
        default=7,
        low=1,
        high=7,
        help=gettext_noop(
            "Dagar i en sådan vecka då assistans ges; föräldraavdraget räknas per sådan dag."
        ),
        messages={"invalid_choice": gettext_noop("Välj mellan 1 och 7 dagar.")},
    ),
    Field(
        "away_hours",
        gettext_noop("Timmar någon annanstans"),
        gettext_noop("timmar någon annanstans"),
        Type.NUMBER,
        default=Fraction(0),
        low=0,
        high=168,
        help=(
            gettext_noop(
                "Timmar i veckan i skola, förskola, fritidshem, daglig verksamhet eller "
                "korttidsvistelse. Används bara för att kontrollera att dygnet räcker."
            )
        ),
        messages={
            "invalid": gettext_noop("Timmar någon annanstans måste vara ett tal, till exempel 30."),
            "range": gettext_noop("Timmar någon annanstans måste vara från 0 till 168."),
        },
    ),
)

NIGHT_FIELDS: dict[str, Field] = table(
    Field(
        "start",
        gettext_noop("Nattvilan börjar"),
        gettext_noop("nattvilans början"),
        Type.TIME,
        messages={"invalid": gettext_noop("Skriv ett klockslag som 22:00.")},
    ),
    Field(
        "end",
        gettext_noop("Nattvilan slutar"),
        gettext_noop("nattvilans slut"),
        Type.TIME,
        messages={"invalid": gettext_noop("Skriv ett klockslag som 07:00.")},
    ),
    Field(
        "cover",
        gettext_noop("Hur en assistent finns till hands på natten"),
        gettext_noop("hur assistenten finns till hands"),
        Type.CHOICE,
        default=NightCover.WAITING,
        choices=NightCover,
        messages={"invalid_choice": gettext_noop("Välj väntetid, beredskap eller ingen.")},
    ),
)
MIN_NIGHT_HOURS, MAX_NIGHT_HOURS = 1, 16

DECISION_FIELDS: dict[str, Field] = table(
    Field(
        "by",
        gettext_noop("Vem beslutade"),
        gettext_noop("vem som beslutade"),
        Type.CHOICE,
        choices=DecisionMaker,
        fallback=DecisionMaker.FK,
        messages={"invalid_choice": gettext_noop("Välj Försäkringskassan eller kommunen.")},
    ),
    Field(
        "date",
        gettext_noop("Beslutsdatum (frivilligt)"),
        gettext_noop("beslutsdatum"),
        Type.DATE,
        default=None,
        nullable=True,
        messages={
            "invalid": gettext_noop(
                "Beslutsdatum måste vara ett riktigt datum, till exempel 2026-10-15."
            )
        },
    ),
    Field(
        "note",
        gettext_noop("Anteckning om beslutet (frivillig)"),
        gettext_noop("anteckning"),
        Type.TEXT,
        default="",
        max_length=2000,
        messages={"max_length": gettext_noop("Anteckningen får vara högst 2000 tecken.")},
    ),
)


# spec "More of the decision" (version 3, rules.md R12, R14): what a decision holds besides who
# decided, when and a note. `received` starts the deadline (R14); `night` and `week_types` hold
# only what the decision changed, each checked by its own table below; absent means as claimed.
DECISION_V3_FIELDS: dict[str, Field] = table(
    Field(
        "received",
        gettext_noop("Beslutet kom fram den (frivilligt)"),
        gettext_noop("dagen beslutet kom fram"),
        Type.DATE,
        default=None,
        nullable=True,
        help=gettext_noop(
            "Dagen du fick beslutet, till exempel när brevet kom. Fristen för omprövning räknas "
            "från den dagen. Skriv som ÅÅÅÅ-MM-DD."
        ),
        messages={
            "invalid": gettext_noop(
                "Dagen beslutet kom fram måste vara ett riktigt datum, till exempel 2026-10-20."
            )
        },
    ),
    Field(
        "night",
        gettext_noop("Natten enligt beslutet"),
        gettext_noop("natten enligt beslutet"),
        Type.OBJECT,
        default=None,
    ),
    Field(
        "week_types",
        gettext_noop("Veckor enligt beslutet"),
        gettext_noop("veckor enligt beslutet"),
        Type.OBJECT,
        default=None,
    ),
)

# `decision.night`: the night as the decision granted it, or {"granted": false} for no waiting
# or on-call time at all.
DECIDED_NIGHT_FIELDS: dict[str, Field] = table(
    Field(
        "granted",
        gettext_noop("Beslutet gav väntetid eller beredskap på natten"),
        gettext_noop("beviljat"),
        Type.BOOLEAN,
        default=True,
    ),
    replace(
        NIGHT_FIELDS["start"],
        label=gettext_noop("Nattvilan börjar, enligt beslutet"),
        default=None,
    ),
    replace(
        NIGHT_FIELDS["end"], label=gettext_noop("Nattvilan slutar, enligt beslutet"), default=None
    ),
    replace(
        NIGHT_FIELDS["cover"],
        label=gettext_noop("Hur en assistent finns till hands på natten, enligt beslutet"),
    ),
)

# `decision.week_types`: {key: {"weeks": n}} for the week types whose weeks the decision changed.
DECIDED_WEEK_FIELDS: dict[str, Field] = table(
    replace(WEEK_TYPE_FIELDS["weeks"], label=gettext_noop("Antal veckor enligt beslutet")),
)


@dataclass(frozen=True)
class GrantPeriod:
    """The beviljandeperiod the estimate is for (rules.md R10)."""

    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class WeekType:
    """A kind of week the need differs between, weighted by its weeks (rules.md R10)."""

    key: str
    name: str
    weeks: Fraction
    assistance_days: int = 7
    away_hours: Fraction = Fraction(0)

    def __post_init__(self):
        object.__setattr__(self, "weeks", to_number(self.weeks))
        object.__setattr__(self, "away_hours", to_number(self.away_hours))

    @property
    def label(self) -> str:
        """The name as shown. The default week's name is this tool's word, not the person's:
        it is shown in the language of the page, while the file always holds the Swedish one
        (a file's values never depend on the language)."""
        if (self.key, self.name) == (DEFAULT_WEEK_TYPE.key, DEFAULT_WEEK_TYPE.name):
            return _("Vanlig vecka")
        return self.name


DEFAULT_WEEK_TYPE = WeekType("week", "Vanlig vecka", Fraction(52))


@dataclass(frozen=True)
class Night:
    """The person's night rest (dygnsvila, rules.md R11)."""

    start: time
    end: time
    cover: NightCover = NightCover.WAITING

    def __post_init__(self):
        object.__setattr__(self, "cover", NightCover(self.cover))

    @property
    def covered(self) -> bool:
        """Does the night count waiting or on-call time (R11), beside its active help?"""
        return self.cover != NightCover.NONE

    @cached_property  # asked a dozen times a calculation
    def minutes(self) -> int:
        """Its length; an end before the start is the next morning."""
        start = datetime.combine(date.min, self.start)
        end = datetime.combine(date.min, self.end)
        if end <= start:
            end += timedelta(days=1)
        return (end - start) // timedelta(minutes=1)


class NotGranted:
    """What a decision granted nothing for: `{"granted": false}` in the file."""

    def __repr__(self) -> str:
        return "NOT_GRANTED"


NOT_GRANTED = NotGranted()


@dataclass(frozen=True)
class Decision:
    """The decision the draft is compared with (rules.md R12), and when it was received (R14)."""

    by: DecisionMaker
    date: "date | None" = None  # the field shares its name with the type
    note: str = ""
    received: "date | None" = None  # the day the person received it: the deadline's start
    # What it granted for the night: a Night, NOT_GRANTED (no waiting or on-call time), or None
    # for the night as claimed.
    night: "Night | NotGranted | None" = None
    # Weeks of the week types whose number the decision changed: {key: weeks}.
    week_types: Mapping[str, Fraction] = field(default_factory=dict)

    def __post_init__(self):
        object.__setattr__(self, "by", DecisionMaker(self.by))
        object.__setattr__(
            self, "week_types", {key: to_number(n) for key, n in self.week_types.items()}
        )

    def decided_night(self, claimed: "Night | None") -> "Night | None":
        """rules.md R12: the night the decided figures use. Nothing granted keeps the night rest
        (the rows of help at night stay valid) without waiting or on-call time."""
        if self.night is NOT_GRANTED:
            return replace(claimed, cover=NightCover.NONE) if claimed else None
        return claimed if self.night is None else self.night

    def decided_week_type(self, week_type: "WeekType") -> "WeekType":
        if week_type.key not in self.week_types:
            return week_type
        return replace(week_type, weeks=self.week_types[week_type.key])


@dataclass(frozen=True)
class Assessment:
    assessment_date: date
    activities: tuple[Activity, ...] = ()
    age: int | None = None
    title: str = ""
    birth_month: date | None = None  # the first day of the month of birth
    hourly_amount: Fraction | None = None  # the person's own amount, e.g. a förhöjt timbelopp
    period: GrantPeriod | None = None
    week_types: tuple[WeekType, ...] = field(default=(DEFAULT_WEEK_TYPE,))
    night: Night | None = None
    decision: Decision | None = None
    day_plans: tuple[DayPlan, ...] = ()  # rules.md R13; the calculation turns them into rows

    def __post_init__(self):
        if self.hourly_amount is not None:
            object.__setattr__(self, "hourly_amount", to_number(self.hourly_amount))
        object.__setattr__(self, "week_types", tuple(self.week_types))
        object.__setattr__(self, "day_plans", tuple(self.day_plans))

    @property
    def start(self) -> date:
        """The first day assessed: the period's start, else the assessment date."""
        return self.period.start if self.period else self.assessment_date

    def bracket_age(self, on: date) -> int | None:
        """rules.md R7: the age bracket by calendar month; the whole birthday month belongs to
        the new age. With only an age, the age given."""
        if self.birth_month is None:
            return self.age
        age = on.year - self.birth_month.year - (1 if on.month < self.birth_month.month else 0)
        # A period may start before a baby is born (the spec only bounds the birth month by
        # the period's end): those months count as its first.
        return max(age, 0)

    @property
    def is_child(self) -> bool:
        """rules.md R7: the parental deduction concerns children."""
        age = self.bracket_age(self.start)
        return age is not None and age < p.ADULT_AGE.value
