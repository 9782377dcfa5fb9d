"""The GraphQL API: pagination, document limits, persisted queries, live updates."""

from project.settings.core import BASE_DIR
from project.settings.env import env_bool, env_int, env_str

GRAPHENE = {
    "SCHEMA": "schema.schema",
    "SCHEMA_OUTPUT": str(BASE_DIR / "schema.graphql"),
    "RELAY_CONNECTION_MAX_LIMIT": 100,
}
GRAPHQL_DEFAULT_PAGE_SIZE = 20
# totalCount counts up to this (a full COUNT costs more as a table grows).
GRAPHQL_MAX_TOTAL_COUNT = env_int("GRAPHQL_MAX_TOTAL_COUNT", 10_000)
GRAPHQL_MAX_PAGE_SIZE = 100
# Search ranks by relevance at most the newest this many matches of a query; the rest
# follow them newest first (docs/search.md: ranking a common word's every hit costs more
# as the index grows).
SEARCH_RANKED_MATCHES = env_int("SEARCH_RANKED_MATCHES", 500)

# Query limits (server/documents/limits.py); each refusal is a QUERY_TOO_COMPLEX error.
GRAPHQL_MAX_BODY_BYTES = env_int("GRAPHQL_MAX_BODY_BYTES", 100_000)
GRAPHQL_MAX_TOKENS = env_int("GRAPHQL_MAX_TOKENS", 5_000)
GRAPHQL_MAX_DEPTH = env_int("GRAPHQL_MAX_DEPTH", 10)
# GraphiQL's introspection query nests 14 deep.
GRAPHQL_MAX_INTROSPECTION_DEPTH = env_int("GRAPHQL_MAX_INTROSPECTION_DEPTH", 15)
GRAPHQL_MAX_ALIASES = env_int("GRAPHQL_MAX_ALIASES", 100)
GRAPHQL_MAX_ROOT_FIELDS = env_int("GRAPHQL_MAX_ROOT_FIELDS", 50)
# Pairs of fields sharing a response name in one selection set, which the standard
# validation compares one by one.
GRAPHQL_MAX_REPEATED_FIELD_PAIRS = env_int("GRAPHQL_MAX_REPEATED_FIELD_PAIRS", 1_000)
GRAPHQL_MAX_COST = env_int("GRAPHQL_MAX_COST", 10_000)
# A subscription's document runs again at each event, for each subscriber.
GRAPHQL_SUBSCRIPTION_MAX_COST = env_int("GRAPHQL_SUBSCRIPTION_MAX_COST", 50)
# Fields an operation that introspects may resolve (the whole schema is about 4,500).
GRAPHQL_MAX_INTROSPECTION_FIELDS = env_int("GRAPHQL_MAX_INTROSPECTION_FIELDS", 25_000)
GRAPHQL_MAX_ERRORS = 20
# Queries that go well take the short way through execution (server/execution.py); off,
# graphql-core's own runs every one (to rule the short way out, or on a graphql-core
# release it was not verified against).
GRAPHQL_SHORT_EXECUTION = env_bool("GRAPHQL_SHORT_EXECUTION", True)
GRAPHQL_INTROSPECTION = env_bool("GRAPHQL_INTROSPECTION", True)
# Parsed documents are kept up to this many bytes of query text per process;
# larger documents are checked on every request instead.
GRAPHQL_DOCUMENT_CACHE_BYTES = env_int("GRAPHQL_DOCUMENT_CACHE_BYTES", 512_000)
GRAPHQL_DOCUMENT_CACHE_MAX_DOCUMENT_BYTES = env_int(
    "GRAPHQL_DOCUMENT_CACHE_MAX_DOCUMENT_BYTES", 20_000
)
# Automatic persisted queries (server/documents/persisted_query_store.py): a stored document
# expires this long after it was last used.
GRAPHQL_PERSISTED_QUERY_TTL_SECONDS = env_int("GRAPHQL_PERSISTED_QUERY_TTL_SECONDS", 86_400)
# Only documents up to this size are stored (anonymous clients: the smaller one), and
# the store keeps at most this many documents and bytes, dropping the least used.
GRAPHQL_PERSISTED_QUERY_MAX_BYTES = env_int("GRAPHQL_PERSISTED_QUERY_MAX_BYTES", 20_000)
GRAPHQL_PERSISTED_QUERY_ANONYMOUS_MAX_BYTES = env_int(
    "GRAPHQL_PERSISTED_QUERY_ANONYMOUS_MAX_BYTES", 4_000
)
GRAPHQL_PERSISTED_QUERY_STORE_DOCUMENTS = env_int("GRAPHQL_PERSISTED_QUERY_STORE_DOCUMENTS", 1_000)
GRAPHQL_PERSISTED_QUERY_STORE_BYTES = env_int("GRAPHQL_PERSISTED_QUERY_STORE_BYTES", 2_000_000)
# Anonymous GET answers without errors may be kept this long by browsers and CDNs
# (server/http/caching.py); 0 makes every answer `no-store`.
GRAPHQL_GET_CACHE_SECONDS = env_int("GRAPHQL_GET_CACHE_SECONDS", 60)
# Production lock-down (server/documents/trusted.py): run only the documents of this manifest.
GRAPHQL_TRUSTED_DOCUMENTS_ONLY = env_bool("GRAPHQL_TRUSTED_DOCUMENTS_ONLY", False)
GRAPHQL_TRUSTED_DOCUMENTS = env_str("GRAPHQL_TRUSTED_DOCUMENTS")

# Rate limits (docs/rate-limits.md): points (each request's estimated cost) per clock hour,
# per signed-in person or personal access token, and per client network (an IPv4 /24, an
# IPv6 /56) for requests without a credential. Off, nothing is counted.
RATE_LIMIT_ENABLED = env_bool("RATE_LIMIT_ENABLED", True)
RATE_LIMIT_POINTS_PER_HOUR = env_int("RATE_LIMIT_POINTS_PER_HOUR", 1_000_000)
RATE_LIMIT_ANONYMOUS_POINTS_PER_HOUR = env_int("RATE_LIMIT_ANONYMOUS_POINTS_PER_HOUR", 200_000)

# Live updates: GraphQL subscriptions over WebSocket (server/ws/consumer.py, server/ws/router.py).
LIVE_MAX_SUBSCRIPTIONS = env_int("LIVE_MAX_SUBSCRIPTIONS", 20)  # per connection
# Per person (a signed-in user, or the client network of sockets not signed in) and
# per server process (server/ws/admission.py).
LIVE_MAX_SUBSCRIPTIONS_PER_PERSON = env_int("LIVE_MAX_SUBSCRIPTIONS_PER_PERSON", 100)
LIVE_MAX_CONNECTIONS_PER_USER = env_int("LIVE_MAX_CONNECTIONS_PER_USER", 20)
LIVE_MAX_ANONYMOUS_CONNECTIONS_PER_ADDRESS = env_int(
    "LIVE_MAX_ANONYMOUS_CONNECTIONS_PER_ADDRESS", 100
)
LIVE_INIT_TIMEOUT_SECONDS = env_int("LIVE_INIT_TIMEOUT_SECONDS", 10)
# What may wait to be sent to one client before it counts as not reading (closed).
LIVE_MAX_QUEUED_MESSAGES = env_int("LIVE_MAX_QUEUED_MESSAGES", 100)
LIVE_MAX_QUEUED_BYTES = env_int("LIVE_MAX_QUEUED_BYTES", 1_000_000)
# Every signed-in connection's token is checked against the database this often.
LIVE_TOKEN_RECHECK_SECONDS = env_int("LIVE_TOKEN_RECHECK_SECONDS", 60)
