"""The activity catalogue (behovslista): suggested rows a user can pick instead of typing.

Each item proposes a need, a default kind and modest starting values; the user changes them.
The default kind follows the typical split of integrity-near parts (rules.md R3) with the
corrections from the domain study: preparation and after-work of breathing help and of tube
feeding are other needs. Waiting and on-call time follow R6. Every item respects the validation
rules of the assessment file (spec/assessment-file.md): kind basic only with a basic need,
waiting and on-call time only as kind other, tube feeding only with meals, minutes and times in
(0, 1440]. Pure Python, no Django import.
"""

from dataclasses import dataclass

from assessments.rules.needs import Kind, Need, Period, TimeType


@dataclass(frozen=True, kw_only=True)
class CatalogueItem:
    key: str  # stable ASCII slug, unique across the catalogue
    need: Need
    description: str  # Swedish, short; becomes the row's description
    kind: Kind  # the default per R3; the user decides per row
    help: str  # plain Swedish: why this kind, what to include
    minutes: int  # suggested minutes per occasion
    times: int  # suggested occasions per period
    per: Period
    time_type: TimeType = TimeType.ACTIVE
    tube_feeding: bool = False


@dataclass(frozen=True)
class CatalogueGroup:
    need: Need
    items: tuple[CatalogueItem, ...]


# Shared help sentences for rules that several items cite.
_MEDICAL_CONDITION = (
    "Räknas som grundläggande behov bara om stödet behövs löpande under större delen av dygnet, "
    "på grund av ett medicinskt tillstånd som innebär fara för livet eller allvarlig risk för "
    "den fysiska hälsan."
)
_SPECIAL_REASONS = (
    "Tid i förskola, skola, fritidshem, daglig verksamhet eller korttidsvistelse räknas bara "
    "om det finns särskilda skäl; skriv dem i anteckningen."
)

_BREATHING = CatalogueGroup(
    Need.BREATHING,
    (
        CatalogueItem(
            key="breathing-suction",
            need=Need.BREATHING,
            description="Slemsugning",
            kind=Kind.BASIC,
            help=(
                "All hjälp med andningen räknas som grundläggande behov. Ta med själva "
                "sugningen och hjälp att hosta upp eller byta läge i samband med den."
            ),
            minutes=5,
            times=6,
            per=Period.DAY,
        ),
        CatalogueItem(
            key="breathing-ventilator",
            need=Need.BREATHING,
            description="Hjälp med andningsmaskin eller ventilator",
            kind=Kind.BASIC,
            help=(
                "Hjälp med andningen är alltid ett grundläggande behov. Ta med att sätta på och "
                "ta av mask eller kanyl och att kontrollera att andningen fungerar."
            ),
            minutes=10,
            times=4,
            per=Period.DAY,
        ),
        CatalogueItem(
            key="breathing-inhalation",
            need=Need.BREATHING,
            description="Inhalation",
            kind=Kind.BASIC,
            help=(
                "Inhalation är hjälp med andningen och räknas därför som grundläggande behov. "
                "Ta med tiden då assistenten håller i eller övervakar inhalationen."
            ),
            minutes=15,
            times=2,
            per=Period.DAY,
        ),
        CatalogueItem(
            key="breathing-equipment",
            need=Need.BREATHING,
            description="Förberedelse och rengöring av andningsutrustning",
            kind=Kind.OTHER,
            help=(
                "Att göra i ordning, rengöra och sköta utrustningen räknas som ett annat "
                "personligt behov, fast själva andningshjälpen är grundläggande. För barn görs "
                "ändå inget föräldraavdrag för den tiden."
            ),
            minutes=15,
            times=1,
            per=Period.DAY,
        ),
    ),
)

