"""Stage 2: cleaning e-edition text while keeping offsets into the original."""

from __future__ import annotations

import re

import pytest

from eventwire.clean import clean_article
from eventwire.ingest import content_hash
from eventwire.model import Article, CleanArticle

# A made-up wire story in the shape of a digital-newspaper (e-edition) export.
STORY = (
    "THE MERIDIAN HERALD Weekend Edition\n"
    "\n"
    "Valdoria and Ostria agree to reopen border talks\n"
    "\n"
    "Ministers meet in Geneva after months of tension\n"
    "\n"
    "- Marta Ellison\n"
    "\n"
    "Valdorian Foreign Minister Tomas Brenn told his Ostrian counterpart on "
    "Friday that his government is ready to resume talks on the disputed border, "
    "in a week-long push backed by the U.S.-led contact group.\n"
    "\n"
    "\u201cWe are ready to sit down again,\u201d Brenn said. "
    "\u201cThe door is open.\u201d\n"
    "\n"
    "The anti-smuggling accord lapsed after Ostria\u2019s par- liament voted to "
    "suspend it. Brenn said the gov-\n"
    "ernment would seek sup- port for pre- and post-election monitoring.\n"
    "\n"
    " ?? LENA KORVAC, AFP/GETTY IMAGES ?? Brenn, left, greets Ostrian Foreign "
    "Minister Ivo Sandel in Geneva on Friday.\n"
    "LENA KORVAC, AFP/GETTY IMAGES Brenn, left, greets Ostrian Foreign Minister "
    "Ivo Sandel in Geneva on Friday.\n"
    "\n"
    "Sandel said Ostria would \u201clisten care\u00adfully\u201d to the proposal.\n"
    "\n"
    "REUTERS\n"
    "\n"
    "Newspapers in English\n"
    "\n"
    "Newspapers from Valdoria"
)

CLEAN_STORY = (
    "Valdoria and Ostria agree to reopen border talks\n"
    "\n"
    "Ministers meet in Geneva after months of tension\n"
    "\n"
    "Valdorian Foreign Minister Tomas Brenn told his Ostrian counterpart on "
    "Friday that his government is ready to resume talks on the disputed border, "
    "in a week-long push backed by the U.S.-led contact group.\n"
    "\n"
    "\u201cWe are ready to sit down again,\u201d Brenn said. "
    "\u201cThe door is open.\u201d\n"
    "\n"
    "The anti-smuggling accord lapsed after Ostria\u2019s parliament voted to "
    "suspend it. Brenn said the government would seek support for pre- and "
    "post-election monitoring.\n"
    "\n"
    "Sandel said Ostria would \u201clisten carefully\u201d to the proposal.\n"
)

HYPHEN_CASES = [
    pytest.param("to bolster sup- port for", "to bolster support for", id="space"),
    pytest.param("the gov-\nernment said", "the government said", id="newline"),
    pytest.param("the gov-\r\nernment said", "the government said", id="crlf"),
    pytest.param("the gov- \n  ernment said", "the government said", id="spaces"),
    pytest.param("listen care\u00ad fully", "listen carefully", id="soft-hyphen"),
    pytest.param("Wash- ington and Washington", "Washington and Washington", id="seen"),
    pytest.param("stub- born, stubborn", "stubborn, stubborn", id="seen-joined"),
    pytest.param(
        "a non- stop week, non-stop", "a non-stop week, non-stop", id="seen-hyphen"
    ),
    pytest.param("the anti-ISIL coalition", "the anti-ISIL coalition", id="anti-ISIL"),
    pytest.param("a week-long effort", "a week-long effort", id="week-long"),
    pytest.param("the U.S.-led coalition", "the U.S.-led coalition", id="US-led"),
    pytest.param("pro- and anti-war", "pro- and anti-war", id="suspended-and"),
    pytest.param("pre- and post-war", "pre- and post-war", id="suspended-pre"),
    pytest.param("first- or second-hand", "first- or second-hand", id="suspended-or"),
    pytest.param("pro-\nand anti-war", "pro-\nand anti-war", id="suspended-newline"),
    pytest.param("the anti- ISIL fight", "the anti-ISIL fight", id="capital-right"),
    pytest.param("the U.S.- led force", "the U.S.-led force", id="dot-left"),
    pytest.param("in 1990- 91 and COVID- 19", "in 1990-91 and COVID-19", id="digits"),
    pytest.param("a Paris- based group", "a Paris-based group", id="compound-tail"),
    pytest.param("said - and then", "said - and then", id="spaced-dash"),
    pytest.param("end of a para-\n\ngraph", "end of a para-\n\ngraph", id="paragraph"),
]


def _article(text: str, **fields: object) -> Article:
    return Article(id=content_hash(text), text=text, **fields)  # type: ignore[arg-type]


def _clean(text: str, **fields: object) -> CleanArticle:
    return clean_article(_article(text, **fields))


def _kinds(cleaned: CleanArticle) -> list[str]:
    return [entry.partition(":")[0] for entry in cleaned.removed]


