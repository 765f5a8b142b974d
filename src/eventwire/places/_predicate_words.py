"""The words and arcs :mod:`eventwire.places.anchor` reads an event's place by."""

from __future__ import annotations

from eventwire.places._spans import PLACE_NOUNS

# Prepositions whose object is where the event happened, in order of
# preference: where it was, where it went through, where it went, where from.
PREPOSITION_RANKS = {
    **dict.fromkeys(
        (
            "in",
            "at",
            "near",
            "inside",
            "outside",
            "within",
            "off",
            "around",
            "throughout",
            "along",
            "beside",
        ),
        0,
    ),
    **dict.fromkeys(("across", "over", "through", "onto", "into", "via"), 1),
    **dict.fromkeys(("to", "toward", "towards"), 2),
    **dict.fromkeys(("from",), 3),
    "of": 1,
}
# "from" gives the place of a departure only: "abducted schoolgirls from
# Chibok", "walked from Budapest"; not "independence from Spain".
FROM_LEMMAS = frozenset(
    {
        "abduct",
        "kidnap",
        "fire",
        "launch",
        "shoot",
        "evacuate",
        "withdraw",
        "pull",
        "rescue",
        "escape",
        "flee",
        "walk",
        "march",
        "drive",
        "fly",
        "sail",
        "depart",
        "leave",
        "smuggle",
        "withdrawal",
        "evacuation",
        "retreat",
        "exodus",
        "flight",
    }
)
# "shot down over Syria" but "expelled diplomats over the poisoning": only a
# place right after "over" counts, not one inside its phrase.
SHALLOW_PREPOSITIONS = frozenset({"over"})
# Finer places first: a town named inside a province or country also named
# ("brought survivors to Catania in Sicily") is where it happened.
FEATURE_DETAIL = {
    "country": 0,
    "region": 1,
    "water": 1,
    "admin": 2,
    "city": 3,
    "landmark": 4,
}
MAX_ALTERNATIVES = 6
# "attacks on Paris", "strikes against Mali": the target of an attack is its
# place (the gold convention: strikes and fire are placed at their target).
TARGET_PREPOSITIONS = frozenset({"on", "against", "upon"})
DESTINATION_PREPOSITIONS = frozenset({"to", "toward", "towards"})
# "talked to Moscow", "offered aid to Syria": an addressee or a recipient.
NON_DESTINATION_LEMMAS = frozenset(
    {
        "say",
        "tell",
        "speak",
        "talk",
        "write",
        "explain",
        "report",
        "complain",
        "appeal",
        "apologise",
        "apologize",
        "announce",
        "pledge",
        "promise",
        "offer",
        "give",
        "sell",
        "provide",
        "lend",
        "donate",
        "supply",
        "export",
        "grant",
        "object",
        "respond",
        "reply",
        "belong",
        "agree",
        "refer",
        "threaten",
        "add",
        "hand",
        "return",
        "send",
    }
)
# Event nouns whose "to" object is a destination ("a trip to Moscow").
MOTION_NOUNS = frozenset(
    {"trip", "visit", "journey", "tour", "mission", "deployment", "voyage", "flight"}
)
ATTACK_LEMMAS = frozenset(
    {
        "attack",
        "strike",
        "airstrike",
        "assault",
        "raid",
        "fire",
        "shell",
        "shelling",
        "bomb",
        "bombing",
        "bombardment",
        "offensive",
        "blockade",
        "siege",
        "crackdown",
        "crack",
        "invasion",
        "rocket",
        "missile",
        "advance",
        "push",
        "incursion",
        "onslaught",
    }
)
# Verbs whose direct object, when it is a place, is where they happened:
# "struck Kabul", "visited Moscow", "captured Goma", "devastated Japan".
PLACE_OBJECT_LEMMAS = frozenset(
    {
        "strike",
        "bomb",
        "attack",
        "shell",
        "hit",
        "raid",
        "invade",
        "enter",
        "visit",
        "tour",
        "reach",
        "storm",
        "capture",
        "seize",
        "occupy",
        "besiege",
        "bombard",
        "target",
        "liberate",
        "retake",
        "recapture",
        "overrun",
        "blockade",
        "encircle",
        "surround",
        "take",
        "control",
        "cross",
        "flee",
        "leave",
        "abandon",
        "evacuate",
        "devastate",
        "ravage",
        "flood",
        "engulf",
        "destroy",
        "damage",
        "level",
        "flatten",
        "rock",
        "shake",
        "pound",
        "sweep",
        "batter",
        "lash",
        "cover",
        "block",
        "clear",
        "patrol",
        "police",
        "land",
    }
)
OBJECT_DEPS = frozenset({"dobj", "obj", "attr", "oprd"})
# A noun predicate's verb, whose places are the noun's ("wrap up a news
# conference at the Kremlin", "fire engulfed Grenfell Tower").
NOUN_HOST_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "attr", "obj", "prep"})
# "killed in a stampede", "died during the siege": the noun is the verb's
# circumstance and shares its place.
CIRCUMSTANCE_PREPOSITIONS = frozenset({"in", "during", "at"})
NOUN_MODIFIER_DEPS = ("compound", "nmod", "amod", "npadvmod", "poss")
# Arcs inside one noun phrase: "the Westgate mall", "Abbottabad, a garrison
# town", "Karachi and Hyderabad".
PHRASE_DEPS = frozenset({"compound", "appos", "conj", "nmod"})
MAX_DEPTH = 4
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# Nouns of surfaces and ways, where "on" says where ("on the National Mall").
SURFACE_NOUNS = frozenset(
    {
        "square",
        "street",
        "avenue",
        "boulevard",
        "road",
        "highway",
        "mall",
        "plaza",
        "bridge",
        "island",
        "beach",
        "mount",
        "mountain",
        "border",
        "bank",
        "coast",
        "shore",
        "frontline",
        "field",
        "campus",
        "outskirts",
    }
)
# A verb coordinated with another shares its place ("pumped gas into a
# Moscow theatre and stormed the building"), unless it reports.
REPORTING_LEMMAS = frozenset(
    {
        "say",
        "tell",
        "announce",
        "add",
        "claim",
        "deny",
        "warn",
        "vow",
        "promise",
        "insist",
        "call",
        "urge",
        "demand",
        "accuse",
        "blame",
        "threaten",
        "pledge",
    }
)
# Subordinators of a clause happening at the same time as its head.
# "served as mayor", "more than Paris": a role or a comparison, no place.
ROLE_PREPOSITIONS = frozenset({"as", "than"})
SAME_MOMENT_MARKS = frozenset({"as", "while", "when"})
# Nouns of places a city or country can own ("Beirut's airport").
POSSESSED_PLACES = PLACE_NOUNS | {"mountain", "base", "square", "district", "mall"}
