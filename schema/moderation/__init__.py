"""Safety in the API: blocks, mutes, reports and the moderation queue. Its types, queries,
mutations and subscriptions land here, beside the other domains.
"""
