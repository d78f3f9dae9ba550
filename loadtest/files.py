"""Assessment files (version 1, spec/assessment-file.md) of any length, for opening drafts."""

# A mix like a real draft: basic and other needs, monthly and weekly rows, waiting time.
ROW_PATTERNS = [
    {"need": "personal_hygiene", "description": "Dusch", "minutes": 25, "times": 1},
    {"need": "personal_hygiene", "description": "Toalettbesök", "minutes": 10, "times": 6},
    {"need": "meals", "description": "Äta", "minutes": 30, "times": 3},
    {"need": "meals", "description": "Matlagning", "minutes": 45, "times": 1, "kind": "other"},
    {"need": "dressing", "description": "Påklädning", "minutes": 15, "times": 2},
    {"need": "communication", "description": "Tolka", "minutes": 20, "times": 3, "per": "week"},
    {"need": "household", "description": "Städning", "minutes": 60, "times": 2, "per": "week",
     "kind": "other"},
    {"need": "leisure_and_community", "description": "Simning", "minutes": 90, "times": 1,
     "per": "week", "kind": "other"},
    {"need": "supervision", "description": "Väntetid natt", "minutes": 480, "times": 1,
     "kind": "other", "time_type": "waiting"},
    {"need": "health_and_care", "description": "Läkarbesök", "minutes": 120, "times": 1,
     "per": "month", "kind": "other"},
]  # fmt: skip
# Every field a row form posts, so that a row of the file is also a complete form.
DEFAULTS = {
    "per": "day",
    "days_per_week": 7,
    "assistants": 1,
    "kind": "basic",
    "time_type": "active",
    "tube_feeding": False,
    "note": "",
}


def assessment_file(rows: int, *, title: str = "Lasttest", note: str = "") -> dict:
    """A valid file with `rows` rows, grouped by need in the law's order as the site keeps them."""
    activities = []
    for number in range(rows):
        pattern = ROW_PATTERNS[number * len(ROW_PATTERNS) // max(rows, 1)]
        row = {**DEFAULTS, **pattern}
        row["description"] = f"{row['description']} {number + 1}"
        row["note"] = note
        activities.append(row)
    return {
        "format": "behovsraknare.assessment",
        "version": 1,
        "title": title,
        "assessment_date": "2026-11-22",
        "activities": activities,
    }