_PERSONAL_HYGIENE = CatalogueGroup(
    Need.PERSONAL_HYGIENE,
    (
        CatalogueItem(
            key="hygiene-toilet",
            need=Need.PERSONAL_HYGIENE,
            description="Toalettbesök",
            kind=Kind.BASIC,
            help=(
                "Hjälp vid toalettbesök är en integritetsnära del av hygienen och räknas som "
                "grundläggande behov. Ta med förflyttning till toaletten, av- och påklädning där "
                "och att tvätta sig efteråt."
            ),
            minutes=10,
            times=5,
            per=Period.DAY,
        ),
        CatalogueItem(
            key="hygiene-incontinence",
            need=Need.PERSONAL_HYGIENE,
            description="Byte av blöja eller inkontinensskydd",
            kind=Kind.BASIC,
            help=(
                "Att byta skydd är integritetsnära hjälp med hygienen och räknas som "
                "grundläggande behov. Ta med tvätt och torkning i samband med bytet."
            ),
            minutes=10,
            times=4,
            per=Period.DAY,
        ),
        CatalogueItem(
            key="hygiene-washing",
            need=Need.PERSONAL_HYGIENE,
            description="Tvätta ansikte, händer och kropp",
            kind=Kind.BASIC,
            help=(
                "Att tvätta sig är integritetsnära och räknas som grundläggande behov. Använd "
                "raden för morgon- och kvällstvätt som inte görs i duschen."
            ),
            minutes=10,
            times=2,
            per=Period.DAY,
        ),
        CatalogueItem(
            key="hygiene-shower",
            need=Need.PERSONAL_HYGIENE,
            description="Dusch",
            kind=Kind.BASIC,
            help=(
                "Hjälp i duschen är integritetsnära och räknas som grundläggande behov. Ta med "
                "hårtvätt och torkning; att göra i ordning badrummet läggs på en egen rad."
            ),
            minutes=20,
            times=1,
            per=Period.DAY,
        ),
        CatalogueItem(
            key="hygiene-shower-preparation",
            need=Need.PERSONAL_HYGIENE,
            description="Förbereda dusch eller bad och plocka undan",
            kind=Kind.OTHER,
            help=(
                "Att ta fram handdukar, fylla badet och städa efteråt görs utan att hjälpa "
                "personen själv och räknas därför som ett annat personligt behov."
            ),
            minutes=5,
            times=1,
            per=Period.DAY,
        ),
        CatalogueItem(
            key="hygiene-teeth",
            need=Need.PERSONAL_HYGIENE,
            description="Tandborstning",
            kind=Kind.BASIC,
            help=(
                "Munvård är integritetsnära och räknas som grundläggande behov. Ta med tandtråd, "
                "munskölj och rengöring av tandprotes."
            ),
            minutes=5,
            times=2,
            per=Period.DAY,
        ),
        CatalogueItem(
            key="hygiene-hair",
            need=Need.PERSONAL_HYGIENE,
            description="Hårvård",
            kind=Kind.BASIC,
            help=(
                "Att kamma, borsta och sätta upp håret är hjälp med den egna kroppen och räknas "
                "som grundläggande behov. Hårtvätt i duschen hör till raden för dusch."
            ),
            minutes=5,
            times=1,
            per=Period.DAY,
        ),
        CatalogueItem(
            key="hygiene-shave-makeup",
            need=Need.PERSONAL_HYGIENE,
            description="Rakning eller sminkning",
            kind=Kind.BASIC,
            help=(
                "Rakning och sminkning görs nära kroppen och räknas som grundläggande behov. Ta "
                "med hudvård som att smörja in ansiktet."
            ),
            minutes=10,
            times=1,
            per=Period.DAY,
        ),
        CatalogueItem(
            key="hygiene-menstruation",
            need=Need.PERSONAL_HYGIENE,
            description="Hjälp vid menstruation",
            kind=Kind.BASIC,
            help=(
                "Att byta mensskydd och tvätta sig i samband med det är integritetsnära och "
                "räknas som grundläggande behov. Förslaget är fyra byten om dagen fem dagar i "
                "månaden."
            ),
            minutes=10,
            times=20,
            per=Period.MONTH,
        ),
        CatalogueItem(
            key="hygiene-nails",
            need=Need.PERSONAL_HYGIENE,
            description="Nagelvård",
            kind=Kind.BASIC,
            help=(
                "Att klippa och fila naglarna görs direkt på kroppen, så vi föreslår det som "
                "grundläggande behov inom personlig hygien. Försäkringskassan bedömer det inte "
                "alltid så; ändra till annat behov om det passar bättre."
            ),
            minutes=15,
            times=1,
            per=Period.WEEK,
        ),
        CatalogueItem(
            key="hygiene-motivation",
            need=Need.PERSONAL_HYGIENE,
            description="Motivera och aktivera till egen hygien",
            kind=Kind.BASIC,
            help=(
                "Vid psykisk funktionsnedsättning räknas kvalificerade insatser som behövs för "
                "att personen ska klara hygienen själv som grundläggande behov (från 2023). "
                "Detsamma gäller måltider, av- och påklädning och kommunikation."
            ),
            minutes=15,
            times=2,
            per=Period.DAY,
        ),
    ),
)

