package org.awaitj.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Heap in use after full collections (MemoryMXBean after System.gc(), no JOL): the workload calls
 * {@link #before()} when nothing is parked yet, {@link #parked()} while every task is parked and
 * {@link #after()} once all of them have finished and were released, still inside the same loop. The bytes
 * per parked task are {@code (parked - after) / tasks}: what the parked tasks hold, without what the
 * scheduler keeps once they are gone (a grown ready queue, say), which {@code (parked - before) / tasks}
 * includes.
 */
public final class HeapMeter {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    public long before;
    public long parked;
    public long after;

    public void before() {
        before = used();
    }

    public void parked() {
        parked = used();
    }

    public void after() {
        after = used();
    }

    /** Heap bytes in use once garbage is gone. */
    public static long used() {
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            long u = MEMORY.getHeapMemoryUsage().getUsed();
            if (Math.abs(u - last) < 64 * 1024) {
                return u;
            }
            last = u;
        }
        return last;
    }
}
