"""The places stage: the gazetteer, the toponym finder and its resolution."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from eventwire.clean import clean_article
from eventwire.ingest import read_articles
from eventwire.model import Article, CodedArticle, ParsedArticle, Toponym
from eventwire.nlp import parse_articles
from eventwire.pipeline import Resources, code_articles
from eventwire.places import Gazetteer, find_toponyms, load_gazetteer
from eventwire.places.gazetteer import name_key

pytestmark = pytest.mark.model

SAMPLE_NAME = "usatoday-2015-11-27-putin-coalition.txt"
KM_PER_DEGREE = 111.0


def _parse(text: str, resources: Resources) -> ParsedArticle:
    article = Article(id="t", text=text, published=date(2015, 11, 27))
    [parsed] = parse_articles([clean_article(article)], nlp=resources.nlp)
    return parsed


def _toponyms(text: str, resources: Resources) -> tuple[Toponym, ...]:
    from eventwire.actors import resolve_actors

    parsed = _parse(text, resources)
    actors = resolve_actors(
        parsed, dictionary=resources.dictionary, matcher=resources.matcher
    )
    return find_toponyms(parsed, gazetteer=resources.gazetteer, actors=actors)


def _named(toponyms: tuple[Toponym, ...], text: str) -> Toponym:
    found = [t for t in toponyms if t.text == text]
    assert found, f"{text!r} not among {[t.text for t in toponyms]}"
    return found[0]


@pytest.fixture(scope="module")
def gazetteer(resources: Resources) -> Gazetteer:
    return resources.gazetteer


def test_places_name_key_folds_case_accents_periods_and_the() -> None:
    assert name_key("The U.S.") == "us"
    assert name_key("São Paulo") == name_key("SAO PAULO") == "sao paulo"
    assert name_key("Port-au-Prince") == "port au prince"


@pytest.mark.parametrize(
    ("name", "feature", "country"),
    [
        ("Britain", "country", "GBR"),
        ("the U.S.", "country", "USA"),
        ("Ivory Coast", "country", "CIV"),
        ("Texas", "admin", "USA"),
        ("Kremlin", "landmark", "RUS"),
        ("Mediterranean", "water", None),
        ("Kiev", "city", "UKR"),
    ],
)
def test_places_gazetteer_knows(
    gazetteer: Gazetteer, name: str, feature: str, country: str | None
) -> None:
    entries = [m.entry for m in gazetteer.lookup(name)]
    assert any(e.feature == feature and e.country == country for e in entries)


def test_places_gazetteer_seas_and_continents_have_no_point(
    gazetteer: Gazetteer,
) -> None:
    for name in ("Black Sea", "Europe", "Middle East"):
        [match] = gazetteer.lookup(name)
        assert match.entry.lat is None and match.entry.lon is None


def test_places_gazetteer_landmark_stands_at_its_city(gazetteer: Gazetteer) -> None:
    [kremlin] = gazetteer.lookup("the Kremlin")
    moscow = next(
        m.entry for m in gazetteer.lookup("Moscow") if m.entry.country == "RUS"
    )
    assert (kremlin.entry.lat, kremlin.entry.lon) == (moscow.lat, moscow.lon)


def test_places_gazetteer_demonyms(gazetteer: Gazetteer) -> None:
    assert gazetteer.is_demonym("Syrian") and gazetteer.is_demonym("French")
    assert gazetteer.demonym_country("Lebanese") == "LBN"
    assert not gazetteer.is_demonym("Syria")


def test_places_load_gazetteer_builds_a_fresh_index() -> None:
    gazetteer = load_gazetteer()
    assert gazetteer.lookup("Paris")[0].entry.country == "FRA"
    assert gazetteer.abbreviations["Mo."].name == "Missouri"


def test_places_paris_is_french_by_population(resources: Resources) -> None:
    paris = _named(_toponyms("Police searched a flat in Paris.", resources), "Paris")
    assert paris.place is not None
    assert paris.place.country == "FRA"
    assert paris.place.feature == "city"
    assert paris.place.geonameid == 2988507


def test_places_city_state_pattern_picks_paris_texas(resources: Resources) -> None:
    toponyms = _toponyms(
        "A tornado struck Paris, Texas, on Monday, the mayor said.", resources
    )
    paris = _named(toponyms, "Paris").place
    texas = _named(toponyms, "Texas").place
    assert paris is not None and texas is not None
    assert (paris.country, paris.admin1) == ("USA", "Texas")
    assert texas.feature == "admin"
    assert paris.lat is not None and abs(paris.lat - 33.66) < 0.1


def test_places_georgia_country_and_us_state(resources: Resources) -> None:
    country = _named(
        _toponyms("Russian troops moved deeper into Georgia on Sunday.", resources),
        "Georgia",
    ).place
    state = _named(
        _toponyms("Storms flooded Atlanta, Georgia, overnight.", resources), "Georgia"
    ).place
    assert country is not None and country.country == "GEO"
    assert country.feature == "country"
    assert state is not None and (state.country, state.feature) == ("USA", "admin")


@pytest.mark.parametrize(
    ("text", "country"),
    [
        (
            "Libya's prime minister said militias had left Tripoli. Libyan "
            "officials in Benghazi agreed.",
            "LBY",
        ),
        (
            "Lebanon's army deployed in Tripoli after clashes. Lebanese officials "
            "in Beirut called for calm.",
            "LBN",
        ),
        ("Gunmen clashed in the northern Lebanese city of Tripoli.", "LBN"),
    ],
)
def test_places_tripoli_follows_the_article_focus(
    resources: Resources, text: str, country: str
) -> None:
    tripoli = _named(_toponyms(text, resources), "Tripoli").place
    assert tripoli is not None and tripoli.country == country


@pytest.mark.parametrize(
    "text",
    [
        "Russian jets bombed targets near the Syrian border.",
        "French officials said the Syrians had left.",
        "U.S. troops arrived on Monday.",
    ],
)
def test_places_demonyms_and_attributive_us_are_not_places(
    resources: Resources, text: str
) -> None:
    assert _toponyms(text, resources) == ()


def test_places_coordinated_places_share_a_country(resources: Resources) -> None:
    toponyms = _toponyms(
        "Residents fled coastal towns in New South Wales and Victoria as "
        "bushfires raged.",
        resources,
    )
    victoria = _named(toponyms, "Victoria").place
    assert victoria is not None
    assert (victoria.country, victoria.feature) == ("AUS", "admin")


def test_places_city_named_where_places_stand(resources: Resources) -> None:
    toponyms = _toponyms(
        "M23 rebels captured Goma, the main city in eastern Congo.", resources
    )
    goma = _named(toponyms, "Goma").place
    assert goma is not None and goma.country == "COD"


@pytest.mark.parametrize(
    ("text", "mention", "country", "feature"),
    [
        ("Boko Haram attacked villages in northeast Nigeria.", "Nigeria", "NGA", None),
        ("Israeli jets bombed Beirut airport on Thursday.", "Beirut", "LBN", "city"),
        ("Yugoslavia was bombed for 78 days.", "Yugoslavia", "SRB", "country"),
    ],
)
def test_places_name_words_around_a_place(
    resources: Resources, text: str, mention: str, country: str, feature: str | None
) -> None:
    found = [t for t in _toponyms(text, resources) if mention in t.text]
    assert found and found[0].place is not None
    assert found[0].place.country == country
    if feature is not None:
        assert found[0].place.feature == feature


def test_places_named_building_is_a_landmark_at_its_city(
    resources: Resources,
) -> None:
    toponyms = _toponyms(
        "A fire engulfed the Grenfell Tower in London, killing 72 people.",
        resources,
    )
    tower = [t for t in toponyms if "Grenfell" in t.text]
    assert tower and tower[0].place is not None
    assert (tower[0].place.feature, tower[0].place.country) == ("landmark", "GBR")


def test_places_dateline_is_marked(resources: Resources) -> None:
    toponyms = _toponyms(
        "KABUL (AP) — A suicide bomber struck a market in Kandahar on Monday.",
        resources,
    )
    kabul = _named(toponyms, "KABUL")
    assert kabul.dateline and kabul.place is not None
    assert kabul.place.country == "AFG"
    assert not _named(toponyms, "Kandahar").dateline


def test_places_city_state_dateline_gives_two_places(resources: Resources) -> None:
    toponyms = _toponyms(
        "PARIS, Texas (AP) — Residents cleared debris on Tuesday.", resources
    )
    paris = _named(toponyms, "PARIS")
    assert paris.dateline and paris.place is not None
    assert paris.place.country == "USA"
    assert _named(toponyms, "Texas").dateline


def test_places_ap_state_abbreviation(resources: Resources) -> None:
    toponyms = _toponyms("Protesters marched in Ferguson, Mo., on Sunday.", resources)
    state = _named(toponyms, "Mo.").place
    assert state is not None and state.name == "Missouri"


def test_places_city_the_tagger_calls_an_organisation(resources: Resources) -> None:
    toponyms = _toponyms(
        "Rival activists battled in Karachi and Hyderabad in Pakistan's Sindh "
        "province on Saturday.",
        resources,
    )
    for name in ("Karachi", "Hyderabad"):
        place = _named(toponyms, name).place
        assert place is not None and place.country == "PAK"


def test_places_absent_toponym_is_kept_without_a_place(resources: Resources) -> None:
    toponyms = _toponyms(
        "Fighting spread to the town of Kupiansk in eastern Ukraine.", resources
    )
    assert _named(toponyms, "Kupiansk").place is None
    ukraine = _named(toponyms, "Ukraine").place
    assert ukraine is not None and ukraine.country == "UKR"


def test_places_a_person_named_again_is_not_a_place(resources: Resources) -> None:
    toponyms = _toponyms(
        "Erdogan said agents had murdered journalist Jamal Khashoggi at the "
        "consulate in Istanbul.\n\nSaudi authorities said on Saturday that "
        "Khashoggi had died in a fistfight.",
        resources,
    )
    assert [t.text for t in toponyms] == ["Istanbul"]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n  ",
        "PUTIN AND HOLLANDE AGREE TO SHARE INTELLIGENCE IN MOSCOW TALKS",
        "Zq" * 150 + " said it happened in " + "Xy" * 150 + ".",
        "(AP) — — , , ( ) Nov. 27",
    ],
)
def test_places_bad_input_degrades_gracefully(resources: Resources, text: str) -> None:
    toponyms = _toponyms(text, resources)
    for toponym in toponyms:
        assert text[toponym.start : toponym.end] == toponym.text


def test_places_offsets_point_into_the_original_text(resources: Resources) -> None:
    text = "Leaders met in Berlin.\n\nThen they flew to Rome."
    for toponym in _toponyms(text, resources):
        assert text[toponym.start : toponym.end] == toponym.text


def _shared_sample() -> Path | None:
    for parent in Path(__file__).resolve().parents:
        candidate = parent / "shared" / "samples" / SAMPLE_NAME
        if candidate.is_file():
            return candidate
    return None


@pytest.fixture(scope="module")
def sample(resources: Resources) -> CodedArticle:
    path = _shared_sample()
    if path is None:
        pytest.skip(f"shared/samples/{SAMPLE_NAME} is not beside the checkout")
    [result] = code_articles(
        read_articles([path], published=date(2015, 11, 27)), resources=resources
    )
    assert isinstance(result, CodedArticle)
    return result


@pytest.mark.parametrize(
    ("name", "country", "lat", "lon"),
    [
        ("Moscow", "RUS", 55.75, 37.62),
        ("Paris", "FRA", 48.85, 2.35),
        ("Syria", "SYR", None, None),
        ("Iraq", "IRQ", None, None),
    ],
)
def test_places_sample_geocodes(
    sample: CodedArticle,
    name: str,
    country: str,
    lat: float | None,
    lon: float | None,
) -> None:
    places = [t.place for t in sample.places if t.text == name and t.place]
    assert places, f"{name} not geocoded in the sample"
    for place in places:
        assert place.country == country
        assert place.lat is not None and place.lon is not None
        if lat is not None and lon is not None:
            assert abs(place.lat - lat) * KM_PER_DEGREE < 5
            assert abs(place.lon - lon) * KM_PER_DEGREE < 5


def test_places_sample_has_no_demonym_places(sample: CodedArticle) -> None:
    texts = {t.text for t in sample.places}
    assert not texts & {"Russian", "French", "British", "Syrian"}
    for toponym in sample.places:
        assert sample.article.text[toponym.start : toponym.end] == toponym.text