_MEALS = CatalogueGroup(
    Need.MEALS,
    (
        CatalogueItem(
            key="meals-eating",
            need=Need.MEALS,
            description="Äta",
            kind=Kind.BASIC,
            help=(
                "Hjälp att äta, till exempel att bli matad eller få maten förd till munnen, är "
                "integritetsnära och räknas som grundläggande behov. Ta med hela tiden hjälpen "
                "behövs under måltiden."
            ),
            minutes=20,
            times=3,
            per=Period.DAY,
        ),
        CatalogueItem(
            key="meals-drinking",
            need=Need.MEALS,
            description="Dricka",
            kind=Kind.BASIC,
            help=(
                "Hjälp att dricka är integritetsnära och räknas som grundläggande behov. Ta med "
                "drickande mellan måltiderna också."
            ),
            minutes=5,
            times=6,
            per=Period.DAY,
        ),
        CatalogueItem(
            key="meals-tube-feeding",
            need=Need.MEALS,
            description="Sondmatning",
            kind=Kind.BASIC,
            help=(
                "Måltider i form av sondmatning räknas alltid som grundläggande behov. För barn "
                "görs inget föräldraavdrag för sondmatning."
            ),
            minutes=20,
            times=4,
            per=Period.DAY,
            tube_feeding=True,
        ),
        CatalogueItem(
            key="meals-tube-feeding-preparation",
            need=Need.MEALS,
            description="Förberedelse och efterarbete vid sondmatning",
            kind=Kind.OTHER,
            help=(
                "Att göra i ordning sondmat och utrustning och att rengöra efteråt räknas som "
                "ett annat personligt behov. För barn görs ändå inget föräldraavdrag för tiden."
            ),
            minutes=10,
            times=4,
            per=Period.DAY,
            tube_feeding=True,
        ),
        CatalogueItem(
            key="meals-cooking",
            need=Need.MEALS,
            description="Matlagning",
            kind=Kind.OTHER,
            help=(
                "Att laga maten hör inte till den integritetsnära delen av måltiden och räknas "
                "därför som ett annat personligt behov. Ta med att skala, skära och värma."
            ),
            minutes=30,
            times=2,
            per=Period.DAY,
        ),
        CatalogueItem(
            key="meals-table",
            need=Need.MEALS,
            description="Duka och plocka undan",
            kind=Kind.OTHER,
            help=(
                "Att duka fram och plocka undan görs utan att hjälpa personen själv och räknas "
                "som ett annat personligt behov. Disken läggs under hushåll."
            ),
            minutes=5,
            times=3,
            per=Period.DAY,
        ),
    ),
)

