package org.awaitj.benchmarks;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.awaitj.AsyncIO;
import org.awaitj.benchmarks.kotlin.KotlinWorkloads;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * Workload 5 at scale: {@code tasks} empty tasks created, then gathered, at 1,000, 100,000 and 1,000,000; the
 * score is per gather (divide by {@code tasks} for the cost of a task, which should not grow with their number).
 */
public class GatherScaling extends SteadyState {
    private static final Runnable EMPTY = () -> { };
    private static final Supplier<Object> EMPTY_SUPPLIER = () -> null;

    @Param({"1000", "100000", "1000000"})
    public int tasks;

    @Benchmark
    public Object awaitj() {
        return AsyncIO.run(AwaitjWorkloads.gatherEmpty(tasks));
    }

    @Benchmark
    public Object kotlin() {
        return KotlinWorkloads.gatherEmpty(tasks);
    }

    @Benchmark
    public void virtualThread() {
        startThenJoin(tasks);
    }

    @Benchmark
    public Object completableFuture() {
        return allOf(loop, tasks);
    }

    /** {@code n} virtual threads started, then joined: the virtual-thread rows of workload 5. */
    static void startThenJoin(int n) {
        VirtualThreads.run(() -> {
            Thread[] ts = new Thread[n];
            for (int i = 0; i < ts.length; i++) {
                ts[i] = VirtualThreads.start(EMPTY);
            }
            for (Thread t : ts) {
                VirtualThreads.join(t);
            }
        });
    }

    /** {@code allOf} over {@code n} {@code supplyAsync} on the bare executor loop: the CompletableFuture rows. */
    static Object allOf(SameThreadExecutor loop, int n) {
        CompletableFuture<?>[] fs = new CompletableFuture<?>[n];
        for (int i = 0; i < fs.length; i++) {
            fs[i] = CompletableFuture.supplyAsync(EMPTY_SUPPLIER, loop);
        }
        return loop.runUntilComplete(CompletableFuture.allOf(fs));
    }
}
