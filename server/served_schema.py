"""The one place the server takes the API from schema/: the composed schema, and what each
subscription field listens to.

Besides these, the server uses only schema/core/'s shared parts: its errors, argument
lengths, per-request loaders and the contract of a live subscription.
"""

from schema import TOPICS, schema

__all__ = ["TOPICS", "schema"]
