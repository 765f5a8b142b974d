"""Stage 1: read news articles from files, directories and stdin.

Inputs are ``.txt`` (one article per file), ``.jsonl`` (one JSON object per
line), ``.json`` (an object or an array of objects), ``.csv`` (a header row)
and ``.html``/``.htm`` pages, whose main text is extracted with trafilatura.
Directories are read recursively and ``-`` reads stdin. Bad data never raises:
each unreadable file, line or record becomes a :class:`~eventwire.model.Failure`
naming the input, and reading goes on.
"""

from __future__ import annotations

import csv
import email.utils
import hashlib
import io
import itertools
import json
import logging
import sys
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

import trafilatura
from trafilatura.settings import Document
from trafilatura.utils import load_html

from eventwire.errors import InputError
from eventwire.model import Article, Failure

logger = logging.getLogger(__name__)

STAGE = "ingest"
STDIN = "-"
STDIN_ORIGIN = "<stdin>"
SUFFIXES = frozenset({".txt", ".jsonl", ".json", ".csv", ".html", ".htm"})
FIELDS = frozenset({"id", "text", "published", "title", "url", "source"})
HASH_CHARS = 16
HTML_SNIFF = 1024
BOM = "\ufeff"
UTF8_HINT = "re-encode the file as UTF-8 (e.g. iconv -f latin1 -t utf-8)"
EMPTY_TEXT = "empty text; the article has no text to code, give it some or drop it"
DATE_HINT = "use an ISO date like 2015-11-27 or an RFC 2822 date"

# Only markup that states a publication date explicitly. trafilatura's own
# metadata date comes from htmldate, which falls back to any ISO date found in
# the page text, so it is not used.
PUBLISHED_META = frozenset(
    {
        "article:published_time",
        "datepublished",
        "date",
        "pubdate",
        "publishdate",
        "publish-date",
        "dc.date",
        "dc.date.issued",
        "dcterms.created",
        "dcterms.issued",
        "parsely-pub-date",
        "sailthru.date",
    }
)


def read_articles(
    inputs: Iterable[str | Path],
    *,
    published: date | None = None,
    stdin: TextIO | None = None,
) -> Iterator[Article | Failure]:
    """Yield an ``Article`` for every readable input record, a ``Failure`` otherwise.

    Args:
        inputs: files, directories (read recursively, in sorted order) or ``"-"``
            for stdin.
        published: publication date for articles whose input does not state one.
            A date is never guessed: without either, ``published`` is ``None``.
        stdin: the stream read for ``"-"`` (default ``sys.stdin``).

    For HTML, ``Article.text`` is the main text extracted by trafilatura, so all
    offsets for that article point into the extracted text, not the markup.

    Example:
        >>> for item in read_articles(["news/"], published=date(2015, 11, 27)):
        ...     print(item)
    """
    for given in inputs:
        if isinstance(given, str) and given == STDIN:
            yield from _read_stdin(sys.stdin if stdin is None else stdin, published)
            continue
        path, origin = Path(given), str(given)
        if path.is_dir():
            yield from _read_directory(path, published)
        elif path.exists():
            yield from _read_file(path, origin, published)
        else:
            message = f"no such file or directory: {origin!r}; check the path"
            yield Failure(stage=STAGE, origin=origin, message=message)


def content_hash(text: str) -> str:
    """Return the article id used when the input has none: sha256 of the text.

    Example:
        >>> content_hash("Talks resumed.")
        'e6351357d301fcfa'
    """
    digest = hashlib.sha256(text.encode("utf-8", errors="surrogatepass"))
    return digest.hexdigest()[:HASH_CHARS]


def _read_directory(
    directory: Path, published: date | None
) -> Iterator[Article | Failure]:
    try:
        paths = sorted(p for p in directory.rglob("*") if p.is_file())
    except OSError as error:
        message = f"cannot list the directory ({error.strerror}); check its permissions"
        yield Failure(stage=STAGE, origin=str(directory), message=message)
        return
    for path in paths:
        if path.suffix.lower() in SUFFIXES:
            yield from _read_file(path, str(path), published)
        else:
            logger.debug("skipping %s: not an article file", path)


def _read_file(
    path: Path, origin: str, published: date | None
) -> Iterator[Article | Failure]:
    suffix = path.suffix.lower()
    try:
        if suffix not in SUFFIXES:
            kinds = ", ".join(sorted(SUFFIXES))
            raise InputError(
                f"unsupported file type {suffix or path.name!r}; use one of {kinds}",
                origin=origin,
            )
        if suffix == ".jsonl":
            with path.open("rb") as handle:
                yield from _read_jsonl_bytes(handle, origin, published)
            return
        raw = path.read_bytes()
        if suffix in {".html", ".htm"}:
            yield _html_article(raw, origin, published)
            return
        content = _decode(raw, origin)
        if suffix == ".txt":
            yield _text_article(content, origin, published)
        elif suffix == ".json":
            yield from _read_json(content, origin, published)
        else:
            yield from _read_csv(content, origin, published)
    except InputError as error:
        yield _failure(error)
    except OSError as error:
        message = f"cannot read the file ({error.strerror}); check it is readable"
        yield Failure(stage=STAGE, origin=origin, message=message)


