#!/usr/bin/env python3
"""The workloads of benchmarks/ (JMH) for CPython asyncio, timed with time.perf_counter_ns.

Same sizes as org.awaitj.benchmarks.Sizes. Each per-operation workload runs OPS operations per repeat inside
one running loop (asyncio.run's own cost is not counted); the score is the median over the repeats, in ns
per operation. Workloads 6 and 7 are single shots of a million tasks, reported in ms (and bytes per parked
task for 7, measured with tracemalloc). Results print as a table, and with --json FILE as JSON keyed like the
JMH benchmarks ("PingPong.asyncio"), which benchmarks/ratios.py merges.

    python3 benchmarks/python/bench_asyncio.py [--quick|--full] [--json FILE] [--only NAME]
"""

import argparse
import asyncio
import gc
import json
import platform
import statistics
import sys
import time
import tracemalloc

OPS = 10_000
GATHER = 1_000
TASKS = 1_000_000
DEPTH = 10
SEED = 42


def sleep_millis(n=TASKS):
    """The same durations as Sizes.sleepMillis(): a 64-bit LCG, whole ms in [0, 1000)."""
    mask = (1 << 64) - 1
    x = SEED
    out = []
    for _ in range(n):
        x = (x * 6364136223846793005 + 1442695040888963407) & mask
        out.append((x >> 33) % 1000)
    return out


# (1) await of a coroutine that returns without suspending, against a plain call

def plain(x, suspend):
    if suspend:
        time.sleep(0)
    return x


async def leaf(x, suspend):
    if suspend:
        await asyncio.sleep(0)
    return x


async def plain_calls(n):
    x = object()
    for _ in range(n):
        r = plain(x, False)
    return r


async def await_leaves(n):
    x = object()
    for _ in range(n):
        r = await leaf(x, False)
    return r


# (2) two tasks ping-ponging with sleep(0)

async def yielder(n):
    for _ in range(n):
        await asyncio.sleep(0)


async def ping_pong(n):
    a = asyncio.create_task(yielder(n))
    b = asyncio.create_task(yielder(n))
    await a
    await b


# (3) a bounded queue (size 1) handing items between two tasks

async def producer(q, n, item):
    for _ in range(n):
        await q.put(item)


async def consumer(q, n):
    for _ in range(n):
        await q.get()


async def hand_off(n):
    q = asyncio.Queue(1)
    item = object()
    p = asyncio.create_task(producer(q, n, item))
    c = asyncio.create_task(consumer(q, n))
    await p
    await c


# (10) a free lock acquired and released; (11) a queue's put and get, neither waiting

async def free_lock(n):
    lock = asyncio.Lock()
    for _ in range(n):
        await lock.acquire()
        lock.release()


async def free_queue(n):
    q = asyncio.Queue()
    item = object()
    for _ in range(n):
        await q.put(item)
        await q.get()


# (10c) two tasks taking turns on a lock, each holding it across a sleep(0)

