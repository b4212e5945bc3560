package org.awaitj.benchmarks;

import java.util.concurrent.locks.ReentrantLock;
import org.awaitj.AsyncIO;
import org.awaitj.benchmarks.kotlin.KotlinWorkloads;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Workload 10c: a lock that is never free when asked for. Two tasks take turns, {@link Sizes#OPS} acquisitions
 * in all, each holding the lock across a yield to the other, whose acquire then waits in the line; the score is
 * per acquisition (a wait, a wake-up, a yield and a release). awaitj's {@code Lock}, Kotlin's {@code Mutex}, a
 * fair ReentrantLock between two virtual threads on one carrier.
 */
public class LockTurns extends SteadyState {
    @Benchmark
    @OperationsPerInvocation(Sizes.OPS)
    public void awaitj(Blackhole bh) {
        AsyncIO.run(AwaitjWorkloads.lockTurns(Sizes.OPS, bh));
    }

    @Benchmark
    @OperationsPerInvocation(Sizes.OPS)
    public void kotlinMutex(Blackhole bh) {
        KotlinWorkloads.mutexTurns(Sizes.OPS, bh);
    }

    @Benchmark
    @OperationsPerInvocation(Sizes.OPS)
    public void virtualThread(Blackhole bh) {
        VirtualThreads.run(() -> {
            ReentrantLock lock = new ReentrantLock(true);
            Runnable turns = () -> {
                for (int i = 0; i < Sizes.OPS / 2; i++) {
                    lock.lock();
                    try {
                        Thread.yield();
                        bh.consume(lock.isLocked());
                    } finally {
                        lock.unlock();
                    }
                }
            };
            Thread a = VirtualThreads.start(turns);
            Thread b = VirtualThreads.start(turns);
            VirtualThreads.join(a);
            VirtualThreads.join(b);
        });
    }
}
