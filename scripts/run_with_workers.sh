#!/usr/bin/env bash
# `make run`'s processes: a Celery worker and a beat beside the server given as arguments.
# All three stop together: when the server ends, or on SIGTERM (a supervisor, `kill`) or
# SIGINT (Ctrl-C) to this script, the others are stopped and waited for. Each leads a
# process group of its own (with setsid, where there is one), so that stopping it stops
# its children too (the worker's pool, the server's reload child, the embedded Redis that
# one of them started); what has not stopped within GRACE_SECONDS is killed. The bound
# matters: uvicorn's reloader waits for its child without one, and that child's graceful
# shutdown waits for whatever it still serves.
set -u
GRACE_SECONDS=10
celery=("$(dirname "$0")/../.venv/bin/celery" -A project)
own_group=()
command -v setsid >/dev/null 2>&1 && own_group=(setsid)

"${own_group[@]}" "${celery[@]}" worker --loglevel=INFO --concurrency=2 --hostname="pinmark@%h" &
worker=$!
"${own_group[@]}" "${celery[@]}" beat --loglevel=INFO --schedule=var/celerybeat-schedule &
beat=$!
"${own_group[@]}" "$@" &
server=$!

signal_all() {
    local signal=$1 pid
    for pid in "$server" "$worker" "$beat"; do
        if [ ${#own_group[@]} -gt 0 ]; then kill "-$signal" -- "-$pid" 2>/dev/null; fi
        kill "-$signal" "$pid" 2>/dev/null
    done
}

any_running() {
    kill -0 "$server" 2>/dev/null || kill -0 "$worker" 2>/dev/null || kill -0 "$beat" 2>/dev/null
}

stopping=0
stop() {
    stopping=1
    signal_all TERM
}
trap stop INT TERM
# `wait` returns early when a trapped signal arrives: wait again, until the server ends
# by itself or a signal asked everything to stop.
status=0
while [ $stopping = 0 ] && kill -0 "$server" 2>/dev/null; do
    wait "$server"
    status=$?
done
signal_all TERM
for _ in $(seq $((GRACE_SECONDS * 5))); do
    any_running || break
    sleep 0.2
done
signal_all KILL
wait "$server" "$worker" "$beat" 2>/dev/null
exit "$status"
