"""Reading the words around a name: is it where a place stands, which part
of the entity is the name, which designator it carries.

Helpers of :mod:`eventwire.places.toponyms`; they read the ``Doc`` only.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from eventwire.places.gazetteer import Gazetteer, NameMatch, name_key

# Prepositions that put the name after them where places stand ("in Karachi").
LOCATIVE_PREPOSITIONS = frozenset(
    {
        "in",
        "at",
        "near",
        "to",
        "into",
        "from",
        "outside",
        "across",
        "over",
        "around",
        "toward",
        "towards",
        "inside",
        "throughout",
        "via",
        "through",
        "along",
        "off",
    }
)
# "towns including Sderot", "villages such as Tafeghaghte": a place noun's
# examples are places.
EXAMPLE_PREPOSITIONS = frozenset({"including", "like", "as"})
# Nouns whose "of" object or apposition is a place ("the port of Hodeidah",
# "the capital Sanaa", "the heart of Tripoli").
PLACE_NOUNS = frozenset(
    {
        "city",
        "town",
        "village",
        "capital",
        "port",
        "airport",
        "harbour",
        "harbor",
        "province",
        "region",
        "state",
        "district",
        "suburb",
        "outskirts",
        "heart",
        "centre",
        "center",
        "street",
        "outskirt",
        "neighbourhood",
        "neighborhood",
        "municipality",
        "area",
        "island",
        "border",
        "coast",
        "mayor",
        "governor",
        "residents",
        "people",
    }
)
# Verbs whose object is a place whatever the tagger says ("captured Goma").
CONQUEST_LEMMAS = frozenset(
    {
        "capture",
        "seize",
        "retake",
        "recapture",
        "overrun",
        "liberate",
        "besiege",
        "storm",
        "shell",
        "bomb",
        "invade",
        "occupy",
        "enter",
        "encircle",
    }
)
# Lower-case compass words before a name ("northern Syria").
COMPASS_ADJECTIVES = frozenset(
    {
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "northeastern",
        "northwestern",
        "southeastern",
        "southwestern",
    }
)
# "south of Marrakech", "northwest of Kyiv".
COMPASS = frozenset(
    {
        "north",
        "south",
        "east",
        "west",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "outside",
        "outskirts",
    }
)
# "U.S. troops": the abbreviation used as an adjective is a demonym.
ATTRIBUTIVE_COUNTRY_KEYS = frozenset({"us", "usa", "uk"})
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod"})
# Words a name carries that the gazetteer leaves out ("Aleppo province").
DESIGNATORS = {
    "province": "admin",
    "governorate": "admin",
    "region": "admin",
    "state": "admin",
    "district": "admin",
    "county": "admin",
    "oblast": "admin",
    "city": "city",
    # "Kabul airport", "Beirut port": the city (the gold convention).
    "airport": "city",
    "port": "city",
    "river": "water",
}


# Capitalised words that make a name a building or a site ("Grenfell Tower").
FACILITY_WORDS = frozenset(
    {
        "Square",
        "Tower",
        "Towers",
        "Church",
        "Cathedral",
        "Mosque",
        "Temple",
        "Shrine",
        "Palace",
        "Bridge",
        "Airport",
        "Stadium",
        "Mall",
        "Hotel",
        "Tunnel",
        "Gate",
        "Plaza",
        "Center",
        "Centre",
        "Memorial",
        "Camp",
        "Mine",
        "Base",
        "School",
        "Hospital",
        "Prison",
        "Embassy",
        "Consulate",
    }
)
# Common nouns of sites that a proper name before them names ("the Westgate
# shopping mall", "the Fukushima Daiichi nuclear plant", "the Naf river").
SITE_NOUNS = frozenset(
    {
        "mall",
        "plant",
        "airport",
        "site",
        "palace",
        "mosque",
        "church",
        "cathedral",
        "temple",
        "shrine",
        "tunnel",
        "camp",
        "tower",
        "stadium",
        "hotel",
        "compound",
        "prison",
        "base",
        "bridge",
        "square",
        "market",
        "river",
        "district",
        "suburb",
        "valley",
        "mountains",
    }
)
# Nouns whose "of" object names a settlement ("the town of Konna").
SETTLEMENTS = frozenset({"town", "village", "city", "hamlet", "port", "enclave"})
SITE_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})
# "Easter Sunday", "Black Friday", "a Christmas market": a name the
# gazetteer lacks that ends in a day, a month or a feast is a date, not a place.
CALENDAR_WORDS = frozenset(
    {
        "christmas",
        "easter",
        "halloween",
        "thanksgiving",
        "ramadan",
        "eid",
        "diwali",
        "hanukkah",
        "passover",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    }
)


def shouting(entity: Span) -> bool:
    return entity.text.isupper() and len(entity.text) > 1


def with_designator(part: Span) -> Span:
    """ "Kharkiv" + "region", "Idlib" + "province": the word says which."""
    doc = part.doc
    after = doc[part.end] if part.end < len(doc) else None
    if after is not None and after.text in DESIGNATORS:
        return doc[part.start : part.end + 1]
    return part


def parts(entity: Span) -> list[Span]:
    """The entity without "the" and "'s", split at commas ("Paris, Texas")."""
    doc = entity.doc
    parts: list[Span] = []
    start = entity.start
    for i in range(entity.start, entity.end + 1):
        if i == entity.end or doc[i].text == ",":
            part = trimmed(doc[start:i])
            if part is not None:
                parts.append(part)
            start = i + 1
    return parts


def trimmed(span: Span) -> Span | None:
    doc = span.doc
    start, end = span.start, span.end
    # "the", and a compass word that is not part of the name ("northeast
    # Nigeria", but "East Timor" and "Eastern Ghouta" keep theirs).
    while start < end and (
        doc[start].lower_ == "the"
        or doc[start].is_punct
        or (doc[start].text in COMPASS_ADJECTIVES and start + 1 < end)
    ):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
        end -= 1
    return doc[start:end] if end > start else None


def lookup(gazetteer: Gazetteer, text: str) -> tuple[tuple[NameMatch, ...], str | None]:
    """Entries for ``text``, trying it without a designator ("Aleppo province")."""
    matches = gazetteer.lookup(text)
    if matches:
        return matches, None
    words = text.split()
    if len(words) > 1 and words[-1].lower() in DESIGNATORS:
        prefer = DESIGNATORS[words[-1].lower()]
        return gazetteer.lookup(" ".join(words[:-1])), prefer
    return (), None


def attributive(span: Span) -> bool:
    """ "U.S. troops", "the U.S. Capitol": the abbreviation as an adjective."""
    if name_key(span.text) not in ATTRIBUTIVE_COUNTRY_KEYS:
        return False
    head = span.root
    return head.dep_ in MODIFIER_DEPS and head.head.i >= span.end


def capitalised(token: Token) -> bool:
    return token.text[:1].isupper() and any(char.isalpha() for char in token.text)


def in_place_slot(span: Span) -> bool:
    """ "in Karachi and Hyderabad", "the port of Hodeidah", "the capital Sanaa",
    "Goma, the main city", "captured Dessie"."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_ in LOCATIVE_PREPOSITIONS:
        return True
    token = span.root
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    head = token.head
    if any(
        child.dep_ == "appos" and child.lemma_.lower() in PLACE_NOUNS
        for child in token.children
    ):
        return True
    if token.dep_ == "pobj":
        if head.lower_ in LOCATIVE_PREPOSITIONS:
            return True
        governor = head.head
        if head.lower_ in EXAMPLE_PREPOSITIONS:
            if head.lower_ == "as" and governor.lower_ == "such":
                governor = governor.head
            return governor.lemma_.lower() in PLACE_NOUNS
        return head.lower_ == "of" and (
            governor.lemma_.lower() in PLACE_NOUNS or governor.lemma_.lower() in COMPASS
        )
    if token.dep_ == "dobj":
        return head.lemma_.lower() in CONQUEST_LEMMAS
    return token.dep_ in ("appos", "compound", "nmod") and (
        head.lemma_.lower() in PLACE_NOUNS
    )


def before_container(span: Span) -> bool:
    doc = span.doc
    return (
        span.end + 1 < len(doc)
        and doc[span.end].text == ","
        and capitalised(doc[span.end + 1])
    )
