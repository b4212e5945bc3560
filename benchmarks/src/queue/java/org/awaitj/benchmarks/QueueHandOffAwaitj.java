package org.awaitj.benchmarks;

import static org.awaitj.AsyncIO.await;
import static org.awaitj.AsyncIO.createTask;
import static org.awaitj.AsyncIO.result;

import java.util.concurrent.TimeUnit;
import org.awaitj.AsyncIO;
import org.awaitj.Coroutine;
import org.awaitj.queue.Queue;
import org.awaitj.Task;
import org.awaitj.annotations.Async;
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
 * Workload 3, awaitj row: {@code org.awaitj.queue.Queue} of size 1 between a producer task and a consumer task.
 * Compiled only when runtime/src/main/java/org/awaitj/Queue.java exists (profile awaitj-queue).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class QueueHandOffAwaitj {

    @Async
    static Coroutine<Void> producer(Queue<Object> q, int n, Object item) {
        for (int i = 0; i < n; i++) {
            await(q.put(item));
        }
        return result();
    }

    @Async
    static Coroutine<Void> consumer(Queue<Object> q, int n, Blackhole bh) {
        for (int i = 0; i < n; i++) {
            bh.consume(await(q.get()));
        }
        return result();
    }

    @Async
    static Coroutine<Void> handOff(int n, Object item, Blackhole bh) {
        Queue<Object> q = new Queue<>(1);
        Task<Void> p = createTask(producer(q, n, item));
        Task<Void> c = createTask(consumer(q, n, bh));
        await(p);
        await(c);
        return result();
    }

    @Benchmark
    @OperationsPerInvocation(Sizes.OPS)
    public void awaitj(Blackhole bh) {
        AsyncIO.run(handOff(Sizes.OPS, QueueHandOff.ITEM, bh));
    }
}
