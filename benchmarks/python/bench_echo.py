#!/usr/bin/env python3
"""The echo workload (org.awaitj.benchmarks.echo.Echo) for CPython asyncio streams.

1 KiB echo over loopback (127.0.0.1): an asyncio.start_server echo server and asyncio.open_connection clients
in one process, on one event loop (CPython runs one loop per thread; this is asyncio as it is used).
  connections=1    one connection ping-pong: send 1 KiB, readexactly the 1 KiB echo, repeat
  connections=100  100 concurrent connections, each ping-ponging the same way
Connections are opened once, untimed. Each sample runs batches (as the JMH benchmark does: 10,000 round trips
in all, 10,000 of the one connection or 100 of each of the 100) for at least --seconds, and counts round trips
per second; the score is the median sample.

Unless --stock-malloc is given, glibc's malloc is told (mallopt) to serve large blocks from its heap and not to
give memory back: asyncio receives into a fresh 256 KiB bytes object per read, which glibc otherwise mmaps and
munmaps every time, so that each read pays for fresh page faults. That is the counterpart of the JMH JVMs'
fixed heap and small fixed young generation, touched once and then reused (see BenchMain): on a machine where
a page fault is slow (this VM) it would measure the page faults rather than asyncio. Results print as a table, and with --json FILE as JSON keyed like
the JMH benchmark ("Echo.asyncio[connections=1]", score in round trips per second, unit "ops/s"), which
benchmarks/ratios.py merges.

    python3 benchmarks/python/bench_echo.py [--quick|--full] [--json FILE] [--only NAME]
"""

import argparse
import asyncio
import ctypes
import json
import platform
import statistics
import sys
import time

PAYLOAD = bytes((i * 31 + 7) & 0xFF for i in range(1024))

WORKLOADS = [
    # key, connections, round trips of each connection per batch
    ("Echo.asyncio[connections=1]", 1, 10000),
    ("Echo.asyncio[connections=100]", 100, 100),
]


def keep_malloc_heap():
    """glibc: blocks up to 64 MiB come from the heap, which is never trimmed. True if glibc took it."""
    try:
        libc = ctypes.CDLL(None)
        m_trim_threshold, m_mmap_threshold = -1, -3
        return bool(libc.mallopt(m_mmap_threshold, 64 << 20)) and bool(libc.mallopt(m_trim_threshold, 1 << 30))
    except (OSError, AttributeError):
        return False


async def handle(reader, writer):
    try:
        while True:
            data = await reader.read(65536)
            if not data:
                break
            writer.write(data)
            await writer.drain()
    finally:
        writer.close()


async def ping_pong(reader, writer, n):
    back = None
    for _ in range(n):
        writer.write(PAYLOAD)
        await writer.drain()
        back = await reader.readexactly(len(PAYLOAD))
    return back


async def batch(conns, n):
    if len(conns) == 1:
        return [await ping_pong(*conns[0], n)]
    return await asyncio.gather(*(ping_pong(r, w, n) for r, w in conns))


async def sample(conns, per_conn, seconds):
    """Round trips per second over batches run for at least `seconds`."""
    done = 0
    t0 = time.perf_counter_ns()
    while True:
        await batch(conns, per_conn)
        done += len(conns) * per_conn
        elapsed = time.perf_counter_ns() - t0
        if elapsed >= seconds * 1e9:
            return done / (elapsed / 1e9)


async def run(workloads, warmup, samples, seconds):
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    results = {}
    try:
        for key, connections, per_conn in workloads:
            conns = [await asyncio.open_connection("127.0.0.1", port) for _ in range(connections)]
            for back in await batch(conns, 1):
                if back != PAYLOAD:
                    raise RuntimeError("the echo came back different from what was sent")
            for _ in range(warmup):
                await sample(conns, per_conn, seconds)
            rates = [await sample(conns, per_conn, seconds) for _ in range(samples)]
            for _, w in conns:
                w.close()
            for _, w in conns:
                await w.wait_closed()
            results[key] = {"score": statistics.median(rates), "unit": "ops/s", "min": min(rates),
                            "max": max(rates), "samples": len(rates), "connections": connections,
                            "nsPerRoundTrip": 1e9 / statistics.median(rates)}
            print(f"{key:32s} {results[key]['score']:12.0f} round trips/s "
                  f"({results[key]['nsPerRoundTrip']:.0f} ns each)", flush=True)
    finally:
        server.close()
        await server.wait_closed()
    return results


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="fewer samples (the default)")
    ap.add_argument("--full", action="store_true", help="more samples, for publishing")
    ap.add_argument("--json", help="write the results to this file")
    ap.add_argument("--only", help="run only the workloads whose key contains this text")
    ap.add_argument("--stock-malloc", action="store_true", help="leave glibc's malloc as it is (see above)")
    args = ap.parse_args()
    malloc = "stock" if args.stock_malloc else ("heap (mallopt)" if keep_malloc_heap() else "stock (mallopt failed)")
    full = args.full
    warmup, samples, seconds = (2, 10, 1.0) if full else (1, 3, 1.0)
    workloads = [w for w in WORKLOADS if args.only is None or args.only in w[0]]
    results = asyncio.run(run(workloads, warmup, samples, seconds))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"python": sys.version.split()[0], "implementation": platform.python_implementation(),
                       "mode": "full" if full else "quick", "malloc": malloc, "results": results}, f, indent=2)


if __name__ == "__main__":
    main()
