"""A draft request for omprövning: every row where the decision differs, with both figures.

The content is built once here and printed three ways (the page, a tagged PDF, plain text to
paste into a letter or Försäkringskassan's e-service). It holds only what the person typed
(descriptions, notes, the decision's reasons as they copied them) and the figures; no name,
personnummer or address is added. Where the tool knows a rule that bears on a difference it
names the rule with its source. It is a draft to edit, not legal advice.

It is written in the language being shown, as the issue asks ("the request draft is printed in
the language chosen"); the rules' sources keep their Swedish names for the authority.
"""

from dataclasses import dataclass
from datetime import date

from . import rules
from .presentation import present
from .rules import parameters as p
from .rules import words
from .rules.compare import PartComparison, RowComparison
from .rules.deadline import Deadline, deadline
from .rules.formatting import share_text
from .rules.i18n import _, gettext_noop
from .rules.needs import NEED_INFO, DecisionMaker, Need

THRESHOLD = p.THRESHOLD_HOURS.value
DOUBLE_ASSISTANCE = gettext_noop(
    "När två assistenter behövs samtidigt räknas tiden för båda, också mot "
    "{hours}-timmarsgränsen (RÅ 2010 ref. 53; RÅ 2008 ref. 17)."
).format(hours=THRESHOLD)
WHOLE_NEED = gettext_noop(
    "Barnets hela hjälpbehov ska tas med, också den hjälp alla barn i samma ålder behöver; "
    "föräldraavdraget dras sedan av och ersätter bedömningen av normalt föräldraansvar "
    "(Kammarrätten i Sundsvall, mål 2106-23 och 15-24; förordningen (1993:1091) 4 a §)."
)
NIGHT = gettext_noop(
    "Väntetiden under nattvilan är nattvilan minus den aktiva hjälpen under natten; den "
    "aktiva hjälpen räknas som vanlig tid (LSS 9 a § fjärde stycket; Kammarrätten i Göteborg, "
    "mål 2580-18 och 2874-16)."
)
INTEGRITY_NEAR = gettext_noop(
    "De integritetsnära delarna av hjälpen med ett grundläggande behov räknas mot "
    "{hours}-timmarsgränsen (HFD 2009 ref. 57; LSS 9 a §)."
).format(hours=THRESHOLD)
NIGHT_COVER = gettext_noop(
    "Väntetid är tid då en assistent finns på plats under nattvilan och väntar på att hjälpa; "
    "den räknas med {waiting} av tiden. Beredskap är tid då assistenten kan vara någon "
    "annanstans och komma när det behövs; den räknas med {on_call} (LSS 9 a § fjärde stycket; "
    "Försäkringskassans vägledning 2003:6)."
).format(
    waiting=lambda: share_text(p.WAITING_FACTOR.value),
    on_call=lambda: share_text(p.ON_CALL_FACTOR.value),
)
IN_FULL = gettext_noop(
    "Hjälp med andning, med stöd enligt behov 6 och 7 och med sondmatning räknas i sin helhet "
    "som grundläggande behov (LSS 9 a § tredje stycket)."
)
DISCLAIMER = gettext_noop(
    "Det här är ett utkast som du redigerar själv, inte juridisk rådgivning. Kontrollera "
    "varje uppgift mot beslutet innan du skickar det, och lägg till det som saknas."
)
OWN_REASON_MISSING = gettext_noop(
    "[Skriv här varför beslutet är fel för den här raden, och vilket intyg som visar det.]"
)
OWN_REASON_PART_MISSING = gettext_noop(
    "[Skriv här varför beslutet är fel på den här punkten, och vilket intyg som visar det.]"
)


@dataclass(frozen=True)
class Difference:
    number: int  # "Rad 3", as on the page and in the file
    description: str
    claimed: str  # "40 min × 1 gång per dag, 7 dagar/vecka – 4,67 h/vecka"
    decided: str
    difference: str  # "−1,75 h/vecka"
    reason: str  # the decision's reason, as the person copied it
    own_reason: str  # the row's note, the person's own reasoning
    rules: tuple[str, ...]  # rules that bear on this difference, with their sources


@dataclass(frozen=True)
class PartDifference:
    """The night or a week type's weeks, where the decision changed them (rules.md R12)."""

    text: str  # "Natten: beslutet gav beredskap i stället för väntetid."
    claimed: str  # "22:00–07:00, väntetid – 13,13 h/vecka"
    decided: str
    difference: str  # "−7,5 h/vecka"
    rules: tuple[str, ...]


