#!/usr/bin/env bash
# `make run`'s processes: a Celery worker and a beat beside the server given as arguments.
# All three stop together: when the server ends, or on SIGTERM (a supervisor, `kill`) or
# SIGINT (Ctrl-C) to this script, the others are stopped and waited for.
set -u
celery=("$(dirname "$0")/../.venv/bin/celery" -A project)

"${celery[@]}" worker --loglevel=INFO --concurrency=2 --hostname="pinmark@%h" &
worker=$!
"${celery[@]}" beat --loglevel=INFO --schedule=var/celerybeat-schedule &
beat=$!
"$@" &
server=$!

stop() {
    kill -TERM "$server" "$worker" "$beat" 2>/dev/null
}
trap stop INT TERM
# `wait` returns early when a trapped signal arrives: wait again until the server is gone.
status=0
while kill -0 "$server" 2>/dev/null; do
    wait "$server"
    status=$?
done
kill -TERM "$worker" "$beat" 2>/dev/null
wait "$worker" "$beat"
exit "$status"
