package org.awaitj.benchmarks;

import java.util.ArrayDeque;
import java.util.concurrent.locks.ReentrantLock;
import org.awaitj.AsyncIO;
import org.awaitj.benchmarks.kotlin.KotlinWorkloads;
import org.awaitj.queue.Queue;
import org.awaitj.sync.Lock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Workloads 10 and 11: awaits of the runtime's waits that need not suspend, {@link Sizes#OPS} of them in one
 * task, on a lock or queue made outside it (so that the JIT cannot prove it local); the score is per operation. (10) a free lock acquired and released, against Kotlin's Mutex and a
 * ReentrantLock; (11) a put into an unbounded queue and the get of the item, against Kotlin's unlimited
 * Channel and an ArrayDeque. The same rows with {@code -Dawaitj.fuse=false} in the benchmark JVM measure the
 * path without the runtime's direct entries.
 */
public class FreeWaits extends SteadyState {
    static final Object ITEM = new Object();

    @Benchmark
    @OperationsPerInvocation(Sizes.OPS)
    public void awaitjLock(Blackhole bh) {
        AsyncIO.run(AwaitjWorkloads.freeLock(new Lock(), Sizes.OPS, bh));
    }

    @Benchmark
    @OperationsPerInvocation(Sizes.OPS)
    public void kotlinMutex(Blackhole bh) {
        KotlinWorkloads.freeMutex(Sizes.OPS, bh);
    }

    /** The synchronous baseline: an uncontended ReentrantLock. */
    @Benchmark
    @OperationsPerInvocation(Sizes.OPS)
    public void plainLock(Blackhole bh) {
        ReentrantLock lock = new ReentrantLock();
        for (int i = 0; i < Sizes.OPS; i++) {
            lock.lock();
            bh.consume(lock.isLocked());
            lock.unlock();
        }
    }

    @Benchmark
    @OperationsPerInvocation(Sizes.OPS)
    public void awaitjQueue(Blackhole bh) {
        AsyncIO.run(AwaitjWorkloads.freeQueue(new Queue<>(), Sizes.OPS, ITEM, bh));
    }

    @Benchmark
    @OperationsPerInvocation(Sizes.OPS)
    public void kotlinChannel(Blackhole bh) {
        KotlinWorkloads.bufferedChannel(Sizes.OPS, ITEM, bh);
    }

    /** The synchronous baseline: an ArrayDeque's offer and poll. */
    @Benchmark
    @OperationsPerInvocation(Sizes.OPS)
    public void plainDeque(Blackhole bh) {
        ArrayDeque<Object> q = new ArrayDeque<>();
        for (int i = 0; i < Sizes.OPS; i++) {
            q.offer(ITEM);
            bh.consume(q.poll());
        }
    }
}
