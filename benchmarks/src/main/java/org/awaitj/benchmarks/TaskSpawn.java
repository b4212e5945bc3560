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
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Workload 4: create, run and await an empty task, {@link Sizes#OPS} times in sequence from one parent
 * task; the score is per task. awaitj {@code await(createTask(empty()))}, Kotlin {@code launch {}.join()},
 * a virtual thread started and joined from a virtual thread, {@code supplyAsync} on a bare executor loop.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TaskSpawn {
    private static final Runnable EMPTY = () -> { };
    private static final Supplier<Object> EMPTY_SUPPLIER = () -> null;
    private SameThreadExecutor loop;

    @Setup
    public void setup() {
        loop = new SameThreadExecutor();
    }

    @Benchmark
    @OperationsPerInvocation(Sizes.OPS)
    public void awaitj() {
        AsyncIO.run(AwaitjWorkloads.spawnAwait(Sizes.OPS));
    }

    @Benchmark
    @OperationsPerInvocation(Sizes.OPS)
    public void kotlin() {
        KotlinWorkloads.spawnJoin(Sizes.OPS);
    }

    @Benchmark
    @OperationsPerInvocation(Sizes.OPS)
    public void virtualThread() {
        VirtualThreads.run(() -> {
            for (int i = 0; i < Sizes.OPS; i++) {
                VirtualThreads.join(VirtualThreads.start(EMPTY));
            }
        });
    }

    @Benchmark
    @OperationsPerInvocation(Sizes.OPS)
    public void completableFuture() {
        SameThreadExecutor l = loop;
        loop.runUntilComplete(CfLoops.repeat(Sizes.OPS, i -> CompletableFuture.supplyAsync(EMPTY_SUPPLIER, l)));
    }
}