def test_clean_e_edition_story_end_to_end() -> None:
    cleaned = _clean(STORY, title="THE MERIDIAN HERALD Weekend Edition")
    assert cleaned.text == CLEAN_STORY
    assert cleaned.article.title == "Valdoria and Ostria agree to reopen border talks"
    assert cleaned.removed[:7] == (
        "edition: THE MERIDIAN HERALD Weekend Edition",
        "byline: - Marta Ellison",
        "caption: ?? LENA KORVAC, AFP/GETTY IMAGES ?? Brenn, left, greets Ostrian "
        "Foreign Minister Ivo Sandel in Geneva on Friday.",
        "repeated caption: LENA KORVAC, AFP/GETTY IMAGES Brenn, left, greets Ostrian "
        "Foreign Minister Ivo Sandel in Geneva on Friday.",
        "credit: REUTERS",
        "footer: Newspapers in English",
        "footer: Newspapers from Valdoria",
    )
    assert "hyphenation: 'sup- port'" in cleaned.removed
    assert "invisible: 1 characters (U+00AD)" in cleaned.removed


@pytest.mark.parametrize(("text", "expected"), HYPHEN_CASES)
def test_clean_rejoins_hyphenated_words_only(text: str, expected: str) -> None:
    assert _clean(text).text == expected


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        pytest.param(
            " ?? JANE DOE, AFP/GETTY IMAGES ?? Talks in Geneva.",
            "caption",
            id="caption",
        ),
        pytest.param("??JOHN ROE, AP??", "caption", id="caption-only-credit"),
        pytest.param(
            "Talks went on. ?? JOHN ROE, AP ?? More.", "caption", id="caption-inline"
        ),
        pytest.param("JANE DOE, AFP/GETTY IMAGES", "credit", id="credit"),
        pytest.param(
            "JOHN ROE, AP Sandel arrives in Geneva.", "credit", id="credit-caption"
        ),
        pytest.param("ANA DE LA CRUZ, EPA-EFE", "credit", id="credit-long-name"),
        pytest.param("REUTERS", "credit", id="bare-reuters"),
        pytest.param("EPA-EFE", "credit", id="bare-epa-efe"),
        pytest.param("AFP/GETTY IMAGES", "credit", id="bare-getty"),
        pytest.param("- Kim Ostrander", "byline", id="byline-hyphen"),
        pytest.param("\u2014 Jane Doe and John Roe", "byline", id="byline-dash"),
        pytest.param("By JANE DOE", "byline", id="byline-caps"),
        pytest.param("By Jane Doe, Associated Press", "byline", id="byline-agency"),
        pytest.param("By Anna van der Berg", "byline", id="byline-particle"),
        pytest.param("Newspapers in English", "footer", id="newspapers-in"),
        pytest.param("Newspapers from United States", "footer", id="newspapers-from"),
        pytest.param("Printed and distributed by PressReader", "footer", id="printed"),
        pytest.param("PressReader.com - +1 604 278 4604", "footer", id="phone"),
        pytest.param(
            "COPYRIGHT AND PROTECTED BY APPLICABLE LAW", "footer", id="copyright"
        ),
    ],
)
def test_clean_removes_layout_lines_between_paragraphs(line: str, kind: str) -> None:
    text = f"Headline\n\nFirst paragraph here.\n\n{line}\n\nLast paragraph here.\n"
    cleaned = _clean(text)
    assert cleaned.text == "Headline\n\nFirst paragraph here.\n\nLast paragraph here.\n"
    assert cleaned.removed == (f"{kind}: {line.strip()}",)


@pytest.mark.parametrize(
    "line",
    [
        pytest.param("NEW YORK, N.Y. \u2014 Officials met on Friday.", id="dateline"),
        pytest.param("MOSCOW (AP) \u2014 Officials met on Friday.", id="ap-dateline"),
        pytest.param(
            "Reuters reported that the talks had stalled.", id="agency-in-text"
        ),
        pytest.param("NATO, EU LEADERS MEET", id="caps-subhead"),
        pytest.param("By Tuesday the talks had collapsed.", id="by-in-text"),
        pytest.param("By The Numbers", id="by-subhead"),
        pytest.param("- and then the talks collapsed.", id="dash-in-text"),
        pytest.param("What the second Edition", id="edition-too-late"),
        pytest.param("Newspapers in English are read by many.", id="footer-in-text"),
        pytest.param("Is this really a caption?? No.", id="question-marks"),
    ],
)
def test_clean_keeps_lines_that_only_look_like_layout(line: str) -> None:
    text = f"Headline\n\nSubhead\n\nFirst paragraph here.\n\n{line}\n"
    cleaned = _clean(text)
    assert cleaned.text == text
    assert cleaned.removed == ()


