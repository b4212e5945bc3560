#!/usr/bin/env python3
"""Merges JMH's JSON output (benchmarks.jar --json) and benchmarks/python's JSON into one table of ratios,
and checks the project's performance goals. Standard library only.

    python3 benchmarks/ratios.py JMH.json [PYTHON.json ...] [--capacity FILE] [--markdown OUT.md]

Every ratio is measured in the same run: "peer / awaitj" (above 1: awaitj is that many times faster, or
smaller), except the floor and plain-call columns, which are "awaitj / baseline" (how far awaitj is above it).
A time goal shows its ratio's range over the iterations beside it, and says when the goal lies within that range.
The echo benchmark (org.awaitj.benchmarks.echo.Echo, benchmarks/python/bench_echo.py) gets a table of its own,
in round trips per second, with the echo goals; pass its Python JSON as another PYTHON.json. A benchmark with
JMH parameters is keyed "Class.method[name=value]" (Echo.awaitj[connections=1]), as bench_echo.py keys its own.
The every-core echo (EchoCores, client in another JVM) gets a table and goals of its own too; --log JMH's log of
that run adds the CPU time per round trip that EchoCores prints after each iteration.
"""

import argparse
import json
import math
import statistics
import sys

SYSTEMS = [
    # key suffix, column title
    ("awaitj", "awaitj"),
    ("kotlin", "Kotlin coroutines"),
    ("virtualThread", "virtual threads"),
    ("eaAsync", "ea-async"),
    ("completableFuture", "CompletableFuture"),
    ("asyncio", "asyncio"),
]

WORKLOADS = [
    # id, title, benchmark class, awaitj key, peers {system: method}, baselines {title: method}
    ("1", "await of a non-suspending call", "NonSuspendingAwait", "awaitj",
     {"kotlin": "kotlin", "eaAsync": "eaAsync", "completableFuture": "completableFuture", "asyncio": "asyncio"},
     {"plain call (inlined)": "plainCall", "plain call (not inlined)": "plainCallNotInlined"}),
    ("1n", "... callee not inlined (fused: its direct entry)", "NonSuspendingAwait", "awaitjNotInlined",
     {}, {"plain call (not inlined)": "plainCallNotInlined"}),
    ("1v", "... callee behind a virtual call (fused on the receiver's class)", "NonSuspendingAwait",
     "awaitjNotLinked", {}, {"plain call (not inlined)": "plainCallNotInlined"}),
    ("1b", "... a virtual call on receivers of two classes in turn (both linked)", "NonSuspendingAwait",
     "awaitjTwoClasses", {}, {"plain call (not inlined)": "plainCallNotInlined"}),
    ("1u", "... a virtual call whose site linked two other classes (through the receiver's bridge)",
     "NonSuspendingAwait", "awaitjUnlinked", {}, {"plain call (not inlined)": "plainCallNotInlined"}),
    ("1ui", "... the same, the receiver's class inheriting the method (the inherited bridge, then its own site)",
     "NonSuspendingAwait", "awaitjUnlinkedInherited", {}, {"plain call (not inlined)": "plainCallNotInlined"}),
    ("1ut", "... the same through an interface call (through the receiver's bridge)", "NonSuspendingAwait",
     "awaitjUnlinkedInterface", {}, {"plain call (not inlined)": "plainCallNotInlined"}),
    ("1s", "... a super call, await(super.m()) (fused on the method the class file names)", "NonSuspendingAwait",
     "awaitjSuperCall", {}, {"plain call (not inlined)": "plainCallNotInlined"}),
    ("9", "await chain 10 deep, never suspending, every level out of line", "FlatChain", "awaitj",
     {"kotlin": "kotlin"}, {"plain calls (not inlined)": "plainNotInlined"}),
    ("9v", "... through virtual calls (fused on the receiver's class)", "FlatChain", "awaitjNotLinked",
     {"kotlin": "kotlin"}, {"plain calls (not inlined)": "plainNotInlined"}),
    ("2", "suspend/resume: sleep(0) ping-pong", "PingPong", "awaitj",
     {"kotlin": "kotlin", "virtualThread": "virtualThread", "eaAsync": "eaAsync",
      "completableFuture": "completableFuture", "asyncio": "asyncio"},
     {"floor (hand-written state machines)": "floor"}),
    ("3", "bounded queue hand-off", "QueueHandOff", "awaitj",
     {"kotlin": "kotlinRendezvous", "virtualThread": "virtualThread", "asyncio": "asyncio"},
     {}),
    ("10", "await of a free lock, then release", "FreeWaits", "awaitjLock",
     {"kotlin": "kotlinMutex", "asyncio": "asyncioLock"}, {"ReentrantLock lock+unlock": "plainLock"}),
    ("10c", "two tasks taking turns on a lock held across sleep(0) (each acquire waits)", "LockTurns", "awaitj",
     {"kotlin": "kotlinMutex", "virtualThread": "virtualThread", "asyncio": "asyncio"}, {}),
    ("11", "queue put and get, neither waiting", "FreeWaits", "awaitjQueue",
     {"kotlin": "kotlinChannel", "asyncio": "asyncioQueue"}, {"ArrayDeque offer+poll": "plainDeque"}),
    ("4", "create, run, await an empty task", "TaskSpawn", "awaitj",
     {"kotlin": "kotlin", "virtualThread": "virtualThread", "completableFuture": "completableFuture",
      "asyncio": "asyncio"},
     {}),
    ("5", "gather of 1,000 tasks", "Gather1000", "awaitj",
     {"kotlin": "kotlin", "virtualThread": "virtualThread", "completableFuture": "completableFuture",
      "asyncio": "asyncio"},
     {}),
    ("6", "1,000,000 tasks sleeping up to 1 s", "Sleepers", "awaitj",
     {"kotlin": "kotlin", "virtualThread": "virtualThread", "completableFuture": "completableFuture",
      "asyncio": "asyncio"},
     {}),
    ("7", "bytes per parked task (1,000,000 on one future)", "ParkedMemory", "awaitj",
     {"kotlin": "kotlin", "virtualThread": "virtualThread", "eaAsync": "eaAsync",
      "completableFuture": "completableFuture", "asyncio": "asyncio"},
     {}),
    ("8", "await chain 10 deep, suspending at the bottom", "DeepChain", "awaitj",
     {"kotlin": "kotlin", "virtualThread": "virtualThread", "eaAsync": "eaAsync",
      "completableFuture": "completableFuture", "asyncio": "asyncio"},
     {}),
    ("8v", "... through virtual calls (fused on the receiver's class)", "DeepChain", "awaitjNotLinked",
     {"kotlin": "kotlin", "virtualThread": "virtualThread"}, {}),
] + [
    (f"5s{n}", f"{n:,} tasks created, then gathered", "GatherScaling", f"awaitj[tasks={n}]",
     {"kotlin": f"kotlin[tasks={n}]", "virtualThread": f"virtualThread[tasks={n}]",
      "completableFuture": f"completableFuture[tasks={n}]"}, {})
    for n in (1000, 100000, 1000000)
]

