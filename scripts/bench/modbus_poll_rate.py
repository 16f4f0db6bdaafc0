#!/usr/bin/env python3
"""The baseline of `gantry bench connectors`: pymodbus's own asyncio client polling the same block as Gantry
(input registers 0-5, FC4) for a fixed time, with the same number of requests in flight.

Usage: modbus_poll_rate.py PORT SECONDS [IN_FLIGHT]
Prints one line: `polls N seconds S errors E`.
"""
import asyncio
import sys
import time

from pymodbus.client import AsyncModbusTcpClient


async def main() -> None:
    port, seconds = int(sys.argv[1]), float(sys.argv[2])
    in_flight = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    client = AsyncModbusTcpClient("127.0.0.1", port=port, timeout=3, retries=0)
    await client.connect()
    polls = errors = 0
    deadline = time.monotonic() + seconds
    started = time.monotonic()

    async def worker() -> None:
        nonlocal polls, errors
        while time.monotonic() < deadline:
            answer = await client.read_input_registers(0, count=6, device_id=1)
            if answer.isError():
                errors += 1
            else:
                polls += 1

    await asyncio.gather(*(worker() for _ in range(in_flight)))
    elapsed = time.monotonic() - started
    client.close()
    print(f"polls {polls} seconds {elapsed:.3f} errors {errors}", flush=True)


asyncio.run(main())
