"""Images in the API: the Image type, image queries, changes, views and live image updates."""
