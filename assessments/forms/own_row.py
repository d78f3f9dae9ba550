"""The questions an own row ("Lägg till egen rad") asks before it is added: which need it belongs
to, in plain words with an example each, and whether the help is an integrity-near part of a basic
need (rules.md R1–R3), with a "Vet inte" that takes the cautious choice.

The cautious choice is "annat personligt behov" (rules.md R2, R3): only basic needs count toward
the threshold of more than 20 hours a week (R5), so a row counted as basic when it is not would
make the estimate promise hours Försäkringskassan does not count. A row counted as other when it
is basic only understates the basic hours, and the person sees it and can change it on the row.
"""

from django.utils.translation import gettext_lazy as _

from assessments.rules import NEEDS, Kind, Need, need_label

UNSURE = "unsure"

# Plain words for each need (rules.md R1 for the seven basic needs, R2 for the others), with
# examples of what people ask help with. The law's names stay the labels (rules.NEEDS).
NEED_EXAMPLES = {
    Need.BREATHING: _("Hjälp att andas. Till exempel slemsugning, andningsmask eller hostmaskin."),
    Need.PERSONAL_HYGIENE: _(
        "Hjälp att hålla sig ren. Till exempel dusch, toalettbesök, tandborstning eller blöjbyte."
    ),
    Need.MEALS: _("Hjälp att äta och dricka. Till exempel att bli matad eller sondmatning."),
    Need.DRESSING: _("Hjälp att klä av och på sig. Till exempel skor, ortoser eller stödstrumpor."),
    Need.COMMUNICATION: _(
        "Hjälp att förstå andra och bli förstådd. Till exempel att tolka eller ringa ett samtal."
    ),
    Need.INJURY_PREVENTION: _(
        "Stöd så att personen inte skadar sig själv, andra eller saker, på grund av en psykisk "
        "funktionsnedsättning. Till exempel att avbryta ett självskadande beteende."
    ),
    Need.MEDICAL_SUPPORT: _(
        "Stöd större delen av dygnet vid ett medicinskt tillstånd som är farligt för livet. "
        "Till exempel att hela tiden hålla uppsikt vid svår epilepsi."
    ),
    Need.HOUSEHOLD: _("Till exempel städning, tvätt, att laga mat eller handla."),
    Need.LEISURE_AND_COMMUNITY: _("Till exempel att träffa vänner, träna eller gå på möten."),
    Need.WORK_AND_EDUCATION: _("Till exempel hjälp på jobbet, i skolan eller i daglig verksamhet."),
    Need.PARENTING: _("Hjälp att ta hand om sina barn. Till exempel att hämta på förskolan."),
    Need.SUPERVISION: _("Att någon finns nära och har uppsikt, eller finns till hands på natten."),
    Need.HEALTH_AND_CARE: _("Till exempel att ta mediciner, träna hemma eller gå till läkaren."),
    Need.OTHER: _("Det som inte passar under något annat behov."),
}

KIND_CHOICES = [
    (Kind.BASIC.value, _("Ja, grundläggande behov")),
    (Kind.OTHER.value, _("Nej, annat personligt behov")),
    (UNSURE, _("Vet inte")),
]

KIND_HINTS = {
    Kind.BASIC.value: _("Räknas mot gränsen på mer än 20 timmar i veckan."),
    Kind.OTHER.value: _("Räknas i den totala tiden, men inte mot 20-timmarsgränsen."),
    UNSURE: _(
        "Då räknas raden som annat personligt behov. Det är det försiktiga valet: beräkningen "
        "visar inte fler timmar mot 20-timmarsgränsen än du kan vara säker på. Du kan ändra det "
        "på raden när du vet."
    ),
}

CAUTIOUS_SAID = _(
    "Du svarade Vet inte, så raden räknas som annat personligt behov, det försiktiga valet. "
    "Ändra det på raden om hjälpen är grundläggande behov."
)

# Kept in the row's note when "Vet inte" chose for the person, so that the choice is seen again
# (on the page, in the file and on paper) until the person changes it.
CAUTIOUS_NOTE = _(
    "Osäkert om hjälpen är grundläggande behov: räknas som annat personligt behov tills det är "
    "klart."
)


def need_choices() -> list[tuple[str, str, str]]:
    """(value, label, example) of every need in the law's order, the basic ones numbered as
    in LSS 9 a § (rules.md R1)."""
    labels = {info.need: need_label(info.need) for info in NEEDS}
    return [
        (
            info.need.value,
            f"{info.law_number}. {label}" if info.law_number else label,
            str(NEED_EXAMPLES[info.need]),
        )
        for info in NEEDS
        for label in [labels[info.need]]
    ]


def kind_choices() -> list[tuple[str, str, str]]:
    """(value, label, hint) of the answers to "is the help basic?"."""
    return [(value, str(label), str(KIND_HINTS[value])) for value, label in KIND_CHOICES]
