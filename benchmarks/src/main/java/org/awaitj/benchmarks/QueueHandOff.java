package org.awaitj.benchmarks;

import java.util.concurrent.ArrayBlockingQueue;
import org.awaitj.AsyncIO;
import org.awaitj.benchmarks.kotlin.KotlinWorkloads;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Workload 3: a bounded queue handing {@link Sizes#OPS} items from a producer task to a consumer task; the
 * score is per item. awaitj's {@code org.awaitj.queue.Queue} of size 1, Kotlin's Channel, an
 * ArrayBlockingQueue(1) between two virtual threads.
 */
public class QueueHandOff extends SteadyState {
    static final Object ITEM = new Object();

    @Benchmark
    @OperationsPerInvocation(Sizes.OPS)
    public void awaitj(Blackhole bh) {
        AsyncIO.run(AwaitjWorkloads.handOff(Sizes.OPS, ITEM, bh));
    }

    /** Kotlin's rendezvous Channel (capacity 0), the reference of the hand-off goal. */
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
