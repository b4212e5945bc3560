package org.awaitj.benchmarks;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.awaitj.AsyncIO;
import org.awaitj.benchmarks.kotlin.KotlinWorkloads;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * Workload 5: gather of {@link Sizes#GATHER} empty tasks (create them, run them, collect their results); the
 * score is per gather. Kotlin {@code List(k) { async {} }.awaitAll()}, virtual threads started then joined,
 * {@code allOf} over {@code supplyAsync} on a bare executor loop.
 */
public class Gather1000 extends SteadyState {
    private static final Runnable EMPTY = () -> { };
    private static final Supplier<Object> EMPTY_SUPPLIER = () -> null;
    @Benchmark
    public Object awaitj() {
        return AsyncIO.run(AwaitjWorkloads.gatherEmpty(Sizes.GATHER));
    }

    @Benchmark
    public Object kotlin() {
        return KotlinWorkloads.gatherEmpty(Sizes.GATHER);
    }

    @Benchmark
    public void virtualThread() {
        VirtualThreads.run(() -> {
            Thread[] ts = new Thread[Sizes.GATHER];
            for (int i = 0; i < ts.length; i++) {
                ts[i] = VirtualThreads.start(EMPTY);
            }
            for (Thread t : ts) {
                VirtualThreads.join(t);
            }
        });
    }

    @Benchmark
    public Object completableFuture() {
        CompletableFuture<?>[] fs = new CompletableFuture<?>[Sizes.GATHER];
        for (int i = 0; i < fs.length; i++) {
            fs[i] = CompletableFuture.supplyAsync(EMPTY_SUPPLIER, loop);
        }
        return loop.runUntilComplete(CompletableFuture.allOf(fs));
    }
}