_DRESSING = CatalogueGroup(
    Need.DRESSING,
    (
        CatalogueItem(
            key="dressing-dress",
            need=Need.DRESSING,
            description="Av- och påklädning",
            kind=Kind.BASIC,
            help=(
                "Hjälp att klä av och på sig är integritetsnära och räknas som grundläggande "
                "behov. Ta med byten under dagen och nattkläder på kvällen."
            ),
            minutes=15,
            times=2,
            per=Period.DAY,
        ),
        CatalogueItem(
            key="dressing-orthoses",
            need=Need.DRESSING,
            description="Ta på och av ortoser eller stödstrumpor",
            kind=Kind.BASIC,
            help=(
                "Att sätta på och ta av ortoser, skenor eller stödstrumpor görs på kroppen och "
                "räknas som grundläggande behov. Räkna inte tiden två gånger om den redan "
                "ingår i av- och påklädningen."
            ),
            minutes=10,
            times=2,
            per=Period.DAY,
        ),
        CatalogueItem(
            key="dressing-buy-clothes",
            need=Need.DRESSING,
            description="Köpa kläder",
            kind=Kind.OTHER,
            help=(
                "Att handla kläder hör inte till den integritetsnära delen av påklädningen och "
                "räknas som ett annat personligt behov."
            ),
            minutes=120,
            times=1,
            per=Period.MONTH,
        ),
        CatalogueItem(
            key="dressing-laundry",
            need=Need.DRESSING,
            description="Tvätta och vårda kläder",
            kind=Kind.OTHER,
            help=(
                "Tvätt, strykning och lagning av kläder räknas som ett annat personligt behov. "
                "Annan tvätt i hemmet, som sängkläder, läggs under hushåll."
            ),
            minutes=30,
            times=2,
            per=Period.WEEK,
        ),
    ),
)

_COMMUNICATION = CatalogueGroup(
    Need.COMMUNICATION,
    (
        CatalogueItem(
            key="communication-interpret",
            need=Need.COMMUNICATION,
            description="Tolka och förmedla samtal",
            kind=Kind.BASIC,
            help=(
                "Hjälp att förstå andra och göra sig förstådd räknas som grundläggande behov. "
                "Ta med samtal hemma, i telefon och ute."
            ),
            minutes=20,
            times=3,
            per=Period.DAY,
        ),
        CatalogueItem(
            key="communication-aids",
            need=Need.COMMUNICATION,
            description="Kommunikation med hjälpmedel",
            kind=Kind.BASIC,
            help=(
                "Stöd att använda bildstöd, tecken eller talapparat för att kommunicera med "
                "andra räknas som grundläggande behov. Ta med tiden då assistenten aktivt "
                "hjälper till i samtalet."
            ),
            minutes=15,
            times=4,
            per=Period.DAY,
        ),
        CatalogueItem(
            key="communication-aids-preparation",
            need=Need.COMMUNICATION,
            description="Förbereda och uppdatera kommunikationshjälpmedel",
            kind=Kind.OTHER,
            help=(
                "Att ta fram bilder, ladda och uppdatera hjälpmedlet görs utan att personen "
                "kommunicerar och räknas därför som ett annat personligt behov."
            ),
            minutes=30,
            times=1,
            per=Period.WEEK,
        ),
    ),
)

_INJURY_PREVENTION = CatalogueGroup(
    Need.INJURY_PREVENTION,
    (
        CatalogueItem(
            key="injury-self-harm",
            need=Need.INJURY_PREVENTION,
            description="Tillsyn för att förhindra självskada",
            kind=Kind.BASIC,
            help=(
                "Stöd för att förhindra att personen skadar sig själv räknas som grundläggande "
                "behov när det beror på en psykisk funktionsnedsättning. Ta med tiden då "
                "assistenten måste vara nära och kunna ingripa."
            ),
            minutes=30,
            times=6,
            per=Period.DAY,
        ),
        CatalogueItem(
            key="injury-challenging-behaviour",
            need=Need.INJURY_PREVENTION,
            description="Avleda eller avbryta utåtagerande beteende",
            kind=Kind.BASIC,
            help=(
                "Att avleda eller bryta ett beteende där personen kan skada någon annan eller "
                "förstöra saker räknas som grundläggande behov när det beror på en psykisk "
                "funktionsnedsättning. Ta med tiden för att lugna situationen efteråt."
            ),
            minutes=15,
            times=4,
            per=Period.DAY,
        ),
    ),
)

