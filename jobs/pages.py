"""What a web page says it shows: its `og:image` (or `twitter:image`) and its title, so that
an imported link to a page saves the page's picture."""

from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin

# The head is where these live; a page's body past this is not read.
HEAD_CHARACTERS = 512 * 1024
IMAGE_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a")


@dataclass
class PagePicture:
    image_url: str
    title: str


def looks_like_an_image(data: bytes) -> bool:
    """Whether `data` starts as a JPEG, PNG, GIF or WebP file does (the image checks decide)."""
    return data.startswith(IMAGE_SIGNATURES) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP")


def picture_of(page_url: str, data: bytes) -> PagePicture | None:
    """The picture a page at `page_url` names, its address made absolute; None if none."""
    parser = _HeadParser()
    parser.feed(data[:HEAD_CHARACTERS].decode("utf-8", errors="replace"))
    candidate = parser.meta.get("og:image") or parser.meta.get("og:image:url")
    candidate = (
        candidate or parser.meta.get("twitter:image") or parser.meta.get("twitter:image:src")
    )
    if not candidate:
        return None
    title = parser.meta.get("og:title") or " ".join("".join(parser.title).split())
    return PagePicture(urljoin(page_url, candidate.strip()), title)


class _HeadParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.meta = {}
        self.title = []
        self.in_title = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "meta":
            name = (attributes.get("property") or attributes.get("name") or "").lower()
            if name and name not in self.meta and attributes.get("content"):
                self.meta[name] = attributes["content"]
        elif tag == "title":
            self.in_title = True

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False

    def handle_data(self, data):
        if self.in_title:
            self.title.append(data)
