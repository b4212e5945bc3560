package org.awaitj.benchmarks;

/** The sizes of the workloads, the same for every system (benchmarks/python uses the same numbers). */
public final class Sizes {
    /** Operations per benchmark invocation for the per-operation workloads (1, 2, 3, 4, 8). */
    public static final int OPS = 10_000;
    /** Tasks per gather (5). */
    public static final int GATHER = 1_000;
    /** Tasks of the sleeping and parked workloads (6, 7). */
    public static final int TASKS = 1_000_000;
    /** Depth of the await chain (8): this many coroutine frames, the innermost suspending. */
    public static final int DEPTH = 10;
    /** Seed of the random sleep durations (6). */
    public static final long SEED = 42;

    private Sizes() {
    }

    /**
     * Sleep durations of workload 6, in whole milliseconds in [0, 1000): the same for every system
     * (benchmarks/python computes the same sequence with the same 64-bit LCG).
     */
    public static int[] sleepMillis() {
        long x = SEED;
        int[] ms = new int[TASKS];
        for (int i = 0; i < ms.length; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            ms[i] = (int) ((x >>> 33) % 1000);
        }
        return ms;
    }
}
