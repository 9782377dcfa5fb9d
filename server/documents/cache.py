"""Checked documents kept per query text, bounded by the bytes of text they hold.

A count of entries alone would let a client fill the cache with its largest
documents (100 KB of text parses to many megabytes of syntax tree); here the
total text is bounded, large documents are checked every time rather than
kept, and the least recently used go first.
"""

import threading
from collections import OrderedDict


class DocumentCache:
    def __init__(self, *, max_bytes: int, max_document_bytes: int):
        self.max_bytes = max_bytes
        self.max_document_bytes = max_document_bytes
        self._entries = OrderedDict()  # key -> (value, size)
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    @property
    def bytes(self) -> int:
        return self._bytes

    def __len__(self):
        return len(self._entries)

    def get_or_check(self, key, check, size: int):
        """The cached value for `key`, or `check(key)`, kept if `size` allows."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
                self.hits += 1
                return entry[0]
            self.misses += 1
        value = check(key)
        if size <= self.max_document_bytes:
            self._keep(key, value, size)
        return value

    def _keep(self, key, value, size):
        with self._lock:
            if key in self._entries:
                return
            self._entries[key] = (value, size)
            self._bytes += size
            while self._bytes > self.max_bytes:
                _, (_, evicted_size) = self._entries.popitem(last=False)
                self._bytes -= evicted_size

    def clear(self):
        with self._lock:
            self._entries.clear()
            self._bytes = 0
            self.hits = self.misses = 0