# 1 KiB echo over loopback; scores are round trips per second of the whole system
ECHO_CLASS = "Echo"
ECHO_WORKLOADS = [
    # JMH parameters, title
    ("connections=1", "1 KiB echo, one connection ping-pong"),
    ("connections=100", "1 KiB echo, 100 concurrent connections"),
]
ECHO_SYSTEMS = [
    # method, column title
    ("netty", "Netty 4.2 (NIO, 1 event loop)"),
    ("virtualThread", "virtual threads"),
    ("asyncio", "asyncio streams"),
]

# Every core: EchoCores (the client in another JVM) on 100 connections; Echo (the client in the same JVM) of the
# same servers, when the run has them, for comparison
CORES_CLASS = "EchoCores"
CORES_PARAMS = "connections=100"
CORES_SERVERS = [
    # method, title
    ("awaitjGroup2", "awaitj, LoopGroup(2)"),
    ("awaitjGroup1", "awaitj, LoopGroup(1)"),
    ("awaitj", "awaitj, one event loop"),
    ("netty2", "Netty NIO, 2 loops"),
    ("netty", "Netty NIO, 1 loop"),
    ("nettyEpoll2", "Netty epoll, 2 loops"),
    ("nettyEpoll", "Netty epoll, 1 loop"),
    ("virtualThread", "virtual threads, 2 carriers"),
]
CORES_GOALS = [
    # peer method, target, text; the figure is awaitjGroup2 / peer
    ("netty2", 1.0, "at least 1.0x Netty NIO with 2 loops"),
    ("nettyEpoll2", 0.8, "at least 0.8x Netty native epoll with 2 loops"),
    ("awaitj", 1.7, "at least 1.7x awaitj on one loop"),
    ("virtualThread", 1.0, "ahead of virtual threads (2 carriers)"),
]

