"""Stage 1: reading articles from files, directories and stdin."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest

from eventwire.ingest import content_hash, read_articles
from eventwire.model import Article, Failure

PUBLISHED = date(2015, 11, 27)

STORY = (
    "Valdoria and Ostria agree to reopen border talks\n"
    "\n"
    "Valdorian Foreign Minister Tomas Brenn said on Friday that his government "
    "was ready to resume talks on the disputed border.\n"
)

HTML_PAGE = """<!DOCTYPE html>
<html><head><title>Border talks resume | The Meridian Herald</title>{head}</head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Border talks resume</h1>
<p>Valdorian Foreign Minister Tomas Brenn met his Ostrian counterpart on
2015-11-13 to discuss the disputed border and a new monitoring mission.</p>
<p>"We are ready to sit down again," Brenn told reporters after the meeting
in the capital, adding that the door remained open.</p>{body}</article>
<footer>Copyright 2014 The Meridian Herald</footer></body></html>
"""


def _write(directory: Path, name: str, content: str | bytes) -> Path:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content.encode("utf-8"))
    return path


def _jsonl(*records: object) -> str:
    return "".join(json.dumps(record) + "\n" for record in records)


def _read(*inputs: str | Path, **options: object) -> list[Article | Failure]:
    return list(read_articles(inputs, **options))  # type: ignore[arg-type]


def _only_article(items: list[Article | Failure]) -> Article:
    assert len(items) == 1 and isinstance(items[0], Article), items
    return items[0]


def test_ingest_txt_keeps_text_and_takes_title_from_first_line(tmp_path: Path) -> None:
    content = "\n  Border talks resume  \r\n\r\nBrenn spoke.\u00a0Twice.\r\n"
    path = _write(tmp_path, "story.txt", b"\xef\xbb\xbf" + content.encode("utf-8"))
    article = _only_article(_read(path, published=PUBLISHED))
    assert article.text == content
    assert article.title == "Border talks resume"
    assert article.id == content_hash(content)
    assert article.published == PUBLISHED
    assert (article.origin, article.line) == (str(path), None)


def test_ingest_jsonl_reads_fields_and_keeps_the_rest_as_metadata(
    tmp_path: Path,
) -> None:
    record = {
        "id": 42,
        "text": STORY,
        "published": "2015-11-27",
        "title": "Border talks",
        "url": "https://example.org/talks",
        "source": "The Meridian Herald",
        "language": "en",
        "tags": ["border", "talks"],
    }
    path = _write(tmp_path, "news.jsonl", "\n" + _jsonl(record) + "   \n")
    article = _only_article(_read(path))
    assert article.id == "42"
    assert article.text == STORY
    assert article.title == "Border talks"
    assert article.url == "https://example.org/talks"
    assert article.source == "The Meridian Herald"
    assert article.published == PUBLISHED
    assert article.metadata == {"language": "en", "tags": ["border", "talks"]}
    assert (article.origin, article.line) == (str(path), 2)


@pytest.mark.parametrize(
    ("stated", "expected"),
    [
        pytest.param("2015-11-27", PUBLISHED, id="iso-date"),
        pytest.param("2015-11-27T10:00:00Z", PUBLISHED, id="iso-datetime-z"),
        pytest.param("2015-11-27T23:30:00-05:00", PUBLISHED, id="offset-keeps-date"),
        pytest.param("2015-11-27 08:15", PUBLISHED, id="iso-space"),
        pytest.param("Fri, 27 Nov 2015 10:00:00 GMT", PUBLISHED, id="rfc2822"),
        pytest.param("Fri, 27 Nov 2015 23:00:00 -0800", PUBLISHED, id="rfc2822-offset"),
        pytest.param("", date(2001, 1, 2), id="empty-uses-argument"),
        pytest.param(None, date(2001, 1, 2), id="null-uses-argument"),
    ],
)
def test_ingest_published_from_record_else_argument(
    tmp_path: Path, stated: str | None, expected: date
) -> None:
    path = _write(tmp_path, "a.jsonl", _jsonl({"text": STORY, "published": stated}))
    article = _only_article(_read(path, published=date(2001, 1, 2)))
    assert article.published == expected


@pytest.mark.parametrize(
    ("name", "content"),
    [
        pytest.param("a.txt", STORY, id="txt"),
        pytest.param("a.jsonl", _jsonl({"text": STORY}), id="jsonl"),
        pytest.param("a.json", json.dumps({"text": STORY}), id="json"),
        pytest.param("a.csv", "text\n" + json.dumps(STORY) + "\n", id="csv"),
        pytest.param("a.html", HTML_PAGE.format(head="", body=""), id="html"),
    ],
)
def test_ingest_never_guesses_a_date(tmp_path: Path, name: str, content: str) -> None:
    article = _only_article(_read(_write(tmp_path, name, content)))
    assert article.published is None
    with_argument = _only_article(_read(tmp_path / name, published=PUBLISHED))
    assert with_argument.published == PUBLISHED


@pytest.mark.parametrize(
    ("content", "lines"),
    [
        pytest.param(json.dumps({"id": "x", "text": STORY}), [1], id="object"),
        pytest.param(
            json.dumps([{"text": "One."}, {"text": "Two."}]), [1, 2], id="array"
        ),
    ],
)
def test_ingest_json_object_or_array(
    tmp_path: Path, content: str, lines: list[int]
) -> None:
    path = _write(tmp_path, "a.json", content)
    items = _read(path)
    assert all(isinstance(item, Article) for item in items)
    assert [item.line for item in items] == lines


def test_ingest_csv_reads_records_with_their_start_lines(tmp_path: Path) -> None:
    content = (
        "id,text,published,desk\r\n"
        'a1,"First paragraph.\r\n\r\nSecond paragraph.",2015-11-27,world\r\n'
        "\r\n"
        "a2,Another story.,,politics\r\n"
    )
    path = _write(tmp_path, "a.csv", content)
    first, second = _read(path, published=date(2001, 1, 2))
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.text == "First paragraph.\r\n\r\nSecond paragraph."
    assert (first.id, first.line, first.published) == ("a1", 2, PUBLISHED)
    assert (second.id, second.line, second.published) == ("a2", 6, date(2001, 1, 2))
    assert second.metadata == {"desk": "politics"}


@pytest.mark.parametrize(
    ("head", "body", "expected"),
    [
        pytest.param(
            '<meta property="article:published_time" content="2015-11-27T10:00:00Z">',
            "",
            PUBLISHED,
            id="meta",
        ),
        pytest.param(
            '<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle",'
            ' "datePublished": "2015-11-27"}]}</script>',
            "",
            PUBLISHED,
            id="json-ld",
        ),
        pytest.param(
            "",
            '<time itemprop="datePublished" datetime="2015-11-27">Friday</time>',
            PUBLISHED,
            id="time-element",
        ),
        pytest.param(
            "", '<p class="date">Updated 2015-12-01 10:00</p>', None, id="text-date"
        ),
    ],
)
def test_ingest_html_extracts_text_title_and_explicit_date(
    tmp_path: Path, head: str, body: str, expected: date | None
) -> None:
    path = _write(tmp_path, "page.htm", HTML_PAGE.format(head=head, body=body))
    article = _only_article(_read(path))
    assert article.title == "Border talks resume"
    assert "Brenn told reporters" in article.text
    assert "Home" not in article.text and "<p>" not in article.text
    assert article.id == content_hash(article.text)
    assert article.published == expected
    assert (article.origin, article.line) == (str(path), None)


def test_ingest_directory_is_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    _write(tmp_path, "b/2.txt", "Second story.\n")
    _write(tmp_path, "b/1.jsonl", _jsonl({"text": "First story."}))
    _write(tmp_path, "a.TXT", "Top story.\n")
    _write(tmp_path, "b/notes.md", "not an article")
    _write(tmp_path, "c/image.png", b"\x89PNG")
    items = _read(tmp_path)
    assert all(isinstance(item, Article) for item in items)
    assert [item.origin for item in items] == [
        str(tmp_path / "a.TXT"),
        str(tmp_path / "b" / "1.jsonl"),
        str(tmp_path / "b" / "2.txt"),
    ]


@pytest.mark.parametrize(
    ("content", "text", "line"),
    [
        pytest.param(
            "\n  " + _jsonl({"text": "From a pipe."}), "From a pipe.", 2, id="jsonl"
        ),
        pytest.param(
            "\ufeffBorder talks\n\nBody.\n", "Border talks\n\nBody.\n", None, id="text"
        ),
        pytest.param(HTML_PAGE.format(head="", body=""), None, None, id="html"),
    ],
)
def test_ingest_stdin_detects_the_format(
    content: str, text: str | None, line: int | None
) -> None:
    article = _only_article(_read("-", stdin=io.StringIO(content)))
    assert (article.origin, article.line) == ("<stdin>", line)
    if text is None:
        assert article.title == "Border talks resume"
    else:
        assert article.text == text


def test_ingest_html_fragment_is_read() -> None:
    fragment = "<p>Valdoria and Ostria agreed on Friday to reopen border talks.</p>"
    article = _only_article(_read("-", stdin=io.StringIO(fragment)))
    assert (
        article.text == "Valdoria and Ostria agreed on Friday to reopen border talks."
    )


def test_ingest_stdin_defaults_to_sys_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("Piped story.\n"))
    assert _only_article(_read("-")).text == "Piped story.\n"


def test_ingest_stdin_that_is_not_utf8_is_a_failure() -> None:
    stream = io.TextIOWrapper(io.BytesIO(b"Caf\xe9 talks\n"), encoding="utf-8")
    [failure] = _read("-", stdin=stream)
    assert isinstance(failure, Failure)
    assert failure.origin == "<stdin>" and "UTF-8" in failure.message


JSONL_FAILURES = [
    pytest.param(b"{not json}\n", "invalid JSON", id="malformed"),
    pytest.param(b"[1, 2]\n", "expected a JSON object, got list", id="array"),
    pytest.param(b'"text"\n', "expected a JSON object, got str", id="string"),
    pytest.param(b'{"title": "No text"}\n', "missing 'text'", id="missing-text"),
    pytest.param(b'{"text": ""}\n', "empty text", id="empty-text"),
    pytest.param(b'{"text": " \\n\\t"}\n', "empty text", id="blank-text"),
    pytest.param(b'{"text": 12}\n', "'text' must be a string, not int", id="int-text"),
    pytest.param(b'{"text": null}\n', "not null", id="null-text"),
    pytest.param(
        b'{"text": "x", "published": "last Friday"}\n',
        "cannot parse the published date 'last Friday'",
        id="bad-date",
    ),
    pytest.param(
        b'{"text": "x", "published": 20151127}\n',
        "'published' must be a string",
        id="int-date",
    ),
    pytest.param(b'{"text": "x", "id": [1]}\n', "'id' must be", id="list-id"),
    pytest.param(b'{"text": "x", "id": true}\n', "'id' must be", id="bool-id"),
    pytest.param(b'{"text": "x", "title": {}}\n', "'title' must be", id="dict-title"),
    pytest.param(b'{"text": "caf\xe9"}\n', "not valid UTF-8; re-encode", id="latin1"),
]


@pytest.mark.parametrize(("bad_line", "message"), JSONL_FAILURES)
def test_ingest_jsonl_bad_line_is_a_failure_and_reading_goes_on(
    tmp_path: Path, bad_line: bytes, message: str
) -> None:
    good = _jsonl({"text": "Good one."}).encode()
    path = _write(tmp_path, "mixed.jsonl", good + bad_line + good)
    first, failure, last = _read(path)
    assert isinstance(first, Article) and isinstance(last, Article)
    assert (first.line, last.line) == (1, 3)
    assert isinstance(failure, Failure)
    assert (failure.stage, failure.origin, failure.line) == ("ingest", str(path), 2)
    assert message in failure.message


@pytest.mark.parametrize(
    ("name", "content", "line", "message"),
    [
        pytest.param("a.txt", b"Caf\xe9\n", 1, "iconv -f latin1", id="txt-latin1"),
        pytest.param("a.txt", b" \n\t\n", None, "empty text", id="txt-blank"),
        pytest.param("a.txt", b"", None, "empty text", id="txt-empty"),
        pytest.param("a.json", b'{"text": "x",\n}', 2, "invalid JSON", id="json-bad"),
        pytest.param("a.json", b"3", 1, "expected a JSON object", id="json-scalar"),
        pytest.param(
            "a.csv", b"id,body\n1,Hi\n", 1, "no 'text' column", id="csv-no-text"
        ),
        pytest.param(
            "a.csv", b"id,text\n1,a,b\n", 2, "row has 3 fields", id="csv-wide"
        ),
        pytest.param(
            "a.csv",
            b"text\n" + b"x" * 140_000 + b"\nok\n",
            2,
            "malformed CSV",
            id="csv-huge",
        ),
        pytest.param(
            "a.csv", b"text\nok\n\xff\n", 3, "not valid UTF-8", id="csv-bytes"
        ),
        pytest.param(
            "a.html",
            b"<html><body></body></html>",
            None,
            "no article text",
            id="html-empty",
        ),
        pytest.param(
            "a.md", b"# Notes\n", None, "unsupported file type '.md'", id="suffix"
        ),
    ],
)
def test_ingest_bad_file_is_a_failure_naming_file_and_line(
    tmp_path: Path, name: str, content: bytes, line: int | None, message: str
) -> None:
    path = _write(tmp_path, name, content)
    failures = [item for item in _read(path) if isinstance(item, Failure)]
    assert len(failures) == 1
    assert (failures[0].origin, failures[0].line) == (str(path), line)
    assert message in failures[0].message


def test_ingest_missing_path_is_a_failure_and_reading_goes_on(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.jsonl"
    good = _write(tmp_path, "good.txt", STORY)
    failure, article = _read(str(missing), good)
    assert isinstance(failure, Failure)
    assert failure.origin == str(missing)
    assert "no such file" in failure.message and str(missing) in failure.message
    assert isinstance(article, Article) and article.origin == str(good)


@pytest.mark.parametrize(
    "text",
    ["Talks resumed.", "", "Caf\u00e9 \u201cquoted\u201d", "lone \ud800 surrogate"],
)
def test_ingest_content_hash_is_16_hex_chars_of_sha256(text: str) -> None:
    digest = content_hash(text)
    assert len(digest) == 16 and int(digest, 16) >= 0
    assert digest == content_hash(text)


def test_ingest_content_hash_identifies_records_without_id(tmp_path: Path) -> None:
    path = _write(
        tmp_path, "a.jsonl", _jsonl({"text": "One."}, {"id": "", "text": "Two."})
    )
    first, second = _read(path)
    assert isinstance(first, Article) and isinstance(second, Article)
    assert (first.id, second.id) == (content_hash("One."), content_hash("Two."))