async def lock_turns(n):
    lock = asyncio.Lock()

    async def turns():
        for _ in range(n // 2):
            await lock.acquire()
            await asyncio.sleep(0)
            lock.release()

    a = asyncio.create_task(turns())
    b = asyncio.create_task(turns())
    await a
    await b


# (4) create, run and await an empty task

async def empty():
    return None


async def spawn_await(n):
    for _ in range(n):
        await asyncio.create_task(empty())


# (5) gather of 1,000 tasks

async def gather_empty(k):
    return await asyncio.gather(*[empty() for _ in range(k)])


# (6) a million tasks sleeping random durations up to 1 s

async def sleeper(seconds):
    await asyncio.sleep(seconds)


async def sleepers(millis):
    tasks = [asyncio.create_task(sleeper(ms / 1000.0)) for ms in millis]
    for t in tasks:
        await t


# (7) heap per parked task: a million tasks awaiting one future

async def waiter(f):
    return await f


async def parked(n):
    gc.collect()
    before = tracemalloc.get_traced_memory()[0]
    f = asyncio.get_running_loop().create_future()
    for _ in range(n):
        asyncio.create_task(waiter(f))
    await asyncio.sleep(0)      # every task ran to its await and parked
    gc.collect()
    parked_bytes = tracemalloc.get_traced_memory()[0]
    f.set_result(None)
    f = None
    await asyncio.sleep(0)      # every task woke up and finished
    await asyncio.sleep(0)
    gc.collect()
    after = tracemalloc.get_traced_memory()[0]
    return (parked_bytes - after) / n, (parked_bytes - before) / n


# (8) an await chain 10 deep that suspends at the bottom

async def chain(depth):
    if depth == 1:
        await asyncio.sleep(0)
        return 1
    return await chain(depth - 1) + 1


async def chains(n, depth):
    s = 0
    for _ in range(n):
        s += await chain(depth)
    return s


PER_OP = [
    # key, coroutine function, ops per call
    ("NonSuspendingAwait.asyncioPlainCall", lambda: plain_calls(OPS), OPS),
    ("NonSuspendingAwait.asyncio", lambda: await_leaves(OPS), OPS),
    ("PingPong.asyncio", lambda: ping_pong(OPS), 2 * OPS),
    ("QueueHandOff.asyncio", lambda: hand_off(OPS), OPS),
    ("FreeWaits.asyncioLock", lambda: free_lock(OPS), OPS),
    ("FreeWaits.asyncioQueue", lambda: free_queue(OPS), OPS),
    ("LockTurns.asyncio", lambda: lock_turns(OPS), OPS),
    ("TaskSpawn.asyncio", lambda: spawn_await(OPS), OPS),
    ("Gather1000.asyncio", lambda: gather_empty(GATHER), 1),
    ("DeepChain.asyncio", lambda: chains(OPS, DEPTH), OPS),
]


async def time_per_op(make, ops, repeats, warmup):
    for _ in range(warmup):
        await make()
    samples = []
    for _ in range(repeats):
        t0 = time.perf_counter_ns()
        await make()
        samples.append((time.perf_counter_ns() - t0) / ops)
    return samples


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="fewer repeats (the default)")
    ap.add_argument("--full", action="store_true", help="more repeats, for publishing")
    ap.add_argument("--json", help="write the results to this file")
    ap.add_argument("--only", help="run only the workloads whose key contains this text")
    args = ap.parse_args()
    full = args.full
    repeats, warmup = (15, 3) if full else (5, 1)
    shots = (2, 0) if full else (1, 0)   # (measured, warm-up) runs of the million-task workloads

    results = {}

    def wanted(key):
        return args.only is None or args.only in key

    async def per_op():
        for key, make, ops in PER_OP:
            if not wanted(key):
                continue
            samples = await time_per_op(make, ops, repeats, warmup)
            results[key] = {"score": statistics.median(samples), "unit": "ns/op",
                            "min": min(samples), "max": max(samples), "samples": len(samples)}
            print(f"{key:40s} {results[key]['score']:14.1f} ns/op", flush=True)

    asyncio.run(per_op())

    if wanted("Sleepers.asyncio"):
        millis = sleep_millis()
        times = []
        for i in range(sum(shots)):
            gc.collect()
            t0 = time.perf_counter_ns()
            asyncio.run(sleepers(millis))
            if i >= shots[1]:
                times.append((time.perf_counter_ns() - t0) / 1e6)
        results["Sleepers.asyncio"] = {"score": statistics.mean(times), "unit": "ms/op", "samples": len(times)}
        print(f"{'Sleepers.asyncio':40s} {results['Sleepers.asyncio']['score']:14.1f} ms/op", flush=True)

    if wanted("ParkedMemory.asyncio"):
        tracemalloc.start()
        t0 = time.perf_counter_ns()
        per_task, incl = asyncio.run(parked(TASKS))
        elapsed = (time.perf_counter_ns() - t0) / 1e6
        tracemalloc.stop()
        results["ParkedMemory.asyncio"] = {"score": elapsed, "unit": "ms/op", "bytesPerTask": per_task,
                                           "bytesPerTaskInclRetained": incl, "samples": 1}
        print(f"{'ParkedMemory.asyncio':40s} {per_task:14.1f} bytes/parked task "
              f"({incl:.1f} with what the loop retains)", flush=True)

    if args.json:
        with open(args.json, "w") as f:
            json.dump({"python": sys.version.split()[0], "implementation": platform.python_implementation(),
                       "mode": "full" if full else "quick", "results": results}, f, indent=2)


if __name__ == "__main__":
    main()
