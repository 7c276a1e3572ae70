"""Controlled vocabularies and limits of the registry (SPEC 3.2).

The validator, the JSON Schema, the page labels and the exports all read these
tables, so a new value is added in exactly one place.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    label: str  # "Course"
    heading: str  # "Courses", over a topic page's group of them
    catalog: str  # the catalog page that lists them (CATALOGS)
    rank: int  # without editors' picks, "Start here" prefers lower ranks
    go: str  # the entry page's button


@dataclass(frozen=True)
class Catalog:
    page: str  # source path of the catalog page
    noun: str  # "courses", in "12 of 85 courses"
    noun_one: str


KIND_INFO: dict[str, Kind] = {
    "course": Kind("Course", "Courses", "courses", 0, "Go to the course"),
    "tool": Kind("Tool", "Tools", "tools", 2, "Go to the tool"),
    "guide": Kind("Guide", "Guides", "library", 1, "Go to the guide"),
    "report": Kind("Report", "Reports", "library", 3, "Go to the report"),
    "instrument": Kind("Instrument", "Instruments", "library", 4, "Go to the instrument"),
    "community": Kind("Community", "Communities and networks", "library", 5, "Go to the community"),
    "meeting": Kind("Meeting", "Meetings and conferences", "library", 6, "Go to the meeting"),
}
KINDS: dict[str, str] = {key: kind.label for key, kind in KIND_INFO.items()}

CATALOGS: dict[str, Catalog] = {
    "courses": Catalog("courses.md", "courses", "course"),
    "tools": Catalog("tools.md", "tools", "tool"),
    "library": Catalog("library.md", "entries", "entry"),
}


def catalog_kinds(catalog: str) -> tuple[str, ...]:
    """The kinds a catalog lists, in the vocabulary's order."""
    return tuple(key for key, kind in KIND_INFO.items() if kind.catalog == catalog)


# The catalogs' time filter (SPEC 4): hours=N keeps entries with known hours <= N.
TIME_BUCKETS: tuple[tuple[int, str], ...] = (
    (2, "Up to 2 hours"),
    (8, "Up to a day (8 hours)"),
    (40, "Up to a week (40 hours)"),
)

COSTS: dict[str, str] = {
    "free": "Free",
    "paid": "Paid",
    "mixed": "Free to take, paid options",
    "unknown": "Cost not known",
}

FORMATS: dict[str, str] = {
    "self-paced": "Self-paced online",
    "scheduled-online": "Scheduled online",
    "in-person": "In person",
    "blended": "Blended (online and in person)",
}

LEVELS: dict[str, str] = {
    "introductory": "Introductory",
    "intermediate": "Intermediate",
    "advanced": "Advanced",
}

AUDIENCES: dict[str, str] = {
    "diplomats": "Diplomats",
    "policymakers": "Policymakers",
    "legal": "Legal advisers",
    "technical": "Technical staff",
    "law-enforcement": "Law enforcement",
    "general": "General public",
}

REGIONS: dict[str, str] = {
    "global": "Global",
    "africa": "Africa",
    "americas": "Americas",
    "asia-pacific": "Asia-Pacific",
    "europe": "Europe",
    "middle-east": "Middle East",
}

# ISO 639-1 codes with their English names. The list is the full standard, so a
# contributor can name any real language and a typo still gets "did you mean".
LANGUAGES: dict[str, str] = {
    "aa": "Afar", "ab": "Abkhazian", "af": "Afrikaans", "ak": "Akan", "am": "Amharic",
    "ar": "Arabic", "as": "Assamese", "ay": "Aymara", "az": "Azerbaijani", "ba": "Bashkir",
    "be": "Belarusian", "bg": "Bulgarian", "bi": "Bislama", "bm": "Bambara", "bn": "Bengali",
    "bo": "Tibetan", "br": "Breton", "bs": "Bosnian", "ca": "Catalan", "ce": "Chechen",
    "ch": "Chamorro", "co": "Corsican", "cs": "Czech", "cy": "Welsh", "da": "Danish",
    "de": "German", "dv": "Divehi", "dz": "Dzongkha", "ee": "Ewe", "el": "Greek",
    "en": "English", "eo": "Esperanto", "es": "Spanish", "et": "Estonian", "eu": "Basque",
    "fa": "Persian", "ff": "Fulah", "fi": "Finnish", "fj": "Fijian", "fo": "Faroese",
    "fr": "French", "fy": "Western Frisian", "ga": "Irish", "gd": "Scottish Gaelic",
    "gl": "Galician", "gn": "Guarani", "gu": "Gujarati", "ha": "Hausa", "he": "Hebrew",
    "hi": "Hindi", "hr": "Croatian", "ht": "Haitian Creole", "hu": "Hungarian",
    "hy": "Armenian", "id": "Indonesian", "ig": "Igbo", "is": "Icelandic", "it": "Italian",
    "ja": "Japanese", "jv": "Javanese", "ka": "Georgian", "kk": "Kazakh", "km": "Khmer",
    "kn": "Kannada", "ko": "Korean", "ku": "Kurdish", "ky": "Kyrgyz", "lb": "Luxembourgish",
    "lg": "Ganda", "ln": "Lingala", "lo": "Lao", "lt": "Lithuanian", "lv": "Latvian",
    "mg": "Malagasy", "mi": "Maori", "mk": "Macedonian", "ml": "Malayalam", "mn": "Mongolian",
    "mr": "Marathi", "ms": "Malay", "mt": "Maltese", "my": "Burmese", "nb": "Norwegian Bokmål",
    "ne": "Nepali", "nl": "Dutch", "nn": "Norwegian Nynorsk", "no": "Norwegian",
    "ny": "Chichewa", "om": "Oromo", "or": "Odia", "pa": "Punjabi", "pl": "Polish",
    "ps": "Pashto", "pt": "Portuguese", "qu": "Quechua", "rm": "Romansh", "rn": "Kirundi",
    "ro": "Romanian", "ru": "Russian", "rw": "Kinyarwanda", "sa": "Sanskrit", "sd": "Sindhi",
    "si": "Sinhala", "sk": "Slovak", "sl": "Slovenian", "sm": "Samoan", "sn": "Shona",
    "so": "Somali", "sq": "Albanian", "sr": "Serbian", "ss": "Swati", "st": "Southern Sotho",
    "su": "Sundanese", "sv": "Swedish", "sw": "Swahili", "ta": "Tamil", "te": "Telugu",
    "tg": "Tajik", "th": "Thai", "ti": "Tigrinya", "tk": "Turkmen", "tl": "Tagalog",
    "tn": "Tswana", "to": "Tongan", "tr": "Turkish", "ts": "Tsonga", "tt": "Tatar",
    "ug": "Uyghur", "uk": "Ukrainian", "ur": "Urdu", "uz": "Uzbek", "vi": "Vietnamese",
    "wo": "Wolof", "xh": "Xhosa", "yi": "Yiddish", "yo": "Yoruba", "zh": "Chinese",
    "zu": "Zulu",
}

# The six UN official languages: the coverage page ranks gaps by them.
UN_LANGUAGES: tuple[str, ...] = ("ar", "zh", "en", "fr", "ru", "es")

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
ID_MAX = 80
TITLE_MAX = 200
PROVIDER_MAX = 200
SUMMARY_MAX = 600
NOTE_MAX = 200
ELIGIBILITY_MAX = 300
TOPIC_SUMMARY_MAX = 300
FIRST_YEAR = 1990
LAST_YEAR = 2100  # later dates are typos, and would overflow calendar arithmetic
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_HOURS = 100_000
URL_MAX = 2000
