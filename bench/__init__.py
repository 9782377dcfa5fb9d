"""Benchmarks that print figures (`make bench`); never run by the test suite.

They run on a development machine with DEBUG off, so they say so (PINMARK_ENV, see
docs/configuration.md) before any settings load: every `python -m bench.…` and the servers
they start (bench.wsgi, bench.asgi) import this package first.
"""

import os

os.environ.setdefault("PINMARK_ENV", "development")