_MEDICAL_SUPPORT = CatalogueGroup(
    Need.MEDICAL_SUPPORT,
    (
        CatalogueItem(
            key="medical-epilepsy",
            need=Need.MEDICAL_SUPPORT,
            description="Övervakning och hjälp vid epilepsianfall",
            kind=Kind.BASIC,
            help=(
                f"{_MEDICAL_CONDITION} Ta med tiden för att övervaka och för att ingripa vid "
                "anfall."
            ),
            minutes=60,
            times=4,
            per=Period.DAY,
        ),
        CatalogueItem(
            key="medical-insulin",
            need=Need.MEDICAL_SUPPORT,
            description="Insulinbehandling och blodsockerkontroll",
            kind=Kind.BASIC,
            help=(
                f"{_MEDICAL_CONDITION} Behövs stödet bara vid vissa tillfällen, lägg det i "
                "stället under egenvård."
            ),
            minutes=10,
            times=6,
            per=Period.DAY,
        ),
    ),
)

_HOUSEHOLD = CatalogueGroup(
    Need.HOUSEHOLD,
    (
        CatalogueItem(
            key="household-cleaning",
            need=Need.HOUSEHOLD,
            description="Städning",
            kind=Kind.OTHER,
            help=(
                "Städning räknas som ett annat personligt behov. Bor du med andra vuxna räknas "
                "oftast bara din del av hemmet."
            ),
            minutes=60,
            times=2,
            per=Period.WEEK,
        ),
        CatalogueItem(
            key="household-laundry",
            need=Need.HOUSEHOLD,
            description="Tvätt av sängkläder och handdukar",
            kind=Kind.OTHER,
            help=(
                "Tvätt räknas som ett annat personligt behov. Tvätt av dina egna kläder kan "
                "ligga under av- och påklädning; räkna inte samma tid två gånger."
            ),
            minutes=30,
            times=1,
            per=Period.WEEK,
        ),
        CatalogueItem(
            key="household-shopping",
            need=Need.HOUSEHOLD,
            description="Inköp av mat och förnödenheter",
            kind=Kind.OTHER,
            help=(
                "Att handla räknas som ett annat personligt behov. Ta med vägen till och från "
                "butiken och att packa upp varorna hemma."
            ),
            minutes=60,
            times=2,
            per=Period.WEEK,
        ),
        CatalogueItem(
            key="household-dishes",
            need=Need.HOUSEHOLD,
            description="Disk",
            kind=Kind.OTHER,
            help="Disk och att hålla ordning i köket räknas som ett annat personligt behov.",
            minutes=15,
            times=2,
            per=Period.DAY,
        ),
    ),
)

_LEISURE_AND_COMMUNITY = CatalogueGroup(
    Need.LEISURE_AND_COMMUNITY,
    (
        CatalogueItem(
            key="leisure-activities",
            need=Need.LEISURE_AND_COMMUNITY,
            description="Fritidsaktiviteter",
            kind=Kind.OTHER,
            help=(
                "Stöd under fritidsaktiviteter räknas som ett annat personligt behov. Ta med "
                "hela tiden som assistenten behöver vara med."
            ),
            minutes=120,
            times=2,
            per=Period.WEEK,
        ),
        CatalogueItem(
            key="leisure-accompany",
            need=Need.LEISURE_AND_COMMUNITY,
            description="Följa med till aktiviteter utanför hemmet",
            kind=Kind.OTHER,
            help=(
                "Att följa med till vänner, föreningar eller kultur räknas som ett annat "
                "personligt behov. Tid då assistenten måste finnas till hands under aktiviteten "
                "räknas fullt ut, inte som väntetid."
            ),
            minutes=120,
            times=1,
            per=Period.WEEK,
        ),
    ),
)

