package org.awaitj.benchmarks;

import java.util.concurrent.CompletableFuture;
import org.awaitj.AsyncIO;
import org.awaitj.benchmarks.ea.EaWorkloads;
import org.awaitj.benchmarks.kotlin.KotlinWorkloads;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;

/**
 * Workload 2: suspend and resume through the loop. Two tasks each yield {@link Sizes#OPS} times
 * ({@code sleep(0)}, Kotlin {@code yield()}, {@code Thread.yield()} on one carrier, a turn of a bare executor
 * loop for CompletableFuture and ea-async); the score is per yield (one suspend plus one resume).
 */
public class PingPong extends SteadyState {
    /** Hand-written state machines on a bare ArrayDeque loop: the floor. */
    @Benchmark
    @OperationsPerInvocation(2 * Sizes.OPS)
    public int floor() {
        return Floor.pingPong(Sizes.OPS);
    }

    @Benchmark
    @OperationsPerInvocation(2 * Sizes.OPS)
    public void awaitj() {
        AsyncIO.run(AwaitjWorkloads.pingPong(Sizes.OPS));
    }

    @Benchmark
    @OperationsPerInvocation(2 * Sizes.OPS)
    public void kotlin() {
        KotlinWorkloads.pingPong(Sizes.OPS);
    }

    @Benchmark
    @OperationsPerInvocation(2 * Sizes.OPS)
    public void virtualThread() {
        VirtualThreads.run(() -> {
            Thread a = VirtualThreads.start(PingPong::yieldLoop);
            Thread b = VirtualThreads.start(PingPong::yieldLoop);
            VirtualThreads.join(a);
            VirtualThreads.join(b);
        });
    }

    private static void yieldLoop() {
        for (int i = 0; i < Sizes.OPS; i++) {
            Thread.yield();
        }
    }

    @Benchmark
    @OperationsPerInvocation(2 * Sizes.OPS)
    public void eaAsync() {
        CompletableFuture<Void> a = EaWorkloads.yielder(Sizes.OPS, loop);
        CompletableFuture<Void> b = EaWorkloads.yielder(Sizes.OPS, loop);
        loop.runUntilComplete(CompletableFuture.allOf(a, b));
    }

    @Benchmark
    @OperationsPerInvocation(2 * Sizes.OPS)
    public void completableFuture() {
        SameThreadExecutor l = loop;
        CompletableFuture<Void> a = CfLoops.repeat(Sizes.OPS, i -> l.yieldNow());
        CompletableFuture<Void> b = CfLoops.repeat(Sizes.OPS, i -> l.yieldNow());
        loop.runUntilComplete(CompletableFuture.allOf(a, b));
    }
}