GiB = 1 << 30


class Result:
    def __init__(self, score, unit, error=None, alloc=None, extra=None, spread=None):
        self.score = score
        self.unit = unit
        self.error = error
        self.spread = spread        # (fastest, slowest) iteration, when there are at least two
        self.alloc = alloc          # B/op from -prof gc
        self.extra = extra or {}    # bytesPerTask, ...


def mean_raw(metric):
    """Mean of every iteration of every fork (JMH's score for SUM-policy counters is a sum, not a mean)."""
    values = [v for fork in metric.get("rawData", []) for v in fork]
    return statistics.mean(values) if values else metric["score"]


def load_jmh(path):
    with open(path) as f:
        data = json.load(f)
    out = {}
    meta = {}
    for entry in data:
        name = entry["benchmark"].rsplit(".", 2)
        key = name[-2] + "." + name[-1]
        params = entry.get("params")
        if params:
            key += "[" + ",".join(f"{k}={v}" for k, v in params.items()) + "]"
        pm = entry["primaryMetric"]
        sec = entry.get("secondaryMetrics", {})
        alloc = sec.get("gc.alloc.rate.norm", {}).get("score")
        extra = {k: mean_raw(v) for k, v in sec.items() if k in ("bytesPerTask", "bytesPerTaskInclRetained")}
        err = pm.get("scoreError")
        if err is not None and (isinstance(err, str) or math.isnan(err)):
            err = None
        raw = [v for fork in pm.get("rawData", []) for v in fork]
        spread = (min(raw), max(raw)) if len(raw) >= 2 else None
        out[key] = Result(pm["score"], pm["scoreUnit"], err, alloc, extra, spread)
        meta = {"jdk": entry.get("jdkVersion"), "vm": entry.get("vmName"), "vmVersion": entry.get("vmVersion"),
                "jmh": entry.get("jmhVersion"), "jvmArgs": entry.get("jvmArgs")}
    return out, meta


def load_python(path):
    with open(path) as f:
        data = json.load(f)
    out = {}
    for key, r in data["results"].items():
        extra = {k: r[k] for k in ("bytesPerTask", "bytesPerTaskInclRetained") if k in r}
        out[key] = Result(r["score"], r["unit"], None, None, extra)
    return out, {"python": data.get("python"), "mode": data.get("mode")}


def fmt_time(score, unit):
    """A time in the unit that reads best."""
    ns = score * {"ns/op": 1, "us/op": 1e3, "ms/op": 1e6, "s/op": 1e9}[unit]
    if ns < 10:
        return f"{ns:.2f} ns"
    if ns < 1e4:
        return f"{ns:.0f} ns"
    if ns < 1e7:
        return f"{ns / 1e3:.1f} µs"
    if ns < 1e10:
        return f"{ns / 1e6:.0f} ms"
    return f"{ns / 1e9:.1f} s"


def in_ns(r):
    return r.score * {"ns/op": 1, "us/op": 1e3, "ms/op": 1e6, "s/op": 1e9}[r.unit]


def fmt_ratio(x):
    if x is None:
        return "n/a"
    if x >= 100:
        return f"{x:.0f}x"
    if x >= 10:
        return f"{x:.1f}x"
    return f"{x:.2f}x"


def ratio_range(num, den):
    """num / den over the two benchmarks' iterations: (their fastest over its slowest, their slowest over its
    fastest), or None when either has fewer than two iterations (a single shot, or Python's)."""
    if num is None or den is None or num.spread is None or den.spread is None or den.spread[0] <= 0:
        return None
    to_ns = {"ns/op": 1, "us/op": 1e3, "ms/op": 1e6, "s/op": 1e9}
    (n_lo, n_hi), (d_lo, d_hi) = num.spread, den.spread
    scale = to_ns[num.unit] / to_ns[den.unit]
    return n_lo * scale / d_hi, n_hi * scale / d_lo


