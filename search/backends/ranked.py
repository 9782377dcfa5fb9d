"""How many matches relevance ranks: at most the newest SEARCH_RANKED_MATCHES (the highest
document ids, the most recently indexed). The others get rank 0, so that they follow the
ranked ones newest first; a query then scores a bounded number of hits however common its
words (docs/search.md, "Cost")."""

from django.conf import settings
from django.db.models import Case, FloatField, Subquery, Value, When
from django.db.models.functions import Coalesce


def oldest_ranked_id(found_documents):
    """An expression: the id of the oldest of the newest SEARCH_RANKED_MATCHES of
    `found_documents` (the matching index rows), or 0 when fewer match (all are ranked)."""
    last = settings.SEARCH_RANKED_MATCHES
    nth = found_documents.order_by("-pk").values("pk")[last - 1 : last]
    return Coalesce(Subquery(nth), Value(0))


def ranked_only_from(document_id, oldest_ranked, rank):
    """`rank` for the documents from `oldest_ranked` on, 0 for the older ones (whose `rank`
    is then never computed)."""
    return Case(
        When(**{f"{document_id}__gte": oldest_ranked}, then=rank),
        default=Value(0.0),
        output_field=FloatField(),
    )
