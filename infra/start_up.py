"""What a server process does once started, before its first request."""

import gc


def settle():
    """Load what the first request would otherwise load (the URLconf, and through it the
    views and the schema), then keep everything alive now out of the collector's way
    (`gc.freeze`): it lives as long as the process, and every collection would walk it
    again. Full collections otherwise pause a process holding a thousand live
    connections for 100-200 ms (bench/live.py), and a page's rows allocate enough for
    many young collections, each of which paid for part of that walk (bench/README.md)."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - imports the URLconf
    gc.collect()
    gc.freeze()