def build(results, capacity):
    """Returns (rows of the ratio table, rows of the goals table, notes)."""
    def get(cls, method):
        return results.get(cls + "." + method)

    table = []
    figures = {}
    ranges = {}     # (workload, key): the ratio's range over the iterations, for the time ratios
    for wid, title, cls, awaitj_key, peers, baselines in WORKLOADS:
        a = get(cls, awaitj_key)
        memory = wid == "7"

        def value(r):
            if r is None:
                return None
            return r.extra.get("bytesPerTask") if memory else in_ns(r)

        av = value(a)
        row = {"id": wid, "title": title, "awaitj": a, "awaitjValue": av, "cells": {}, "baselines": {}}
        for sys_key, method in peers.items():
            r = get(cls, method)
            v = value(r)
            ratio = v / av if (v is not None and av) else None
            row["cells"][sys_key] = (r, v, ratio)
            figures[(wid, sys_key)] = ratio
            if not memory and ratio is not None:
                ranges[(wid, sys_key)] = ratio_range(r, a)
        for btitle, method in baselines.items():
            r = get(cls, method)
            v = value(r)
            ratio = av / v if (v and av is not None) else None
            row["baselines"][btitle] = (r, v, ratio)
            figures[(wid, btitle)] = ratio
            if not memory and ratio is not None:
                ranges[(wid, btitle)] = ratio_range(a, r)
        figures[(wid, "awaitj")] = av
        table.append(row)

    frame = get("NonSuspendingAwait", "awaitjFrameOnly")
    goals = []

    def goal(wid, text, figure, ok, shown):
        goals.append((wid, text, shown, None if ok is None else ("met" if ok else "missed")))

    def ratio_goal(wid, key, target, text, at_most=False):
        r = figures.get((wid, key))
        ok = None if r is None else (r <= target if at_most else r >= target)
        span = ranges.get((wid, key))
        if span is None:
            goal(wid, text, r, ok, fmt_ratio(r))
            return
        lo, hi = span
        # a verdict its own iterations disagree on says so: on a shared machine a mean can move past the threshold
        crossed = lo <= target <= hi
        shown = f"{fmt_ratio(r)} ({fmt_ratio(lo)} to {fmt_ratio(hi)})"
        goals.append((wid, text, shown, ("met" if ok else "missed") + (", within the noise" if crossed else "")))

    # (1): both calls real (callee not inlined), fused or not, and allocation
    ratio_goal("1n", "plain call (not inlined)", 1.5, "await of a non-suspending call at most 1.5x a plain call "
               "(both not inlined)", at_most=True)
    ratio_goal("1v", "plain call (not inlined)", 1.5, "... the same through a virtual call (linked on its receiver's class)",
               at_most=True)
    ratio_goal("1u", "plain call (not inlined)", 1.5, "... the same through a site past its two linked classes",
               at_most=True)
    ratio_goal("1ui", "plain call (not inlined)", 1.5, "... the same, the receiver inheriting the method",
               at_most=True)
    ratio_goal("1ut", "plain call (not inlined)", 1.5, "... the same through an interface call", at_most=True)
    ratio_goal("1s", "plain call (not inlined)", 1.5, "... the same through a super call", at_most=True)
    nin = get("NonSuspendingAwait", "awaitjNotInlined")
    if nin is not None and nin.alloc is not None:
        goal("1", "... allocating nothing (0 B/op)", nin.alloc, nin.alloc < 1,
             f"{nin.alloc:.1f} B/op" + (f", unlinked {get('NonSuspendingAwait', 'awaitjUnlinked').alloc:.0f} B/op"
                                         if get("NonSuspendingAwait", "awaitjUnlinked") is not None
                                         and get("NonSuspendingAwait", "awaitjUnlinked").alloc is not None else ""))
    # (9) chain that never suspends
    ratio_goal("9", "plain calls (not inlined)", 1.5, "never-suspending chain at most 1.5x plain calls", at_most=True)
    ratio_goal("9", "kotlin", 5, "... and 5x faster than a Kotlin suspend chain")
    # (8) chain suspending at the bottom
    ratio_goal("8", "kotlin", 2, "deep chain suspending at the bottom 2x faster than Kotlin")
    dc = get("DeepChain", "awaitj")
    if dc is not None and dc.alloc is not None:
        goal("8", "... at most one frame per level that suspended (10 frames, 32 B each: 320 B)", dc.alloc,
             dc.alloc <= 10 * 32 + 8, f"{dc.alloc:.0f} B/op")
    # (5)
    ratio_goal("5", "completableFuture", 1.5, "gather of 1,000 at least 1.5x faster than CompletableFuture allOf")
    ratio_goal("5", "kotlin", 3, "... and 3x faster than Kotlin awaitAll")
    per = {}
    for n in (1000, 100000, 1000000):
        r = get("GatherScaling", f"awaitj[tasks={n}]")
        if r is not None:
            per[n] = in_ns(r) / n
    for n in (100000, 1000000):
        ratio_goal(f"5s{n}", "virtualThread", 10, f"{n:,} tasks 10x faster than virtual threads start+join")
    if len(per) == 3:
        flat = max(per.values()) / min(per.values())
        goal("5s", "cost per task flat from 1,000 to 1,000,000 tasks (at most 1.5x apart)", flat, flat <= 1.5,
             ", ".join(f"{n:,}: {v:.0f} ns" for n, v in per.items()))
    # (2)
    ratio_goal("2", "floor (hand-written state machines)", 2.5, "sleep(0) ping-pong within 2.5x of the floor",
               at_most=True)
    ratio_goal("2", "kotlin", 6, "... and 6x faster than Kotlin yield()")
    # (3)
    ratio_goal("3", "kotlin", 3, "queue hand-off 3x faster than a Kotlin rendezvous Channel")
    qh = get("QueueHandOff", "awaitj")
    if qh is not None and qh.alloc is not None:
        goal("3", "... 0 B/op in steady state", qh.alloc, qh.alloc < 1, f"{qh.alloc:.0f} B/op")
    # (4)
    ratio_goal("4", "completableFuture", 2, "task spawn 2x faster than CompletableFuture")
    ratio_goal("4", "kotlin", 10, "... and 10x faster than Kotlin launch+join")
    # (7)
    b = figures.get(("7", "awaitj"))
    goal("7", "at most 80 bytes per parked task", b, None if b is None else b <= 80,
         "n/a" if b is None else f"{b:.0f} B")
    ratio_goal("7", "asyncio", 9.5, "9.5x smaller than an asyncio task")
    ratio_goal("7", "virtualThread", 8, "8x smaller than a parked virtual thread")
    if b:
        est = 10_000_000 * b
        shown = f"estimated {est / GiB:.2f} GiB for 10M (from {b:.0f} B/task)"
        ok = est < 2 * GiB
        if capacity:
            shown += f"; direct run: {capacity}"
            ok = ok and capacity.startswith("ok")
        goal("7", "10,000,000 parked tasks in under 2 GiB", est, ok, shown)
    return table, goals, frame


