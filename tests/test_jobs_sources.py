"""Reading import files as the browsers write them (jobs/sources.py)."""

import pytest

from jobs.sources import UnreadableFile, read_links

FIREFOX = """<!DOCTYPE NETSCAPE-Bookmark-file-1>
<!-- This is an automatically generated file. -->
<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'none'">
<TITLE>Bookmarks</TITLE>
<H1>Bookmarks Menu</H1>
<DL><p>
    <DT><A HREF="https://a.example/menu.jpg" ADD_DATE="1" TAGS="sea,Boats">Menu link</A>
    <DD>Seen from the pier
    <DT><H3 ADD_DATE="1" LAST_MODIFIED="2" PERSONAL_TOOLBAR_FOLDER="true">Bookmarks Toolbar</H3>
    <DL><p>
        <DT><A HREF="https://a.example/bar.jpg">Bar link</A>
        <DT><H3>Cats &amp; dogs</H3>
        <DL><p>
            <DT><A HREF="https://a.example/cat.jpg">Cat</A>
        </DL><p>
    </DL><p>
    <DT><H3 UNFILED_BOOKMARKS_FOLDER="true">Other Bookmarks</H3>
    <DL><p>
        <DT><A HREF="place:sort=8&maxResults=10">Recent tags</A>
    </DL><p>
</DL>
"""

SAFARI = """<!DOCTYPE NETSCAPE-Bookmark-file-1>
<HTML><META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">
<Title>Bookmarks</Title><H1>Bookmarks</H1>
<DT><H3 FOLDED ID="BookmarksBar">BookmarksBar</H3>
<DL><p>
<DT><A HREF="https://s.example/1.png">One</A>
<DT><H3 FOLDED>Trips</H3>
<DL><p>
<DT><A HREF="https://s.example/2.png">Two</A>
</DL><p>
</DL><p>
</HTML>"""


def test_firefox_folders_tags_and_descriptions():
    links = read_links(FIREFOX.encode())

    assert [(link.url, link.board) for link in links] == [
        ("https://a.example/menu.jpg", ""),
        ("https://a.example/bar.jpg", ""),
        ("https://a.example/cat.jpg", "Cats & dogs"),
        ("place:sort=8&maxResults=10", ""),
    ]
    assert (links[0].tags, links[0].description) == (["sea", "Boats"], "Seen from the pier")
    assert links[2].line == 15


def test_safari_bookmarks_bar_is_no_board_and_its_folders_are():
    links = read_links(SAFARI.encode())

    assert [(link.title, link.board) for link in links] == [("One", ""), ("Two", "Trips")]


def test_a_csv_with_a_byte_order_mark_quotes_and_short_rows():
    data = '\ufeffURL,Title,Description,Tags,Board\r\n"https://x/1.jpg","A, b",,x y,\r\nhttps://x/2.jpg\r\n'

    links = read_links(data.encode())

    assert [(link.line, link.url, link.title, link.tags) for link in links] == [
        (2, "https://x/1.jpg", "A, b", ["x", "y"]),
        (3, "https://x/2.jpg", "", []),
    ]


def test_utf16_files_are_read():
    assert read_links(FIREFOX.encode("utf-16"))[0].title == "Menu link"


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\xff\xd8\xff\xe0 a JPEG", "not_utf8"),
        (b"plain words", "not_a_bookmark_file"),
        (b"<html>\x00</html>", "not_utf8"),
    ],
)
def test_what_cannot_be_read_says_why(data, kind):
    with pytest.raises(UnreadableFile) as raised:
        read_links(data)

    assert raised.value.kind == kind
