"""The media type of an answer, negotiated from the request's `Accept` header.

The API answers `application/graphql-response+json` (the GraphQL over HTTP
specification's type, whose HTTP status says how the request went) and
`application/json` (the older type, answered 200 whenever the request was well
formed). As the specification asks, no `Accept` header, or one that accepts any
type (`*/*`, `application/*`), gets `application/json`; a client that names
both types equally gets `application/graphql-response+json`.
"""

from dataclasses import dataclass

GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"
JSON = "application/json"
HTML = "text/html"


@dataclass(frozen=True)
class Preference:
    quality: float
    explicit: bool  # named exactly, not through a wildcard

    def __bool__(self):
        return self.quality > 0


NOT_ACCEPTED = Preference(0.0, False)


def accepted_ranges(header: str) -> list[tuple[str, float]]:
    """The media ranges of an `Accept` header with their quality, malformed ones left out."""
    ranges = []
    for part in header.split(","):
        media_range, *parameters = (piece.strip() for piece in part.split(";"))
        if media_range.count("/") != 1:
            continue
        quality = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    quality = 0.0
        ranges.append((media_range.lower(), quality))
    return ranges


def preference(ranges, media_type: str) -> Preference:
    """How much `ranges` want `media_type`: the quality of the most specific range matching it."""
    main_type = media_type.split("/")[0]
    best, specificity = NOT_ACCEPTED, -1
    for media_range, quality in ranges:
        if media_range == media_type:
            rank = 2
        elif media_range == f"{main_type}/*":
            rank = 1
        elif media_range == "*/*":
            rank = 0
        else:
            continue
        if rank > specificity or (rank == specificity and quality > best.quality):
            best, specificity = Preference(quality, rank == 2), rank
    return best


def answer_media_type(accept: str | None) -> str | None:
    """The media type to answer in, or None when the client accepts neither."""
    if not (accept or "").strip():
        return JSON
    ranges = accepted_ranges(accept)
    graphql_response = preference(ranges, GRAPHQL_RESPONSE_JSON)
    json = preference(ranges, JSON)
    if not graphql_response and not json:
        return None
    if (graphql_response.quality, graphql_response.explicit) > (json.quality, json.explicit):
        return GRAPHQL_RESPONSE_JSON
    if graphql_response.explicit and graphql_response.quality == json.quality:
        return GRAPHQL_RESPONSE_JSON
    return JSON


def prefers_html(accept: str | None) -> bool:
    """Whether the client (a browser opening the page) would rather have HTML than JSON."""
    ranges = accepted_ranges(accept or "")
    html = preference(ranges, HTML)
    if not html.explicit:
        return False
    best_json = max(
        (preference(ranges, JSON), preference(ranges, GRAPHQL_RESPONSE_JSON)),
        key=lambda choice: (choice.quality, choice.explicit),
    )
    return (html.quality, html.explicit) > (best_json.quality, best_json.explicit)
