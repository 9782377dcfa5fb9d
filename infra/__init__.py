"""Shared infrastructure the apps use: Redis, live events, media storage, imaging,
background work, the client's address, the content security policy. It imports no app.
"""
