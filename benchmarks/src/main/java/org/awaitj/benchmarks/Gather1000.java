package org.awaitj.benchmarks;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.awaitj.AsyncIO;
import org.awaitj.benchmarks.kotlin.KotlinWorkloads;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Workload 5: gather of {@link Sizes#GATHER} empty tasks (create them, run them, collect their results); the
 * score is per gather. Kotlin {@code List(k) { async {} }.awaitAll()}, virtual threads started then joined,
 * {@code allOf} over {@code supplyAsync} on a bare executor loop.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class Gather1000 {
    private static final Runnable EMPTY = () -> { };
    private static final Supplier<Object> EMPTY_SUPPLIER = () -> null;
    private SameThreadExecutor loop;

    @Setup
    public void setup() {
        loop = new SameThreadExecutor();
    }

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
