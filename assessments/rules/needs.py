"""The needs, kinds, periods and time types a row can have (rules.md R1, R2, R4, R6), and the
kinds of presence of a day plan (R13).

Swedish labels live here because they are the law's own names for the needs; the order of
`NEEDS` is the order of LSS 9 a § followed by the other personal needs.
"""

from dataclasses import dataclass
from enum import StrEnum

from .i18n import Lazy, gettext_noop


class Need(StrEnum):
    BREATHING = "breathing"
    PERSONAL_HYGIENE = "personal_hygiene"
    MEALS = "meals"
    DRESSING = "dressing"
    COMMUNICATION = "communication"
    INJURY_PREVENTION = "injury_prevention"
    MEDICAL_SUPPORT = "medical_support"
    HOUSEHOLD = "household"
    LEISURE_AND_COMMUNITY = "leisure_and_community"
    WORK_AND_EDUCATION = "work_and_education"
    PARENTING = "parenting"
    SUPERVISION = "supervision"
    HEALTH_AND_CARE = "health_and_care"
    OTHER = "other"


class Kind(StrEnum):
    """Integrity-near part of a basic need (R3), or an other personal need (R2)."""

    BASIC = "basic"
    OTHER = "other"


class Period(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


class TimeType(StrEnum):
    """Active help, väntetid or beredskap (R6)."""

    ACTIVE = "active"
    WAITING = "waiting"
    ON_CALL = "on_call"


class Elsewhere(StrEnum):
    """Time at another insats, which needs särskilda skäl (rules.md R9)."""

    SCHOOL = "school"
    PRESCHOOL = "preschool"  # förskola, fritidshem
    DAILY_ACTIVITY = "daily_activity"
    SHORT_TERM_STAY = "short_term_stay"
    HOSPITAL = "hospital"


class NightCover(StrEnum):
    """How an assistant is there during the night rest when not helping (rules.md R11)."""

    WAITING = "waiting"
    ON_CALL = "on_call"
    NONE = "none"


class Presence(StrEnum):
    """How people are present during a span of a day plan (rules.md R13.1, R13.4)."""

    SUPERVISION = "supervision"  # tillsyn: near the person, watching, ready to act
    AT_HAND = "at_hand"  # present at an activity outside the home, in case a need arises
    WAITING = "waiting"  # väntetid: on site during the night rest
    ON_CALL = "on_call"  # beredskap: elsewhere during the night rest


class DecisionMaker(StrEnum):
    FK = "fk"
    KOMMUN = "kommun"


@dataclass(frozen=True)
class NeedInfo:
    need: Need
    label: Lazy
    is_basic: bool
    law_number: int | None  # the need's number in LSS 9 a § (R1), None for other needs


NEEDS: tuple[NeedInfo, ...] = (
    NeedInfo(Need.BREATHING, gettext_noop("Andning"), True, 1),
    NeedInfo(Need.PERSONAL_HYGIENE, gettext_noop("Personlig hygien"), True, 2),
    NeedInfo(Need.MEALS, gettext_noop("Måltider"), True, 3),
    NeedInfo(Need.DRESSING, gettext_noop("Av- och påklädning"), True, 4),
    NeedInfo(Need.COMMUNICATION, gettext_noop("Kommunikation med andra"), True, 5),
    NeedInfo(
        Need.INJURY_PREVENTION,
        gettext_noop("Förebygga skada vid psykisk funktionsnedsättning"),
        True,
        6,
    ),
    NeedInfo(Need.MEDICAL_SUPPORT, gettext_noop("Löpande stöd vid medicinskt tillstånd"), True, 7),
    NeedInfo(Need.HOUSEHOLD, gettext_noop("Hushåll och matlagning"), False, None),
    NeedInfo(Need.LEISURE_AND_COMMUNITY, gettext_noop("Fritid och samhällsliv"), False, None),
    NeedInfo(
        Need.WORK_AND_EDUCATION, gettext_noop("Arbete, studier och daglig verksamhet"), False, None
    ),
    NeedInfo(Need.PARENTING, gettext_noop("Föräldraskap"), False, None),
    NeedInfo(Need.SUPERVISION, gettext_noop("Tillsyn, väntetid och beredskap"), False, None),
    NeedInfo(Need.HEALTH_AND_CARE, gettext_noop("Egenvård, träning och hälsa"), False, None),
    NeedInfo(Need.OTHER, gettext_noop("Övrigt"), False, None),
)
NEED_INFO: dict[Need, NeedInfo] = {info.need: info for info in NEEDS}
BASIC_NEEDS: frozenset[Need] = frozenset(info.need for info in NEEDS if info.is_basic)

KIND_LABELS = {
    Kind.BASIC: gettext_noop("Grundläggande behov"),
    Kind.OTHER: gettext_noop("Annat personligt behov"),
}
PERIOD_LABELS = {
    Period.DAY: gettext_noop("per dag"),
    Period.WEEK: gettext_noop("per vecka"),
    Period.MONTH: gettext_noop("per månad"),
    Period.YEAR: gettext_noop("per år"),
}
TIME_TYPE_LABELS = {
    TimeType.ACTIVE: gettext_noop("Aktiv hjälp"),
    TimeType.WAITING: gettext_noop("Väntetid"),
    TimeType.ON_CALL: gettext_noop("Beredskap"),
}


ELSEWHERE_LABELS = {
    Elsewhere.SCHOOL: gettext_noop("Skola"),
    Elsewhere.PRESCHOOL: gettext_noop("Förskola eller fritidshem"),
    Elsewhere.DAILY_ACTIVITY: gettext_noop("Daglig verksamhet"),
    Elsewhere.SHORT_TERM_STAY: gettext_noop("Korttidsvistelse"),
    Elsewhere.HOSPITAL: gettext_noop("Sjukhus"),
}
NIGHT_COVER_LABELS = {
    NightCover.WAITING: gettext_noop("Väntetid: en assistent finns på plats och väntar"),
    NightCover.ON_CALL: gettext_noop("Beredskap: en assistent kan komma när det behövs"),
    NightCover.NONE: gettext_noop("Ingen assistent utöver den aktiva hjälpen"),
}
PRESENCE_LABELS = {
    Presence.SUPERVISION: gettext_noop("Tillsyn"),
    Presence.AT_HAND: gettext_noop("Finnas till hands utanför hemmet"),
    Presence.WAITING: gettext_noop("Väntetid"),
    Presence.ON_CALL: gettext_noop("Beredskap"),
}
DECISION_MAKER_LABELS = {
    DecisionMaker.FK: gettext_noop("Försäkringskassan"),
    DecisionMaker.KOMMUN: gettext_noop("Kommunen"),
}

# The label of every value of every enum a field can hold, for forms and printouts.
CHOICE_LABELS = {
    Need: {info.need: info.label for info in NEEDS},
    Kind: KIND_LABELS,
    Period: PERIOD_LABELS,
    TimeType: TIME_TYPE_LABELS,
    Elsewhere: ELSEWHERE_LABELS,
    NightCover: NIGHT_COVER_LABELS,
    Presence: PRESENCE_LABELS,
    DecisionMaker: DECISION_MAKER_LABELS,
}


def need_label(need: Need | str) -> str:
    return str(NEED_INFO[Need(need)].label)


def is_basic_need(need: Need | str) -> bool:
    return Need(need) in BASIC_NEEDS