_WORK_AND_EDUCATION = CatalogueGroup(
    Need.WORK_AND_EDUCATION,
    (
        CatalogueItem(
            key="work-job",
            need=Need.WORK_AND_EDUCATION,
            description="Stöd i arbetet",
            kind=Kind.OTHER,
            help=(
                "Stöd för att kunna utföra ett arbete räknas som ett annat personligt behov. "
                "Ta med den hjälp du behöver på arbetsplatsen och på vägen dit."
            ),
            minutes=60,
            times=5,
            per=Period.WEEK,
        ),
        CatalogueItem(
            key="work-studies",
            need=Need.WORK_AND_EDUCATION,
            description="Stöd i skola eller studier",
            kind=Kind.OTHER,
            help=(
                f"Stöd i studier räknas som ett annat personligt behov. {_SPECIAL_REASONS} "
                "Hjälp med andning och sondmatning i skolan räknas ändå."
            ),
            minutes=60,
            times=5,
            per=Period.WEEK,
        ),
        CatalogueItem(
            key="work-daily-activity",
            need=Need.WORK_AND_EDUCATION,
            description="Stöd på daglig verksamhet",
            kind=Kind.OTHER,
            help=(
                "Stöd på daglig verksamhet räknas som ett annat personligt behov. "
                f"{_SPECIAL_REASONS}"
            ),
            minutes=60,
            times=5,
            per=Period.WEEK,
        ),
    ),
)

_PARENTING = CatalogueGroup(
    Need.PARENTING,
    (
        CatalogueItem(
            key="parenting-care",
            need=Need.PARENTING,
            description="Stöd i föräldraskapet",
            kind=Kind.OTHER,
            help=(
                "Hjälp att ta hand om dina barn, till exempel att lyfta, byta blöja eller lämna "
                "på förskolan, räknas som ett annat personligt behov."
            ),
            minutes=30,
            times=3,
            per=Period.DAY,
        ),
        CatalogueItem(
            key="parenting-activities",
            need=Need.PARENTING,
            description="Följa med på barnens aktiviteter och möten",
            kind=Kind.OTHER,
            help=(
                "Stöd att vara med på barnens aktiviteter, utvecklingssamtal och liknande "
                "räknas som ett annat personligt behov."
            ),
            minutes=60,
            times=2,
            per=Period.WEEK,
        ),
    ),
)

_SUPERVISION = CatalogueGroup(
    Need.SUPERVISION,
    (
        CatalogueItem(
            key="supervision-general",
            need=Need.SUPERVISION,
            description="Tillsyn som inte är ett grundläggande behov",
            kind=Kind.OTHER,
            help=(
                "Tillsyn räknas som grundläggande behov bara när den förebygger skada vid "
                "psykisk funktionsnedsättning eller behövs vid ett livshotande medicinskt "
                "tillstånd. Annan tillsyn räknas som ett annat personligt behov."
            ),
            minutes=60,
            times=1,
            per=Period.DAY,
        ),
        CatalogueItem(
            key="supervision-waiting",
            need=Need.SUPERVISION,
            description="Väntetid under nattvilan",
            kind=Kind.OTHER,
            help=(
                "Väntetid är när en assistent finns på plats under nattvilan och väntar på att "
                "hjälp ska behövas; en timme räknas som en kvarts timme, som annat personligt "
                "behov. Aktiv hjälp under natten läggs på egna rader."
            ),
            minutes=540,
            times=1,
            per=Period.DAY,
            time_type=TimeType.WAITING,
        ),
        CatalogueItem(
            key="supervision-on-call",
            need=Need.SUPERVISION,
            description="Beredskap",
            kind=Kind.OTHER,
            help=(
                "Beredskap är när en assistent inte är på plats men kan komma när hjälp behövs; "
                "en timme räknas som en sjundedels timme, som annat personligt behov."
            ),
            minutes=480,
            times=1,
            per=Period.DAY,
            time_type=TimeType.ON_CALL,
        ),
    ),
)

