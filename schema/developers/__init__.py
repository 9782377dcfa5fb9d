"""The developer platform in the API: access tokens, authorized apps, rate limits and
webhooks. Its types, queries, mutations and subscriptions land here, beside the other
domains.
"""
