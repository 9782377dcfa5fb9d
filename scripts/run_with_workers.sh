#!/usr/bin/env bash
# `make run`'s processes: a Celery worker and a beat beside the server given as arguments.
# All three stop together: when the server ends, or on SIGTERM (a supervisor, `kill`) or
# SIGINT (Ctrl-C) to this script, the others are stopped and waited for. The worker and
# the beat each lead a process group of their own (with setsid, where there is one), so
# that stopping one stops its pool's children too; what has not stopped within
# GRACE_SECONDS (a task still running, a slow machine) is killed.
set -u
GRACE_SECONDS=10
celery=("$(dirname "$0")/../.venv/bin/celery" -A project)
own_group=()
command -v setsid >/dev/null 2>&1 && own_group=(setsid)

"${own_group[@]}" "${celery[@]}" worker --loglevel=INFO --concurrency=2 --hostname="pinmark@%h" &
worker=$!
"${own_group[@]}" "${celery[@]}" beat --loglevel=INFO --schedule=var/celerybeat-schedule &
beat=$!
"$@" &
server=$!

signal_workers() {
    local signal=$1 pid
    for pid in "$worker" "$beat"; do
        if [ ${#own_group[@]} -gt 0 ]; then kill "-$signal" -- "-$pid" 2>/dev/null; fi
        kill "-$signal" "$pid" 2>/dev/null
    done
}

stop() {
    kill -TERM "$server" 2>/dev/null
    signal_workers TERM
}
trap stop INT TERM
# `wait` returns early when a trapped signal arrives: wait again until the server is gone.
status=0
while kill -0 "$server" 2>/dev/null; do
    wait "$server"
    status=$?
done
signal_workers TERM
for _ in $(seq $((GRACE_SECONDS * 5))); do
    kill -0 "$worker" 2>/dev/null || kill -0 "$beat" 2>/dev/null || break
    sleep 0.2
done
signal_workers KILL
wait "$worker" "$beat" 2>/dev/null
exit "$status"
