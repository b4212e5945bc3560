package org.awaitj.benchmarks;

import org.awaitj.AsyncIO;
import org.awaitj.benchmarks.kotlin.KotlinWorkloads;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * Workload 5: gather of {@link Sizes#GATHER} empty tasks (create them, run them, collect their results); the
 * score is per gather. Kotlin {@code List(k) { async {} }.awaitAll()}, virtual threads started then joined,
 * {@code allOf} over {@code supplyAsync} on a bare executor loop.
 */
public class Gather1000 extends SteadyState {
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
        GatherScaling.startThenJoin(Sizes.GATHER);
    }

    @Benchmark
    public Object completableFuture() {
        return GatherScaling.allOf(loop, Sizes.GATHER);
    }
}
