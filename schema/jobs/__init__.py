"""Background jobs in the API: imports and exports, and their progress. Its types, queries,
mutations and subscriptions land here, beside the other domains.
"""
