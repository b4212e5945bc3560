package org.awaitj.benchmarks;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.awaitj.benchmarks.kotlin.KotlinWorkloads;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Workload 3: a bounded queue handing {@link Sizes#OPS} items from a producer task to a consumer task; the
 * score is per item. The awaitj row ({@code QueueHandOffAwaitj}, {@code org.awaitj.queue.Queue} of size 1) is
 * compiled only once the runtime has a Queue (profile awaitj-queue of benchmarks/pom.xml).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class QueueHandOff {
    static final Object ITEM = new Object();

    /** Kotlin's rendezvous Channel (capacity 0), the reference. */
    @Benchmark
    @OperationsPerInvocation(Sizes.OPS)
    public void kotlinRendezvous(Blackhole bh) {
        KotlinWorkloads.handOff(Sizes.OPS, 0, ITEM, bh);
    }

    /** Kotlin's Channel with one slot, like awaitj's Queue(1). */
    @Benchmark
    @OperationsPerInvocation(Sizes.OPS)
    public void kotlinBuffered1(Blackhole bh) {
        KotlinWorkloads.handOff(Sizes.OPS, 1, ITEM, bh);
    }

    /** Two virtual threads on one carrier and an ArrayBlockingQueue(1). */
    @Benchmark
    @OperationsPerInvocation(Sizes.OPS)
    public long virtualThread() {
        long[] got = new long[1];
        VirtualThreads.run(() -> {
            ArrayBlockingQueue<Object> q = new ArrayBlockingQueue<>(1);
            Thread producer = VirtualThreads.start(() -> {
                try {
                    for (int i = 0; i < Sizes.OPS; i++) {
                        q.put(ITEM);
                    }
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread consumer = VirtualThreads.start(() -> {
                try {
                    for (int i = 0; i < Sizes.OPS; i++) {
                        if (q.take() == ITEM) {
                            got[0]++;
                        }
                    }
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            VirtualThreads.join(producer);
            VirtualThreads.join(consumer);
        });
        return got[0];
    }
}