def _read_stdin(stream: TextIO, published: date | None) -> Iterator[Article | Failure]:
    lines = iter(stream)
    head: list[str] = []
    try:
        for line in lines:
            head.append(line)
            if line.strip():
                break
        first = "".join(head).lstrip(BOM + " \t\r\n")[:1]
        if first == "{":
            for number, line in enumerate(itertools.chain(head, lines), start=1):
                yield from _jsonl_line(line, number, STDIN_ORIGIN, published)
            return
        content = "".join([*head, *lines]).removeprefix(BOM)
    except UnicodeDecodeError:
        message = f"stdin is not valid UTF-8; {UTF8_HINT}"
        yield Failure(stage=STAGE, origin=STDIN_ORIGIN, message=message)
        return
    try:
        if first == "<":
            yield _html_article(content, STDIN_ORIGIN, published)
        else:
            yield _text_article(content, STDIN_ORIGIN, published)
    except InputError as error:
        yield _failure(error)


def _read_jsonl_bytes(
    lines: Iterable[bytes], origin: str, published: date | None
) -> Iterator[Article | Failure]:
    for number, raw in enumerate(lines, start=1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            message = f"line is not valid UTF-8; {UTF8_HINT}"
            yield Failure(stage=STAGE, origin=origin, line=number, message=message)
            continue
        yield from _jsonl_line(line, number, origin, published)


def _jsonl_line(
    line: str, number: int, origin: str, published: date | None
) -> Iterator[Article | Failure]:
    if number == 1:
        line = line.removeprefix(BOM)
    if not line.strip():
        return
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        message = (
            f"invalid JSON ({error.msg} at column {error.colno}); "
            "write one JSON object per line"
        )
        yield Failure(stage=STAGE, origin=origin, line=number, message=message)
        return
    yield _record_article(record, origin, number, published)


def _read_json(
    content: str, origin: str, published: date | None
) -> Iterator[Article | Failure]:
    try:
        parsed = json.loads(content.removeprefix(BOM))
    except json.JSONDecodeError as error:
        message = (
            f"invalid JSON ({error.msg} at column {error.colno}); "
            "the file must hold one JSON object or an array of objects"
        )
        yield Failure(stage=STAGE, origin=origin, line=error.lineno, message=message)
        return
    records = parsed if isinstance(parsed, list) else [parsed]
    for number, record in enumerate(records, start=1):
        yield _record_article(record, origin, number, published)


def _read_csv(
    content: str, origin: str, published: date | None
) -> Iterator[Article | Failure]:
    reader = csv.reader(io.StringIO(content.removeprefix(BOM), newline=""))
    header: list[str] | None = None
    start = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            message = f"malformed CSV ({error}); check the quoting, or use JSONL"
            yield Failure(stage=STAGE, origin=origin, line=start, message=message)
            start = reader.line_num + 1
            continue
        line, start = start, reader.line_num + 1
        if not row:
            continue
        if header is None:
            header = row
            if "text" not in header:
                message = f"no 'text' column in the header {header!r}; add one"
                yield Failure(stage=STAGE, origin=origin, line=line, message=message)
                return
            continue
        if len(row) != len(header):
            message = (
                f"row has {len(row)} fields but the header has {len(header)}; "
                "quote fields that contain commas or line breaks"
            )
            yield Failure(stage=STAGE, origin=origin, line=line, message=message)
            continue
        yield _record_article(
            dict(zip(header, row, strict=True)), origin, line, published
        )


def _record_article(
    record: object, origin: str, line: int, published: date | None
) -> Article | Failure:
    """Return the ``Article`` of a JSON/CSV record, or a ``Failure`` saying why."""
    try:
        if not isinstance(record, dict):
            raise InputError(
                f"expected a JSON object, got {_kind(record)}; "
                'write each article as {"text": ...}',
                origin=origin,
                line=line,
            )
        return _article_from_fields(
            record, origin=origin, line=line, published=published
        )
    except InputError as error:
        return _failure(error)


def _article_from_fields(
    record: Mapping[str, Any], *, origin: str, line: int, published: date | None
) -> Article:
    def bad(message: str) -> InputError:
        return InputError(message, origin=origin, line=line)

    if "text" not in record:
        raise bad("missing 'text' field; each record needs the article text in 'text'")
    text = record["text"]
    if not isinstance(text, str):
        raise bad(f"'text' must be a string, not {_kind(text)}")
    if not text.strip():
        raise bad(EMPTY_TEXT)
    raw_id = record.get("id")
    if isinstance(raw_id, bool) or not isinstance(raw_id, str | int | None):
        raise bad(f"'id' must be a string or an integer, not {_kind(raw_id)}")
    strings: dict[str, str | None] = {}
    for name in ("published", "title", "url", "source"):
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            raise bad(f"{name!r} must be a string, not {_kind(value)}")
        strings[name] = (value.strip() or None) if isinstance(value, str) else None
    stated = strings["published"]
    try:
        when = _parse_date(stated) if stated else published
    except ValueError:
        raise bad(f"cannot parse the published date {stated!r}; {DATE_HINT}") from None
    return Article(
        id=content_hash(text) if raw_id is None or raw_id == "" else str(raw_id),
        text=text,
        title=strings["title"],
        published=when,
        url=strings["url"],
        source=strings["source"],
        origin=origin,
        line=line,
        metadata={key: value for key, value in record.items() if key not in FIELDS},
    )


def _text_article(content: str, origin: str, published: date | None) -> Article:
    text = content.removeprefix(BOM)
    title = next((line.strip() for line in text.splitlines() if line.strip()), None)
    if title is None:
        raise InputError(EMPTY_TEXT, origin=origin)
    return Article(
        id=content_hash(text),
        text=text,
        title=title,
        published=published,
        origin=origin,
    )


def _html_article(content: bytes | str, origin: str, published: date | None) -> Article:
    tree = load_html(_whole_page(content))
    if tree is None:
        raise InputError(
            "cannot parse the HTML; check it is an HTML page", origin=origin
        )
    stated = _html_published(tree)
    document = trafilatura.bare_extraction(
        tree,
        with_metadata=True,
        include_comments=False,
        date_extraction_params={"extensive_search": False},
    )
    text = document.text if isinstance(document, Document) else None
    if not isinstance(document, Document) or not text or not text.strip():
        raise InputError(
            "no article text found in the HTML; check it is an article page",
            origin=origin,
        )
    # trafilatura puts one paragraph per line; a blank line between them lets
    # the parser treat headings and list items as sentences of their own.
    text = "\n\n".join(line.strip() for line in text.splitlines() if line.strip())
    return Article(
        id=content_hash(text),
        text=text,
        title=document.title or None,
        published=stated or published,
        url=document.url or None,
        source=document.sitename or None,
        origin=origin,
    )


def _whole_page(content: bytes | str) -> bytes | str:
    """Return the page, wrapping a bare fragment that trafilatura would reject."""
    if isinstance(content, bytes):
        if b"<html" in content[:HTML_SNIFF].lower():
            return content
        return b"<html><body>" + content + b"</body></html>"
    if "<html" in content[:HTML_SNIFF].lower():
        return content
    return f"<html><body>{content}</body></html>"


def _html_published(tree: Any) -> date | None:
    """Return the publication date the page's markup states, if it states one."""
    candidates: list[str] = []
    for meta in tree.iter("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop") or ""
        if key.lower() in PUBLISHED_META and meta.get("content"):
            candidates.append(meta.get("content"))
    for element in tree.iter("time"):
        stamp = element.get("datetime")
        if stamp and (
            element.get("itemprop") == "datePublished" or "pubdate" in element.attrib
        ):
            candidates.append(stamp)
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json" and script.text:
            candidates.extend(_json_ld_published(script.text))
    for candidate in candidates:
        try:
            return _parse_date(candidate)
        except ValueError:
            logger.debug("ignoring unparseable HTML date %r", candidate)
    return None


def _json_ld_published(source: str) -> Iterator[str]:
    try:
        pending = [json.loads(source)]
    except json.JSONDecodeError:
        return
    while pending:
        node = pending.pop()
        if isinstance(node, list):
            pending.extend(reversed(node))
        elif isinstance(node, dict):
            if isinstance(node.get("datePublished"), str):
                yield node["datePublished"]
            if "@graph" in node:
                pending.append(node["@graph"])


def _parse_date(value: str) -> date:
    """Return the calendar date of an ISO date/datetime or an RFC 2822 date.

    A datetime keeps the date as written in its own offset. Raises ``ValueError``.
    """
    text = value.strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        raise ValueError(f"not a date: {value!r}") from None


def _decode(raw: bytes, origin: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise InputError(
            f"not valid UTF-8; {UTF8_HINT}", origin=origin, line=line
        ) from None


def _failure(error: InputError) -> Failure:
    return Failure(
        stage=STAGE, origin=error.origin, line=error.line, message=error.reason
    )


def _kind(value: object) -> str:
    return "null" if value is None else type(value).__name__
