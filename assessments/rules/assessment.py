"""The draft: what a whole assessment holds besides its rows, and its tables of fields.

`Assessment` is the one draft type: the file reads into it, the model converts to and from it,
and the rules calculate with it. `title` is the person's own name for it; the arithmetic
ignores it.
"""

from dataclasses import dataclass
from datetime import date

from . import parameters as p
from .activity import Activity
from .fields import Field, Type, table

FIELDS: dict[str, Field] = table(
    Field(
        "title",
        "Namn på beräkningen (frivilligt)",
        "namn på beräkningen",
        Type.TEXT,
        default="",
        max_length=200,
        help="Skriv inte namn, personnummer eller adress.",
        messages={"max_length": "Namnet får vara högst 200 tecken."},
    ),
    Field(
        "assessment_date",
        "Bedömningsdatum",
        "bedömningsdatum",
        Type.DATE,
        help="Reglerna räknas som de gällde detta datum. Skriv som ÅÅÅÅ-MM-DD.",
        messages={
            "required": "Ange bedömningsdatum, till exempel 2026-11-22.",
            "invalid": "Bedömningsdatum måste vara ett riktigt datum, till exempel 2026-11-22.",
        },
    ),
)

PERSON_FIELDS: dict[str, Field] = table(
    Field(
        "age",
        "Ålder i hela år (frivilligt)",
        "ålder",
        Type.INTEGER,
        default=None,
        low=0,
        high=120,
        nullable=True,
        help=(
            "Fyll i för ett barn, så dras föräldraavdraget av. Fyller barnet år under "
            "bedömningsmånaden räknas hela månaden till den nya åldern: ange då den nya åldern."
        ),
        messages={
            "invalid": "Ålder måste vara ett helt antal år, till exempel 7.",
            "min_value": "Ålder kan inte vara lägre än 0.",
            "max_value": "Ålder kan inte vara högre än 120.",
        },
    ),
)


@dataclass(frozen=True)
class Assessment:
    assessment_date: date
    activities: tuple[Activity, ...] = ()
    age: int | None = None
    title: str = ""

    @property
    def is_child(self) -> bool:
        """rules.md R7: the parental deduction concerns children."""
        return self.age is not None and self.age < p.ADULT_AGE.value
