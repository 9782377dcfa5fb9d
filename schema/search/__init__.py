"""Search in the API: one `search` entry point over images, users and boards, and tags. Its
types, queries, mutations and subscriptions land here, beside the other domains.
"""
