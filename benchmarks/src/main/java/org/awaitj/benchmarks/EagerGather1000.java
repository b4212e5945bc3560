package org.awaitj.benchmarks;

import static org.awaitj.AsyncIO.await;
import static org.awaitj.AsyncIO.gather;
import static org.awaitj.AsyncIO.result;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitj.Coroutine;
import org.awaitj.EventLoop;
import org.awaitj.annotations.Async;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A gather of {@link Sizes#GATHER} coroutines that return at once, on a loop with eager tasks (asyncio 3.12's
 * eager_task_factory: each coroutine runs inside createTask, and its task is done before it is ever queued)
 * against the usual lazy tasks (each one queued, then stepped by the loop). The score is per gather.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EagerGather1000 {
    @Param({"false", "true"})
    public boolean eager;

    private EventLoop loop;

    @Setup(Level.Trial)
    public void setup() {
        loop = new EventLoop();
        loop.setEagerTasks(eager);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        loop.close();
    }

    @Async
    static Coroutine<Integer> returnsAtOnce(int i) {
        return result(i);
    }

    @Async
    static Coroutine<Integer> gatherAll(int n) {
        List<Coroutine<Integer>> coros = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            coros.add(returnsAtOnce(i));
        }
        List<Integer> results = await(gather(coros));
        return result(results.size());
    }

    @Benchmark
    public Object gather1000() {
        return loop.runUntilComplete(gatherAll(Sizes.GATHER));
    }
}
