"""Background jobs of a person's: importing bookmarks (a browser's bookmark file or a CSV)
and exporting their account as a ZIP. A `Job` row holds each one's progress; its work runs
on Celery workers (jobs/tasks.py)."""
