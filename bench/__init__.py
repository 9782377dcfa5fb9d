"""Benchmarks that print figures (`make bench`); never run by the test suite."""
