package org.awaitj.benchmarks;

import org.awaitj.AsyncIO;
import org.awaitj.benchmarks.kotlin.KotlinWorkloads;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Workload 9: an await chain {@link Sizes#DEPTH} deep that never suspends (each level could: its bottom has an
 * await under a false condition), {@link Sizes#OPS} times; the score is per chain of ten calls. Every level's
 * callee is kept out of line (not inlined), for awaitj, Kotlin and the plain calls alike.
 */
public class FlatChain extends SteadyState {
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static int plain(int depth, boolean suspend) {
        if (depth == 1) {
            if (suspend) {
                Thread.yield();
            }
            return 1;
        }
        return plain(depth - 1, suspend) + 1;
    }

    private boolean suspend;

    /** The baseline: ten plain calls, each a real call. */
    @Benchmark
    @OperationsPerInvocation(Sizes.OPS)
    public void plainNotInlined(Blackhole bh) {
        for (int i = 0; i < Sizes.OPS; i++) {
            bh.consume(plain(Sizes.DEPTH, suspend));
        }
    }

    @Benchmark
    @OperationsPerInvocation(Sizes.OPS)
    public void awaitj(Blackhole bh) {
        AsyncIO.run(AwaitjWorkloads.flatChains(Sizes.OPS, Sizes.DEPTH, bh));
    }

    /** Through virtual calls, fused on the receiver's class. */
    @Benchmark
    @OperationsPerInvocation(Sizes.OPS)
    public void awaitjNotLinked(Blackhole bh) {
        AsyncIO.run(AwaitjWorkloads.flatChainsNotLinked(Sizes.OPS, Sizes.DEPTH, new AwaitjWorkloads.Chains(), bh));
    }

    @Benchmark
    @OperationsPerInvocation(Sizes.OPS)
    public void kotlin(Blackhole bh) {
        KotlinWorkloads.flatChains(Sizes.OPS, Sizes.DEPTH, bh);
    }
}