def render(table, goals, frame, results):
    lines = []
    lines.append("| workload | awaitj | awaitj alloc | " + " | ".join(t for k, t in SYSTEMS[1:]) + " | baseline |")
    lines.append("|---|---|---|" + "---|" * (len(SYSTEMS) - 1) + "---|")
    for row in table:
        memory = row["id"] == "7"
        a = row["awaitj"]
        if a is None:
            acell = "n/a"
            alloc = ""
        elif memory:
            acell = f"{row['awaitjValue']:.0f} B" if row["awaitjValue"] is not None else "n/a"
            alloc = f"{a.alloc / 1e6:.0f} B/task" if a.alloc is not None else ""
        else:
            acell = fmt_time(a.score, a.unit)
            if row["id"] in ("6",):
                alloc = f"{a.alloc / 1e6:.0f} B/task" if a.alloc is not None else ""
            else:
                alloc = f"{a.alloc:.0f} B/op" if a.alloc is not None else ""
        cells = []
        for key, _ in SYSTEMS[1:]:
            if key not in row["cells"]:
                cells.append("—")
                continue
            r, v, ratio = row["cells"][key]
            if r is None or v is None:
                cells.append("not run")
            elif memory:
                cells.append(f"{v:.0f} B ({fmt_ratio(ratio)})")
            else:
                cells.append(f"{fmt_time(r.score, r.unit)} ({fmt_ratio(ratio)})")
        base = []
        if row["id"] == "1":
            nin = results.get("NonSuspendingAwait.awaitjNotInlined")
            pnin = results.get("NonSuspendingAwait.plainCallNotInlined")
            if nin is not None and pnin is not None:
                base.append(f"awaitj with a callee that is not inlined: {fmt_time(nin.score, nin.unit)}"
                            + (f", {nin.alloc:.0f} B/op" if nin.alloc is not None else "")
                            + f", {fmt_ratio(in_ns(nin) / in_ns(pnin))} of the plain call not inlined")
        for btitle, (r, v, ratio) in row["baselines"].items():
            if r is not None:
                base.append(f"{btitle}: {fmt_time(r.score, r.unit)}, awaitj {fmt_ratio(ratio)} of it")
        lines.append(f"| ({row['id']}) {row['title']} | {acell} | {alloc} | " + " | ".join(cells)
                     + " | " + "; ".join(base) + " |")
    lines.append("")
    lines.append("Cells: time per operation (bytes per parked task for 7) and, in parentheses, peer / awaitj: "
                 "above 1x awaitj is faster (smaller). Baselines: awaitj / baseline. "
                 "\"—\": no such row for that system.")
    if frame is not None and frame.alloc is not None:
        lines.append(f"The callee's frame alone (NonSuspendingAwait.awaitjFrameOnly) allocates "
                     f"{frame.alloc:.0f} B.")
    py_plain = results.get("NonSuspendingAwait.asyncioPlainCall")
    py_await = results.get("NonSuspendingAwait.asyncio")
    if py_plain is not None and py_await is not None:
        lines.append(f"In CPython, the await of a non-suspending coroutine takes {fmt_time(py_await.score, py_await.unit)} "
                     f"against {fmt_time(py_plain.score, py_plain.unit)} for a plain call "
                     f"({fmt_ratio(in_ns(py_await) / in_ns(py_plain))}).")
    b7 = next((r["awaitjValue"] for r in table if r["id"] == "7"), None)
    if b7:
        lines.append(f"Parked awaitj tasks that fit in a 4 GiB heap (estimated from bytes per task, heap "
                     f"otherwise empty): about {4 * GiB / b7 / 1e6:.0f} million.")
    lines.append("")
    lines.append("| goal | workload | figure | |")
    lines.append("|---|---|---|---|")
    for wid, text, shown, verdict in goals:
        lines.append(f"| {text} | ({wid}) | {shown} | {verdict or 'not measured'} |")
    lines.append("")
    lines.append("Time ratios show in parentheses their range over the iterations (the fastest of one against the "
                 "slowest of the other, both ways); \"within the noise\": the goal lies inside that range, so "
                 "another run may well give the other verdict.")
    return "\n".join(lines)


