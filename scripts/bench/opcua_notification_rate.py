#!/usr/bin/env python3
"""The baseline of `gantry bench connectors`: asyncua's client subscribed to the same nodes as Gantry, with the
same publishing and sampling intervals, counting data-change notifications for a fixed time.

Usage: opcua_notification_rate.py ENDPOINT SECONDS PUBLISHING_MS SAMPLING_MS NODE...
Prints one line: `notifications N seconds S`.
"""
import asyncio
import sys
import time

from asyncua import Client


class Counter:
    def __init__(self) -> None:
        self.count = 0

    def datachange_notification(self, node, value, data) -> None:
        self.count += 1


async def main() -> None:
    endpoint, seconds = sys.argv[1], float(sys.argv[2])
    publishing, sampling = float(sys.argv[3]), float(sys.argv[4])
    nodes = sys.argv[5:]
    async with Client(url=endpoint) as client:
        counter = Counter()
        subscription = await client.create_subscription(publishing, counter)
        await subscription.subscribe_data_change([client.get_node(node) for node in nodes], sampling_interval=sampling)
        await asyncio.sleep(1.0)  # past the initial values, as Gantry's count is
        counter.count = 0
        started = time.monotonic()
        await asyncio.sleep(seconds)
        elapsed = time.monotonic() - started
        count = counter.count
        await subscription.delete()
    print(f"notifications {count} seconds {elapsed:.3f}", flush=True)


asyncio.run(main())
