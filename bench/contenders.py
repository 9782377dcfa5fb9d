"""The pages the benchmark compares and how each contender is asked for them.

Each contender answers the same page for the same viewer: the images page
(ours, the plain-Django floor, Django REST framework, strawberry-django), the
feed, the board page, the search page and the image page (ours, DRF,
strawberry-django). `rows_of` turns each one's answer into the GraphQL answer's rows,
so that their content can be checked equal.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass

from graphql_relay import to_global_id

from bench import operations
from bench.peers import answers

STRAWBERRY_PATH = "/peers/strawberry/graphql"


@dataclass(frozen=True)
class Contender:
    name: str  # as `--operations` names it
    label: str  # "{rows}" stands for the rows per page
    page: str  # one of PAGES
    spec: Callable[[int], dict]  # rows per page -> load spec (see bench.load)
    rows_of: Callable[[dict], list]
    is_peer: bool = False  # one of bench/peers/

    def title(self, rows=20):
        return self.label.format(rows=rows)


def _graphql(path, document):
    return lambda rows: {"scenario": "query", "path": path, "query": document(rows)}


def _get(path):
    return lambda rows: {"scenario": "get", "path": path.format(rows=rows)}


def _showcase_board_id():
    from bench import seed

    return seed.showcase_board_id()


def _board_graphql(path):
    """The board page of the seeded showcase board (looked up when asked: the database
    is seeded after this module is imported)."""

    def spec(rows):
        _twenty_only(rows, "board page")
        board_id = to_global_id("Board", _showcase_board_id())
        document = operations.BOARD_PAGE
        return {"scenario": "query", "path": path, "query": document, "variables": {"id": board_id}}

    return spec


def _board_get(path):
    def spec(rows):
        _twenty_only(rows, "board page")
        return {"scenario": "get", "path": path.format(board=_showcase_board_id(), rows=rows)}

    return spec


def _search_graphql(path):
    def spec(rows):
        _twenty_only(rows, "search page")
        variables = {"query": _search_word()}
        return {
            "scenario": "query",
            "path": path,
            "query": operations.SEARCH_PAGE,
            "variables": variables,
        }

    return spec


def _search_get(path):
    def spec(rows):
        _twenty_only(rows, "search page")
        return {"scenario": "get", "path": path.format(word=_search_word(), rows=rows)}

    return spec


def _search_word():
    from bench import seed

    return seed.SEARCH_WORD


def _image_graphql(path):
    """The image page of the seeded commented image (private: its ID carries its link
    key)."""

    def spec(rows):
        _twenty_only(rows, "image page")
        from bench import seed_comments

        pk, link_key = seed_comments.commented_image()
        variables = {"id": to_global_id("Image", f"{pk}:{link_key}")}
        return {
            "scenario": "query",
            "path": path,
            "query": operations.IMAGE_PAGE,
            "variables": variables,
        }

    return spec


def _image_get(path):
    def spec(rows):
        _twenty_only(rows, "image page")
        from bench import seed_comments

        pk, link_key = seed_comments.commented_image()
        return {"scenario": "get", "path": path.format(image=pk, key=link_key, rows=rows)}

    return spec


def _twenty_only(rows, page):
    if rows != 20:
        raise ValueError(f"the {page} is compared at 20 rows only")


def _feed_document(rows):
    _twenty_only(rows, "feed")
    return operations.FEED_PAGE


def _images_rows(answer):
    return answers.graphql_rows(answer, "images")


def _feed_rows(answer):
    return answers.graphql_rows(answer, "feed")


def _board_rows(answer):
    return answers.graphql_board_rows(answer)


def _search_rows(answer):
    return answers.graphql_rows(answer, "search")


CONTENDERS = (
    Contender(
        "images",
        "images(first: {rows})",
        "images",
        _graphql("/graphql", operations.images_page),
        _images_rows,
    ),
    Contender(
        "floor",
        "floor: plain Django view",
        "images",
        _get("/floor/images?first={rows}"),
        _images_rows,
    ),
    Contender(
        "drf",
        "DRF ListAPIView",
        "images",
        _get("/peers/drf/images?page_size={rows}"),
        answers.drf_image_rows,
        is_peer=True,
    ),
    Contender(
        "strawberry",
        "strawberry-django",
        "images",
        _graphql(STRAWBERRY_PATH, operations.images_page),
        _images_rows,
        is_peer=True,
    ),
    Contender(
        "feed",
        "feed(first: 20)",
        "feed",
        _graphql("/graphql", _feed_document),
        _feed_rows,
    ),
    Contender(
        "drf-feed",
        "DRF feed",
        "feed",
        _get("/peers/drf/feed?page_size={rows}"),
        answers.drf_feed_rows,
        is_peer=True,
    ),
    Contender(
        "strawberry-feed",
        "strawberry-django feed",
        "feed",
        _graphql(STRAWBERRY_PATH, _feed_document),
        _feed_rows,
        is_peer=True,
    ),
    Contender(
        "board",
        "board(id:) pins(first: 20)",
        "board",
        _board_graphql("/graphql"),
        _board_rows,
    ),
    Contender(
        "drf-board",
        "DRF board page",
        "board",
        _board_get("/peers/drf/boards/{board}/pins?page_size={rows}"),
        answers.drf_board_rows,
        is_peer=True,
    ),
    Contender(
        "strawberry-board",
        "strawberry-django board",
        "board",
        _board_graphql(STRAWBERRY_PATH),
        _board_rows,
        is_peer=True,
    ),
    Contender(
        "search",
        "search(query:, first: 20)",
        "search",
        _search_graphql("/graphql"),
        _search_rows,
    ),
    Contender(
        "drf-search",
        "DRF search",
        "search",
        _search_get("/peers/drf/search?q={word}&page_size={rows}"),
        answers.drf_image_rows,
        is_peer=True,
    ),
    Contender(
        "strawberry-search",
        "strawberry-django search",
        "search",
        _search_graphql(STRAWBERRY_PATH),
        _search_rows,
        is_peer=True,
    ),
    Contender(
        "image",
        "image(id:) + 20 comments",
        "image",
        _image_graphql("/graphql"),
        answers.graphql_image_page_rows,
    ),
    Contender(
        "drf-image",
        "DRF image page",
        "image",
        _image_get("/peers/drf/images/{image}/comments?key={key}&page_size={rows}"),
        answers.drf_image_page_rows,
        is_peer=True,
    ),
    Contender(
        "strawberry-image",
        "strawberry-django image",
        "image",
        _image_graphql(STRAWBERRY_PATH),
        answers.graphql_image_page_rows,
        is_peer=True,
    ),
)

PAGES = ("images", "feed", "board", "search", "image")

BY_NAME = {contender.name: contender for contender in CONTENDERS}


def of_page(page, names=None):
    """The contenders for `page` (among `names` if given), ours first."""
    return [c for c in CONTENDERS if c.page == page and (names is None or c.name in names)]


def request_of(spec):
    """(path, body or None) of a load spec's one request."""
    if spec["scenario"] == "get":
        return spec["path"], None
    body = {"query": spec["query"], "variables": spec.get("variables", {})}
    return spec["path"], json.dumps(body)


def require_peers(names):
    """Stop with a clear message when peers are among `names` but not installed."""
    from django.conf import settings

    peers = {c.name for c in CONTENDERS if c.is_peer}
    if not settings.PEERS_INSTALLED and peers & set(names):
        raise SystemExit(
            "The peers (Django REST framework, strawberry-django) are not installed: "
            "`make bench-install` installs them (`make bench` and `make profile` do)."
        )


def mismatches(answer_of, contenders, rows=20):
    """The names of the contenders whose rows differ from ours; `answer_of(path, body)`
    returns the decoded JSON answer."""
    ours, *peers = contenders
    try:
        expected = ours.rows_of(answer_of(*request_of(ours.spec(rows))))
    except (KeyError, TypeError, ValueError) as error:
        raise SystemExit(f"Ours cannot answer the {ours.page} page: {error}") from None
    if len(expected) != rows:
        raise SystemExit(f"{ours.name} answered {len(expected)} rows, not {rows}: too little data")
    differing = []
    for peer in peers:
        try:
            got = peer.rows_of(answer_of(*request_of(peer.spec(rows))))
        except (KeyError, TypeError, ValueError) as error:
            got = error
        if got != expected:
            differing.append(peer.name)
    return differing