def per_second(r):
    """Operations per second from a JMH or Python result: an average time (ns/op, ...) or a rate (ops/s, ...)."""
    if r is None:
        return None
    if r.unit.startswith("ops/"):
        return r.score / {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1, "min": 60}[r.unit[4:]]
    ns = in_ns(r)
    return 1e9 / ns if ns else None


def fmt_rate(x):
    return "n/a" if x is None else f"{x:,.0f}/s"


def build_echo(results):
    """Rows {title, awaitj rate, awaitj alloc, cells {system: (rate, awaitj/peer)}} and the echo goals."""
    rows, goals = [], []

    def get(method, params):
        return results.get(f"{ECHO_CLASS}.{method}[{params}]")

    for params, title in ECHO_WORKLOADS:
        a = get("awaitj", params)
        av = per_second(a)
        cells = {}
        for key, _ in ECHO_SYSTEMS:
            v = per_second(get(key, params))
            cells[key] = (v, av / v if (v and av) else None)
        one = per_second(get("awaitjOneLoop", params))
        ip = get("awaitjInPlace", params)
        rows.append({"params": params, "title": title, "awaitj": av,
                     "alloc": a.alloc if a is not None else None, "cells": cells, "oneLoop": one,
                     "inPlace": (per_second(ip), ip.alloc) if ip is not None else None})
        netty = get("netty", params)
        for name, r in (("awaitj", a), ("awaitj reading into kept arrays", ip)):
            if r is not None and r.alloc is not None and netty is not None and netty.alloc is not None:
                goals.append((title, f"echo: at most Netty's bytes a round trip ({name})",
                              f"{r.alloc:.0f} B against {netty.alloc:.0f} B", r.alloc <= netty.alloc))
        for key, target, text in (("netty", 0.8, "at least 0.8x Netty's throughput"),
                                  ("virtualThread", 1.0, "ahead of virtual threads"),
                                  ("asyncio", 3.0, "at least 3x asyncio streams")):
            ratio = cells[key][1]
            ok = None if ratio is None else (ratio > target if target == 1.0 else ratio >= target)
            goals.append((title, "echo: " + text, fmt_ratio(ratio), ok))
        py = cells["asyncio"][0]
        if one and py:
            # the setup the asyncio script has: server and client on one loop thread
            goals.append((title, "echo: at least 3x asyncio streams, both with server and client on one loop",
                          fmt_ratio(one / py), one / py >= 3.0))
    return rows, goals


