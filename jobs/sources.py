"""Reading an import's file: a browser's bookmark export (the Netscape bookmark format
of Chrome, Firefox and Safari) or a CSV with the header `url,title,description,tags,board`.

Only reading: nothing is fetched or checked here beyond the file's shape; each link's
address goes through the downloader's checks when it is imported.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.utils.translation import gettext

CSV_HEADER = ["url", "title", "description", "tags", "board"]
TAG_SEPARATORS = re.compile(r"[,\s]+")


class UnreadableFile(ValueError):
    """Not a file we can import; `kind` says why ("not_utf8", "not_a_bookmark_file")."""

    def __init__(self, kind, message):
        super().__init__(message)
        self.kind = kind


@dataclass
class Link:
    line: int
    url: str
    title: str = ""
    description: str = ""
    tags: list = field(default_factory=list)
    board: str = ""


def read_links(data: bytes) -> list[Link]:
    """The links of a bookmark file or CSV, in file order; raises UnreadableFile."""
    text = _decoded(data)
    start = text.lstrip()[:200].lower()
    if start.startswith("<!doctype netscape-bookmark-file") or "<dl" in text[:5000].lower():
        return _BookmarkFile.links_of(text)
    first_line = text.split("\n", 1)[0]
    if [cell.strip().lower() for cell in next(csv.reader([first_line]), [])] == CSV_HEADER:
        return _csv_links(text)
    raise UnreadableFile(
        "not_a_bookmark_file",
        gettext(
            "This is neither a browser's bookmark file (HTML) nor a CSV with the header "
            "url,title,description,tags,board."
        ),
    )


def _decoded(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    else:
        encoding = "utf-8-sig"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise UnreadableFile(
            "not_utf8", gettext("The file is not UTF-8 (or UTF-16) text.")
        ) from None
    if "\x00" in text:
        raise UnreadableFile("not_utf8", gettext("The file holds binary data, not text."))
    return text


def _csv_links(text) -> list[Link]:
    reader = csv.reader(io.StringIO(text, newline=""))
    next(reader)
    links = []
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            cells = [cell.strip() for cell in row] + [""] * (5 - len(row))
            url, title, description, tags, board = cells[:5]
            tag_list = [tag for tag in TAG_SEPARATORS.split(tags) if tag]
            links.append(Link(reader.line_num, url, title, description, tag_list, board))
    except csv.Error as error:
        raise UnreadableFile(
            "not_a_bookmark_file", gettext("The CSV is malformed: %(error)s.") % {"error": error}
        ) from None
    return links


def _browsers_own_folder(attributes) -> bool:
    """The bookmarks bar or menu the browser itself keeps: its links are on no board."""
    marks = ("personal_toolbar_folder", "unfiled_bookmarks_folder")
    own_ids = ("bookmarksbar", "bookmarksmenu", "com.apple.readinglist")
    return any(attributes.get(mark) for mark in marks) or (
        (attributes.get("id") or "").lower() in own_ids
    )


class _BookmarkFile(HTMLParser):
    """Netscape bookmarks: `<DT><H3>folder</H3><DL>…</DL>` nests folders, `<DT><A HREF=…
    TAGS=…>title</A>` is a link, and a `<DD>` after it its description."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []
        self.folders = []
        self.pending_folder = None
        self.reading = None  # "folder", "link" or "description"
        self.browsers_own = False
        self.text = []

    @classmethod
    def links_of(cls, text) -> list[Link]:
        parser = cls()
        parser.feed(text)
        parser.close()
        parser._finish_text()
        return parser.links

    def handle_starttag(self, tag, attrs):
        self._finish_text()
        if tag == "h3":
            self.reading, self.text = "folder", []
            self.browsers_own = _browsers_own_folder(dict(attrs))
        elif tag == "dl":
            self.folders.append(self.pending_folder or "")
            self.pending_folder = None
        elif tag == "a":
            attributes = dict(attrs)
            tags = TAG_SEPARATORS.split(attributes.get("tags") or "")
            line = self.getpos()[0]
            board = next((name for name in reversed(self.folders) if name), "")
            url = (attributes.get("href") or "").strip()
            self.links.append(Link(line, url, tags=[tag for tag in tags if tag], board=board))
            self.reading, self.text = "link", []
        elif tag == "dd" and self.links:
            self.reading, self.text = "description", []

    def handle_endtag(self, tag):
        if tag == "dl" and self.folders:
            self._finish_text()
            self.folders.pop()
        elif tag in ("h3", "a"):
            self._finish_text()

    def handle_data(self, data):
        if self.reading:
            self.text.append(data)

    def _finish_text(self):
        text = " ".join("".join(self.text).split())
        if self.reading == "folder":
            self.pending_folder = "" if self.browsers_own else text
        elif self.reading == "link":
            self.links[-1].title = text
        elif self.reading == "description" and not self.links[-1].description:
            self.links[-1].description = text
        self.reading, self.text = None, []
