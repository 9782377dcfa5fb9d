"""The boards API: boards, pins and collaborators."""
