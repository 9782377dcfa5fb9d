"""The search query language, parsed: words (all must match), "a phrase", -word or
-"a phrase" (must not match), #tag, user:name, site:example.com, before:YYYY-MM-DD and
after:YYYY-MM-DD. Whatever does not parse as an operator is read as words, so that every
query has an answer. The backends build their own match expressions from these tokens:
the text a person typed never reaches a database as query syntax."""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

MAX_QUERY_LENGTH = 200
# More terms than this are dropped: each costs the database a lookup.
MAX_TERMS = 16
# Roughly a tag (images/tags.py has the exact rule and finds nothing for a near miss).
TAG_PATTERN = re.compile(r"[\w-]{1,32}")
USERNAME_PATTERN = re.compile(r"[\w.+-]{1,150}")
HOST_PATTERN = re.compile(r"[a-z0-9.-]{1,253}")
DATE_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}")
# A word is worth matching when it holds a letter or a digit.
MEANINGFUL = re.compile(r"\w")


@dataclass(frozen=True)
class ParsedQuery:
    words: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()  # words and phrases that must not match
    tags: tuple[str, ...] = ()
    users: tuple[str, ...] = ()
    sites: tuple[str, ...] = ()
    before: date | None = None
    after: date | None = None

    @property
    def terms(self) -> tuple[str, ...]:
        """The words and phrases that must all match."""
        return self.words + self.phrases

    def is_empty(self) -> bool:
        return self == ParsedQuery()


def parse(text: str) -> ParsedQuery:
    """The tokens of `text`; a query of nothing meaningful is `ParsedQuery()`."""
    found = {name: [] for name in ("words", "phrases", "excluded", "tags", "users", "sites")}
    dates = {}
    for negated, quoted, token in _tokens(_cleaned(text)):
        if quoted:
            _add(found["excluded" if negated else "phrases"], token)
        elif negated:
            _add(found["excluded"], token)
        else:
            _read_token(token, found, dates)
    return ParsedQuery(**{name: tuple(values) for name, values in found.items()}, **dates)


def _cleaned(text: str) -> str:
    # Control characters (NUL among them, which PostgreSQL refuses in text) become spaces;
    # NFKC folds look-alike forms (full-width letters) into the ones the index holds.
    text = unicodedata.normalize("NFKC", text)
    return "".join(" " if unicodedata.category(char)[0] == "C" else char for char in text)


def _tokens(text: str):
    """(negated, quoted, text) for each token: a quoted phrase, or a run of non-spaces. An
    opening quote without its closing one is read as a plain character."""
    position = 0
    while position < len(text):
        if text[position].isspace():
            position += 1
            continue
        negated = text[position] == "-" and text[position + 1 : position + 2] == '"'
        start = position + 1 if negated else position
        if text[start] == '"':
            end = text.find('"', start + 1)
            if end != -1:
                yield negated, True, text[start + 1 : end]
                position = end + 1
                continue
        end = position
        while end < len(text) and not text[end].isspace():
            end += 1
        token = text[position:end]
        if token.startswith("-") and len(token) > 1:
            yield True, False, token[1:].replace('"', " ")
        else:
            yield False, False, token.replace('"', " ")
        position = end


def _read_token(token, found, dates):
    lowered = token.lower()
    name, _, value = lowered.partition(":")
    if lowered.startswith("#") and TAG_PATTERN.fullmatch(lowered[1:]):
        _add(found["tags"], lowered[1:])
    elif name == "user" and USERNAME_PATTERN.fullmatch(value):
        _add(found["users"], value)
    elif name == "site" and _host(value):
        _add(found["sites"], _host(value))
    elif name in ("before", "after") and _date(value):
        dates[name] = _date(value)
    else:
        _add(found["words"], token)


def _add(values, text):
    text = " ".join(text.split())
    if MEANINGFUL.search(text) and text not in values and len(values) < MAX_TERMS:
        values.append(text)


def _host(value) -> str | None:
    """The host of `site:`'s value, given as a host or as an address."""
    try:
        host = urlsplit(value if "//" in value else f"//{value}").hostname or ""
    except ValueError:  # such as an unclosed "[" of an IPv6 address
        return None
    host = host.removeprefix("www.")
    return host if HOST_PATTERN.fullmatch(host) and "." in host.strip(".") else None


def _date(value) -> date | None:
    if not DATE_PATTERN.fullmatch(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None