@dataclass(frozen=True)
class NeedSection:
    number: int | None  # the need's number in LSS 9 a § (rules.md R1)
    label: str
    differences: tuple[Difference, ...]


@dataclass(frozen=True)
class Request:
    recipient: str
    decision_date: date | None
    sections: tuple[NeedSection, ...]
    claimed_verdict: str
    decided_verdict: str
    totals: tuple[tuple[str, str, str, str], ...]  # (label, claimed, decided, difference)
    general_rules: tuple[str, ...]
    parts: tuple[PartDifference, ...] = ()  # the night and the weeks, after the rows
    deadline: Deadline | None = None  # the last day, for the person (rules.md R14)

    @property
    def empty(self) -> bool:
        return not self.sections and not self.parts


def _row_text(activity: rules.Activity, minutes) -> str:
    values = {
        "minutes": rules.format_number(activity.minutes),
        "frequency": words.frequency_text(activity),
        "hours": words.hours_text(minutes),
    }
    basic = rules.counts_as_basic(activity)
    if activity.assistants == 2 and basic:
        text = _("{minutes} min × {frequency}, 2 assistenter, grundläggande behov – {hours}")
    elif activity.assistants == 2:
        text = _("{minutes} min × {frequency}, 2 assistenter, annat personligt behov – {hours}")
    elif basic:
        text = _("{minutes} min × {frequency}, grundläggande behov – {hours}")
    else:
        text = _("{minutes} min × {frequency}, annat personligt behov – {hours}")
    return text.format(**values)


def _rules_for(row: RowComparison, draft: rules.Assessment) -> tuple[str, ...]:
    found = []
    decided = row.decided
    if row.claimed.assistants == 2 and (decided is None or decided.assistants == 1):
        found.append(str(DOUBLE_ASSISTANCE))
    if (
        decided is not None
        and rules.counts_as_basic(row.claimed)
        and not rules.counts_as_basic(decided)
    ):
        in_full = row.claimed.need in (Need.BREATHING, Need.INJURY_PREVENTION, Need.MEDICAL_SUPPORT)
        found.append(str(IN_FULL if in_full or row.claimed.tube_feeding else INTEGRITY_NEAR))
    if row.claimed.at_night and draft.night is not None:
        found.append(str(NIGHT))
    return tuple(found)


def _part_difference(part: PartComparison) -> PartDifference:
    if part.part == "night":
        claimed = _("{night} – {hours}").format(
            night=part.claimed, hours=words.hours_text(part.claimed_minutes)
        )
        decided = _("{night} – {hours}").format(
            night=part.decided, hours=words.hours_text(part.decided_minutes)
        )
        found = (str(NIGHT_COVER), str(NIGHT))
    else:
        claimed = _("{weeks}, totalt {hours}").format(
            weeks=part.claimed, hours=words.hours_text(part.claimed_minutes)
        )
        decided = _("{weeks}, totalt {hours}").format(
            weeks=part.decided, hours=words.hours_text(part.decided_minutes)
        )
        found = ()
    return PartDifference(
        part.text, claimed, decided, words.hours_text(-part.difference_minutes), found
    )


