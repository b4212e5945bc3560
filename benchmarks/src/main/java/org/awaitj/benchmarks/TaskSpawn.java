package org.awaitj.benchmarks;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.awaitj.AsyncIO;
import org.awaitj.benchmarks.kotlin.KotlinWorkloads;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;

/**
 * Workload 4: create, run and await an empty task, {@link Sizes#OPS} times in sequence from one parent
 * task; the score is per task. awaitj {@code await(createTask(empty()))}, Kotlin {@code launch {}.join()},
 * a virtual thread started and joined from a virtual thread, {@code supplyAsync} on a bare executor loop.
 */
public class TaskSpawn extends SteadyState {
    private static final Runnable EMPTY = () -> { };
    private static final Supplier<Object> EMPTY_SUPPLIER = () -> null;
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
