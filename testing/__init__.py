"""Helpers that the tests and the benchmarks share: real servers started on loopback (SMTP,
images over HTTP), hostile inputs, and counters of Redis round trips and peak memory."""
