package org.awaitj.benchmarks;

import java.util.concurrent.CompletableFuture;
import org.awaitj.AsyncIO;
import org.awaitj.benchmarks.ea.EaWorkloads;
import org.awaitj.benchmarks.kotlin.KotlinWorkloads;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Workload 1: awaiting an async call that returns without suspending, against a plain method call. Each
 * invocation makes {@link Sizes#OPS} calls in a loop (inside one task, for the async systems); the score is
 * per call. The callee could suspend (it has an await under a false condition), so it is a real state
 * machine: for awaitj the cost is one frame object, for Kotlin one continuation.
 */
public class NonSuspendingAwait extends SteadyState {
    private final Object x = new Object();
    private boolean suspend;
    static Object plain(Object x, boolean suspend) {
        if (suspend) {
            Thread.yield();
        }
        return x;
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static Object plainNotInlined(Object x, boolean suspend) {
        if (suspend) {
            Thread.yield();
        }
        return x;
    }

    static CompletableFuture<Object> cfLeaf(Object x) {
        return CompletableFuture.completedFuture(x);
    }

    /** The baseline: the same loop calling an ordinary method, which the JIT inlines. */
    @Benchmark
    @OperationsPerInvocation(Sizes.OPS)
    public void plainCall(Blackhole bh) {
        for (int i = 0; i < Sizes.OPS; i++) {
            bh.consume(plain(x, suspend));
        }
    }

    /** The same, with the call kept (not inlined): what a call costs when it really happens. */
    @Benchmark
    @OperationsPerInvocation(Sizes.OPS)
    public void plainCallNotInlined(Blackhole bh) {
        for (int i = 0; i < Sizes.OPS; i++) {
            bh.consume(plainNotInlined(x, suspend));
        }
    }

    @Benchmark
    @OperationsPerInvocation(Sizes.OPS)
    public void awaitj(Blackhole bh) {
        AsyncIO.run(AwaitjWorkloads.awaitLeaves(Sizes.OPS, x, bh));
    }

    /** The same with a callee the JIT may not inline: to compare with {@link #plainCallNotInlined}. */
    @Benchmark
    @OperationsPerInvocation(Sizes.OPS)
    public void awaitjNotInlined(Blackhole bh) {
        AsyncIO.run(AwaitjWorkloads.awaitLeavesNotInlined(Sizes.OPS, x, bh));
    }

    /** The same through a virtual call, which the fused site links on its receivers' class. */
    @Benchmark
    @OperationsPerInvocation(Sizes.OPS)
    public void awaitjNotLinked(Blackhole bh) {
        AsyncIO.run(AwaitjWorkloads.awaitLeavesNotLinked(Sizes.OPS, x, LEAVES, bh));
    }

    /** A virtual call whose receivers are of two classes in turn: the site links both. */
    @Benchmark
    @OperationsPerInvocation(Sizes.OPS)
    public void awaitjTwoClasses(Blackhole bh) {
        AsyncIO.run(AwaitjWorkloads.awaitLeavesTwoClasses(Sizes.OPS, x, LEAVES, OTHER_LEAVES, bh));
    }

    /**
     * A virtual call whose site linked two other receiver classes first: the call through the virtual bridge of the
     * receiver's class, which runs its direct entry.
     */
    @Benchmark
    @OperationsPerInvocation(Sizes.OPS)
    public void awaitjUnlinked(Blackhole bh) {
        AsyncIO.run(AwaitjWorkloads.awaitLeavesUnlinked(Sizes.OPS, x, OTHER_LEAVES, MORE_LEAVES, LEAVES, bh));
    }

    /**
     * As {@link #awaitjUnlinked}, the receiver of a third subclass that inherits the method: through the bridge it
     * inherits, then the site inside that bridge, linked on the receiver's class.
     */
    @Benchmark
    @OperationsPerInvocation(Sizes.OPS)
    public void awaitjUnlinkedInherited(Blackhole bh) {
        AsyncIO.run(AwaitjWorkloads.awaitLeavesUnlinked(Sizes.OPS, x, OTHER_LEAVES, MORE_LEAVES, LAST_LEAVES, bh));
    }

    /** As {@link #awaitjUnlinked}, an interface call: through the interface's bridge, which Leaves' overrides. */
    @Benchmark
    @OperationsPerInvocation(Sizes.OPS)
    public void awaitjUnlinkedInterface(Blackhole bh) {
        AsyncIO.run(AwaitjWorkloads.awaitLeafUnlinked(Sizes.OPS, x, OTHER_LEAVES, MORE_LEAVES, LEAVES, bh));
    }

    /** A super call, {@code await(super.leaf(...))}, which links to the superclass's entry. */
    @Benchmark
    @OperationsPerInvocation(Sizes.OPS)
    public void awaitjSuperCall(Blackhole bh) {
        AsyncIO.run(SUPER_CALLER.awaitSuperLeaves(Sizes.OPS, x, bh));
    }

    private static final AwaitjWorkloads.SuperCaller SUPER_CALLER = new AwaitjWorkloads.SuperCaller();
    private static final AwaitjWorkloads.Leaves LEAVES = new AwaitjWorkloads.Leaves();
    private static final AwaitjWorkloads.Leaves OTHER_LEAVES = new AwaitjWorkloads.OtherLeaves();
    private static final AwaitjWorkloads.Leaves MORE_LEAVES = new AwaitjWorkloads.MoreLeaves();
    private static final AwaitjWorkloads.Leaves LAST_LEAVES = new AwaitjWorkloads.LastLeaves();

    /** Only calls the @Async method (creates its frame) without awaiting it: the size of the callee's frame. */
    @Benchmark
    @OperationsPerInvocation(Sizes.OPS)
    public void awaitjFrameOnly(Blackhole bh) {
        for (int i = 0; i < Sizes.OPS; i++) {
            bh.consume(AwaitjWorkloads.leaf(x, suspend));
        }
    }

    @Benchmark
    @OperationsPerInvocation(Sizes.OPS)
    public void kotlin(Blackhole bh) {
        KotlinWorkloads.awaitLeaves(Sizes.OPS, x, bh);
    }

    @Benchmark
    @OperationsPerInvocation(Sizes.OPS)
    public void eaAsync(Blackhole bh) {
        loop.runUntilComplete(EaWorkloads.awaitLeaves(Sizes.OPS, x, bh, loop));
    }

    @Benchmark
    @OperationsPerInvocation(Sizes.OPS)
    public void completableFuture(Blackhole bh) {
        for (int i = 0; i < Sizes.OPS; i++) {
            bh.consume(cfLeaf(x).join());
        }
    }
}
