"""Boards in the API: boards, pins, collaborators and saving an image to a board. Its
types, queries, mutations and subscriptions land here, beside the other domains.
"""