def test_clean_removes_a_caption_repeated_later_without_credit() -> None:
    caption = "Sandel arrives in Geneva for the talks."
    text = f"Head\n\n?? JANE DOE, AP ?? {caption}\n\nBody text.\n\n{caption}\n"
    cleaned = _clean(text)
    assert cleaned.text == "Head\n\nBody text.\n"
    assert _kinds(cleaned) == ["caption", "repeated caption"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("A.\nJOHN ROE, AP\nB.\n", "A.\nB.\n", id="inside-paragraph"),
        pytest.param("A.\n\nREUTERS\nB.\n", "A.\n\nB.\n", id="before-paragraph"),
        pytest.param("A.\nREUTERS\n\nB.\n", "A.\n\nB.\n", id="after-paragraph"),
        pytest.param("A.\n\n\n\nB.\n", "A.\n\nB.\n", id="blank-run"),
        pytest.param("\n\nA.\n\nB.\n\n\n", "A.\n\nB.\n", id="outer-blanks"),
        pytest.param("A.\r\n\r\nREUTERS\r\n\r\nB.\r\n", "A.\r\n\r\nB.\r\n", id="crlf"),
        pytest.param("A.\n\nREUTERS", "A.\n", id="last-line"),
    ],
)
def test_clean_keeps_one_paragraph_break_where_lines_go(
    text: str, expected: str
) -> None:
    assert _clean(text).text == expected


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        pytest.param("USA TODAY US Edition\n\nHead\n", True, id="first-line"),
        pytest.param(
            "Head\nThe Daily Record Weekend Edition\nBody.\n", True, id="second"
        ),
        pytest.param(
            "A\n\nB\n\nC\n\nThe Daily Record Weekend Edition\n", False, id="fourth"
        ),
        pytest.param(
            "This long line about the special anniversary print Edition\n",
            False,
            id="long",
        ),
    ],
)
def test_clean_removes_edition_headers_only_near_the_top(text: str, kept: bool) -> None:
    cleaned = _clean(text)
    assert ("edition" in _kinds(cleaned)) is kept


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        pytest.param("USA TODAY US Edition", "Talks resume", id="title-from-header"),
        pytest.param(None, "Talks resume", id="no-title"),
        pytest.param("Border talks resume", "Border talks resume", id="own-title"),
    ],
)
def test_clean_takes_title_from_first_kept_line_after_header(
    title: str | None, expected: str
) -> None:
    cleaned = _clean("USA TODAY US Edition\n\nTalks resume\n\nBody.\n", title=title)
    assert cleaned.article.title == expected
    assert cleaned.article.text == "USA TODAY US Edition\n\nTalks resume\n\nBody.\n"


def test_clean_passes_the_article_through_without_header() -> None:
    article = _article("Talks resume\n\nUSA TODAY US Edition\n\nBody.\n", title="Talks")
    assert clean_article(article).article is article


@pytest.mark.parametrize(
    "character", ["\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]
)
def test_clean_drops_invisible_characters(character: str) -> None:
    cleaned = _clean(f"{character}Brenn met San{character}del.\n")
    assert cleaned.text == "Brenn met Sandel.\n"
    assert cleaned.removed == (f"invisible: 2 characters (U+{ord(character):04X})",)


OFFSET_TEXTS = [
    pytest.param(STORY, id="story"),
    pytest.param("\u200bA\n\nREUTERS\n\nB sup- port\n", id="short"),
    *HYPHEN_CASES,
]


@pytest.mark.parametrize("text", [case.values[0] for case in OFFSET_TEXTS])
def test_clean_offsets_map_every_word_back_to_the_original(text: str) -> None:
    cleaned = _clean(text)
    previous_end = 0
    for match in re.finditer(r"\S+", cleaned.text):
        start, end = cleaned.offsets.to_original(match.start(), match.end())
        original = text[start:end]
        assert original[:1] == match.group()[:1] and original[-1:] == match.group()[-1:]
        assert match.group() in _readings(original), (original, match.group())
        assert start >= previous_end
        previous_end = end


@pytest.mark.parametrize("text", [case.values[0] for case in OFFSET_TEXTS])
def test_clean_segments_are_verbatim_copies_of_the_original(text: str) -> None:
    cleaned = _clean(text)
    position = 0
    for clean_start, original_start, length in cleaned.offsets.segments:
        assert clean_start == position and length > 0
        chunk = cleaned.text[clean_start : clean_start + length]
        assert chunk == text[original_start : original_start + length]
        position += length
    assert position == len(cleaned.text)
    assert cleaned.offsets.original_length == len(text)


def test_clean_is_idempotent_on_the_story() -> None:
    once = _clean(STORY)
    assert _clean(once.text).text == once.text


_INVISIBLE_RE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_BREAK_RE = re.compile(r"[-\u00ad](?:[ \t]*\r?\n[ \t]*|[ \t]+)")
_GAP_RE = re.compile(r"(?<=-)(?:[ \t]*\r?\n[ \t]*|[ \t]+)")


def _readings(original: str) -> set[str]:
    """The original slice with line-break hyphenation undone, hyphen dropped or kept."""
    joined = _INVISIBLE_RE.sub("", _BREAK_RE.sub("", original))
    kept = _INVISIBLE_RE.sub("", _GAP_RE.sub("", original))
    return {joined, kept}
