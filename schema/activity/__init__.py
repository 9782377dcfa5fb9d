"""Activity in the API: actions, the feed, notifications and their live updates."""
