"""Comments in the API: comments on images, mentions and their live updates. Its types,
queries, mutations and subscriptions land here, beside the other domains.
"""