def build(draft: rules.Assessment, result: rules.Result) -> Request | None:
    """The request for a draft with a decision, or None without one."""
    shown = present(draft, result, voice="letter")
    comparison = shown.comparison
    if comparison is None:
        return None
    sections = []
    for info in rules.NEEDS:
        differences = tuple(
            Difference(
                number=row.index + 1,
                description=row.claimed.description,
                claimed=_row_text(row.claimed, row.claimed_minutes),
                decided=_row_text(row.decided, row.decided_minutes)
                if row.decided is not None
                else _("Inte beviljat – {hours}").format(hours=words.hours_text(0)),
                difference=words.hours_text(-row.difference_minutes),
                reason=row.claimed.decision_reason,
                own_reason=row.claimed.note or str(OWN_REASON_MISSING),
                rules=_rules_for(row, draft),
            )
            for row in comparison.changed_rows
            if row.claimed.need == info.need
        )
        if differences:
            sections.append(
                NeedSection(NEED_INFO[info.need].law_number, str(info.label), differences)
            )
    decided = result.decision
    general = []
    if draft.is_child and sections:
        general.append(str(WHOLE_NEED))
    return Request(
        recipient=_("Försäkringskassan")
        if draft.decision.by == DecisionMaker.FK
        else _("Kommunen (socialnämnden)"),
        decision_date=draft.decision.date,
        sections=tuple(sections),
        claimed_verdict=shown.claimed_verdict,
        decided_verdict=shown.decided_verdict,
        totals=tuple(
            (
                label,
                rules.format_hours(claimed),
                rules.format_hours(got),
                rules.format_hours(claimed - got),
            )
            for label, claimed, got in (
                (_("Grundläggande behov"), result.basic_minutes, decided.basic_minutes),
                (_("Andra personliga behov"), result.other_minutes, decided.other_minutes),
                # rules.md R12: Försäkringskassan grants nothing at or below the threshold.
                (_("Totalt"), result.total_minutes, decided.granted_minutes),
            )
        ),
        general_rules=tuple(general),
        parts=tuple(_part_difference(part) for part in comparison.parts),
        deadline=deadline(draft.decision),
    )


def plain_text(request: Request) -> str:
    """The request as plain text, to paste into a letter or an e-service."""
    if request.decision_date:
        dated = _("Beslut daterat: {date}").format(date=request.decision_date.isoformat())
    else:
        dated = _("Beslut daterat: [skriv beslutets datum och diarienummer]")
    lines = [
        _("UTKAST – BEGÄRAN OM OMPRÖVNING"),
        str(DISCLAIMER),
        "",
    ]
    if request.deadline is not None:
        lines += [f"{request.deadline.headline} {request.deadline.explanation}", ""]
    lines += [
        _("Till: {recipient}").format(recipient=request.recipient),
        dated,
        "",
        _(
            "Jag begär omprövning av beslutet. Nedan står för varje rad vad jag ansökte om, vad "
            "beslutet gav och varför jag anser att beslutet är fel."
        ),
    ]
    for section in request.sections:
        heading = f"{section.number}. {section.label}" if section.number else section.label
        lines += ["", heading.upper()]
        for d in section.differences:
            lines += [
                "",
                _("Rad {number}: {description}").format(number=d.number, description=d.description),
                "  " + _("Ansökt: {text}").format(text=d.claimed),
                "  " + _("Beslutat: {text}").format(text=d.decided),
                "  " + _("Skillnad: {text}").format(text=d.difference),
            ]
            if d.reason:
                lines.append("  " + _("Beslutets motivering: {text}").format(text=d.reason))
            lines.append("  " + _("Min motivering: {text}").format(text=d.own_reason))
            lines += ["  " + _("Regel: {text}").format(text=rule) for rule in d.rules]
    if request.parts:
        lines += ["", _("NATTEN OCH VECKORNA")]
    for d in request.parts:
        lines += [
            "",
            d.text,
            "  " + _("Ansökt: {text}").format(text=d.claimed),
            "  " + _("Beslutat: {text}").format(text=d.decided),
            "  " + _("Skillnad: {text}").format(text=d.difference),
            "  " + _("Min motivering: {text}").format(text=OWN_REASON_PART_MISSING),
        ]
        lines += ["  " + _("Regel: {text}").format(text=rule) for rule in d.rules]
    if request.empty:
        lines += ["", _("Beslutet skiljer sig inte från din beräkning på någon rad.")]
    headings = (_("Ansökt"), _("Beslutat"), _("Skillnad"))
    column = max(10, *(len(heading) + 1 for heading in headings))
    lines += ["", _("TIMMAR I VECKAN"), f"  {'':<24}" + "".join(f"{h:>{column}}" for h in headings)]
    lines += [
        f"  {label:<24}{claimed:>{column}}{decided:>{column}}{difference:>{column}}"
        for label, claimed, decided, difference in request.totals
    ]
    lines += [
        "",
        request.claimed_verdict,
        request.decided_verdict,
    ]
    if request.general_rules:
        lines += ["", *request.general_rules]
    lines += [
        "",
        _("Jag begär att beslutet ändras så att timmarna beviljas enligt min beräkning."),
        "",
        _("[Ort och datum]"),
        _("[Namn och underskrift]"),
    ]
    return "\n".join(lines) + "\n"
