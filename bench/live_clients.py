"""Many graphql-transport-ws clients in one process, for bench/live.py.

`python -m bench.live_clients SPEC_FILE`: SPEC (JSON) names the server (`url`) and the
`connections`, each `{"token": ..., "query": ..., "variables": ...}` (or
`"subscriptions": [{"query": ..., "variables": ...}, ...]` for several on one
connection). The process opens them all, prints `{"connected": n}` once every one is
acknowledged, subscribes each on a line `subscribe` from stdin, prints
`{"subscribed": n}`, records the arrival of every `next` message, and on a line
`stop` (or `stop N`: once N messages arrived, or every connection was closed), once
nothing arrived for a second, prints one JSON line of arrivals,
`[monotonic time, connection number, image id, totalLikes]`, and exits. It waits at
most `quiet_wait_limit` seconds (SPEC, 30 by default) for the quiet second.

`Clients` starts that process and speaks with it, for the measuring one.
"""

import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from websockets.asyncio.client import connect

ROOT = Path(__file__).resolve().parent.parent
OPEN_AT_ONCE = 50
QUIET_SECONDS = 1.0
QUIET_WAIT_LIMIT = 30.0


async def open_connection(url, token):
    websocket = await connect(url, subprotocols=["graphql-transport-ws"], max_queue=None)
    payload = {"Authorization": f"Bearer {token}"} if token else {}
    await websocket.send(json.dumps({"type": "connection_init", "payload": payload}))
    ack = json.loads(await websocket.recv())
    if ack.get("type") != "connection_ack":
        raise SystemExit(f"not acknowledged: {ack}")
    return websocket


def key_of(payload):
    data = payload.get("data") or {}
    if "imageChanged" in data:
        image = data["imageChanged"]
    else:
        image = data["notificationAdded"]["target"]
    return [image["id"], image["totalLikes"]]


async def read(websocket, number, arrivals):
    async for raw in websocket:
        message = json.loads(raw)
        if message.get("type") == "next":
            arrivals.append([time.monotonic(), number, *key_of(message["payload"])])


async def main(spec):
    semaphore = asyncio.Semaphore(OPEN_AT_ONCE)

    async def opened(connection):
        async with semaphore:
            return await open_connection(spec["url"], connection.get("token"))

    websockets = await asyncio.gather(*(opened(c) for c in spec["connections"]))
    print(json.dumps({"connected": len(websockets)}), flush=True)
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, sys.stdin.readline)  # "subscribe"
    connections = spec["connections"]
    for number, (websocket, connection) in enumerate(zip(websockets, connections, strict=True)):
        for index, subscription in enumerate(connection.get("subscriptions") or [connection]):
            payload = {
                "query": subscription["query"],
                "variables": subscription.get("variables") or {},
            }
            subscribe = {"type": "subscribe", "id": f"{number}.{index}", "payload": payload}
            await websocket.send(json.dumps(subscribe))
        # The server handles a connection's messages in order: its pong means it runs.
        await websocket.send(json.dumps({"type": "ping"}))
    pongs = [json.loads(await websocket.recv()) for websocket in websockets]
    if any(pong.get("type") != "pong" for pong in pongs):
        raise SystemExit("a subscription was refused")
    arrivals = []
    readers = [
        asyncio.create_task(read(websocket, number, arrivals))
        for number, websocket in enumerate(websockets)
    ]
    print(json.dumps({"subscribed": len(websockets)}), flush=True)
    stop = await loop.run_in_executor(None, sys.stdin.readline)  # "stop [expected]"
    expected = int(stop.split()[1]) if len(stop.split()) > 1 else 0
    deadline = time.monotonic() + spec.get("quiet_wait_limit", QUIET_WAIT_LIMIT)
    while time.monotonic() < deadline:  # until nothing arrived for QUIET_SECONDS
        count = len(arrivals)
        await asyncio.sleep(QUIET_SECONDS)
        if len(arrivals) == count and (
            count >= expected or all(reader.done() for reader in readers)
        ):
            break
    print(json.dumps(arrivals), flush=True)
    for reader in readers:
        reader.cancel()
    await asyncio.gather(*(websocket.close() for websocket in websockets), return_exceptions=True)


class Clients:
    """This module run as a process of its own, with `connections`."""

    def __init__(self, url, connections, quiet_wait_limit=30):
        self.spec_file = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False)
        spec = {"url": url, "connections": connections, "quiet_wait_limit": quiet_wait_limit}
        json.dump(spec, self.spec_file)
        self.spec_file.close()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bench.live_clients", self.spec_file.name],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self._expect("connected")

    def _expect(self, word):
        line = self.process.stdout.readline()
        if word not in line:
            raise SystemExit(f"the client process said {line!r}")

    def subscribe(self):
        self.process.stdin.write("subscribe\n")
        self.process.stdin.flush()
        self._expect("subscribed")

    def arrivals(self, expected=0):
        """[time, connection, image id, totalLikes] of each message, once `expected`
        arrived (or the quiet wait limit passed) and then nothing for a second."""
        self.process.stdin.write(f"stop {expected}\n")
        self.process.stdin.flush()
        arrivals = json.loads(self.process.stdout.readline())
        self.process.wait(30)
        os.unlink(self.spec_file.name)
        return arrivals


if __name__ == "__main__":
    with open(sys.argv[1]) as spec_file:
        asyncio.run(main(json.load(spec_file)))