_HEALTH_AND_CARE = CatalogueGroup(
    Need.HEALTH_AND_CARE,
    (
        CatalogueItem(
            key="health-self-care",
            need=Need.HEALTH_AND_CARE,
            description="Egenvård",
            kind=Kind.OTHER,
            help=(
                "Egenvård, som att ta läkemedel eller lägga om sår när vården har bedömt att "
                "det kan göras hemma, räknas som ett annat personligt behov."
            ),
            minutes=15,
            times=2,
            per=Period.DAY,
        ),
        CatalogueItem(
            key="health-training",
            need=Need.HEALTH_AND_CARE,
            description="Träning och sjukgymnastik",
            kind=Kind.OTHER,
            help=(
                "Ordinerad träning, sjukgymnastik och stöd att röra på sig räknas som ett annat "
                "personligt behov."
            ),
            minutes=30,
            times=3,
            per=Period.WEEK,
        ),
        CatalogueItem(
            key="health-appointments",
            need=Need.HEALTH_AND_CARE,
            description="Besök i hälso- och sjukvården",
            kind=Kind.OTHER,
            help=(
                "Att följa med till läkare, tandläkare och andra vårdbesök räknas som ett annat "
                "personligt behov."
            ),
            minutes=120,
            times=1,
            per=Period.MONTH,
        ),
    ),
)

_OTHER = CatalogueGroup(
    Need.OTHER,
    (
        CatalogueItem(
            key="other-travel",
            need=Need.OTHER,
            description="Resor",
            kind=Kind.OTHER,
            help=(
                "Hjälp under resor, till exempel med färdtjänst eller bil, räknas som ett annat "
                "personligt behov. Räkna inte restid som redan ingår i en annan rad."
            ),
            minutes=30,
            times=4,
            per=Period.WEEK,
        ),
        CatalogueItem(
            key="other-admin",
            need=Need.OTHER,
            description="Post, räkningar och kontakter med myndigheter",
            kind=Kind.OTHER,
            help=(
                "Stöd att läsa post, betala räkningar och sköta kontakter med myndigheter "
                "räknas som ett annat personligt behov."
            ),
            minutes=60,
            times=1,
            per=Period.WEEK,
        ),
        CatalogueItem(
            key="other-misc",
            need=Need.OTHER,
            description="Övrig hjälp",
            kind=Kind.OTHER,
            help=(
                "För hjälp som inte passar på någon annan rad; den räknas som ett annat "
                "personligt behov. Skriv i anteckningen vad hjälpen gäller."
            ),
            minutes=15,
            times=1,
            per=Period.DAY,
        ),
    ),
)

# In the order of assessments.rules.needs.NEEDS: the seven basic needs, then the other needs.
CATALOGUE: tuple[CatalogueGroup, ...] = (
    _BREATHING,
    _PERSONAL_HYGIENE,
    _MEALS,
    _DRESSING,
    _COMMUNICATION,
    _INJURY_PREVENTION,
    _MEDICAL_SUPPORT,
    _HOUSEHOLD,
    _LEISURE_AND_COMMUNITY,
    _WORK_AND_EDUCATION,
    _PARENTING,
    _SUPERVISION,
    _HEALTH_AND_CARE,
    _OTHER,
)

ITEMS_BY_KEY: dict[str, CatalogueItem] = {
    item.key: item for group in CATALOGUE for item in group.items
}


def find_item(key: str) -> CatalogueItem | None:
    return ITEMS_BY_KEY.get(key)