def render_echo(rows, goals):
    lines = ["| echo workload | awaitj | awaitj alloc | " + " | ".join(t for _, t in ECHO_SYSTEMS) + " |",
             "|---|---|---|" + "---|" * len(ECHO_SYSTEMS)]
    for row in rows:
        alloc = f"{row['alloc']:.0f} B/round trip" if row["alloc"] is not None else ""
        cells = []
        for key, _ in ECHO_SYSTEMS:
            v, ratio = row["cells"][key]
            cells.append("not run" if v is None else f"{fmt_rate(v)} ({fmt_ratio(ratio)})")
        lines.append(f"| {row['title']} | {fmt_rate(row['awaitj'])} | {alloc} | " + " | ".join(cells) + " |")
    lines.append("")
    lines.append("Cells: round trips per second of the whole system (client and server) and, in parentheses, "
                 "awaitj / peer: above 1x awaitj is faster. awaitj alloc: heap bytes allocated per round trip "
                 "by all threads (-prof gc).")
    one = [f"{row['title']}: {fmt_rate(row['oneLoop'])}"
           + (f" ({fmt_ratio(row['oneLoop'] / row['cells']['asyncio'][0])} asyncio)"
              if row["cells"]["asyncio"][0] else "")
           for row in rows if row["oneLoop"] is not None]
    if one:
        lines.append("awaitj with server and client on one loop thread, as the asyncio script runs them: "
                     + "; ".join(one) + ".")
    in_place = [f"{row['title']}: {fmt_rate(row['inPlace'][0])}"
                + (f", {row['inPlace'][1]:.0f} B/round trip" if row["inPlace"][1] is not None else "")
                for row in rows if row["inPlace"] is not None]
    if in_place:
        lines.append("awaitj with server and client reading into arrays they keep (readInto, write(data, from, "
                     "length)) instead of an array per read: " + "; ".join(in_place) + ".")
    lines.append("")
    lines.append("| goal | workload | awaitj / peer | |")
    lines.append("|---|---|---|---|")
    for title, text, shown, ok in goals:
        verdict = "not measured" if ok is None else ("met" if ok else "missed")
        lines.append(f"| {text} | {title} | {shown} | {verdict} |")
    return "\n".join(lines)


def load_cpu_log(path):
    """{server: (server µs, client µs per round trip, cores busy)}: medians of the measurement iterations' "cpu per round
    trip" lines that EchoCores prints into JMH's log (a line belongs to the iteration header before it)."""
    import re
    per = {}
    measuring = False
    line_re = re.compile(r"cpu per round trip \((\w+)\): server ([0-9.]+) us, client ([0-9.]+) us; "
                         r"cores busy ([0-9.]+)")
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            if "# Warmup Iteration" in line:
                measuring = False
            elif re.match(r"^Iteration\s+\d+:", line):
                measuring = True
            m = line_re.search(line)
            if m and measuring:
                per.setdefault(m.group(1), []).append(tuple(float(m.group(i)) for i in (2, 3, 4)))
    return {k: tuple(statistics.median(x[i] for x in v) for i in range(3)) for k, v in per.items()}


