"""Imports and exports (jobs/): how their work is shared between Celery workers."""

from project.settings.env import env_int

# Tasks that work on one import at once (each takes a few links at a time).
JOB_IMPORT_WORKERS = env_int("JOB_IMPORT_WORKERS", 2)
# An import task hands its remaining links to a new task after this long.
JOB_IMPORT_SLICE_SECONDS = env_int("JOB_IMPORT_SLICE_SECONDS", 60)
# A worker's hold on the links it took: a worker that died leaves them to others after it.
JOB_ITEM_LEASE_SECONDS = env_int("JOB_ITEM_LEASE_SECONDS", 300)
# An import no task has taken a link of for this long is taken up again by beat's check
# (a task that failed is not delivered again; jobs.tasks.resume_stalled_imports), and so
# is a queued one whose owner has none running.
JOB_STALL_SECONDS = env_int("JOB_STALL_SECONDS", 900)
