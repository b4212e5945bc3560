package org.awaitj.benchmarks;

import java.util.concurrent.CompletableFuture;
import org.awaitj.AsyncIO;
import org.awaitj.benchmarks.ea.EaWorkloads;
import org.awaitj.benchmarks.kotlin.KotlinWorkloads;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Workload 8: an await chain {@link Sizes#DEPTH} coroutines deep whose innermost one suspends once (a turn of
 * the loop), {@link Sizes#OPS} times in sequence; the score is per chain (ten calls, one suspension, ten
 * returns). Each level adds one to its callee's result, so no system can turn the chain into tail calls.
 */
public class DeepChain extends SteadyState {
    @Benchmark
    @OperationsPerInvocation(Sizes.OPS)
    public void awaitj(Blackhole bh) {
        AsyncIO.run(AwaitjWorkloads.chains(Sizes.OPS, Sizes.DEPTH, bh));
    }

    /** The same chain through virtual calls, fused on the receiver's class: its frames carry the receiver. */
    @Benchmark
    @OperationsPerInvocation(Sizes.OPS)
    public void awaitjNotLinked(Blackhole bh) {
        AsyncIO.run(AwaitjWorkloads.chainsNotLinked(Sizes.OPS, Sizes.DEPTH, new AwaitjWorkloads.Chains(), bh));
    }

    @Benchmark
    @OperationsPerInvocation(Sizes.OPS)
    public void kotlin(Blackhole bh) {
        KotlinWorkloads.chains(Sizes.OPS, Sizes.DEPTH, bh);
    }

    @Benchmark
    @OperationsPerInvocation(Sizes.OPS)
    public void eaAsync(Blackhole bh) {
        loop.runUntilComplete(EaWorkloads.chains(Sizes.OPS, Sizes.DEPTH, bh, loop));
    }

    @Benchmark
    @OperationsPerInvocation(Sizes.OPS)
    public long virtualThread() {
        long[] sum = new long[1];
        VirtualThreads.run(() -> {
            long s = 0;
            for (int i = 0; i < Sizes.OPS; i++) {
                s += vtChain(Sizes.DEPTH);
            }
            sum[0] = s;
        });
        return sum[0];
    }

    private static int vtChain(int depth) {
        if (depth == 1) {
            Thread.yield();
            return 1;
        }
        return vtChain(depth - 1) + 1;
    }

    @Benchmark
    @OperationsPerInvocation(Sizes.OPS)
    public void completableFuture() {
        SameThreadExecutor l = loop;
        loop.runUntilComplete(CfLoops.repeat(Sizes.OPS, i -> cfChain(Sizes.DEPTH, l)));
    }

    private static CompletableFuture<Integer> cfChain(int depth, SameThreadExecutor loop) {
        if (depth == 1) {
            return loop.yieldNow().thenApply(v -> 1);
        }
        return cfChain(depth - 1, loop).thenApply(v -> v + 1);
    }
}