def render_cores(results, cpu):
    """The every-core table (round trips per second, JMH's error, awaitj LoopGroup(2) / each) and its goals."""
    def get(cls, method):
        return results.get(f"{cls}.{method}[{CORES_PARAMS}]")

    group = per_second(get(CORES_CLASS, "awaitjGroup2"))
    in_jvm_any = any(get(ECHO_CLASS, m) is not None for m, _ in CORES_SERVERS)
    head = "| server (client in another JVM) | round trips/s | ± error | LoopGroup(2) / it | server alloc |"
    sep = "|---|---|---|---|---|"
    if cpu:
        head += " server CPU / round trip | client CPU / round trip | cores busy |"
        sep += "---|---|---|"
    if in_jvm_any:
        head += " client in the same JVM: round trips/s | LoopGroup(2) / it |"
        sep += "---|---|"
    lines = [head, sep]
    in_jvm_group = per_second(get(ECHO_CLASS, "awaitjGroup2"))
    for method, title in CORES_SERVERS:
        r = get(CORES_CLASS, method)
        if r is None:
            continue
        v = per_second(r)
        err = f"±{100 * r.error / r.score:.0f}%" if r.error is not None and r.score else ""
        ratio = fmt_ratio(group / v) if group and v else "n/a"
        alloc = f"{r.alloc:.0f} B" if r.alloc is not None else ""
        row = f"| {title} | {fmt_rate(v)} | {err} | {ratio} | {alloc} |"
        if cpu:
            c = cpu.get(method)
            row += f" {c[0]:.1f} µs | {c[1]:.1f} µs | {c[2]:.2f} |" if c else " | | |"
        if in_jvm_any:
            e = get(ECHO_CLASS, method)
            ev = per_second(e)
            if ev is None:
                row += " — | |"
            else:
                eerr = f" ±{100 * e.error / e.score:.0f}%" if e.error is not None and e.score else ""
                row += f" {fmt_rate(ev)}{eerr} | {fmt_ratio(in_jvm_group / ev) if in_jvm_group else 'n/a'} |"
        lines.append(row)
    lines.append("")
    lines.append("Round trips per second of 100 connections ping-ponging 1 KiB; LoopGroup(2) / it: above 1x awaitj's "
                 "LoopGroup(2) is faster. Error: JMH's 99.9% interval of the score. Server alloc: bytes the server "
                 "JVM allocates per round trip (-prof gc; the client's are not counted). CPU: user + system time of "
                 "each process per round trip, and the cores server and client kept busy together (CPU time / wall time, "
                 "at most 2 here), medians of the measurement iterations.")
    lines.append("")
    lines.append("| goal | awaitj LoopGroup(2) / peer | |")
    lines.append("|---|---|---|")
    for peer, target, text in CORES_GOALS:
        v = per_second(get(CORES_CLASS, peer))
        ratio = group / v if group and v else None
        ok = None if ratio is None else (ratio > target if text.startswith("ahead") else ratio >= target)
        verdict = "not measured" if ok is None else ("met" if ok else "missed")
        lines.append(f"| {text} | {fmt_ratio(ratio)} | {verdict} |")
    return "\n".join(lines)


def render_raw(results):
    """Every score of the run with its error (JMH's 99.9% interval) and allocation, for the record."""
    lines = ["| benchmark | score | ± error | unit | alloc (B/op, -prof gc) | bytes/parked task |",
             "|---|---|---|---|---|---|"]
    for key in sorted(results):
        r = results[key]
        err = f"{r.error:.3g}" if r.error is not None else ""
        alloc = f"{r.alloc:.1f}" if r.alloc is not None else ""
        parked = f"{r.extra['bytesPerTask']:.1f}" if "bytesPerTask" in r.extra else ""
        lines.append(f"| {key} | {r.score:.4g} | {err} | {r.unit} | {alloc} | {parked} |")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("jmh")
    ap.add_argument("python", nargs="*")
    ap.add_argument("--capacity", help="file with the output of the 10M parked-task check")
    ap.add_argument("--markdown", help="also write the tables to this file")
    ap.add_argument("--log", help="JMH's log of an EchoCores run, for the CPU time per round trip")
    args = ap.parse_args()
    results, jmh_meta = load_jmh(args.jmh)
    py_meta = {}
    for path in args.python:
        py, meta = load_python(path)
        results.update(py)
        py_meta = py_meta or meta
    capacity = None
    if args.capacity:
        try:
            with open(args.capacity) as f:
                capacity = f.read().strip().splitlines()[-1]
        except (OSError, IndexError):
            capacity = None
    table, goals, frame = build(results, capacity)
    parts = []
    if any(k.split(".")[0] in {w[2] for w in WORKLOADS} for k in results):
        parts.append(render(table, goals, frame, results))
    if any(k.split(".")[0] == CORES_CLASS for k in results):
        parts.append(render_cores(results, load_cpu_log(args.log) if args.log else None))
    if any(k.startswith(ECHO_CLASS + ".") and "[connections=1]" in k for k in results):
        parts.append(render_echo(*build_echo(results)))
    text = "\n\n".join(parts) if parts else render(table, goals, frame, results)
    header = (f"JDK {jmh_meta.get('jdk')} ({jmh_meta.get('vm')} {jmh_meta.get('vmVersion')}), JMH "
              f"{jmh_meta.get('jmh')}; Python {py_meta.get('python', 'not run')}")
    print(header)
    print()
    print(text)
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(header + "\n\n" + text + "\n\n" + render_raw(results) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
